/** describePod (kubectl 1.28 layout). */
import { arr, at, byString, num, obj, str, strMap, type Json } from './json';
import { parseQuantity } from './quantity';
import { meta, refTo, writeAnnotations, writeControlledBy, writeEvents, writeLabels, writeTolerations } from './common';
import { writeContainers } from './containers';
import { since, time } from './time';
import type { DescribeContext, DescribeResult } from './types';
import { writeVolumes } from './volumes';
import { DescribeWriter } from './writer';

export function describePod(pod: Json, events: Json[] | undefined, ctx: DescribeContext): DescribeResult {
  const w = new DescribeWriter();
  const m = meta(pod);
  const spec = obj(pod.spec);
  const status = obj(pod.status);
  const namespace = str(m.namespace);
  w.write(0, `Name:\t${str(m.name)}\n`);
  w.write(0, `Namespace:\t${namespace}\n`);
  if (typeof spec.priority === 'number') w.write(0, `Priority:\t${spec.priority}\n`);
  if (str(spec.priorityClassName)) w.write(0, `Priority Class Name:\t${str(spec.priorityClassName)}\n`);
  if (str(spec.runtimeClassName)) w.write(0, `Runtime Class Name:\t${str(spec.runtimeClassName)}\n`);
  if (str(spec.serviceAccountName)) w.write(0, `Service Account:\t${str(spec.serviceAccountName)}\n`);
  if (!str(spec.nodeName)) {
    w.write(0, 'Node:\t<none>\n');
  } else {
    w.write(0, 'Node:\t');
    w.ref(str(spec.nodeName), refTo(ctx, 'Node', str(spec.nodeName)));
    w.write(0, `/${str(status.hostIP)}\n`);
  }
  if (str(status.startTime)) w.write(0, `Start Time:\t${time(status.startTime, ctx)}\n`);
  writeLabels(w, 'Labels', m.labels);
  writeAnnotations(w, 'Annotations', m.annotations);
  const phase = str(status.phase);
  if (str(m.deletionTimestamp) && phase !== 'Failed' && phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${since(m.deletionTimestamp, ctx)})\n`);
    w.write(0, `Termination Grace Period:\t${num(m.deletionGracePeriodSeconds)}s\n`);
  } else {
    w.write(0, `Status:\t${phase}\n`);
  }
  if (str(status.reason)) w.write(0, `Reason:\t${str(status.reason)}\n`);
  if (str(status.message)) w.write(0, `Message:\t${str(status.message)}\n`);
  w.write(0, `IP:\t${str(status.podIP)}\n`);
  const ips = arr(status.podIPs);
  if (ips.length === 0) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of ips) w.write(1, `IP:\t${str(ip.ip)}\n`);
  }
  writeControlledBy(w, pod, ctx);
  if (str(status.nominatedNodeName)) w.write(0, `NominatedNodeName:\t${str(status.nominatedNodeName)}\n`);
  if (arr(spec.initContainers).length > 0) {
    writeContainers(w, 'Init Containers', arr(spec.initContainers), arr(status.initContainerStatuses), '', ctx, namespace, pod);
  }
  writeContainers(w, 'Containers', arr(spec.containers), arr(status.containerStatuses), '', ctx, namespace, pod);
  if (arr(spec.ephemeralContainers).length > 0) {
    writeContainers(w, 'Ephemeral Containers', arr(spec.ephemeralContainers), arr(status.ephemeralContainerStatuses), '', ctx, namespace, pod);
  }
  const conditions = arr(status.conditions);
  const gates = arr(spec.readinessGates);
  if (gates.length > 0) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of gates) {
      const c = conditions.find((x) => x.type === g.conditionType);
      w.write(1, `${str(g.conditionType)} \t${c ? str(c.status) : '<none>'} \n`);
    }
  }
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conditions) w.write(1, `${str(c.type)} \t${str(c.status)} \n`);
  }
  writeVolumes(w, arr(spec.volumes), '', ctx, namespace);
  w.write(0, `QoS Class:\t${str(status.qosClass) || qosClass(spec)}\n`);
  writeLabels(w, 'Node-Selectors', spec.nodeSelector);
  writeTolerations(w, 'Tolerations', spec.tolerations);
  writeTopologySpread(w, arr(spec.topologySpreadConstraints));
  if (events) writeEvents(w, events, ctx);
  return w.result();
}

function writeTopologySpread(w: DescribeWriter, constraints: Json[]): void {
  if (constraints.length === 0) return;
  const sorted = [...constraints].sort((a, b) => byString(str(a.topologyKey), str(b.topologyKey)));
  w.write(0, 'Topology Spread Constraints:\t');
  sorted.forEach((c, i) => {
    if (i !== 0) w.write(0, '\t');
    const selector = c.labelSelector ? ` for selector ${formatSelectorShort(c.labelSelector)}` : '';
    w.write(0, `${str(c.topologyKey)}:${str(c.whenUnsatisfiable)} when max skew ${num(c.maxSkew)} is exceeded${selector}\n`);
  });
}

function formatSelectorShort(selector: unknown): string {
  const labels = strMap(at(selector, 'matchLabels'));
  const keys = Object.keys(labels).sort(byString);
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels[k]}`).join(',');
}

/** qos.GetPodQOS, for servers that do not fill status.qosClass. */
function qosClass(spec: Json): string {
  const containers = [...arr(spec.containers), ...arr(spec.initContainers)];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const requests = obj(at(c, 'resources', 'requests'));
    const limits = obj(at(c, 'resources', 'limits'));
    const positive = (v: unknown): boolean => (parseQuantity(v)?.nanos ?? 0n) > 0n;
    if ([...Object.values(requests), ...Object.values(limits)].some(positive)) any = true;
    for (const name of ['cpu', 'memory']) {
      const limit = parseQuantity(limits[name]);
      const request = parseQuantity(requests[name] ?? limits[name]);
      if (!limit || !request || limit.nanos !== request.nanos) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
