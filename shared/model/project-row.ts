/**
 * Projects a Kubernetes object (plain JSON as the API sends it) to its row. Pure: runs in main
 * for the cache and anywhere tests need it.
 */
import type { KindId } from './kinds';
import { bytes, cpuMillis } from './quantity';
import {
  rowKey,
  type ContainerRow,
  type JobRow,
  type LabelSelector,
  type OwnerRef,
  type PodRow,
  type ResourceRow,
} from './rows';

/** The loosely typed JSON shape of any object; fields are read defensively. */
export type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]).map(obj) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const strMap = (v: unknown): Record<string, string> | undefined =>
  v && typeof v === 'object' ? (v as Record<string, string>) : undefined;

/**
 * The fields every row has. Rows are built as `Object.assign(base(...), { ...kind fields })`, never
 * `{ ...base(...), ... }`: once that spread's inline cache has seen a few shapes, V8 clones every
 * result with a hidden class of its own (a Map and DescriptorArray per row, ~0.5 KB each at 10k pods:
 * see bench/cache.bench.ts), where Object.assign follows shared transitions.
 */
function base<K extends KindId>(cluster: string, kind: K, o: Json) {
  const meta = obj(o.metadata);
  const namespace = str(meta.namespace);
  const name = str(meta.name) ?? '';
  const owners = arr(meta.ownerReferences).map(
    (r): OwnerRef => ({ kind: str(r.kind) ?? '', name: str(r.name) ?? '', uid: str(r.uid) ?? '', ...(r.controller === true ? { controller: true } : {}) }),
  );
  const labels = strMap(meta.labels);
  return {
    key: rowKey(cluster, kind, namespace, name),
    cluster,
    kind,
    ...(namespace ? { namespace } : {}),
    name,
    uid: str(meta.uid) ?? '',
    rv: str(meta.resourceVersion) ?? '',
    createdAt: str(meta.creationTimestamp) ?? '',
    ...(labels && Object.keys(labels).length > 0 ? { labels } : {}),
    ...(owners.length > 0 ? { owners } : {}),
    ...(meta.deletionTimestamp ? { deleting: true } : {}),
  };
}

function selector(v: unknown): LabelSelector | undefined {
  const s = obj(v);
  if (!s.matchLabels && !s.matchExpressions) return undefined;
  return {
    ...(s.matchLabels ? { matchLabels: strMap(s.matchLabels) } : {}),
    ...(s.matchExpressions
      ? { matchExpressions: arr(s.matchExpressions).map((e) => ({ key: str(e.key) ?? '', operator: str(e.operator) ?? '', ...(Array.isArray(e.values) ? { values: e.values as string[] } : {}) })) }
      : {}),
  };
}

function containerRow(spec: Json, status: Json | undefined): ContainerRow {
  const state = obj(status?.state);
  const waiting = state.waiting ? obj(state.waiting) : undefined;
  const terminated = state.terminated ? obj(state.terminated) : undefined;
  const reason = str(waiting?.reason) ?? str(terminated?.reason);
  return {
    name: str(spec.name) ?? '',
    image: str(spec.image) ?? '',
    ready: status?.ready === true,
    restarts: num(status?.restartCount),
    state: waiting ? 'waiting' : terminated ? 'terminated' : state.running ? 'running' : 'unknown',
    ...(reason ? { reason } : {}),
    ...(terminated ? { exitCode: num(terminated.exitCode) } : {}),
  };
}

