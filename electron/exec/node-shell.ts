/**
 * A root shell on a node: a privileged pod pinned to the node with the host's PID, network and IPC
 * namespaces, in which `nsenter -t 1` enters the node's own namespaces. The pod exists only for
 * the session: it is deleted when the session ends, however it ends.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { KubeHttpClient } from '../kube/http/kube-http-client';
import type { Connector } from './exec-session';
import { openExecSocket } from './exec-socket';
import { containerVerdict, waitForPod } from './pod-wait';
import { NODE_SHELL_COMMAND } from './shell-command';

export const NODE_SHELL_NAMESPACE = 'kube-system';
export const NODE_SHELL_IMAGE = 'busybox:1.36';
const CONTAINER = 'shell';

export function nodeShellPod(node: string, image: string): Record<string, unknown> {
  const name = `loupe-node-shell-${randomBytes(3).toString('hex')}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NODE_SHELL_NAMESPACE, labels: { 'app.kubernetes.io/managed-by': 'loupe', 'loupe.dev/node-shell': node } },
    spec: {
      nodeName: node,
      hostPID: true,
      hostNetwork: true,
      hostIPC: true,
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: 0,
      // Whatever the node's taints, the shell must land on it.
      tolerations: [{ operator: 'Exists' }],
      containers: [
        {
          name: CONTAINER,
          image,
          // Bounded: if Loupe dies without deleting the pod, it still goes away within hours.
          command: ['sleep', '14400'],
          securityContext: { privileged: true },
        },
      ],
    },
  };
}

export function nodeShellConnector(kc: KubeConfig, request: { node: string; image?: string }): { connect: Connector; cleanUp(): Promise<void> } {
  const manifest = nodeShellPod(request.node, request.image ?? NODE_SHELL_IMAGE);
  const name = (manifest.metadata as { name: string }).name;
  const podsPath = `/api/v1/namespaces/${NODE_SHELL_NAMESPACE}/pods`;
  // Set before the POST goes out: a session closed mid-request may still have created the pod.
  let posted: Promise<unknown> | undefined;
  return {
    connect: async (signal, progress) => {
      const client = new KubeHttpClient(kc);
      try {
        progress(`Creating pod ${NODE_SHELL_NAMESPACE}/${name} on node ${request.node}…`);
        posted = client.text(podsPath, { method: 'POST', contentType: 'application/json', body: JSON.stringify(manifest), signal });
        await posted;
        progress(`Waiting for ${name} to start…`);
        await waitForPod(client, NODE_SHELL_NAMESPACE, name, (p) => containerVerdict(CONTAINER, p.status?.containerStatuses?.find((s) => s.name === CONTAINER)?.state), signal);
        const target = { namespace: NODE_SHELL_NAMESPACE, pod: name, container: CONTAINER, mode: 'exec' as const, command: NODE_SHELL_COMMAND, tty: true };
        return { ws: await openExecSocket(kc, target, signal), container: CONTAINER };
      } finally {
        client.close();
      }
    },
    async cleanUp() {
      if (!posted) return;
      await posted.catch(() => undefined);
      const client = new KubeHttpClient(kc);
      try {
        await client.text(`${podsPath}/${name}`, { method: 'DELETE', query: { gracePeriodSeconds: 0 } });
      } catch {
        // Already gone, or the user may no longer delete it: the bounded sleep ends it anyway.
      } finally {
        client.close();
      }
    },
  };
}
