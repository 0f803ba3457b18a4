/** Namespace, ConfigMap, Secret (keys and sizes only) and PersistentVolumeClaim. */
import { arr, at, byString, obj, str, strs, type Json } from './json';
import { canonical } from './quantity';
import { meta, refTo, writeAnnotations, writeEvents, writeLabels } from './common';
import { since, time } from './time';
import type { DescribeContext, DescribeResult } from './types';
import { DescribeWriter } from './writer';

/** `undefined` for a list the server does not serve (kubectl then omits the section). */
export interface NamespaceRelated {
  resourceQuotas?: Json[];
  limitRanges?: Json[];
}

export function describeNamespace(ns: Json, related: NamespaceRelated, ctx: DescribeContext): DescribeResult {
  const w = new DescribeWriter();
  const m = meta(ns);
  w.write(0, `Name:\t${str(m.name)}\n`);
  writeLabels(w, 'Labels', m.labels);
  writeAnnotations(w, 'Annotations', m.annotations);
  w.write(0, `Status:\t${str(at(ns, 'status', 'phase'))}\n`);
  const conditions = arr(at(ns, 'status', 'conditions'));
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conditions) w.write(1, `${str(c.type)}\t${str(c.status)}\t${time(c.lastTransitionTime, ctx)}\t${str(c.reason)}\t${str(c.message)}\n`);
  }
  if (related.resourceQuotas) {
    w.write(0, '\n');
    writeQuotas(w, related.resourceQuotas);
  }
  if (related.limitRanges) {
    w.write(0, '\n');
    writeLimitRanges(w, related.limitRanges);
  }
  return w.result();
}

function writeQuotas(w: DescribeWriter, quotas: Json[]): void {
  if (quotas.length === 0) {
    w.write(0, 'No resource quota.\n');
    return;
  }
  w.write(0, 'Resource Quotas\n');
  for (const q of [...quotas].sort((a, b) => byString(str(meta(a).name), str(meta(b).name)))) {
    w.write(1, `Name:\t${str(meta(q).name)}\n`);
    const scopes = strs(at(q, 'spec', 'scopes')).sort(byString);
    if (scopes.length > 0) w.write(1, `Scopes:\t${scopes.join(', ')}\n`);
    w.write(1, 'Resource\tUsed\tHard\n');
    w.write(1, '--------\t---\t---\n');
    const hard = obj(at(q, 'status', 'hard'));
    const used = obj(at(q, 'status', 'used'));
    for (const name of Object.keys(hard).sort(byString)) w.write(1, `${name}\t${canonical(used[name] ?? '0')}\t${canonical(hard[name])}\n`);
  }
}

