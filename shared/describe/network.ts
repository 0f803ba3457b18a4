/** Service, Ingress and Endpoints (kubectl 1.28 layouts: endpoints come from the Endpoints object). */
import { arr, at, byString, num, obj, str, strs, type Json } from './json';
import { formatLabels, meta, refTo, writeAnnotations, writeEvents, writeLabels } from './common';
import type { DescribeContext, DescribeResult } from './types';
import { DescribeWriter } from './writer';

/** formatEndpoints: up to three ready `ip:port` for the named ports, then "+ N more...". */
export function formatEndpoints(endpoints: Json | undefined, portName: string | undefined): string {
  const subsets = arr(endpoints?.subsets);
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  const take = (items: string[]): void => {
    count += items.length;
    for (const item of items) {
      if (list.length === max) {
        more = true;
        break;
      }
      list.push(item);
    }
  };
  for (const ss of subsets) {
    const addresses = arr(ss.addresses).map((a) => str(a.ip));
    const ports = arr(ss.ports);
    if (ports.length === 0) {
      take(addresses);
      continue;
    }
    for (const port of ports) {
      if (portName !== undefined && str(port.name) !== portName) continue;
      take(addresses.map((ip) => `${ip.includes(':') ? `[${ip}]` : ip}:${num(port.port)}`));
    }
  }
  const joined = list.join(',');
  return more ? `${joined} + ${count - max} more...` : joined;
}

export function describeService(svc: Json, endpoints: Json | undefined, events: Json[] | undefined, ctx: DescribeContext): DescribeResult {
  const w = new DescribeWriter();
  const m = meta(svc);
  const spec = obj(svc.spec);
  w.write(0, `Name:\t${str(m.name)}\n`);
  w.write(0, `Namespace:\t${str(m.namespace)}\n`);
  writeLabels(w, 'Labels', m.labels);
  writeAnnotations(w, 'Annotations', m.annotations);
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(0, `Type:\t${str(spec.type)}\n`);
  if (str(spec.ipFamilyPolicy)) w.write(0, `IP Family Policy:\t${str(spec.ipFamilyPolicy)}\n`);
  const families = strs(spec.ipFamilies);
  w.write(0, `IP Families:\t${families.length > 0 ? families.join(',') : '<none>'}\n`);
  w.write(0, `IP:\t${str(spec.clusterIP)}\n`);
  const ips = strs(spec.clusterIPs);
  w.write(0, `IPs:\t${ips.length > 0 ? ips.join(',') : '<none>'}\n`);
  if (strs(spec.externalIPs).length > 0) w.write(0, `External IPs:\t${strs(spec.externalIPs).join(',')}\n`);
  if (str(spec.loadBalancerIP)) w.write(0, `Desired LoadBalancer IP:\t${str(spec.loadBalancerIP)}\n`);
  if (str(spec.externalName)) w.write(0, `External Name:\t${str(spec.externalName)}\n`);
  const ingress = arr(at(svc, 'status', 'loadBalancer', 'ingress'));
  if (ingress.length > 0) w.write(0, `LoadBalancer Ingress:\t${ingress.map((i) => str(i.ip) || str(i.hostname)).join(', ')}\n`);
  for (const port of arr(spec.ports)) {
    const name = str(port.name) || '<unset>';
    const protocol = str(port.protocol);
    w.write(0, `Port:\t${name}\t${num(port.port)}/${protocol}\n`);
    w.write(0, `TargetPort:\t${str(port.targetPort)}/${protocol}\n`);
    if (num(port.nodePort) !== 0) w.write(0, `NodePort:\t${name}\t${num(port.nodePort)}/${protocol}\n`);
    w.write(0, `Endpoints:\t${formatEndpoints(endpoints, str(port.name))}\n`);
  }
  w.write(0, `Session Affinity:\t${str(spec.sessionAffinity)}\n`);
  if (str(spec.externalTrafficPolicy)) w.write(0, `External Traffic Policy:\t${str(spec.externalTrafficPolicy)}\n`);
  if (num(spec.healthCheckNodePort) !== 0) w.write(0, `HealthCheck NodePort:\t${num(spec.healthCheckNodePort)}\n`);
  if (strs(spec.loadBalancerSourceRanges).length > 0) w.write(0, `LoadBalancer Source Ranges:\t${strs(spec.loadBalancerSourceRanges).join(',')}\n`);
  if (events) writeEvents(w, events, ctx);
  return w.result();
}

/** What the ingress describer learned about one backend service: the objects, or why it could not. */
export interface BackendInfo {
  service?: Json;
  endpoints?: Json;
  error?: string;
}

