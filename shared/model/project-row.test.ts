/**
 * Rows against the real API server's recordings: pod READY/STATUS/RESTARTS must equal what the
 * server's own Table printer said for the very same object versions (matched by resourceVersion),
 * and workload counts what its Deployment/StatefulSet/DaemonSet tables said.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectRow, type Json } from './project-row';
import type { HpaRow, JobRow, PodRow, ServiceRow, WorkloadRow } from './rows';

const golden = (path: string): string => readFileSync(new URL(`../../../shared/k8s-golden/${path}`, import.meta.url), 'utf8');
const jsonl = (path: string): Array<{ type: string; object: Json }> =>
  golden(path)
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { type: string; object: Json });
interface Table {
  rows: Array<{ cells: unknown[]; object: { metadata: { name: string; resourceVersion: string } } }>;
}

describe('projectRow', () => {
  it('gives pods the STATUS, READY and RESTARTS the API server printed for the same versions', () => {
    const printed = new Map<string, unknown[]>();
    for (const event of jsonl('watch/pods-shop-watch-as-table.jsonl')) {
      for (const row of (event.object as unknown as Table).rows ?? []) {
        printed.set(`${row.object.metadata.name}@${row.object.metadata.resourceVersion}`, row.cells);
      }
    }
    let compared = 0;
    const statuses = new Set<string>();
    for (const event of jsonl('watch/pods-shop-watch-rv-bookmarks.jsonl')) {
      if (event.type === 'BOOKMARK') continue;
      const meta = event.object.metadata as { name: string; resourceVersion: string };
      const cells = printed.get(`${meta.name}@${meta.resourceVersion}`);
      if (!cells) continue;
      const row = projectRow('c1', 'pods', event.object) as PodRow;
      expect(`${row.readyContainers}/${row.totalContainers}`, meta.name).toBe(cells[1]);
      expect(row.status, `${meta.name}@${meta.resourceVersion}`).toBe(cells[2]);
      expect(String(row.restarts)).toBe(String(cells[3]).split(' ')[0]);
      statuses.add(row.status);
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
    expect(statuses).toEqual(new Set(['Pending', 'Running', 'Terminating']));
  });

  it('matches the pods table for completed job pods and multi-container pods', () => {
    const list = JSON.parse(golden('lists/pods-all-namespaces.json')) as { items: Json[] };
    const table = JSON.parse(golden('tables/pods-shop-table.json')) as Table;
    const byName = new Map(list.items.map((p) => [(p.metadata as { name: string }).name, p]));
    for (const printed of table.rows) {
      const pod = byName.get(printed.object.metadata.name);
      if (!pod) continue;
      const row = projectRow('c1', 'pods', pod) as PodRow;
      expect([`${row.readyContainers}/${row.totalContainers}`, row.status], row.name).toEqual([printed.cells[1], printed.cells[2]]);
    }
  });

  it('reads what a pod uses: config maps by volume and env, the service account, requests', () => {
    const pod = JSON.parse(golden('objects/pod-frontend.json')) as Json;
    const row = projectRow('c1', 'pods', pod) as PodRow;
    expect(row.uses.configMaps).toEqual(['frontend-config']);
    expect(row.uses.serviceAccount).toBe('default');
    expect(row.owners?.[0]).toMatchObject({ kind: 'ReplicaSet', controller: true });
    expect(row.node).toMatch(/^fake-node-/);
    expect(row.requests.cpuMillis).toBeGreaterThan(0);
  });

  it('gives workloads the counts the API server printed', () => {
    for (const [list, tablePath, kind] of [
      ['lists/deployments-all-namespaces.json', 'tables/deployments-shop-table.json', 'deployments'],
      ['lists/statefulsets-all-namespaces.json', 'tables/statefulsets-shop-table.json', 'statefulsets'],
    ] as const) {
      const items = (JSON.parse(golden(list)) as { items: Json[] }).items;
      const table = JSON.parse(golden(tablePath)) as Table;
      for (const printed of table.rows) {
        const item = items.find((i) => (i.metadata as { name: string }).name === printed.object.metadata.name)!;
        const row = projectRow('c1', kind, item) as WorkloadRow;
        expect(`${row.ready}/${row.desired}`, row.name).toBe(printed.cells[1]);
        if (kind === 'deployments') expect([row.updated, row.available]).toEqual([printed.cells[2], printed.cells[3]]);
        expect(row.images.length).toBeGreaterThan(0);
        expect(row.selector?.matchLabels).toBeDefined();
      }
    }
  });

  it('projects services, ingresses, jobs and nodes', () => {
    const svc = projectRow('c1', 'services', JSON.parse(golden('objects/service-frontend-external-nodeport.json')) as Json) as ServiceRow;
    expect(svc).toMatchObject({ type: 'NodePort', selector: { app: 'frontend' } });
    expect(svc.ports[0]).toMatchObject({ nodePort: 30080, protocol: 'TCP' });
    const ing = projectRow('c1', 'ingresses', JSON.parse(golden('objects/ingress-shop.json')) as Json);
    expect(ing).toMatchObject({ className: 'nginx' });
    expect((ing as { services: string[] }).services.length).toBeGreaterThan(0);
    const job = projectRow('c1', 'jobs', JSON.parse(golden('objects/job-db-migrate-complete.json')) as Json) as JobRow;
    expect(job).toMatchObject({ status: 'Complete', succeeded: 1, completions: 1 });
    const node = projectRow('c1', 'nodes', JSON.parse(golden('objects/node-fake-node-1.json')) as Json);
    expect(node).toMatchObject({ kind: 'nodes', ready: true, internalIP: '127.0.0.1' });
    expect((node as { allocatable: { cpuMillis: number } }).allocatable.cpuMillis).toBeGreaterThan(0);
  });

  it('shows crash loops, image pull failures and init progress like kubectl', () => {
    const pod = (containerStatuses: Json[], extra: Json = {}): PodRow =>
      projectRow('c1', 'pods', {
        metadata: { name: 'p', namespace: 'n', uid: 'u', creationTimestamp: '2026-01-01T00:00:00Z' },
        spec: { containers: containerStatuses.map((s) => ({ name: s.name, image: 'img' })) },
        status: { phase: 'Running', containerStatuses, ...extra },
      }) as PodRow;
    const crash = pod([{ name: 'a', ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } }]);
    expect([crash.status, crash.restarts]).toEqual(['CrashLoopBackOff', 4]);
    expect(pod([{ name: 'a', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } }]).status).toBe('ImagePullBackOff');
    expect(pod([{ name: 'a', ready: false, restartCount: 1, state: { terminated: { reason: 'OOMKilled', exitCode: 137 } } }]).status).toBe('OOMKilled');
    expect(
      pod([{ name: 'a', ready: false, state: { waiting: { reason: 'PodInitializing' } } }], {
        phase: 'Pending',
        initContainerStatuses: [{ name: 'init', state: { running: {} } }],
      }).status,
    ).toBe('Init:0/1');
  });

  it('gives HorizontalPodAutoscalers their target and replica bounds', () => {
    const hpa = projectRow('c1', 'horizontalpodautoscalers', {
      metadata: { name: 'web', namespace: 'shop', uid: 'u' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 10 },
      status: { currentReplicas: 3, desiredReplicas: 4 },
    }) as HpaRow;
    expect(hpa).toMatchObject({
      key: 'c1/horizontalpodautoscalers/shop/web',
      scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' },
      minReplicas: 1,
      maxReplicas: 10,
      currentReplicas: 3,
      desiredReplicas: 4,
    });
  });
});
