/** Containers and pod templates, shared by the pod and every workload describer. */
import { arr, at, byString, goBool, num, obj, str, strs, type Json } from './json';
import { canonical, milliValue, parseQuantity, value } from './quantity';
import { refTo, writeAnnotations, writeLabels } from './common';
import { time } from './time';
import type { DescribeContext } from './types';
import { writeVolumes } from './volumes';
import type { DescribeWriter } from './writer';

/**
 * `pod` resolves downward-API fields in the environment (kubectl's EnvValueRetriever); templates
 * have no pod, and show those values empty like kubectl.
 */
export function writeContainers(
  w: DescribeWriter, label: string, containers: Json[], statuses: Json[] | undefined, space: string, ctx: DescribeContext, namespace: string, pod?: Json,
): void {
  const byName = new Map((statuses ?? []).map((s) => [str(s.name), s]));
  w.write(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const status = byName.get(str(c.name));
    writeBasicInfo(w, c, status, space);
    writeCommand(w, c);
    if (status) writeState(w, status, ctx);
    writeResources(w, obj(c.resources), 2);
    writeProbes(w, c);
    if (arr(c.envFrom).length > 0) writeEnvFrom(w, c, ctx, namespace);
    writeEnv(w, c, ctx, namespace, pod);
    writeMounts(w, c);
  }
}

function writeBasicInfo(w: DescribeWriter, c: Json, status: Json | undefined, space: string): void {
  w.write(1, `${space ? ' ' : ''}${str(c.name)}:\n`);
  if (status) w.write(2, `Container ID:\t${str(status.containerID)}\n`);
  w.write(2, `Image:\t${str(c.image)}\n`);
  if (status) w.write(2, `Image ID:\t${str(status.imageID)}\n`);
  const ports = arr(c.ports);
  const portString = ports.map((p) => `${num(p.containerPort)}/${str(p.protocol)}`).join(', ');
  if (portString.includes(',')) w.write(2, `Ports:\t${portString}\n`);
  else w.write(2, `Port:\t${portString || '<none>'}\n`);
  const hostPorts = ports.map((p) => `${num(p.hostPort)}/${str(p.protocol)}`).join(', ');
  if (hostPorts.includes(',')) w.write(2, `Host Ports:\t${hostPorts}\n`);
  else w.write(2, `Host Port:\t${hostPorts || '<none>'}\n`);
}

function writeCommand(w: DescribeWriter, c: Json): void {
  for (const [field, title] of [['command', 'Command'], ['args', 'Args']] as const) {
    const items = strs(c[field]);
    if (items.length === 0) continue;
    w.write(2, `${title}:\n`);
    for (const item of items) for (const line of item.split('\n')) w.write(3, `${line}\n`);
  }
}

function writeStatus(w: DescribeWriter, title: string, state: Json, ctx: DescribeContext): void {
  const running = state.running ? obj(state.running) : undefined;
  const waiting = state.waiting ? obj(state.waiting) : undefined;
  const terminated = state.terminated ? obj(state.terminated) : undefined;
  if (running) {
    w.write(2, `${title}:\tRunning\n`);
    w.write(3, `Started:\t${time(running.startedAt, ctx)}\n`);
  } else if (waiting) {
    w.write(2, `${title}:\tWaiting\n`);
    if (str(waiting.reason)) w.write(3, `Reason:\t${str(waiting.reason)}\n`);
  } else if (terminated) {
    w.write(2, `${title}:\tTerminated\n`);
    if (str(terminated.reason)) w.write(3, `Reason:\t${str(terminated.reason)}\n`);
    if (str(terminated.message)) w.write(3, `Message:\t${str(terminated.message)}\n`);
    w.write(3, `Exit Code:\t${num(terminated.exitCode)}\n`);
    if (num(terminated.signal) > 0) w.write(3, `Signal:\t${num(terminated.signal)}\n`);
    w.write(3, `Started:\t${time(terminated.startedAt, ctx)}\n`);
    w.write(3, `Finished:\t${time(terminated.finishedAt, ctx)}\n`);
  } else {
    w.write(2, `${title}:\tWaiting\n`);
  }
}

