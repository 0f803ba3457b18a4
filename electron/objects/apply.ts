/**
 * The YAML editor's writes: read, dry run, apply (server-side apply as `loupe`, or update with the
 * edited resourceVersion) and create. A dry run is the same request with dryRun=All, so its verdict
 * is exactly what the apply would meet. A 409 comes back as data — the live object, what changed on
 * the server since the edit began, and the user's edit replayed onto it when that merges cleanly.
 */
import type { ObjectWriteResult, ObjectYaml } from '../../shared/api/channels/objects';
import { ApiError } from '../../shared/api/errors';
import type { ObjectRef } from '../../shared/model/object-ref';
import { KubeApiError } from '../kube/http/kube-api-error';
import type { KubeHttpClient } from '../kube/http/kube-http-client';
import { diffObjects, merge3 } from './field-diff';
import { collectionUrl, objectUrl, refUrl, resolveType, type ResourceType } from './resource-paths';
import { statusCauses, toApiError } from './write-errors';
import { applyBody, managersOf, parseManifest, toYaml, updateBody, withoutManagedFields, type KubeObject } from './yaml-codec';

export const FIELD_MANAGER = 'loupe';

export interface WriteRequest {
  yaml: string;
  mode: 'ssa' | 'update';
  force?: boolean;
  base?: string;
  dryRun: boolean;
}

export async function readYaml(client: KubeHttpClient, ref: ObjectRef, managedFields: boolean): Promise<ObjectYaml> {
  let object: KubeObject;
  try {
    object = await client.json<KubeObject>(refUrl(ref));
  } catch (err) {
    throw toApiError(err, `reading ${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`);
  }
  const resourceVersion = String(object.metadata?.resourceVersion ?? '');
  if (ref.kind === 'secrets') {
    return { yaml: toYaml(redactSecret(withoutManagedFields(object))), resourceVersion, editable: false, reason: "secret values never leave Loupe's main process, so secrets are shown redacted and cannot be edited here" };
  }
  return { yaml: toYaml(managedFields ? object : withoutManagedFields(object)), resourceVersion, editable: true };
}

function redactSecret(secret: KubeObject): KubeObject {
  const redact = (data: unknown): Record<string, string> =>
    Object.fromEntries(Object.keys((data ?? {}) as Record<string, string>).map((k) => [k, '<redacted>']));
  return { ...secret, ...(secret.data ? { data: redact(secret.data) } : {}), ...(secret.stringData ? { stringData: redact(secret.stringData) } : {}) };
}

interface Target {
  object: KubeObject;
  type: ResourceType;
  namespace: string | undefined;
  name: string;
}

async function targetOf(client: KubeHttpClient, yaml: string, defaultNamespace?: string, requireName = true): Promise<Target> {
  const object = parseManifest(yaml, { requireName });
  const type = await resolveType(client, object.apiVersion!, object.kind!);
  let namespace = typeof object.metadata?.namespace === 'string' ? object.metadata.namespace : undefined;
  if (type.namespaced && !namespace) {
    if (!defaultNamespace) throw new ApiError({ code: 'invalid-params', message: `metadata.namespace is missing: ${type.plural} are namespaced` });
    namespace = defaultNamespace;
    object.metadata = { ...object.metadata, namespace };
  }
  if (!type.namespaced && namespace) {
    object.metadata = { ...object.metadata };
    delete object.metadata.namespace;
    namespace = undefined;
  }
  return { object, type, namespace, name: String(object.metadata?.name ?? '') };
}

function invalid(err: KubeApiError): ObjectWriteResult {
  return {
    outcome: 'invalid',
    code: err.statusCode,
    ...(err.reason ? { reason: err.reason } : {}),
    message: err.message,
    causes: statusCauses(err),
  };
}

function succeeded(result: KubeObject, before: KubeObject | undefined, dryRun: boolean): ObjectWriteResult {
  const rv = result.metadata?.resourceVersion;
  return {
    outcome: 'ok',
    dryRun,
    yaml: toYaml(withoutManagedFields(result)),
    ...(rv ? { resourceVersion: String(rv) } : {}),
    changes: before ? diffObjects(withoutManagedFields(before), withoutManagedFields(result)) : [],
    managers: managersOf(result),
  };
}

async function getOrUndefined(client: KubeHttpClient, url: string): Promise<KubeObject | undefined> {
  try {
    return await client.json<KubeObject>(url);
  } catch (err) {
    if (err instanceof KubeApiError && err.statusCode === 404) return undefined;
    throw err;
  }
}

