/**
 * `pods/ephemeralcontainers` (what `kubectl debug` patches): GET gives the pod; PATCH and PUT may
 * only add ephemeral containers — any other change, or a change to an existing one, is refused as
 * the apiserver refuses it. The simulated kubelet starts them (see sim-kubelet's attach).
 */
import type { KubeObject } from '../core/types';
import { notFound } from '../store/errors';
import { decodeObject, readBody } from './body';
import { fieldManager, type RequestContext } from './context';
import { applyPatchDocument, readPatch, sendObject } from './objects';
import { ApiError, errors } from './status';

interface EphemeralContainer {
  name?: string;
  image?: string;
}

type PodSpec = { containers?: Array<{ name: string }>; initContainers?: Array<{ name: string }>; ephemeralContainers?: EphemeralContainer[] } & Record<string, unknown>;

function invalid(pod: string, field: string, message: string): ApiError {
  return new ApiError(422, 'Invalid', `Pod "${pod}" is invalid: ${field}: ${message}`, {
    name: pod,
    kind: 'Pod',
    causes: [{ reason: 'FieldValueInvalid', message, field }],
  });
}

function checkEphemeralChange(name: string, before: PodSpec, after: PodSpec): void {
  const { ephemeralContainers: oldEphemeral = [], ...oldRest } = before;
  const { ephemeralContainers: newEphemeral = [], ...newRest } = after;
  if (JSON.stringify(oldRest) !== JSON.stringify(newRest)) {
    throw invalid(name, 'spec', 'Forbidden: pod updates through ephemeralcontainers may only add ephemeral containers');
  }
  oldEphemeral.forEach((c, i) => {
    if (JSON.stringify(c) !== JSON.stringify(newEphemeral[i])) {
      throw invalid(name, `spec.ephemeralContainers[${i}]`, 'Forbidden: existing ephemeral containers may not be changed');
    }
  });
  const taken = new Set([...(after.containers ?? []), ...(after.initContainers ?? [])].map((c) => c.name));
  newEphemeral.forEach((c, i) => {
    if (!c.name) throw invalid(name, `spec.ephemeralContainers[${i}].name`, 'Required value');
    if (!c.image) throw invalid(name, `spec.ephemeralContainers[${i}].image`, 'Required value');
    if (taken.has(c.name)) throw invalid(name, `spec.ephemeralContainers[${i}].name`, `Duplicate value: "${c.name}"`);
    taken.add(c.name);
  });
}

export async function handlePodEphemeralContainers(ctx: RequestContext): Promise<void> {
  const name = ctx.info.name as string;
  const current = ctx.state.store.getStored('pods', ctx.info.namespace, name);
  if (!current) throw notFound('', 'pods', name);
  if (ctx.info.verb === 'get') return sendObject(ctx, 200, current);
  let next: KubeObject;
  if (ctx.info.verb === 'patch') {
    const { type, patch } = await readPatch(ctx);
    if (type.startsWith('application/apply-patch')) throw errors.unsupportedPatch();
    next = applyPatchDocument(type, current, patch);
  } else if (ctx.info.verb === 'update') {
    next = decodeObject(ctx.req, await readBody(ctx.req), 'Pod');
    next.metadata = { ...current.metadata, resourceVersion: next.metadata.resourceVersion ?? current.metadata.resourceVersion };
    next.status = current.status;
  } else {
    throw errors.methodNotAllowed();
  }
  checkEphemeralChange(name, (current.spec ?? {}) as PodSpec, (next.spec ?? {}) as PodSpec);
  const dryRun = ctx.query.getAll('dryRun').includes('All');
  sendObject(ctx, 200, ctx.state.store.update('pods', next, { manager: fieldManager(ctx), dryRun, frozenResult: true }));
}
