/**
 * One-click actions, each the request kubectl sends for the same command, with field manager
 * `loupe`: delete, rollout restart, scale, cordon/uncordon, suspend/resume a CronJob, and
 * `kubectl create job --from=cronjob/x`.
 */
import { randomBytes } from 'node:crypto';
import type { ActionOutcome, ObjectAction } from '../../shared/api/channels/objects';
import { ApiError } from '../../shared/api/errors';
import { kindInfo, type KindId } from '../../shared/model/kinds';
import type { ObjectRef } from '../../shared/model/object-ref';
import type { KubeHttpClient } from '../kube/http/kube-http-client';
import { FIELD_MANAGER } from './apply';
import { actionsFor } from './permissions';
import { collectionUrl, refType, refUrl } from './resource-paths';
import type { KubeObject } from './yaml-codec';

const MERGE = 'application/merge-patch+json';
const STRATEGIC = 'application/strategic-merge-patch+json';

function label(ref: ObjectRef): string {
  return `${kindInfo(ref.kind).kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

function refuseUnless(ref: ObjectRef, action: ObjectAction['type'], kinds: KindId[]): void {
  if (!kinds.includes(ref.kind) || !actionsFor(ref.kind).includes(action)) {
    throw new ApiError({ code: 'invalid-params', message: `${action} does not apply to ${kindInfo(ref.kind).plural}` });
  }
}

async function patch(client: KubeHttpClient, url: string, contentType: string, body: unknown): Promise<KubeObject> {
  return client.json<KubeObject>(url, { method: 'PATCH', query: { fieldManager: FIELD_MANAGER }, contentType, body: JSON.stringify(body) });
}

/** RFC 3339 to the second, as `kubectl rollout restart` writes it. */
function restartedAt(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function runAction(client: KubeHttpClient, ref: ObjectRef, action: ObjectAction, now = new Date()): Promise<ActionOutcome> {
  switch (action.type) {
    case 'delete': {
      await client.json(refUrl(ref), { method: 'DELETE', query: { propagationPolicy: 'Background' } });
      return { message: `${label(ref)} deleted` };
    }
    case 'restart': {
      refuseUnless(ref, 'restart', ['deployments', 'statefulsets', 'daemonsets']);
      const at = restartedAt(now);
      await patch(client, refUrl(ref), STRATEGIC, { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': at } } } } });
      return { message: `${label(ref)} restarting (restartedAt ${at})` };
    }
    case 'scale': {
      refuseUnless(ref, 'scale', ['deployments', 'statefulsets', 'replicasets']);
      await patch(client, refUrl(ref, 'scale'), MERGE, { spec: { replicas: action.replicas } });
      return { message: `${label(ref)} scaled to ${action.replicas}` };
    }
    case 'cordon':
    case 'uncordon': {
      refuseUnless(ref, action.type, ['nodes']);
      await patch(client, refUrl(ref), MERGE, { spec: { unschedulable: action.type === 'cordon' ? true : null } });
      return { message: `${label(ref)} ${action.type === 'cordon' ? 'cordoned' : 'uncordoned'}` };
    }
    case 'suspend':
    case 'resume': {
      refuseUnless(ref, action.type, ['cronjobs']);
      await patch(client, refUrl(ref), MERGE, { spec: { suspend: action.type === 'suspend' } });
      return { message: `${label(ref)} ${action.type === 'suspend' ? 'suspended' : 'resumed'}` };
    }
    case 'trigger': {
      refuseUnless(ref, 'trigger', ['cronjobs']);
      const cronJob = await client.json<KubeObject>(refUrl(ref));
      const job = jobFromCronJob(cronJob, `${ref.name.slice(0, 52)}-manual-${randomBytes(3).toString('hex').slice(0, 5)}`);
      const created = await client.json<KubeObject>(collectionUrl(refType('jobs'), ref.namespace), {
        method: 'POST',
        query: { fieldManager: FIELD_MANAGER },
        contentType: 'application/json',
        body: JSON.stringify(job),
      });
      const name = String(created.metadata?.name);
      return { message: `Job ${ref.namespace}/${name} created from ${label(ref)}`, created: { kind: 'Job', ...(ref.namespace ? { namespace: ref.namespace } : {}), name } };
    }
  }
}

/** What `kubectl create job --from=cronjob/<name>` builds: the job template, marked manual, owned by the CronJob. */
export function jobFromCronJob(cronJob: KubeObject, name: string): KubeObject {
  const spec = (cronJob.spec ?? {}) as { jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown } };
  const template = spec.jobTemplate ?? {};
  const meta = cronJob.metadata ?? {};
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: meta.namespace,
      ...(template.metadata?.labels ? { labels: template.metadata.labels } : {}),
      annotations: { ...template.metadata?.annotations, 'cronjob.kubernetes.io/instantiate': 'manual' },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: meta.name, uid: meta.uid, controller: true }],
    },
    spec: template.spec ?? {},
  };
}
