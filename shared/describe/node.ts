/** describeNode (kubectl 1.28 layout), with the non-terminated pods table and allocated resources. */
import { arr, at, byString, obj, str, strs, type Json } from './json';
import { meta, refTo, writeAnnotations, writeEvents, writeLabels, writeTaints } from './common';
import { add, canonical, formatQuantity, max, milliValue, parseQuantity, value, ZERO, type Quantity } from './quantity';
import { since, time } from './time';
import type { DescribeContext, DescribeResult } from './types';
import { DescribeWriter } from './writer';

export interface NodeRelated {
  /** Non-terminated pods on the node, or the reason they could not be listed ('forbidden' prints "not authorized"). */
  pods: Json[] | 'forbidden';
  /** The node's Lease in kube-node-lease, or the error text kubectl prints after "Failed to get lease: ". */
  lease: Json | string;
}

const ROLE_PREFIX = 'node-role.kubernetes.io/';

export function describeNode(node: Json, related: NodeRelated, events: Json[] | undefined, ctx: DescribeContext): DescribeResult {
  const w = new DescribeWriter();
  const m = meta(node);
  const spec = obj(node.spec);
  const status = obj(node.status);
  w.write(0, `Name:\t${str(m.name)}\n`);
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(obj(m.labels))) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length));
    else if (k === 'kubernetes.io/role' && str(v)) roles.add(str(v));
  }
  w.write(0, `Roles:\t${roles.size > 0 ? [...roles].sort(byString).join(',') : '<none>'}\n`);
  writeLabels(w, 'Labels', m.labels);
  writeAnnotations(w, 'Annotations', m.annotations);
  w.write(0, `CreationTimestamp:\t${time(m.creationTimestamp, ctx)}\n`);
  writeTaints(w, 'Taints', spec.taints);
  w.write(0, `Unschedulable:\t${spec.unschedulable === true ? 'true' : 'false'}\n`);
  if (typeof related.lease === 'string') w.write(0, `Lease:\tFailed to get lease: ${related.lease}\n`);
  else {
    const lease = obj(related.lease.spec);
    w.write(0, 'Lease:\n');
    w.write(1, `HolderIdentity:\t${str(lease.holderIdentity) || '<unset>'}\n`);
    w.write(1, `AcquireTime:\t${str(lease.acquireTime) ? time(lease.acquireTime, ctx) : '<unset>'}\n`);
    w.write(1, `RenewTime:\t${str(lease.renewTime) ? time(lease.renewTime, ctx) : '<unset>'}\n`);
  }
  const conditions = arr(status.conditions);
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(1, `${str(c.type)} \t${str(c.status)} \t${time(c.lastHeartbeatTime, ctx)} \t${time(c.lastTransitionTime, ctx)} \t${str(c.reason)} \t${str(c.message)}\n`);
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of arr(status.addresses)) w.write(1, `${str(a.type)}:\t${str(a.address)}\n`);
  for (const [field, title] of [['capacity', 'Capacity'], ['allocatable', 'Allocatable']] as const) {
    const list = obj(status[field]);
    const names = Object.keys(list).sort(byString);
    if (names.length === 0) continue;
    w.write(0, `${title}:\n`);
    for (const name of names) w.write(0, `  ${name}:\t${canonical(list[name])}\n`);
  }
  const info = obj(status.nodeInfo);
  w.write(0, 'System Info:\n');
  for (const [label, field] of [
    ['Machine ID', 'machineID'], ['System UUID', 'systemUUID'], ['Boot ID', 'bootID'], ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'], ['Operating System', 'operatingSystem'], ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'], ['Kubelet Version', 'kubeletVersion'], ['Kube-Proxy Version', 'kubeProxyVersion'],
  ] as const) w.write(0, `  ${label}:\t${str(info[field])}\n`);
  if (str(spec.podCIDR)) w.write(0, `PodCIDR:\t${str(spec.podCIDR)}\n`);
  if (strs(spec.podCIDRs).length > 0) w.write(0, `PodCIDRs:\t${strs(spec.podCIDRs).join(',')}\n`);
  if (str(spec.providerID)) w.write(0, `ProviderID:\t${str(spec.providerID)}\n`);
  if (related.pods === 'forbidden') w.write(0, 'Pods:\tnot authorized\n');
  else writeNodeResources(w, related.pods, node, ctx);
  if (events) writeEvents(w, events, ctx);
  return w.result();
}