function writeState(w: DescribeWriter, status: Json, ctx: DescribeContext): void {
  writeStatus(w, 'State', obj(status.state), ctx);
  if (at(status, 'lastState', 'terminated')) writeStatus(w, 'Last State', obj(status.lastState), ctx);
  w.write(2, `Ready:\t${status.ready === true ? 'True' : 'False'}\n`);
  w.write(2, `Restart Count:\t${num(status.restartCount)}\n`);
}

export function writeResources(w: DescribeWriter, resources: Json, level: number): void {
  for (const [field, title] of [['limits', 'Limits'], ['requests', 'Requests']] as const) {
    const list = obj(resources[field]);
    const names = Object.keys(list).sort(byString);
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const name of names) w.write(level + 1, `${name}:\t${canonical(list[name])}\n`);
  }
}

/** DescribeProbe. */
export function describeProbe(probe: Json): string {
  const attrs = `delay=${num(probe.initialDelaySeconds)}s timeout=${num(probe.timeoutSeconds)}s period=${num(probe.periodSeconds)}s #success=${num(probe.successThreshold)} #failure=${num(probe.failureThreshold)}`;
  if (probe.exec) return `exec [${strs(at(probe, 'exec', 'command')).join(' ')}] ${attrs}`;
  if (probe.httpGet) {
    const g = obj(probe.httpGet);
    const port = str(g.port);
    const hostText = str(g.host);
    const host = port ? `${hostText.includes(':') ? `[${hostText}]` : hostText}:${port}` : hostText;
    return `http-get ${str(g.scheme).toLowerCase()}://${host}${str(g.path)} ${attrs}`;
  }
  if (probe.tcpSocket) return `tcp-socket ${str(at(probe, 'tcpSocket', 'host'))}:${str(at(probe, 'tcpSocket', 'port'))} ${attrs}`;
  if (probe.grpc) return `grpc <pod>:${num(at(probe, 'grpc', 'port'))} ${str(at(probe, 'grpc', 'service'))} ${attrs}`;
  return `unknown ${attrs}`;
}

function writeProbes(w: DescribeWriter, c: Json): void {
  for (const [field, title] of [['livenessProbe', 'Liveness'], ['readinessProbe', 'Readiness'], ['startupProbe', 'Startup']] as const) {
    if (c[field]) w.write(2, `${title}:\t${describeProbe(obj(c[field]))}\n`);
  }
}

function writeEnvFrom(w: DescribeWriter, c: Json, ctx: DescribeContext, namespace: string): void {
  w.write(2, 'Environment Variables from:\n');
  for (const e of arr(c.envFrom)) {
    const source = e.configMapRef ? obj(e.configMapRef) : obj(e.secretRef);
    const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
    const kind = e.configMapRef ? 'ConfigMap' : 'Secret';
    w.write(3, '');
    w.ref(str(source.name), refTo(ctx, kind, str(source.name), namespace));
    const prefix = str(e.prefix) ? ` with prefix '${str(e.prefix)}'` : '';
    w.write(0, `\t${from}${prefix}\tOptional: ${goBool(source.optional)}\n`);
  }
}

function writeEnv(w: DescribeWriter, c: Json, ctx: DescribeContext, namespace: string, pod: Json | undefined): void {
  const env = arr(c.env);
  w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const name = str(e.name);
    if (!e.valueFrom) {
      str(e.value).split('\n').forEach((line, i) => w.write(3, i === 0 ? `${name}:\t${line}\n` : `\t${line}\n`));
      continue;
    }
    const from = obj(e.valueFrom);
    if (from.fieldRef) {
      const ref = obj(from.fieldRef);
      const resolved = pod ? fieldPathValue(pod, str(ref.fieldPath)) : '';
      w.write(3, `${name}:\t${resolved} (${str(ref.apiVersion)}:${str(ref.fieldPath)})\n`);
    } else if (from.resourceFieldRef) {
      const resource = str(at(from, 'resourceFieldRef', 'resource'));
      let resolved = resourceFieldValue(c, obj(from.resourceFieldRef));
      if (resolved === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) resolved = 'node allocatable';
      w.write(3, `${name}:\t${resolved} (${resource})\n`);
    } else if (from.secretKeyRef) {
      const ref = obj(from.secretKeyRef);
      w.write(3, `${name}:\t<set to the key '${str(ref.key)}' in secret '`);
      w.ref(str(ref.name), refTo(ctx, 'Secret', str(ref.name), namespace));
      w.write(0, `'>\tOptional: ${goBool(ref.optional)}\n`);
    } else if (from.configMapKeyRef) {
      const ref = obj(from.configMapKeyRef);
      w.write(3, `${name}:\t<set to the key '${str(ref.key)}' of config map '`);
      w.ref(str(ref.name), refTo(ctx, 'ConfigMap', str(ref.name), namespace));
      w.write(0, `'>\tOptional: ${goBool(ref.optional)}\n`);
    }
  }
}