export async function writeObject(client: KubeHttpClient, req: WriteRequest): Promise<ObjectWriteResult> {
  const doing = req.dryRun ? 'dry run' : req.mode === 'ssa' ? 'server-side apply' : 'update';
  try {
    const target = await targetOf(client, req.yaml);
    if (target.type.plural === 'secrets' && target.type.group === '') {
      throw new ApiError({ code: 'forbidden', message: 'secrets cannot be edited in Loupe: their values never reach the UI (create a new one from YAML instead)' });
    }
    const url = objectUrl(target.type, target.namespace, target.name);
    const live = await getOrUndefined(client, url);
    if (!live && req.mode === 'update') {
      throw new ApiError({ code: 'not-found', message: `${target.type.kind} ${target.namespace ? `${target.namespace}/` : ''}${target.name} does not exist: create it, or use server-side apply` });
    }
    const query = { fieldManager: FIELD_MANAGER, dryRun: req.dryRun ? 'All' : undefined, force: req.mode === 'ssa' && req.force ? 'true' : undefined };
    const send = (object: KubeObject): Promise<KubeObject> =>
      req.mode === 'ssa'
        ? client.json<KubeObject>(url, { method: 'PATCH', query, contentType: 'application/apply-patch+yaml', body: toYaml(applyBody(object)) })
        : client.json<KubeObject>(url, { method: 'PUT', query, contentType: 'application/json', body: JSON.stringify(updateBody(object)) });
    const attempt = async (object: KubeObject, before: KubeObject | undefined, rebased: boolean): Promise<ObjectWriteResult> => {
      try {
        return succeeded(await send(object), before, req.dryRun);
      } catch (err) {
        if (!(err instanceof KubeApiError)) throw err;
        if (err.statusCode === 400 || err.statusCode === 422) return invalid(err);
        if (err.statusCode !== 409) throw err;
        const { result, live: now } = await conflict(client, url, err, object, req);
        // Controllers rewrite status constantly and an update cannot change it anyway: when status
        // is all that moved, replaying the edit onto the live object is what the user meant.
        if (!rebased && result.outcome === 'conflict' && result.merged !== undefined && result.theirChanges.every((c) => c.path === 'status' || c.path.startsWith('status.'))) {
          return attempt(parseManifest(result.merged), now, true);
        }
        return result;
      }
    };
    return await attempt(target.object, live, false);
  } catch (err) {
    throw toApiError(err, doing);
  }
}

async function conflict(client: KubeHttpClient, url: string, err: KubeApiError, mine: KubeObject, req: WriteRequest): Promise<{ result: ObjectWriteResult; live: KubeObject }> {
  const live = withoutManagedFields(await client.json<KubeObject>(url));
  const base = req.base ? withoutManagedFields(parseManifest(req.base)) : undefined;
  const result: ObjectWriteResult = {
    outcome: 'conflict',
    message: err.message,
    causes: statusCauses(err),
    liveYaml: toYaml(live),
    liveResourceVersion: String(live.metadata?.resourceVersion ?? ''),
    theirChanges: base ? diffObjects(base, live) : [],
    overlapping: [],
  };
  // A stale update can be rebased; an apply conflict is about field ownership, which force settles.
  if (base && req.mode === 'update') {
    const { merged, overlapping } = merge3(base, withoutManagedFields(mine), live);
    if (overlapping.length === 0) result.merged = toYaml(merged);
    result.overlapping = overlapping;
  }
  return { result, live };
}

export async function createObject(client: KubeHttpClient, yaml: string, namespace: string | undefined, dryRun: boolean): Promise<ObjectWriteResult> {
  try {
    const target = await targetOf(client, yaml, namespace ?? 'default', false);
    const query = { fieldManager: FIELD_MANAGER, dryRun: dryRun ? 'All' : undefined };
    try {
      const created = await client.json<KubeObject>(collectionUrl(target.type, target.namespace), {
        method: 'POST',
        query,
        contentType: 'application/json',
        body: JSON.stringify(applyBody(target.object)),
      });
      return succeeded(created, undefined, dryRun);
    } catch (err) {
      if (err instanceof KubeApiError && (err.statusCode === 400 || err.statusCode === 422 || err.statusCode === 409)) return invalid(err);
      throw err;
    }
  } catch (err) {
    throw toApiError(err, dryRun ? 'dry run of create' : 'create');
  }
}
