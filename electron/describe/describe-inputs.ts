/**
 * Fetches what kubectl fetches to describe one object: the object, its events and the related
 * objects of its kind. A related fetch that fails degrades like kubectl (that part is left out or
 * says why); only the object itself must be readable.
 */
import type { DescribeInput } from '../../shared/describe';
import { selectorString } from '../../shared/describe/common';
import type { Json } from '../../shared/describe/json';
import { collectionPath, kindInfo, type KindId } from '../../shared/model/kinds';
import type { ObjectRef } from '../../shared/model/object-ref';
import type { KubeHttpClient } from '../kube/http/kube-http-client';
import { KubeApiError } from '../kube/http/kube-api-error';

const LIST_LIMIT = 500;

type Items = { items?: Json[]; metadata?: { continue?: string } };

/** Every page of a list, like kubectl's FollowContinue. */
async function list(client: KubeHttpClient, path: string, query: Record<string, string> = {}): Promise<Json[]> {
  const out: Json[] = [];
  let token: string | undefined;
  do {
    const page = await client.json<Items>(path, { query: { ...query, limit: LIST_LIMIT, ...(token ? { continue: token } : {}) } });
    out.push(...(page.items ?? []));
    token = page.metadata?.continue || undefined;
  } while (token);
  return out;
}

const objectPath = (kind: KindId, namespace: string | undefined, name: string): string =>
  `${collectionPath(kindInfo(kind), namespace)}/${encodeURIComponent(name)}`;

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));
const isStatus = (err: unknown, code: number): boolean => err instanceof KubeApiError && err.statusCode === code;

/** Go's fields.Set.AsSelector(): sorted key=value pairs. */
function fieldSelector(fields: Record<string, string>): string {
  return Object.keys(fields).sort().map((k) => `${k}=${fields[k]}`).join(',');
}

/** searchEvents: by involved object name, namespace, kind (not for pods) and uid; none when unreadable. */
async function events(client: KubeHttpClient, ref: ObjectRef, o: Json, uid?: string): Promise<Json[]> {
  const m = (o.metadata ?? {}) as { name?: string; namespace?: string; uid?: string };
  const fields: Record<string, string> = {
    'involvedObject.name': m.name ?? ref.name,
    'involvedObject.namespace': m.namespace ?? '',
    'involvedObject.uid': uid ?? m.uid ?? '',
  };
  if (ref.kind !== 'pods') fields['involvedObject.kind'] = kindInfo(ref.kind).kind;
  const path = m.namespace ? `/api/v1/namespaces/${encodeURIComponent(m.namespace)}/events` : '/api/v1/events';
  try {
    return await list(client, path, { fieldSelector: fieldSelector(fields) });
  } catch {
    return [];
  }
}

async function podsMatching(client: KubeHttpClient, namespace: string, selector: unknown): Promise<Json[] | string> {
  try {
    return await list(client, collectionPath(kindInfo('pods'), namespace), { labelSelector: selectorString(selector) });
  } catch (err) {
    return message(err);
  }
}

async function orUndefined<T>(work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch {
    return undefined;
  }
}

/** The object (errors propagate: the caller turns them into kubectl's error text) and what its describer needs. */
export async function gatherInput(client: KubeHttpClient, ref: ObjectRef): Promise<DescribeInput> {
  const object = await client.json<Json>(objectPath(ref.kind, ref.namespace, ref.name));
  const spec = (object.spec ?? {}) as Json;
  const namespace = ref.namespace ?? '';
  const input: DescribeInput = { kind: ref.kind, object };
  switch (ref.kind) {
    case 'pods':
    case 'jobs':
    case 'cronjobs':
    case 'configmaps':
    case 'services':
    case 'ingresses':
    case 'persistentvolumeclaims':
    case 'deployments':
    case 'replicasets':
    case 'statefulsets':
    case 'daemonsets':
      input.events = await events(client, ref, object);
      break;
    case 'nodes': {
      const uid = ((object.metadata ?? {}) as { uid?: string }).uid;
      const [byUid, byName] = await Promise.all([events(client, ref, object, uid), events(client, ref, object, ref.name)]);
      input.events = [...byUid, ...byName];
      break;
    }
    default:
      break;
  }
  switch (ref.kind) {
    case 'deployments':
      input.replicaSets = (await orUndefined(list(client, collectionPath(kindInfo('replicasets'), namespace), { labelSelector: selectorString(spec.selector) }))) ?? [];
      break;
    case 'replicasets':
    case 'statefulsets':
    case 'daemonsets':
      input.pods = await podsMatching(client, namespace, spec.selector);
      break;
    case 'persistentvolumeclaims':
      input.pods = (await orUndefined(list(client, collectionPath(kindInfo('pods'), namespace)))) ?? [];
      break;
    case 'services':
      input.endpoints = await orUndefined(client.json<Json>(`/api/v1/namespaces/${encodeURIComponent(namespace)}/endpoints/${encodeURIComponent(ref.name)}`));
      break;
    case 'ingresses':
      input.backends = await ingressBackends(client, namespace, spec);
      break;
    case 'nodes':
      await nodeRelated(client, ref.name, input);
      break;
    case 'namespaces': {
      // kubectl leaves out a list the server does not serve and fails on any other error; Loupe
      // leaves the section out in both cases so that a viewer still sees the namespace.
      const quotas = (plural: string): Promise<Json[] | undefined> => orUndefined(list(client, `/api/v1/namespaces/${encodeURIComponent(ref.name)}/${plural}`));
      [input.resourceQuotas, input.limitRanges] = await Promise.all([quotas('resourcequotas'), quotas('limitranges')]);
      break;
    }
    default:
      break;
  }
  return input;
}

async function nodeRelated(client: KubeHttpClient, name: string, input: DescribeInput): Promise<void> {
  const selector = fieldSelector({ 'spec.nodeName': name }) + ',status.phase!=Succeeded,status.phase!=Failed';
  const [pods, lease] = await Promise.all([
    list(client, '/api/v1/pods', { fieldSelector: selector }).catch((err: unknown) => (isStatus(err, 403) ? 'forbidden' : message(err))),
    client.json<Json>(`/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${encodeURIComponent(name)}`).catch((err: unknown) => message(err)),
  ]);
  input.pods = typeof pods === 'string' ? 'forbidden' : pods;
  input.lease = lease;
}

/** For each backend service: the Service and its Endpoints, or the error kubectl would print. */
async function ingressBackends(client: KubeHttpClient, namespace: string, spec: Json): Promise<NonNullable<DescribeInput['backends']>> {
  const names = new Set<string>();
  const add = (backend: unknown): void => {
    const name = ((backend as { service?: { name?: string } } | undefined)?.service?.name);
    if (name) names.add(name);
  };
  add(spec.defaultBackend);
  for (const rule of (spec.rules ?? []) as Array<{ http?: { paths?: Array<{ backend?: unknown }> } }>) {
    for (const path of rule.http?.paths ?? []) add(path.backend);
  }
  const ns = encodeURIComponent(namespace);
  const entries = await Promise.all(
    [...names].map(async (name) => {
      try {
        const endpoints = await client.json<Json>(`/api/v1/namespaces/${ns}/endpoints/${encodeURIComponent(name)}`);
        const service = await client.json<Json>(`/api/v1/namespaces/${ns}/services/${encodeURIComponent(name)}`);
        return [name, { service, endpoints }] as const;
      } catch (err) {
        return [name, { error: message(err) }] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}
