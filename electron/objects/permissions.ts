/**
 * Which actions the user may run on one object, asked of the API server itself with one
 * SelfSubjectAccessReview per verb and (sub)resource, so a disabled button can say exactly which
 * right is missing. Read-only mode disables every write before any review is sent.
 */
import type { ActionPermission, ObjectActionId, ObjectPermissions, ObjectState } from '../../shared/api/channels/objects';
import type { KindId } from '../../shared/model/kinds';
import type { ObjectRef } from '../../shared/model/object-ref';
import type { KubeHttpClient } from '../kube/http/kube-http-client';
import { refType, refUrl } from './resource-paths';

interface Check {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  /** Omitted for cluster-wide checks (a drain evicts pods in every namespace). */
  namespace?: string;
  name?: string;
}

/** The actions each kind offers, in the order the bar shows them. */
export function actionsFor(kind: KindId): ObjectActionId[] {
  const common: ObjectActionId[] = ['edit', 'delete'];
  switch (kind) {
    case 'deployments':
    case 'statefulsets':
      return ['logs', 'scale', 'restart', ...common];
    case 'replicasets':
      return ['logs', 'scale', ...common];
    case 'daemonsets':
      return ['logs', 'restart', ...common];
    case 'pods':
      return ['logs', 'shell', ...common];
    case 'jobs':
      return ['logs', ...common];
    case 'cronjobs':
      return ['trigger', 'suspend', 'resume', ...common];
    case 'nodes':
      return ['cordon', 'uncordon', 'drain', ...common];
    default:
      return common;
  }
}

const READS: ReadonlySet<ObjectActionId> = new Set(['logs']);

function checksFor(action: ObjectActionId, ref: ObjectRef): Check[] {
  const type = refType(ref.kind);
  const own = { group: type.group, resource: type.plural, namespace: ref.namespace, name: ref.name };
  switch (action) {
    case 'edit':
      return [{ verb: 'patch', ...own }];
    case 'delete':
      return [{ verb: 'delete', ...own }];
    case 'restart':
    case 'cordon':
    case 'uncordon':
    case 'suspend':
    case 'resume':
      return [{ verb: 'patch', ...own }];
    case 'scale':
      return [{ verb: 'patch', ...own, subresource: 'scale' }];
    case 'trigger':
      return [
        { verb: 'get', ...own },
        { verb: 'create', group: 'batch', resource: 'jobs', namespace: ref.namespace },
      ];
    case 'drain':
      return [
        { verb: 'patch', ...own },
        { verb: 'list', group: '', resource: 'pods' },
        { verb: 'create', group: '', resource: 'pods', subresource: 'eviction' },
      ];
    case 'logs':
      return [{ verb: 'get', group: '', resource: 'pods', subresource: 'log', namespace: ref.namespace }];
    case 'shell':
      return [{ verb: 'create', group: '', resource: 'pods', subresource: 'exec', namespace: ref.namespace, name: ref.name }];
  }
}

function describeCheck(c: Check): string {
  const resource = `${c.resource}${c.subresource ? `/${c.subresource}` : ''}${c.group ? `.${c.group}` : ''}`;
  const where = c.namespace ? ` in namespace ${c.namespace}` : ' cluster-wide';
  return `RBAC: you may not ${c.verb} ${resource}${where}`;
}

async function review(client: KubeHttpClient, c: Check): Promise<{ allowed: boolean; reason?: string }> {
  const answer = await client.json<{ status?: { allowed?: boolean; reason?: string; evaluationError?: string } }>(
    '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    {
      method: 'POST',
      contentType: 'application/json',
      body: JSON.stringify({
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: {
          resourceAttributes: {
            verb: c.verb,
            group: c.group,
            resource: c.resource,
            ...(c.subresource ? { subresource: c.subresource } : {}),
            ...(c.namespace ? { namespace: c.namespace } : {}),
            ...(c.name ? { name: c.name } : {}),
          },
        },
      }),
    },
  );
  const status = answer.status ?? {};
  return { allowed: status.allowed === true, ...(status.reason ? { reason: status.reason } : {}) };
}

export async function permissionsFor(client: KubeHttpClient, ref: ObjectRef, readOnly: { on: boolean; context: string }): Promise<ObjectPermissions> {
  const actions = actionsFor(ref.kind);
  const cache = new Map<string, Promise<{ allowed: boolean; reason?: string }>>();
  const ask = (c: Check) => {
    const key = JSON.stringify(c);
    let answer = cache.get(key);
    if (!answer) cache.set(key, (answer = review(client, c)));
    return answer;
  };
  const results = await Promise.all(
    actions.map(async (action): Promise<ActionPermission> => {
      if (readOnly.on && !READS.has(action)) {
        return { action, allowed: false, reason: `read-only mode is on for ${readOnly.context}: turn it off to make changes` };
      }
      if (ref.kind === 'secrets' && action === 'edit') {
        return { action, allowed: false, reason: "secret values never leave Loupe's main process, so secrets cannot be edited here" };
      }
      for (const check of checksFor(action, ref)) {
        const answer = await ask(check);
        if (!answer.allowed) return { action, allowed: false, reason: describeCheck(check) + (answer.reason ? ` (${answer.reason})` : '') };
      }
      return { action, allowed: true };
    }),
  );
  return { readOnly: readOnly.on, actions: results, state: await stateOf(client, ref) };
}

/** What decides between paired actions (cordon or uncordon, suspend or resume) and the scale field's value. */
async function stateOf(client: KubeHttpClient, ref: ObjectRef): Promise<ObjectState> {
  if (!['deployments', 'statefulsets', 'replicasets', 'cronjobs', 'nodes'].includes(ref.kind)) return {};
  try {
    const object = await client.json<{ spec?: { replicas?: number; suspend?: boolean; unschedulable?: boolean } }>(refUrl(ref));
    const spec = object.spec ?? {};
    if (ref.kind === 'cronjobs') return { suspended: spec.suspend === true };
    if (ref.kind === 'nodes') return { unschedulable: spec.unschedulable === true };
    return { replicas: spec.replicas ?? 1 };
  } catch {
    // Unreadable (forbidden or gone): the actions are then disabled by their own reviews.
    return {};
  }
}