/** fieldpath.ExtractFieldPathAsString for the paths the downward API allows; '' otherwise. */
function fieldPathValue(pod: Json, path: string): string {
  const m = obj(pod.metadata);
  const keyed = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (keyed) return str(obj(m[keyed[1]!])[keyed[2]!]);
  const ips = (field: string): string => arr(at(pod, 'status', field)).map((ip) => str(ip.ip)).join(',');
  switch (path) {
    case 'metadata.name': return str(m.name);
    case 'metadata.namespace': return str(m.namespace);
    case 'metadata.uid': return str(m.uid);
    case 'spec.nodeName': return str(at(pod, 'spec', 'nodeName'));
    case 'spec.serviceAccountName': return str(at(pod, 'spec', 'serviceAccountName'));
    case 'status.podIP': return str(at(pod, 'status', 'podIP'));
    case 'status.hostIP': return str(at(pod, 'status', 'hostIP'));
    case 'status.podIPs': return ips('podIPs');
    case 'status.hostIPs': return ips('hostIPs');
    default: return '';
  }
}

/** resourcehelper.ExtractContainerResourceValue: the container's value divided by the divisor, rounded up. */
function resourceFieldValue(c: Json, ref: Json): string {
  const [field, name] = str(ref.resource).split('.', 2) as [string, string | undefined];
  if ((field !== 'limits' && field !== 'requests') || !name) return '';
  const quantity = parseQuantity(at(c, 'resources', field, name)) ?? parseQuantity('0')!;
  const divisor = parseQuantity(ref.divisor ?? '1') ?? parseQuantity('1')!;
  const measure = name === 'cpu' ? milliValue : value;
  const whole = measure(divisor);
  return whole === 0 ? '' : String(Math.ceil(measure(quantity) / whole));
}

function writeMounts(w: DescribeWriter, c: Json): void {
  const mounts = [...arr(c.volumeMounts)].sort((a, b) => byString(str(a.mountPath), str(b.mountPath)));
  const none = mounts.length === 0 ? '\t<none>' : '';
  w.write(2, `Mounts:${none}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly === true ? 'ro' : 'rw'];
    if (str(m.subPath)) flags.push(`path=${JSON.stringify(str(m.subPath))}`);
    w.write(3, `${str(m.mountPath)} from ${str(m.name)} (${flags.join(',')})\n`);
  }
  const devices = [...arr(c.volumeDevices)].sort((a, b) => byString(str(a.devicePath), str(b.devicePath)));
  if (devices.length > 0) {
    w.write(2, `Devices:${none}\n`);
    for (const d of devices) w.write(3, `${str(d.devicePath)} from ${str(d.name)}\n`);
  }
}

/** DescribePodTemplate as kubectl 1.28 prints it. */
export function writePodTemplate(w: DescribeWriter, template: Json, ctx: DescribeContext, namespace: string): void {
  w.write(0, 'Pod Template:\n');
  const m = obj(template.metadata);
  const spec = obj(template.spec);
  writeLabels(w, '  Labels', m.labels);
  if (Object.keys(obj(m.annotations)).length > 0) writeAnnotations(w, '  Annotations', m.annotations);
  if (str(spec.serviceAccountName)) w.write(1, `Service Account:\t${str(spec.serviceAccountName)}\n`);
  if (arr(spec.initContainers).length > 0) writeContainers(w, 'Init Containers', arr(spec.initContainers), undefined, '  ', ctx, namespace);
  writeContainers(w, 'Containers', arr(spec.containers), undefined, '  ', ctx, namespace);
  writeVolumes(w, arr(spec.volumes), '  ', ctx, namespace);
  if (str(spec.priorityClassName)) w.write(1, `Priority Class Name:\t${str(spec.priorityClassName)}\n`);
}
