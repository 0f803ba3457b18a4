/**
 * `kubectl drain`, step by step: cordon, then evict every pod on the node through the Eviction API
 * (so PodDisruptionBudgets are honoured; a 429 is retried until the deadline), skipping DaemonSet
 * pods (their controller would recreate them on the node at once), mirror pods (the kubelet owns
 * them) and pods that no controller would bring back or whose emptyDir data would be lost — the
 * cases kubectl refuses without --force / --delete-emptydir-data. Each step is reported.
 */
import type { DrainEvent } from '../../shared/api/channels/objects';
import { KubeApiError } from '../kube/http/kube-api-error';
import type { KubeHttpClient } from '../kube/http/kube-http-client';
import { FIELD_MANAGER } from './apply';

interface Pod {
  metadata: { name: string; namespace: string; uid: string; annotations?: Record<string, string>; ownerReferences?: Array<{ kind: string; controller?: boolean }> };
  spec?: { volumes?: Array<{ emptyDir?: unknown }> };
  status?: { phase?: string };
}

export interface DrainOptions {
  node: string;
  gracePeriodSeconds?: number;
  timeoutSeconds?: number;
  signal: AbortSignal;
  emit: (event: DrainEvent) => void;
  /** How often to look again for an evicted pod's deletion or a PDB to allow an eviction. */
  pollMs?: number;
}

function skipReason(pod: Pod): string | undefined {
  const owners = pod.metadata.ownerReferences ?? [];
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror']) return 'mirror pod: the kubelet manages it';
  if (owners.some((o) => o.kind === 'DaemonSet' && o.controller)) return 'DaemonSet pod: its controller would put it back on this node';
  const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
  if (!finished && !owners.some((o) => o.controller)) return 'not managed by a controller: it would not be recreated elsewhere (kubectl drain needs --force)';
  if (!finished && (pod.spec?.volumes ?? []).some((v) => v.emptyDir !== undefined)) return 'uses emptyDir data that eviction would delete (kubectl drain needs --delete-emptydir-data)';
  return undefined;
}

function abortable(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('drain cancelled'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('drain cancelled'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export async function drainNode(client: KubeHttpClient, options: DrainOptions): Promise<void> {
  const { node, signal, emit } = options;
  const pollMs = options.pollMs ?? 1_000;
  const deadline = Date.now() + (options.timeoutSeconds ?? 300) * 1000;
  const nodeUrl = `/api/v1/nodes/${encodeURIComponent(node)}`;
  const before = await client.json<{ spec?: { unschedulable?: boolean } }>(nodeUrl, { signal });
  if (!before.spec?.unschedulable) {
    await client.json(nodeUrl, {
      method: 'PATCH',
      query: { fieldManager: FIELD_MANAGER },
      contentType: 'application/merge-patch+json',
      body: JSON.stringify({ spec: { unschedulable: true } }),
      signal,
    });
  }
  emit({ type: 'cordoned', node, already: before.spec?.unschedulable === true });

  const list = await client.json<{ items: Pod[] }>('/api/v1/pods', { query: { fieldSelector: `spec.nodeName=${node}` }, signal });
  const skipped: Array<{ pod: string; reason: string }> = [];
  const evict: Pod[] = [];
  for (const pod of list.items) {
    const reason = skipReason(pod);
    if (reason) skipped.push({ pod: `${pod.metadata.namespace}/${pod.metadata.name}`, reason });
    else evict.push(pod);
  }
  emit({ type: 'plan', evict: evict.map((p) => `${p.metadata.namespace}/${p.metadata.name}`), skipped });

  const outcomes = await Promise.all(evict.map((pod) => evictOne(client, pod, options, deadline, pollMs)));
  const evicted = outcomes.filter(Boolean).length;
  const failed = outcomes.length - evicted;
  emit({
    type: 'done',
    evicted,
    failed,
    message: failed
      ? `${node} cordoned; ${evicted} of ${evict.length} pods evicted, ${failed} failed`
      : `${node} drained: ${evicted} pod${evicted === 1 ? '' : 's'} evicted${skipped.length ? `, ${skipped.length} skipped` : ''}`,
  });
}

async function evictOne(client: KubeHttpClient, pod: Pod, options: DrainOptions, deadline: number, pollMs: number): Promise<boolean> {
  const { signal, emit } = options;
  const id = `${pod.metadata.namespace}/${pod.metadata.name}`;
  const podUrl = `/api/v1/namespaces/${encodeURIComponent(pod.metadata.namespace)}/pods/${encodeURIComponent(pod.metadata.name)}`;
  emit({ type: 'evicting', pod: id });
  try {
    for (;;) {
      try {
        await client.json(`${podUrl}/eviction`, {
          method: 'POST',
          contentType: 'application/json',
          body: JSON.stringify({
            apiVersion: 'policy/v1',
            kind: 'Eviction',
            metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace },
            ...(options.gracePeriodSeconds !== undefined ? { deleteOptions: { gracePeriodSeconds: options.gracePeriodSeconds } } : {}),
          }),
          signal,
        });
        break;
      } catch (err) {
        if (err instanceof KubeApiError && err.statusCode === 404) break;
        // 429: a PodDisruptionBudget forbids it for now; kubectl retries every 5 s.
        if (!(err instanceof KubeApiError && err.statusCode === 429) || Date.now() > deadline) throw err;
        await abortable(5_000, signal);
      }
    }
    // Evicted means gone (or replaced by a new pod of the same name), as kubectl waits for.
    for (;;) {
      let current: Pod | undefined;
      try {
        current = await client.json<Pod>(podUrl, { signal });
      } catch (err) {
        if (!(err instanceof KubeApiError && err.statusCode === 404)) throw err;
      }
      if (!current || current.metadata.uid !== pod.metadata.uid) break;
      if (Date.now() > deadline) throw new Error('still terminating when the drain timed out');
      await abortable(pollMs, signal);
    }
    emit({ type: 'evicted', pod: id });
    return true;
  } catch (err) {
    emit({ type: 'failed', pod: id, message: err instanceof Error ? err.message : String(err) });
    return false;
  }
}
