/**
 * Where one container instance stands, read fresh from the API server (not the cache, which may lag)
 * right before a log connection is opened: so the connection goes to that instance and no other, and
 * an instance that is over is read to its end from the right place (the current container, or
 * `previous=true` once it has restarted).
 */
import type { KubeHttpClient } from '../kube/http/kube-http-client';
import { KubeApiError } from '../kube/http/kube-api-error';

export interface InstanceRef {
  namespace: string;
  pod: string;
  podUid: string;
  container: string;
  /** The container's restartCount while this instance runs. */
  restarts: number;
}

export type InstanceCheck = (
  | { kind: 'running' }
  | { kind: 'notStarted'; reason: string }
  | { kind: 'over' }
  /** The container restarted since: `previous=true` reads this instance when it restarted once. */
  | { kind: 'restarted'; restarts: number }
  | { kind: 'gone' }
) & { containerId?: string };

interface PodJson {
  metadata?: { uid?: string };
  status?: {
    containerStatuses?: Array<{
      name: string;
      containerID?: string;
      restartCount?: number;
      state?: { running?: unknown; waiting?: { reason?: string }; terminated?: { containerID?: string } };
      lastState?: { terminated?: { containerID?: string } };
    }>;
  };
}

export async function checkInstance(client: KubeHttpClient, ref: InstanceRef): Promise<InstanceCheck> {
  const { namespace, pod, podUid, container, restarts } = ref;
  let json: PodJson;
  try {
    json = await client.json<PodJson>(`/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}`);
  } catch (err) {
    if (err instanceof KubeApiError && err.statusCode === 404) return { kind: 'gone' };
    throw err;
  }
  // A pod of the same name that is not this one (a StatefulSet's replacement) is another target.
  if (json.metadata?.uid !== podUid) return { kind: 'gone' };
  const status = json.status?.containerStatuses?.find((c) => c.name === container);
  if (!status) return { kind: 'notStarted', reason: 'ContainerCreating' };
  const count = status.restartCount ?? 0;
  const id = (containerId: string | undefined) => (containerId ? { containerId } : {});
  if (count > restarts) return { kind: 'restarted', restarts: count, ...id(count === restarts + 1 ? status.lastState?.terminated?.containerID : undefined) };
  if (status.state?.running) return { kind: 'running', ...id(status.containerID) };
  if (status.state?.terminated || status.lastState?.terminated) {
    return { kind: 'over', ...id(status.state?.terminated?.containerID ?? status.lastState?.terminated?.containerID) };
  }
  return { kind: 'notStarted', reason: status.state?.waiting?.reason ?? 'ContainerCreating' };
}
