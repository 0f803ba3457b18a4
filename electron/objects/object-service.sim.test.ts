/**
 * The YAML editor's round trip and every action, through the API as the renderer calls it, against
 * the simulated cluster of the golden recordings (scenario `small`): effects are checked in the
 * sim's store, permissions as the `viewer` user, and read-only mode refusing writes in main.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { SimCluster } from '../../sim/index';
import { waitUntil } from '../../sim/cluster/test-cluster';
import type { KubeObject } from '../../sim/core/types';
import type { DrainEvent } from '../../shared/api/channels/objects';
import type { ApiError } from '../../shared/api/errors';
import { startSimHost, type SimHost } from '../testing/sim-host';

let host: SimHost;
let cluster: SimCluster;
let api: SimHost['api'];
let ctx: string;

/** `resource` is the sim's store key: `pods`, `apps/deployments`, `batch/jobs`… */
const stored = (resource: string, namespace: string | undefined, name: string) => cluster.store.getStored(resource as never, namespace, name);
const spec = (o: KubeObject | undefined) => (o?.spec ?? {}) as Record<string, unknown>;
const deploymentRef = (name: string) => ({ cluster: ctx, kind: 'deployments' as const, namespace: 'shop', name });

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: ApiError) => err,
  );
}

beforeAll(async () => {
  host = await startSimHost({ scenario: 'small' });
  cluster = host.sim.clusters[0]!;
  ctx = cluster.context;
  api = host.api;
}, 90_000);

afterAll(async () => {
  await host?.stop();
});