function writeLimitRanges(w: DescribeWriter, ranges: Json[]): void {
  if (ranges.length === 0) {
    w.write(0, 'No LimitRange resource.\n');
    return;
  }
  w.write(0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  for (const range of ranges) {
    for (const item of arr(at(range, 'spec', 'limits'))) {
      const fields = ['min', 'max', 'defaultRequest', 'default', 'maxLimitRequestRatio'] as const;
      const names = new Set(fields.flatMap((f) => Object.keys(obj(item[f]))));
      for (const name of [...names].sort(byString)) {
        const cell = (f: (typeof fields)[number]): string => (obj(item[f])[name] === undefined ? '-' : canonical(obj(item[f])[name]));
        w.write(0, ` ${str(item.type)}\t${name}\t${cell('min')}\t${cell('max')}\t${cell('defaultRequest')}\t${cell('default')}\t${cell('maxLimitRequestRatio')}\n`);
      }
    }
  }
}

export function describeConfigMap(cm: Json, events: Json[] | undefined, ctx: DescribeContext): DescribeResult {
  const w = new DescribeWriter();
  const m = meta(cm);
  w.write(0, `Name:\t${str(m.name)}\n`);
  w.write(0, `Namespace:\t${str(m.namespace)}\n`);
  writeLabels(w, 'Labels', m.labels);
  writeAnnotations(w, 'Annotations', m.annotations);
  w.write(0, '\nData\n====\n');
  const data = obj(cm.data);
  for (const key of Object.keys(data).sort(byString)) {
    w.write(0, `${key}:\n----\n`);
    w.write(0, `${str(data[key])}\n`);
  }
  w.write(0, '\nBinaryData\n====\n');
  const binary = obj(cm.binaryData);
  for (const key of Object.keys(binary).sort(byString)) w.write(0, `${key}: ${base64Length(str(binary[key]))} bytes\n`);
  w.write(0, '\n');
  if (events) writeEvents(w, events, ctx);
  return w.result();
}

/** Decoded length of base64 text, without decoding it. */
export function base64Length(b64: string): number {
  const clean = b64.replace(/\s/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - padding;
}

/**
 * describeSecret, keys and sizes only: unlike kubectl, not even a service-account token is shown,
 * because the text leaves the main process.
 */
export function describeSecret(secret: Json): DescribeResult {
  const w = new DescribeWriter();
  const m = meta(secret);
  w.write(0, `Name:\t${str(m.name)}\n`);
  w.write(0, `Namespace:\t${str(m.namespace)}\n`);
  writeLabels(w, 'Labels', m.labels);
  writeAnnotations(w, 'Annotations', m.annotations);
  w.write(0, `\nType:\t${str(secret.type)}\n`);
  w.write(0, '\nData\n====\n');
  const data = obj(secret.data);
  for (const key of Object.keys(data).sort(byString)) w.write(0, `${key}:\t${base64Length(str(data[key]))} bytes\n`);
  return w.result();
}

export function describePersistentVolumeClaim(pvc: Json, pods: Json[], events: Json[] | undefined, ctx: DescribeContext): DescribeResult {
  const w = new DescribeWriter();
  const m = meta(pvc);
  const spec = obj(pvc.spec);
  const status = obj(pvc.status);
  const namespace = str(m.namespace);
  w.write(0, `Name:\t${str(m.name)}\n`);
  w.write(0, `Namespace:\t${namespace}\n`);
  const storageClass = str(spec.storageClassName) || str(obj(m.annotations)['volume.beta.kubernetes.io/storage-class']);
  w.write(0, `StorageClass:\t${storageClass}\n`);
  if (str(m.deletionTimestamp)) w.write(0, `Status:\tTerminating (lasts ${since(m.deletionTimestamp, ctx)})\n`);
  else w.write(0, `Status:\t${str(status.phase)}\n`);
  w.write(0, `Volume:\t${str(spec.volumeName)}\n`);
  writeLabels(w, 'Labels', m.labels);
  writeAnnotations(w, 'Annotations', m.annotations);
  w.write(0, `Finalizers:\t[${strs(m.finalizers).join(' ')}]\n`);
  const bound = str(spec.volumeName) !== '';
  const capacity = bound && at(status, 'capacity', 'storage') !== undefined ? canonical(at(status, 'capacity', 'storage')) : '';
  w.write(0, `Capacity:\t${capacity}\n`);
  w.write(0, `Access Modes:\t${bound ? accessModes(strs(status.accessModes)) : ''}\n`);
  if (str(spec.volumeMode)) w.write(0, `VolumeMode:\t${str(spec.volumeMode)}\n`);
  if (spec.dataSource) {
    const ds = obj(spec.dataSource);
    w.write(0, 'DataSource:\n');
    if (ds.apiGroup !== undefined && ds.apiGroup !== null) w.write(1, `APIGroup:\t${str(ds.apiGroup)}\n`);
    w.write(1, `Kind:\t${str(ds.kind)}\n`);
    w.write(1, `Name:\t${str(ds.name)}\n`);
  }
  w.write(0, 'Used By:\t');
  const users = [...pods].sort((a, b) => byString(str(meta(a).name), str(meta(b).name)));
  if (users.length === 0) w.write(0, '<none>\n');
  users.forEach((pod, i) => {
    if (i !== 0) w.write(0, '\t');
    w.ref(str(meta(pod).name), refTo(ctx, 'Pod', str(meta(pod).name), namespace));
    w.write(0, '\n');
  });
  const conditions = arr(status.conditions);
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(1, `${str(c.type)} \t${str(c.status)} \t${time(c.lastProbeTime, ctx)} \t${time(c.lastTransitionTime, ctx)} \t${str(c.reason)} \t${str(c.message)}\n`);
    }
  }
  if (events) writeEvents(w, events, ctx);
  return w.result();
}

/** storageutil.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order. */
function accessModes(modes: string[]): string {
  const short: Array<[string, string]> = [['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP']];
  return short.filter(([mode]) => modes.includes(mode)).map(([, s]) => s).join(',');
}

/** The pods of `pods` that mount the claim, or own it (ephemeral volumes), like getPodsForPVC. */
export function podsUsingClaim(pvc: Json, pods: Json[]): Json[] {
  const name = str(meta(pvc).name);
  const users = pods.filter((pod) => arr(at(pod, 'spec', 'volumes')).some((v) => str(at(v, 'persistentVolumeClaim', 'claimName')) === name));
  for (const owner of arr(meta(pvc).ownerReferences)) {
    if (owner.kind !== 'Pod') continue;
    const pod = pods.find((p) => str(meta(p).uid) === str(owner.uid));
    if (pod && !users.includes(pod)) users.push(pod);
  }
  return users;
}