export function describeIngress(ing: Json, backends: Record<string, BackendInfo>, events: Json[] | undefined, ctx: DescribeContext): DescribeResult {
  const w = new DescribeWriter();
  const m = meta(ing);
  const spec = obj(ing.spec);
  const namespace = str(m.namespace);
  w.write(0, `Name:\t${str(m.name)}\n`);
  writeLabels(w, 'Labels', m.labels);
  w.write(0, `Namespace:\t${namespace}\n`);
  const addresses = new Set(arr(at(ing, 'status', 'loadBalancer', 'ingress')).map((i) => str(i.ip) || str(i.hostname)).filter(Boolean));
  w.write(0, `Address:\t${[...addresses].sort(byString).join(',')}\n`);
  w.write(0, `Ingress Class:\t${str(spec.ingressClassName) || '<none>'}\n`);
  const writeBackend = (backend: Json): void => {
    const service = obj(backend.service);
    if (backend.service) {
      const name = str(service.name);
      const port = num(at(service, 'port', 'number')) !== 0 ? String(num(at(service, 'port', 'number'))) : str(at(service, 'port', 'name'));
      w.ref(name, refTo(ctx, 'Service', name, namespace));
      w.write(0, `:${port} (${backendEndpoints(service, backends[name])})`);
    } else if (backend.resource) {
      const r = obj(backend.resource);
      w.write(0, `APIGroup: ${str(r.apiGroup) || '<none>'}, Kind: ${str(r.kind)}, Name: ${str(r.name)}`);
    }
  };
  w.write(0, 'Default backend:\t');
  if (spec.defaultBackend) writeBackend(obj(spec.defaultBackend));
  else w.write(0, '<default>');
  w.write(0, '\n');
  const tls = arr(spec.tls);
  if (tls.length > 0) {
    w.write(0, 'TLS:\n');
    for (const t of tls) {
      const hosts = strs(t.hosts).join(',');
      if (!str(t.secretName)) w.write(1, `SNI routes ${hosts}\n`);
      else {
        w.write(1, '');
        w.ref(str(t.secretName), refTo(ctx, 'Secret', str(t.secretName), namespace));
        w.write(0, ` terminates ${hosts}\n`);
      }
    }
  }
  w.write(0, 'Rules:\n  Host\tPath\tBackends\n');
  w.write(1, '----\t----\t--------\n');
  let count = 0;
  for (const rule of arr(spec.rules)) {
    if (!rule.http) continue;
    count++;
    w.write(1, `${str(rule.host) || '*'}\t\n`);
    for (const path of arr(at(rule, 'http', 'paths'))) {
      w.write(2, `\t${str(path.path)} \t`);
      writeBackend(obj(path.backend));
      w.write(0, '\n');
    }
  }
  if (count === 0) {
    w.write(1, '*\t*\t');
    if (spec.defaultBackend) writeBackend(obj(spec.defaultBackend));
    else w.write(0, '<default>');
    w.write(0, '\n');
  }
  writeAnnotations(w, 'Annotations', m.annotations);
  if (events) writeEvents(w, events, ctx);
  return w.result();
}

function backendEndpoints(service: Json, info: BackendInfo | undefined): string {
  if (!info || info.error) return `<error: ${info?.error ?? 'not fetched'}>`;
  let portName = '';
  for (const sp of arr(at(info.service, 'spec', 'ports'))) {
    const number = num(at(service, 'port', 'number'));
    if (number !== 0 && number === num(sp.port)) portName = str(sp.name);
    else if (str(at(service, 'port', 'name')) && str(at(service, 'port', 'name')) === str(sp.name)) portName = str(sp.name);
  }
  return formatEndpoints(info.endpoints, portName);
}

export function describeEndpoints(ep: Json, events: Json[] | undefined, ctx: DescribeContext): DescribeResult {
  const w = new DescribeWriter();
  const m = meta(ep);
  w.write(0, `Name:\t${str(m.name)}\n`);
  w.write(0, `Namespace:\t${str(m.namespace)}\n`);
  writeLabels(w, 'Labels', m.labels);
  writeAnnotations(w, 'Annotations', m.annotations);
  w.write(0, 'Subsets:\n');
  for (const ss of arr(ep.subsets)) {
    const list = (field: string): string => arr(ss[field]).map((a) => str(a.ip)).join(',') || '<none>';
    w.write(1, `Addresses:\t${list('addresses')}\n`);
    w.write(1, `NotReadyAddresses:\t${list('notReadyAddresses')}\n`);
    const ports = arr(ss.ports);
    if (ports.length > 0) {
      w.write(1, 'Ports:\n');
      w.write(2, 'Name\tPort\tProtocol\n');
      w.write(2, '----\t----\t--------\n');
      for (const p of ports) w.write(2, `${str(p.name) || '<unset>'}\t${num(p.port)}\t${str(p.protocol)}\n`);
    }
    w.write(0, '\n');
  }
  if (events) writeEvents(w, events, ctx);
  return w.result();
}
