/**
 * `kubectl debug -it <pod> --image=<image> [--target=<container>]`: an ephemeral container added
 * through the `ephemeralcontainers` subresource, then attached to once it runs. Its main process
 * is the image's shell, so the session ends when that shell exits (the container stays in the pod
 * as terminated, as with kubectl).
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { KubeHttpClient } from '../kube/http/kube-http-client';
import type { Connector } from './exec-session';
import { openExecSocket } from './exec-socket';
import { containerVerdict, waitForPod, type PodLike } from './pod-wait';

export interface DebugTarget {
  namespace: string;
  pod: string;
  image: string;
  target?: string;
}

/** kubectl's naming: `debugger-` and five random letters or digits. */
export function debugContainerName(taken: readonly string[]): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  for (;;) {
    const suffix = [...randomBytes(5)].map((b) => alphabet[b % alphabet.length]).join('');
    const name = `debugger-${suffix}`;
    if (!taken.includes(name)) return name;
  }
}

export function debugContainerConnector(kc: KubeConfig, debug: DebugTarget): Connector {
  return async (signal, progress) => {
    const client = new KubeHttpClient(kc);
    try {
      const podPath = `/api/v1/namespaces/${encodeURIComponent(debug.namespace)}/pods/${encodeURIComponent(debug.pod)}`;
      const pod = await client.json<PodLike>(podPath, { signal });
      const existing = ((pod.spec?.ephemeralContainers ?? []) as Array<{ name: string }>).map((c) => c.name);
      const name = debugContainerName(existing);
      progress(`Adding debug container ${name} (${debug.image})…`);
      const container = {
        name,
        image: debug.image,
        imagePullPolicy: 'IfNotPresent',
        stdin: true,
        tty: true,
        terminationMessagePolicy: 'File',
        ...(debug.target ? { targetContainerName: debug.target } : {}),
      };
      await client.text(`${podPath}/ephemeralcontainers`, {
        method: 'PATCH',
        contentType: 'application/strategic-merge-patch+json',
        body: JSON.stringify({ spec: { ephemeralContainers: [container] } }),
        signal,
      });
      progress(`Waiting for ${name} to start…`);
      await waitForPod(client, debug.namespace, debug.pod, (p) => containerVerdict(name, p.status?.ephemeralContainerStatuses?.find((s) => s.name === name)?.state), signal);
      const ws = await openExecSocket(kc, { namespace: debug.namespace, pod: debug.pod, container: name, mode: 'attach', tty: true }, signal);
      return { ws, container: name };
    } finally {
      client.close();
    }
  };
}