/** kubectl's STATUS column logic for pods (printPod), for the common cases. */
function podDisplayStatus(o: Json, containers: ContainerRow[], initStatuses: Json[]): string {
  const status = obj(o.status);
  let reason = str(status.reason) ?? str(status.phase) ?? 'Unknown';
  let initializing = false;
  initStatuses.forEach((s, i) => {
    const state = obj(s.state);
    const term = state.terminated ? obj(state.terminated) : undefined;
    const wait = state.waiting ? obj(state.waiting) : undefined;
    if (term && num(term.exitCode) === 0) return;
    initializing = true;
    if (term) reason = `Init:${str(term.reason) ?? `ExitCode:${num(term.exitCode)}`}`;
    else if (wait && str(wait.reason) && wait.reason !== 'PodInitializing') reason = `Init:${str(wait.reason)}`;
    else reason = `Init:${i}/${initStatuses.length}`;
  });
  if (!initializing) {
    let running = false;
    for (const c of [...containers].reverse()) {
      if (c.state === 'waiting' && c.reason) reason = c.reason;
      else if (c.state === 'terminated' && c.reason) reason = c.reason;
      else if (c.state === 'terminated') reason = `ExitCode:${c.exitCode ?? 0}`;
      else if (c.state === 'running' && c.ready) running = true;
    }
    if (reason === 'Completed' && running) reason = 'Running';
  }
  if (obj(o.metadata).deletionTimestamp) reason = status.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return reason;
}

function podRow(cluster: string, o: Json): PodRow {
  const spec = obj(o.spec);
  const status = obj(o.status);
  const statuses = new Map(arr(status.containerStatuses).map((s) => [str(s.name), s]));
  const containers = arr(spec.containers).map((c) => containerRow(c, statuses.get(str(c.name))));
  const pvcs: string[] = [];
  const configMaps = new Set<string>();
  const secrets = new Set<string>();
  for (const v of arr(spec.volumes)) {
    const claim = str(obj(v.persistentVolumeClaim).claimName);
    if (claim) pvcs.push(claim);
    const cm = str(obj(v.configMap).name);
    if (cm) configMaps.add(cm);
    const secret = str(obj(v.secret).secretName);
    if (secret) secrets.add(secret);
    for (const source of arr(obj(v.projected).sources)) {
      const pcm = str(obj(source.configMap).name);
      if (pcm && pcm !== 'kube-root-ca.crt') configMaps.add(pcm);
      const ps = str(obj(source.secret).name);
      if (ps) secrets.add(ps);
    }
  }
  let cpu = 0;
  let memory = 0;
  for (const c of [...arr(spec.containers), ...arr(spec.initContainers)]) {
    for (const from of arr(c.envFrom)) {
      const cm = str(obj(from.configMapRef).name);
      if (cm) configMaps.add(cm);
      const s = str(obj(from.secretRef).name);
      if (s) secrets.add(s);
    }
    for (const env of arr(c.env)) {
      const ref = obj(env.valueFrom);
      const cm = str(obj(ref.configMapKeyRef).name);
      if (cm) configMaps.add(cm);
      const s = str(obj(ref.secretKeyRef).name);
      if (s) secrets.add(s);
    }
  }
  for (const c of arr(spec.containers)) {
    const requests = obj(obj(c.resources).requests);
    cpu += cpuMillis(requests.cpu as string | undefined);
    memory += bytes(requests.memory as string | undefined);
  }
  const serviceAccount = str(spec.serviceAccountName);
  const node = str(spec.nodeName);
  const podIP = str(status.podIP);
  return Object.assign(base(cluster, 'pods', o), {
    kind: 'pods',
    phase: str(status.phase) ?? 'Unknown',
    status: podDisplayStatus(o, containers, arr(status.initContainerStatuses)),
    readyContainers: containers.filter((c) => c.ready).length,
    totalContainers: containers.length,
    restarts: containers.reduce((sum, c) => sum + c.restarts, 0),
    ...(node ? { node } : {}),
    ...(podIP ? { podIP } : {}),
    containers,
    uses: {
      ...(pvcs.length ? { pvcs } : {}),
      ...(configMaps.size ? { configMaps: [...configMaps] } : {}),
      ...(secrets.size ? { secrets: [...secrets] } : {}),
      ...(serviceAccount ? { serviceAccount } : {}),
    },
    requests: { cpuMillis: cpu, memoryBytes: memory },
  });
}

function images(o: Json): string[] {
  const template = obj(obj(obj(o.spec).template).spec);
  return arr(template.containers).map((c) => str(c.image) ?? '');
}