describe('YAML edit round trip', () => {
  it('reads YAML without managedFields unless asked', async () => {
    const plain = await api.objects.getYaml({ ref: deploymentRef('frontend') });
    expect(plain.editable).toBe(true);
    expect(plain.yaml).toContain('name: frontend');
    expect(plain.yaml).not.toContain('managedFields');
    expect(plain.resourceVersion).toBe(stored('apps/deployments', 'shop', 'frontend')?.metadata.resourceVersion);
    const full = await api.objects.getYaml({ ref: deploymentRef('frontend'), managedFields: true });
    expect(full.yaml).toContain('managedFields');
  });

  it('dry-runs an edit (nothing persisted), reports 422 causes, applies, and SSA shows manager loupe', async () => {
    const start = await api.objects.getYaml({ ref: deploymentRef('cart') });
    const edited = parse(start.yaml) as KubeObject;
    const before = spec(stored('apps/deployments', 'shop', 'cart')).replicas as number;
    edited.spec = { ...spec(edited), replicas: before + 2 };

    const dry = await api.objects.dryRun({ cluster: ctx, yaml: stringify(edited), mode: 'update' });
    expect(dry.outcome).toBe('ok');
    if (dry.outcome !== 'ok') return;
    expect(dry.dryRun).toBe(true);
    expect(dry.changes).toContainEqual({ path: 'spec.replicas', change: 'changed', before: String(before), after: String(before + 2) });
    expect(spec(stored('apps/deployments', 'shop', 'cart')).replicas).toBe(before);

    const bad = await api.objects.dryRun({ cluster: ctx, yaml: stringify({ ...edited, spec: { ...spec(edited), replicas: -1 } }), mode: 'update' });
    expect(bad).toMatchObject({ outcome: 'invalid', code: 422, reason: 'Invalid' });
    if (bad.outcome === 'invalid') expect(bad.causes).toContainEqual(expect.objectContaining({ field: 'spec.replicas', reason: 'FieldValueInvalid' }));

    // Full-object apply meets the fields kubectl's client-side apply owns: a 409 naming them, then force.
    const clash = await api.objects.apply({ cluster: ctx, yaml: stringify(edited), mode: 'ssa' });
    expect(clash.outcome).toBe('conflict');
    if (clash.outcome === 'conflict') expect(clash.causes).toContainEqual(expect.objectContaining({ reason: 'FieldManagerConflict', field: '.spec.replicas' }));
    expect(spec(stored('apps/deployments', 'shop', 'cart')).replicas).toBe(before);

    const applied = await api.objects.apply({ cluster: ctx, yaml: stringify(edited), mode: 'ssa', force: true });
    expect(applied).toMatchObject({ outcome: 'ok', dryRun: false });
    if (applied.outcome === 'ok') expect(applied.managers).toContain('loupe');
    const live = stored('apps/deployments', 'shop', 'cart');
    expect(spec(live).replicas).toBe(before + 2);
    expect(live?.metadata.managedFields).toContainEqual(expect.objectContaining({ manager: 'loupe', operation: 'Apply' }));
  });

  it('a stale update answers 409 with the live object, what changed, and a clean merge to apply', async () => {
    const base = await api.objects.getYaml({ ref: deploymentRef('redis') });
    // Someone scales redis meanwhile.
    await api.objects.action({ ref: deploymentRef('redis'), action: { type: 'scale', replicas: 3 } });
    const mine = parse(base.yaml) as KubeObject;
    mine.metadata.labels = { ...mine.metadata.labels, owner: 'team-cache' };

    const answer = await api.objects.apply({ cluster: ctx, yaml: stringify(mine), mode: 'update', base: base.yaml });
    expect(answer.outcome).toBe('conflict');
    if (answer.outcome !== 'conflict') return;
    expect(answer.message).toContain('the object has been modified');
    expect(answer.liveResourceVersion).toBe(stored('apps/deployments', 'shop', 'redis')?.metadata.resourceVersion);
    expect(answer.theirChanges).toContainEqual(expect.objectContaining({ path: 'spec.replicas', after: '3' }));
    expect(answer.overlapping).toEqual([]);
    expect(answer.merged).toBeDefined();

    const retried = await api.objects.apply({ cluster: ctx, yaml: answer.merged!, mode: 'update' });
    expect(retried.outcome).toBe('ok');
    const live = stored('apps/deployments', 'shop', 'redis');
    expect(live?.metadata.labels?.owner).toBe('team-cache');
    expect(spec(live).replicas).toBe(3);
  });

  it('rebases an update silently when only the status moved (controllers write it; a PUT cannot)', async () => {
    const base = await api.objects.getYaml({ ref: deploymentRef('cart') });
    const live = stored('apps/deployments', 'shop', 'cart')!;
    cluster.store.updateStatus('apps/deployments', { ...live, status: { ...(live.status as object), collisionCount: 7 } }, { manager: 'test-controller' });
    expect(stored('apps/deployments', 'shop', 'cart')?.metadata.resourceVersion).not.toBe(base.resourceVersion);
    const mine = parse(base.yaml) as KubeObject;
    mine.metadata.annotations = { ...mine.metadata.annotations, 'example.com/note': 'rebased' };
    const answer = await api.objects.apply({ cluster: ctx, yaml: stringify(mine), mode: 'update', base: base.yaml });
    expect(answer.outcome).toBe('ok');
    expect(stored('apps/deployments', 'shop', 'cart')?.metadata.annotations?.['example.com/note']).toBe('rebased');
  });

  it('offers no merge when both sides changed the same field', async () => {
    const base = await api.objects.getYaml({ ref: deploymentRef('redis') });
    await api.objects.action({ ref: deploymentRef('redis'), action: { type: 'scale', replicas: 2 } });
    const mine = parse(base.yaml) as KubeObject;
    mine.spec = { ...spec(mine), replicas: 5 };
    const answer = await api.objects.apply({ cluster: ctx, yaml: stringify(mine), mode: 'update', base: base.yaml });
    expect(answer).toMatchObject({ outcome: 'conflict', overlapping: ['spec.replicas'] });
    if (answer.outcome === 'conflict') expect(answer.merged).toBeUndefined();
  });

  it('creates from YAML (dry run first) and refuses a manifest it cannot read', async () => {
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: loupe-created\ndata:\n  a: "1"\n';
    const dry = await api.objects.create({ cluster: ctx, yaml: manifest, namespace: 'shop', dryRun: true });
    expect(dry.outcome).toBe('ok');
    expect(stored('configmaps', 'shop', 'loupe-created')).toBeUndefined();
    expect(await api.objects.create({ cluster: ctx, yaml: manifest, namespace: 'shop' })).toMatchObject({ outcome: 'ok', dryRun: false });
    expect(stored('configmaps', 'shop', 'loupe-created')?.data).toEqual({ a: '1' });
    const err = await rejection(api.objects.create({ cluster: ctx, yaml: 'kind: ConfigMap\nmetadata: {name: x}\n' }));
    expect(err).toMatchObject({ code: 'invalid-params', message: expect.stringContaining('apiVersion is missing') });
  });
});

