/**
 * `POST pods/<name>/eviction` (policy/v1 Eviction): what `kubectl drain` sends. The sim has no
 * PodDisruptionBudget controller, so every eviction is allowed and becomes a graceful delete; the
 * answer is the apiserver's 201 Status.
 */
import { decodeObject, readBody } from './body';
import type { RequestContext } from './context';
import { fieldManager } from './context';
import { sendJson } from './respond';
import { errors } from './status';

export async function handlePodEviction(ctx: RequestContext): Promise<void> {
  if (ctx.info.verb !== 'create') throw errors.methodNotAllowed();
  const eviction = decodeObject(ctx.req, await readBody(ctx.req), 'Eviction') as { deleteOptions?: { gracePeriodSeconds?: number } };
  const dryRun = ctx.query.getAll('dryRun').includes('All');
  const grace = eviction.deleteOptions?.gracePeriodSeconds;
  ctx.state.store.deleteObject('pods', ctx.info.namespace, ctx.info.name as string, {
    ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}),
    dryRun,
    manager: fieldManager(ctx),
  });
  sendJson(ctx.res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 }, { pretty: ctx.pretty });
}