function conditions(o: Json) {
  const list = arr(obj(o.status).conditions);
  return list.length
    ? list.map((c) => ({ type: str(c.type) ?? '', status: str(c.status) ?? '', ...(str(c.reason) ? { reason: str(c.reason) } : {}), ...(str(c.message) ? { message: str(c.message) } : {}) }))
    : undefined;
}

function quantities(v: unknown) {
  const q = obj(v);
  return { cpuMillis: cpuMillis(q.cpu as string), memoryBytes: bytes(q.memory as string), pods: Number(q.pods ?? 0) || 0 };
}

export function projectRow(cluster: string, kind: KindId, o: Json): ResourceRow {
  const spec = obj(o.spec);
  const status = obj(o.status);
  const meta = obj(o.metadata);
  switch (kind) {
    case 'pods':
      return podRow(cluster, o);
    case 'deployments':
    case 'replicasets':
    case 'statefulsets':
    case 'daemonsets': {
      const daemon = kind === 'daemonsets';
      const sel = selector(spec.selector);
      const conds = conditions(o);
      return Object.assign(base(cluster, kind, o), {
        kind,
        desired: daemon ? num(status.desiredNumberScheduled) : typeof spec.replicas === 'number' ? spec.replicas : 1,
        ready: daemon ? num(status.numberReady) : num(status.readyReplicas),
        updated: daemon ? num(status.updatedNumberScheduled) : kind === 'replicasets' ? num(status.fullyLabeledReplicas) : num(status.updatedReplicas),
        available: daemon ? num(status.numberAvailable) : num(status.availableReplicas),
        ...(sel ? { selector: sel } : {}),
        images: images(o),
        observed: num(status.observedGeneration) >= num(meta.generation),
        ...(conds ? { conditions: conds } : {}),
        ...(spec.paused === true ? { paused: true } : {}),
      });
    }
    case 'jobs': {
      const conds = conditions(o) ?? [];
      const done = conds.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
      const sel = selector(spec.selector);
      return Object.assign(base(cluster, kind, o), {
        kind,
        completions: typeof spec.completions === 'number' ? spec.completions : 1,
        succeeded: num(status.succeeded),
        failed: num(status.failed),
        active: num(status.active),
        status: (done ? done.type : spec.suspend === true ? 'Suspended' : 'Running') as JobRow['status'],
        ...(sel ? { selector: sel } : {}),
      });
    }
    case 'cronjobs': {
      const last = str(status.lastScheduleTime);
      return Object.assign(base(cluster, kind, o), {
        kind,
        schedule: str(spec.schedule) ?? '',
        suspend: spec.suspend === true,
        active: arr(status.active).length,
        ...(last ? { lastScheduleTime: last } : {}),
      });
    }
    case 'services': {
      const sel = strMap(spec.selector);
      const clusterIP = str(spec.clusterIP);
      return Object.assign(base(cluster, kind, o), {
        kind,
        type: str(spec.type) ?? 'ClusterIP',
        ...(clusterIP ? { clusterIP } : {}),
        ports: arr(spec.ports).map((p) => ({
          ...(str(p.name) ? { name: str(p.name) } : {}),
          port: num(p.port),
          protocol: str(p.protocol) ?? 'TCP',
          ...(p.targetPort !== undefined ? { targetPort: p.targetPort as string | number } : {}),
          ...(p.nodePort ? { nodePort: num(p.nodePort) } : {}),
        })),
        ...(sel && Object.keys(sel).length ? { selector: sel } : {}),
      });
    }
    case 'ingresses': {
      const services = new Set<string>();
      const backend = (b: unknown) => {
        const name = str(obj(obj(b).service).name);
        if (name) services.add(name);
      };
      backend(spec.defaultBackend);
      const hosts: string[] = [];
      for (const rule of arr(spec.rules)) {
        if (str(rule.host)) hosts.push(str(rule.host)!);
        for (const path of arr(obj(rule.http).paths)) backend(path.backend);
      }
      const className = str(spec.ingressClassName);
      return Object.assign(base(cluster, kind, o), { kind, ...(className ? { className } : {}), hosts, services: [...services] });
    }
    case 'networkpolicies':
      return Object.assign(base(cluster, kind, o), {
        kind,
        podSelector: selector(spec.podSelector) ?? {},
        policyTypes: Array.isArray(spec.policyTypes) ? (spec.policyTypes as string[]) : [],
      });
    case 'endpointslices': {
      const endpoints = arr(o.endpoints);
      const service = strMap(meta.labels)?.['kubernetes.io/service-name'];
      return Object.assign(base(cluster, kind, o), {
        kind,
        ...(service ? { service } : {}),
        ready: endpoints.filter((e) => obj(e.conditions).ready !== false).length,
        total: endpoints.length,
        pods: endpoints.flatMap((e) => {
          const ref = obj(e.targetRef);
          return ref.kind === 'Pod' && str(ref.name) ? [str(ref.name)!] : [];
        }),
      });
    }
    case 'nodes': {
      const conds = arr(status.conditions);
      const labels = strMap(meta.labels) ?? {};
      const roles = Object.keys(labels)
        .filter((l) => l.startsWith('node-role.kubernetes.io/'))
        .map((l) => l.slice('node-role.kubernetes.io/'.length));
      const internalIP = str(arr(status.addresses).find((a) => a.type === 'InternalIP')?.address);
      const kubeletVersion = str(obj(status.nodeInfo).kubeletVersion);
      return Object.assign(base(cluster, kind, o), {
        kind,
        ready: conds.some((c) => c.type === 'Ready' && c.status === 'True'),
        unschedulable: spec.unschedulable === true,
        roles,
        ...(internalIP ? { internalIP } : {}),
        ...(kubeletVersion ? { kubeletVersion } : {}),
        capacity: quantities(status.capacity),
        allocatable: quantities(status.allocatable),
        pressures: conds.filter((c) => c.type !== 'Ready' && c.status === 'True').map((c) => str(c.type) ?? ''),
        taints: arr(spec.taints).length,
      });
    }
    case 'namespaces':
      return Object.assign(base(cluster, kind, o), { kind, phase: str(status.phase) ?? 'Active' });
    case 'events': {
      const involved = obj(o.involvedObject);
      const source = str(obj(o.source).component) ?? str(o.reportingComponent);
      return Object.assign(base(cluster, kind, o), {
        kind,
        type: str(o.type) ?? 'Normal',
        reason: str(o.reason) ?? '',
        message: str(o.message) ?? '',
        count: num(o.count) || 1,
        lastSeen: str(o.lastTimestamp) ?? str(o.eventTime) ?? str(meta.creationTimestamp) ?? '',
        involved: {
          kind: str(involved.kind) ?? '',
          name: str(involved.name) ?? '',
          ...(str(involved.namespace) ? { namespace: str(involved.namespace) } : {}),
          ...(str(involved.uid) ? { uid: str(involved.uid) } : {}),
          ...(str(involved.fieldPath) ? { fieldPath: str(involved.fieldPath) } : {}),
        },
        ...(source ? { source } : {}),
      });
    }
    case 'persistentvolumeclaims': {
      const volume = str(spec.volumeName);
      const capacity = str(obj(status.capacity).storage);
      const storageClass = str(spec.storageClassName);
      return Object.assign(base(cluster, kind, o), {
        kind,
        phase: str(status.phase) ?? 'Pending',
        ...(volume ? { volume } : {}),
        ...(capacity ? { capacity } : {}),
        ...(storageClass ? { storageClass } : {}),
      });
    }
    case 'horizontalpodautoscalers': {
      const target = obj(spec.scaleTargetRef);
      const apiVersion = str(target.apiVersion);
      return Object.assign(base(cluster, kind, o), {
        kind,
        scaleTargetRef: { kind: str(target.kind) ?? '', name: str(target.name) ?? '', ...(apiVersion ? { apiVersion } : {}) },
        minReplicas: typeof spec.minReplicas === 'number' ? spec.minReplicas : 1,
        maxReplicas: num(spec.maxReplicas),
        currentReplicas: num(status.currentReplicas),
        desiredReplicas: num(status.desiredReplicas),
      });
    }
    case 'configmaps':
    case 'secrets':
      return Object.assign(base(cluster, kind, o), { kind });
  }
}