describe('actions', () => {
  it('scale changes spec.replicas through the scale subresource', async () => {
    await api.objects.action({ ref: { cluster: ctx, kind: 'statefulsets', namespace: 'shop', name: 'db' }, action: { type: 'scale', replicas: 1 } });
    expect(spec(stored('apps/statefulsets', 'shop', 'db')).replicas).toBe(1);
  });

  it('rollout restart stamps restartedAt and the controller makes a new ReplicaSet', async () => {
    const owned = () => cluster.store.list('apps/replicasets', 'shop').filter((rs) => rs.metadata.ownerReferences?.some((o) => o.name === 'frontend'));
    const before = new Set(owned().map((rs) => rs.metadata.name));
    const outcome = await api.objects.action({ ref: deploymentRef('frontend'), action: { type: 'restart' } });
    expect(outcome.message).toContain('restarting');
    const template = spec(stored('apps/deployments', 'shop', 'frontend')).template as { metadata: { annotations: Record<string, string> } };
    expect(template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    await waitUntil(() => owned().some((rs) => !before.has(rs.metadata.name)), 'a new frontend ReplicaSet');
  });

  it('cordon and uncordon flip spec.unschedulable', async () => {
    const ref = { cluster: ctx, kind: 'nodes' as const, name: 'fake-node-3' };
    await api.objects.action({ ref, action: { type: 'cordon' } });
    expect(spec(stored('nodes', undefined, 'fake-node-3')).unschedulable).toBe(true);
    expect((await api.objects.permissions({ ref })).state).toEqual({ unschedulable: true });
    await api.objects.action({ ref, action: { type: 'uncordon' } });
    expect(spec(stored('nodes', undefined, 'fake-node-3')).unschedulable).toBeUndefined();
  });

  it('suspend/resume a CronJob and run a Job from it like kubectl create job --from', async () => {
    const ref = { cluster: ctx, kind: 'cronjobs' as const, namespace: 'shop', name: 'nightly-report' };
    await api.objects.action({ ref, action: { type: 'suspend' } });
    expect(spec(stored('batch/cronjobs', 'shop', 'nightly-report')).suspend).toBe(true);
    await api.objects.action({ ref, action: { type: 'resume' } });
    expect(spec(stored('batch/cronjobs', 'shop', 'nightly-report')).suspend).toBe(false);
    const outcome = await api.objects.action({ ref, action: { type: 'trigger' } });
    const job = stored('batch/jobs', 'shop', outcome.created!.name);
    expect(job?.metadata.annotations?.['cronjob.kubernetes.io/instantiate']).toBe('manual');
    expect(job?.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'CronJob', name: 'nightly-report', controller: true, uid: stored('batch/cronjobs', 'shop', 'nightly-report')?.metadata.uid })]);
  });

  it('refuses an action that does not fit the kind', async () => {
    const err = await rejection(api.objects.action({ ref: { cluster: ctx, kind: 'daemonsets', namespace: 'ops', name: 'node-exporter' }, action: { type: 'scale', replicas: 2 } }));
    expect(err).toMatchObject({ code: 'invalid-params', message: expect.stringContaining('scale does not apply to daemonsets') });
  });

  it('drain cordons and evicts every pod on the node except DaemonSet, bare and emptyDir pods', async () => {
    const onNode = () => cluster.store.list('pods').filter((p) => spec(p).nodeName === 'fake-node-1' && !p.metadata.deletionTimestamp);
    const daemon = onNode().filter((p) => p.metadata.ownerReferences?.some((o) => o.kind === 'DaemonSet'));
    expect(daemon.length).toBe(1);
    const events: DrainEvent[] = [];
    await new Promise<void>((resolve, reject) => {
      api.objects.drain({ cluster: ctx, node: 'fake-node-1', timeoutSeconds: 60 }, { next: (batch) => events.push(...batch), error: (e) => reject(new Error(e.message)), complete: resolve });
    });
    expect(events[0]).toEqual({ type: 'cordoned', node: 'fake-node-1', already: false });
    const plan = events.find((e) => e.type === 'plan');
    expect(plan?.type === 'plan' && plan.skipped.map((s) => s.pod)).toContain(`ops/${daemon[0]!.metadata.name}`);
    const done = events.at(-1);
    expect(done).toMatchObject({ type: 'done', failed: 0 });
    const evicted = events.filter((e) => e.type === 'evicted').map((e) => (e.type === 'evicted' ? e.pod : ''));
    expect(evicted.length).toBe(plan?.type === 'plan' ? plan.evict.length : -1);
    expect(spec(stored('nodes', undefined, 'fake-node-1')).unschedulable).toBe(true);
    expect(evicted.length).toBeGreaterThan(0);
    for (const pod of evicted) expect(onNode().some((p) => `${p.metadata.namespace}/${p.metadata.name}` === pod)).toBe(false);
    expect(onNode().map((p) => p.metadata.name)).toContain(daemon[0]!.metadata.name);
  }, 90_000);

  it('delete removes the object', async () => {
    await api.objects.action({ ref: { cluster: ctx, kind: 'configmaps', namespace: 'shop', name: 'loupe-created' }, action: { type: 'delete' } });
    expect(stored('configmaps', 'shop', 'loupe-created')).toBeUndefined();
  });
});