type ResourceTotals = Map<string, Quantity>;

/** resourcehelper.PodRequestsAndLimits: containers summed, init containers as a floor, plus overhead. */
function podRequestsAndLimits(pod: Json): { requests: ResourceTotals; limits: ResourceTotals } {
  const sum = (field: 'requests' | 'limits'): ResourceTotals => {
    const totals: ResourceTotals = new Map();
    for (const c of arr(at(pod, 'spec', 'containers'))) {
      for (const [name, text] of Object.entries(obj(at(c, 'resources', field)))) {
        const q = parseQuantity(text);
        if (q) totals.set(name, totals.has(name) ? add(totals.get(name)!, q) : q);
      }
    }
    for (const c of arr(at(pod, 'spec', 'initContainers'))) {
      for (const [name, text] of Object.entries(obj(at(c, 'resources', field)))) {
        const q = parseQuantity(text);
        if (q) totals.set(name, totals.has(name) ? max(totals.get(name)!, q) : q);
      }
    }
    for (const [name, text] of Object.entries(obj(at(pod, 'spec', 'overhead')))) {
      const q = parseQuantity(text);
      if (q && (field === 'requests' || totals.has(name))) totals.set(name, totals.has(name) ? add(totals.get(name)!, q) : q);
    }
    return totals;
  };
  return { requests: sum('requests'), limits: sum('limits') };
}

const percent = (part: number, whole: number): number => (whole === 0 ? 0 : Math.trunc((part / whole) * 100));

function writeNodeResources(w: DescribeWriter, pods: Json[], node: Json, ctx: DescribeContext): void {
  const capacity = obj(at(node, 'status', 'capacity'));
  const allocatableRaw = Object.keys(obj(at(node, 'status', 'allocatable'))).length > 0 ? obj(at(node, 'status', 'allocatable')) : capacity;
  const alloc = (name: string): Quantity => parseQuantity(allocatableRaw[name]) ?? ZERO;
  const cpuAlloc = milliValue(alloc('cpu'));
  const memAlloc = value(alloc('memory'));
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const totalRequests: ResourceTotals = new Map();
  const totalLimits: ResourceTotals = new Map();
  for (const pod of pods) {
    const { requests, limits } = podRequestsAndLimits(pod);
    for (const [name, q] of requests) totalRequests.set(name, totalRequests.has(name) ? add(totalRequests.get(name)!, q) : q);
    for (const [name, q] of limits) totalLimits.set(name, totalLimits.has(name) ? add(totalLimits.get(name)!, q) : q);
    const cell = (q: Quantity | undefined, whole: number, measure: (q: Quantity) => number): string =>
      `${formatQuantity(q ?? ZERO)} (${percent(measure(q ?? ZERO), whole)}%)`;
    const ns = str(meta(pod).namespace);
    const name = str(meta(pod).name);
    w.write(1, `${ns}\t`);
    w.ref(name, refTo(ctx, 'Pod', name, ns));
    w.write(0, `\t\t${cell(requests.get('cpu'), cpuAlloc, milliValue)}\t${cell(limits.get('cpu'), cpuAlloc, milliValue)}\t`);
    w.write(0, `${cell(requests.get('memory'), memAlloc, value)}\t${cell(limits.get('memory'), memAlloc, value)}\t${since(meta(pod).creationTimestamp, ctx)}\n`);
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  const row = (name: string, measure: (q: Quantity) => number): void => {
    const whole = measure(alloc(name));
    const r = totalRequests.get(name) ?? ZERO;
    const l = totalLimits.get(name) ?? ZERO;
    w.write(1, `${name}\t${formatQuantity(r)} (${percent(measure(r), whole)}%)\t${formatQuantity(l)} (${percent(measure(l), whole)}%)\n`);
  };
  row('cpu', milliValue);
  row('memory', value);
  row('ephemeral-storage', value);
  const names = Object.keys(allocatableRaw).sort(byString);
  for (const name of names.filter((n) => n.startsWith('hugepages-'))) row(name, value);
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods']);
  for (const name of names.filter((n) => !n.startsWith('hugepages-') && !standard.has(n))) {
    w.write(1, `${name}\t${formatQuantity(totalRequests.get(name) ?? ZERO)}\t${formatQuantity(totalLimits.get(name) ?? ZERO)}\n`);
  }
}
