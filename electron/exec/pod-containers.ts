/** Which container a shell opens in when the caller named none, as kubectl picks it. */
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeHttpClient } from '../kube/http/kube-http-client';

interface PodSpecLike {
  metadata?: { annotations?: Record<string, string> };
  spec?: { containers?: Array<{ name: string }> };
}

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

export function pickDefaultContainer(pod: PodSpecLike): string | undefined {
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated && names.includes(annotated)) return annotated;
  return names[0];
}

/**
 * The annotated default container, else the first. Undefined when the pod cannot be read: the API
 * server then decides, and its answer (not found, forbidden, ambiguous) is what the user sees.
 */
export async function defaultContainer(kc: KubeConfig, namespace: string, pod: string, signal: AbortSignal): Promise<string | undefined> {
  const client = new KubeHttpClient(kc);
  try {
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}`;
    return pickDefaultContainer(await client.json<PodSpecLike>(path, { signal }));
  } catch {
    return undefined;
  } finally {
    client.close();
  }
}
