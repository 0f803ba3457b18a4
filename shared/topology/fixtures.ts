/**
 * A deterministic cluster of any size, as rows and as the relation graph built from them, for tests
 * and benchmarks of every stage: namespaces of twenty workloads (Deployments with ReplicaSets, a
 * StatefulSet with claims), a Service per workload, an Ingress and an HPA per namespace, ConfigMaps,
 * Secrets, a NetworkPolicy, and a few pods crash-looping or pending.
 */
import { rowKey, type NodeRow, type PodRow, type ResourceRow, type WorkloadRow } from '../model/rows';
import { applyTopologyEvent, emptyGraphState } from './graph-state';
import { RelationIndex } from './relations';
import type { GraphState } from './view-graph';

export const FIXTURE_CLUSTER = 'fixture';
const PODS_PER_WORKLOAD = 10;
const WORKLOADS_PER_NAMESPACE = 20;
const PODS_PER_NODE = 110;

const base = <K extends ResourceRow['kind']>(kind: K, namespace: string | undefined, name: string, labels?: Record<string, string>) => ({
  key: rowKey(FIXTURE_CLUSTER, kind, namespace, name),
  cluster: FIXTURE_CLUSTER,
  kind,
  ...(namespace ? { namespace } : {}),
  name,
  uid: `uid-${kind}-${namespace ?? ''}-${name}`,
  rv: '1',
  createdAt: '2026-01-01T00:00:00Z',
  ...(labels ? { labels } : {}),
});

const owner = (row: { kind: string; name: string; uid: string }, kind: string) => ({ kind, name: row.name, uid: row.uid, controller: true });

export function generateTopologyRows(pods: number): ResourceRow[] {
  const rows: ResourceRow[] = [];
  const nodeCount = Math.max(3, Math.ceil(pods / PODS_PER_NODE));
  for (let n = 0; n < nodeCount; n++) {
    const node: NodeRow = {
      ...base('nodes', undefined, `node-${n}`),
      ready: n % 50 !== 7,
      unschedulable: false,
      roles: n === 0 ? ['control-plane'] : [],
      capacity: { cpuMillis: 16_000, memoryBytes: 64 * 2 ** 30, pods: PODS_PER_NODE },
      allocatable: { cpuMillis: 15_500, memoryBytes: 62 * 2 ** 30, pods: PODS_PER_NODE },
      pressures: [],
      taints: 0,
    };
    rows.push(node);
  }
  let podIndex = 0;
  for (let ns = 0; podIndex < pods; ns++) {
    const namespace = `ns-${ns}`;
    rows.push({ ...base('secrets', namespace, 'tls') }, { ...base('networkpolicies', namespace, 'db-only', { app: 'policy' }), podSelector: { matchLabels: { tier: 'db' } }, policyTypes: ['Ingress'] });
    const services: string[] = [];
    for (let w = 0; w < WORKLOADS_PER_NAMESPACE && podIndex < pods; w++) {
      const app = `app-${w}`;
      const replicas = Math.min(PODS_PER_WORKLOAD, pods - podIndex);
      const stateful = w % 10 === 9;
      const labels = { app, tier: stateful ? 'db' : 'web' };
      const workloadKind = stateful ? 'statefulsets' : 'deployments';
      const workload: WorkloadRow = {
        ...base(workloadKind, namespace, app, labels),
        desired: replicas,
        ready: replicas,
        updated: replicas,
        available: replicas,
        selector: { matchLabels: { app } },
        images: [`registry.local/${app}:1`],
        observed: true,
      };
      rows.push(workload);
      let podOwner: { kind: string; name: string; uid: string } = { kind: 'StatefulSet', name: app, uid: workload.uid };
      if (!stateful) {
        const rs: WorkloadRow = { ...workload, ...base('replicasets', namespace, `${app}-7d9f`, labels), owners: [owner(workload, 'Deployment')] };
        rows.push(rs);
        podOwner = { kind: 'ReplicaSet', name: rs.name, uid: rs.uid };
      }
      rows.push({ ...base('configmaps', namespace, `${app}-config`) });
      rows.push({ ...base('services', namespace, app, labels), type: 'ClusterIP', clusterIP: `10.0.${ns % 256}.${w}`, ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }], selector: { app } });
      services.push(app);
      for (let p = 0; p < replicas; p++, podIndex++) {
        const name = stateful ? `${app}-${p}` : `${app}-7d9f-${p.toString(36).padStart(5, 'x')}`;
        const crashing = podIndex % 97 === 13;
        const pending = podIndex % 53 === 11;
        if (stateful) rows.push({ ...base('persistentvolumeclaims', namespace, `data-${name}`), phase: 'Bound', capacity: '1Gi' });
        const pod: PodRow = {
          ...base('pods', namespace, name, labels),
          owners: [owner(podOwner, podOwner.kind)],
          phase: pending ? 'Pending' : 'Running',
          status: crashing ? 'CrashLoopBackOff' : pending ? 'ContainerCreating' : 'Running',
          readyContainers: crashing || pending ? 0 : 1,
          totalContainers: 1,
          restarts: crashing ? 12 : 0,
          ...(pending ? {} : { node: `node-${podIndex % nodeCount}`, podIP: `10.1.${(podIndex >> 8) & 255}.${podIndex & 255}` }),
          containers: [{ name: 'main', image: `registry.local/${app}:1`, ready: !crashing && !pending, restarts: crashing ? 12 : 0, state: crashing || pending ? 'waiting' : 'running', ...(crashing ? { reason: 'CrashLoopBackOff' } : {}) }],
          uses: { configMaps: [`${app}-config`], secrets: ['tls'], ...(stateful ? { pvcs: [`data-${name}`] } : {}) },
          requests: { cpuMillis: 100, memoryBytes: 128 * 2 ** 20 },
        };
        rows.push(pod);
      }
      if (crashingIn(podIndex - replicas, podIndex)) workload.ready = replicas - 1;
    }
    rows.push({ ...base('ingresses', namespace, 'web'), hosts: [`${namespace}.example.test`], services: services.slice(0, 3) });
    rows.push({
      ...base('horizontalpodautoscalers', namespace, 'app-0'),
      scaleTargetRef: { kind: 'Deployment', name: 'app-0', apiVersion: 'apps/v1' },
      minReplicas: 2,
      maxReplicas: 20,
      currentReplicas: 10,
      desiredReplicas: 10,
    });
  }
  return rows;
}

const crashingIn = (from: number, to: number): boolean => {
  for (let i = from; i < to; i++) if (i % 97 === 13 || i % 53 === 11) return true;
  return false;
};

/** The relation graph of `generateTopologyRows(pods)`, as a consumer would hold it. */
export function generateTopologyFixture(pods: number): GraphState {
  const index = new RelationIndex();
  for (const row of generateTopologyRows(pods)) index.upsert(row);
  const { nodes, edges } = index.snapshot();
  const state = emptyGraphState();
  applyTopologyEvent(state, { type: 'snapshot', seq: 1, nodes, edges, last: true });
  return state;
}