describe('permissions and read-only mode', () => {
  it('the viewer sees writes disabled with the RBAC reason', async () => {
    const perms = await api.objects.permissions({ ref: { ...deploymentRef('frontend'), cluster: `${ctx}-viewer` } });
    expect(perms.actions.find((a) => a.action === 'logs')).toEqual({ action: 'logs', allowed: true });
    expect(perms.actions.find((a) => a.action === 'scale')).toEqual({ action: 'scale', allowed: false, reason: 'RBAC: you may not patch deployments/scale.apps in namespace shop' });
    expect(perms.actions.find((a) => a.action === 'delete')?.allowed).toBe(false);
    const admin = await api.objects.permissions({ ref: deploymentRef('frontend') });
    expect(admin.actions.every((a) => a.allowed)).toBe(true);
  });

  it('read-only mode disables writes, refuses them in main, and shows on the context', async () => {
    await api.objects.setReadOnly({ context: ctx, readOnly: true });
    const perms = await api.objects.permissions({ ref: deploymentRef('frontend') });
    expect(perms.readOnly).toBe(true);
    expect(perms.actions.find((a) => a.action === 'scale')?.reason).toContain('read-only mode is on');
    const replicas = spec(stored('apps/deployments', 'shop', 'frontend')).replicas;
    const err = await rejection(api.objects.action({ ref: deploymentRef('frontend'), action: { type: 'scale', replicas: 9 } }));
    expect(err).toMatchObject({ code: 'forbidden', message: expect.stringContaining('read-only mode is on') });
    const yaml = (await api.objects.getYaml({ ref: deploymentRef('frontend') })).yaml;
    expect((await rejection(api.objects.apply({ cluster: ctx, yaml, mode: 'update' }))).code).toBe('forbidden');
    expect(spec(stored('apps/deployments', 'shop', 'frontend')).replicas).toBe(replicas);
    // A dry run changes nothing, so it stays allowed.
    expect((await api.objects.dryRun({ cluster: ctx, yaml, mode: 'update' })).outcome).toBe('ok');

    const state = await new Promise<{ readOnly?: boolean }>((resolve) => {
      const sub = api.clusters.watch({}, {
        next: (batch) => {
          const info = batch.at(-1)?.contexts.find((c) => c.name === ctx);
          if (info?.readOnly) {
            sub.dispose();
            resolve(info);
          }
        },
      });
    });
    expect(state.readOnly).toBe(true);
    await api.objects.setReadOnly({ context: ctx, readOnly: false });
    await api.objects.action({ ref: deploymentRef('frontend'), action: { type: 'scale', replicas: 2 } });
    expect(spec(stored('apps/deployments', 'shop', 'frontend')).replicas).toBe(2);
  });
});
