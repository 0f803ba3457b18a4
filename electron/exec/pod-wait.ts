/** Waits on a watch of one pod until a verdict: ready, or failed with the reason the pod gives. */
import type { KubeHttpClient } from '../kube/http/kube-http-client';

export type PodVerdict = 'ready' | { failed: string } | undefined;

const WAIT_SECONDS = 120;

export interface ContainerStateLike {
  waiting?: { reason?: string; message?: string };
  running?: unknown;
  terminated?: { reason?: string; message?: string; exitCode?: number };
}

export interface PodLike {
  metadata?: { name?: string; resourceVersion?: string };
  spec?: Record<string, unknown>;
  status?: {
    phase?: string;
    containerStatuses?: Array<{ name: string; state?: ContainerStateLike }>;
    ephemeralContainerStatuses?: Array<{ name: string; state?: ContainerStateLike }>;
  };
}

/** Waiting reasons that will not resolve on their own (the image cannot be pulled, the spec is wrong). */
const STUCK = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError']);

/** The verdict for one container's state: running is ready; stuck or terminated is a failure. */
export function containerVerdict(name: string, state: ContainerStateLike | undefined): PodVerdict {
  if (!state) return undefined;
  if (state.running) return 'ready';
  const reason = state.waiting?.reason;
  if (reason && STUCK.has(reason)) return { failed: `container ${name}: ${reason}${state.waiting?.message ? `: ${state.waiting.message}` : ''}` };
  if (state.terminated) {
    const t = state.terminated;
    return { failed: `container ${name} ended before the terminal attached (${t.reason ?? 'terminated'}, exit code ${t.exitCode ?? '?'})${t.message ? `: ${t.message}` : ''}` };
  }
  return undefined;
}

export async function waitForPod(
  client: KubeHttpClient,
  namespace: string,
  name: string,
  verdict: (pod: PodLike) => PodVerdict,
  signal: AbortSignal,
): Promise<void> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  let outcome: PodVerdict;
  try {
    await client.watch(
      `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
      { query: { fieldSelector: `metadata.name=${name}`, timeoutSeconds: WAIT_SECONDS }, signal: stop.signal, idleTimeoutMs: (WAIT_SECONDS + 10) * 1000 },
      (event) => {
        if (outcome !== undefined) return;
        if (event.type === 'DELETED') outcome = { failed: `pod ${namespace}/${name} was deleted` };
        else if (event.type === 'ERROR') outcome = { failed: String((event.object as { message?: string }).message ?? 'the watch failed') };
        else outcome = verdict(event.object as PodLike);
        if (outcome !== undefined) stop.abort();
      },
    );
  } catch (err) {
    if (outcome === undefined) throw signal.aborted ? new Error('cancelled') : err;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (outcome === undefined) throw new Error(`pod ${namespace}/${name} was not ready within ${WAIT_SECONDS} s`);
  if (outcome !== 'ready') throw new Error(outcome.failed);
}
