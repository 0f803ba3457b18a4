/**
 * Where an object lives on the API: from its ObjectRef, or from a manifest's apiVersion and kind —
 * the kinds Loupe knows directly, anything else (CRDs, RBAC…) through the server's discovery.
 */
import { ApiError } from '../../shared/api/errors';
import { KINDS, kindInfo, type KindId } from '../../shared/model/kinds';
import type { ObjectRef } from '../../shared/model/object-ref';
import type { KubeHttpClient } from '../kube/http/kube-http-client';

export interface ResourceType {
  group: string;
  version: string;
  plural: string;
  kind: string;
  namespaced: boolean;
}

export function groupVersionBase(group: string, version: string): string {
  return group ? `/apis/${group}/${version}` : `/api/${version}`;
}

export function collectionUrl(type: ResourceType, namespace: string | undefined): string {
  const scope = type.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? 'default')}` : '';
  return `${groupVersionBase(type.group, type.version)}${scope}/${type.plural}`;
}

export function objectUrl(type: ResourceType, namespace: string | undefined, name: string): string {
  return `${collectionUrl(type, namespace)}/${encodeURIComponent(name)}`;
}

export function refType(kind: KindId): ResourceType {
  const info = kindInfo(kind);
  return { group: info.group, version: info.version, plural: info.plural, kind: info.kind, namespaced: info.namespaced };
}

export function refUrl(ref: ObjectRef, subresource?: string): string {
  const type = refType(ref.kind);
  if (type.namespaced && !ref.namespace) throw new ApiError({ code: 'invalid-params', message: `${type.plural} are namespaced: the reference to "${ref.name}" needs a namespace` });
  return objectUrl(type, ref.namespace, ref.name) + (subresource ? `/${subresource}` : '');
}

interface ApiResourceList {
  resources: Array<{ name: string; kind: string; namespaced: boolean }>;
}

/** Resolves apiVersion + kind; asks discovery only for kinds Loupe does not know. */
export async function resolveType(client: KubeHttpClient, apiVersion: string, kind: string): Promise<ResourceType> {
  const [group, version] = apiVersion.includes('/') ? (apiVersion.split('/', 2) as [string, string]) : ['', apiVersion];
  const known = KINDS.find((k) => k.kind === kind && k.group === group && k.version === version);
  if (known) return refType(known.id);
  let list: ApiResourceList;
  try {
    list = await client.json<ApiResourceList>(groupVersionBase(group, version));
  } catch {
    throw new ApiError({ code: 'invalid-params', message: `the server does not serve apiVersion "${apiVersion}"` });
  }
  const found = list.resources.find((r) => r.kind === kind && !r.name.includes('/'));
  if (!found) throw new ApiError({ code: 'invalid-params', message: `the server has no kind "${kind}" in ${apiVersion}` });
  return { group, version, plural: found.name, kind, namespaced: found.namespaced };
}
