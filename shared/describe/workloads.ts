/** Deployment, ReplicaSet, StatefulSet and DaemonSet (kubectl 1.28 layouts). */
import { arr, at, intOrString, num, obj, str, type Json } from './json';
import { controllerOf, formatLabels, formatSelector, meta, refTo, selectorString, writeAnnotations, writeControlledBy, writeEvents, writeLabels } from './common';
import { writePodTemplate } from './containers';
import { time } from './time';
import type { DescribeContext, DescribeResult } from './types';
import { DescribeWriter } from './writer';

/** getPodStatusForController: phases of the pods whose controller is `owner`; an error string when they could not be listed. */
export function podPhases(owner: Json, pods: Json[] | string): string {
  if (typeof pods === 'string') return `error in fetching pods: ${pods}`;
  const uid = str(meta(owner).uid);
  const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const pod of pods) {
    if (str(controllerOf(pod)?.uid) !== uid) continue;
    const phase = str(at(pod, 'status', 'phase'));
    if (phase in counts) counts[phase as keyof typeof counts]++;
  }
  return `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed`;
}

const replicas = (o: Json): number => (typeof at(o, 'spec', 'replicas') === 'number' ? num(at(o, 'spec', 'replicas')) : 1);

export function describeDeployment(d: Json, replicaSets: Json[], events: Json[] | undefined, ctx: DescribeContext): DescribeResult {
  const w = new DescribeWriter();
  const m = meta(d);
  const spec = obj(d.spec);
  const status = obj(d.status);
  const namespace = str(m.namespace);
  w.write(0, `Name:\t${str(m.name)}\n`);
  w.write(0, `Namespace:\t${namespace}\n`);
  w.write(0, `CreationTimestamp:\t${time(m.creationTimestamp, ctx)}\n`);
  writeLabels(w, 'Labels', m.labels);
  writeAnnotations(w, 'Annotations', m.annotations);
  w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
  w.write(0, `Replicas:\t${replicas(d)} desired | ${num(status.updatedReplicas)} updated | ${num(status.replicas)} total | ${num(status.availableReplicas)} available | ${num(status.unavailableReplicas)} unavailable\n`);
  w.write(0, `StrategyType:\t${str(at(spec, 'strategy', 'type'))}\n`);
  w.write(0, `MinReadySeconds:\t${num(spec.minReadySeconds)}\n`);
  const rolling = at(spec, 'strategy', 'rollingUpdate');
  if (rolling) w.write(0, `RollingUpdateStrategy:\t${intOrString(obj(rolling).maxUnavailable)} max unavailable, ${intOrString(obj(rolling).maxSurge)} max surge\n`);
  writePodTemplate(w, obj(spec.template), ctx, namespace);
  const conditions = arr(status.conditions);
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of conditions) w.write(1, `${str(c.type)} \t${str(c.status)}\t${str(c.reason)}\n`);
  }
  const { newRS, oldRSs } = splitReplicaSets(d, replicaSets);
  if (oldRSs.length > 0 || newRS) {
    w.write(0, 'OldReplicaSets:\t');
    writeReplicaSetList(w, oldRSs, ctx);
    w.write(0, '\nNewReplicaSet:\t');
    writeReplicaSetList(w, newRS ? [newRS] : [], ctx);
    w.write(0, '\n');
  }
  if (events) writeEvents(w, events, ctx);
  return w.result();
}

function writeReplicaSetList(w: DescribeWriter, list: Json[], ctx: DescribeContext): void {
  if (list.length === 0) {
    w.write(0, '<none>');
    return;
  }
  list.forEach((rs, i) => {
    if (i > 0) w.write(0, ', ');
    w.ref(str(meta(rs).name), refTo(ctx, 'ReplicaSet', str(meta(rs).name), str(meta(rs).namespace)));
    w.write(0, ` (${num(at(rs, 'status', 'replicas'))}/${replicas(rs)} replicas created)`);
  });
}

/**
 * deploymentutil.GetAllReplicaSets: the ReplicaSets the deployment controls; the new one is the
 * oldest whose pod template equals the deployment's ignoring the pod-template-hash label.
 */
export function splitReplicaSets(d: Json, replicaSets: Json[]): { newRS?: Json; oldRSs: Json[] } {
  const uid = str(meta(d).uid);
  const owned = replicaSets.filter((rs) => str(controllerOf(rs)?.uid) === uid);
  const target = canonicalTemplate(at(d, 'spec', 'template'));
  const byAge = [...owned].sort((a, b) => Date.parse(str(meta(a).creationTimestamp)) - Date.parse(str(meta(b).creationTimestamp)) || 0);
  const newRS = byAge.find((rs) => canonicalTemplate(at(rs, 'spec', 'template')) === target);
  return { newRS, oldRSs: owned.filter((rs) => rs !== newRS) };
}

function canonicalTemplate(template: unknown): string {
  const t = obj(template);
  const labels = { ...obj(at(t, 'metadata', 'labels')) };
  delete labels['pod-template-hash'];
  return stableJson({ ...t, metadata: { ...obj(t.metadata), labels } });
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Json).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stableJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export function describeReplicaSet(rs: Json, pods: Json[] | string, events: Json[] | undefined, ctx: DescribeContext): DescribeResult {
  const w = new DescribeWriter();
  const m = meta(rs);
  const spec = obj(rs.spec);
  w.write(0, `Name:\t${str(m.name)}\n`);
  w.write(0, `Namespace:\t${str(m.namespace)}\n`);
  w.write(0, `Selector:\t${formatSelector(spec.selector)}\n`);
  writeLabels(w, 'Labels', m.labels);
  writeAnnotations(w, 'Annotations', m.annotations);
  writeControlledBy(w, rs, ctx);
  w.write(0, `Replicas:\t${num(at(rs, 'status', 'replicas'))} current / ${replicas(rs)} desired\n`);
  w.write(0, `Pods Status:\t${podPhases(rs, pods)}\n`);
  writePodTemplate(w, obj(spec.template), ctx, str(m.namespace));
  const conditions = arr(at(rs, 'status', 'conditions'));
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of conditions) w.write(1, `${str(c.type)} \t${str(c.status)}\t${str(c.reason)}\n`);
  }
  if (events) writeEvents(w, events, ctx);
  return w.result();
}

export function describeStatefulSet(ss: Json, pods: Json[] | string, events: Json[] | undefined, ctx: DescribeContext): DescribeResult {
  const w = new DescribeWriter();
  const m = meta(ss);
  const spec = obj(ss.spec);
  w.write(0, `Name:\t${str(m.name)}\n`);
  w.write(0, `Namespace:\t${str(m.namespace)}\n`);
  w.write(0, `CreationTimestamp:\t${time(m.creationTimestamp, ctx)}\n`);
  w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
  writeLabels(w, 'Labels', m.labels);
  writeAnnotations(w, 'Annotations', m.annotations);
  w.write(0, `Replicas:\t${replicas(ss)} desired | ${num(at(ss, 'status', 'replicas'))} total\n`);
  w.write(0, `Update Strategy:\t${str(at(spec, 'updateStrategy', 'type'))}\n`);
  const rolling = obj(at(spec, 'updateStrategy', 'rollingUpdate'));
  if (typeof rolling.partition === 'number') {
    w.write(1, `Partition:\t${rolling.partition}\n`);
    if (rolling.maxUnavailable !== undefined) w.write(1, `MaxUnavailable:\t${intOrString(rolling.maxUnavailable)}\n`);
  }
  w.write(0, `Pods Status:\t${podPhases(ss, pods)}\n`);
  writePodTemplate(w, obj(spec.template), ctx, str(m.namespace));
  const claims = arr(spec.volumeClaimTemplates);
  if (claims.length === 0) w.write(0, 'Volume Claims:\t<none>\n');
  else {
    w.write(0, 'Volume Claims:\n');
    for (const pvc of claims) {
      const storage = at(pvc, 'spec', 'resources', 'requests', 'storage');
      w.write(1, `Name:\t${str(at(pvc, 'metadata', 'name'))}\n`);
      w.write(1, `StorageClass:\t${str(at(pvc, 'spec', 'storageClassName'))}\n`);
      writeLabels(w, 'Labels', at(pvc, 'metadata', 'labels'), '  ');
      writeLabels(w, 'Annotations', at(pvc, 'metadata', 'annotations'), '  ');
      w.write(1, `Capacity:\t${storage === undefined ? '<default>' : str(storage)}\n`);
      w.write(1, `Access Modes:\t[${(at(pvc, 'spec', 'accessModes') as string[] | undefined ?? []).join(' ')}]\n`);
    }
  }
  if (events) writeEvents(w, events, ctx);
  return w.result();
}

export function describeDaemonSet(ds: Json, pods: Json[] | string, events: Json[] | undefined, ctx: DescribeContext): DescribeResult {
  const w = new DescribeWriter();
  const m = meta(ds);
  const spec = obj(ds.spec);
  const status = obj(ds.status);
  w.write(0, `Name:\t${str(m.name)}\n`);
  w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(at(spec, 'template', 'spec', 'nodeSelector'))}\n`);
  writeLabels(w, 'Labels', m.labels);
  writeAnnotations(w, 'Annotations', m.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${num(status.desiredNumberScheduled)}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${num(status.currentNumberScheduled)}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${num(status.updatedNumberScheduled)}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${num(status.numberAvailable)}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${num(status.numberMisscheduled)}\n`);
  w.write(0, `Pods Status:\t${podPhases(ds, pods)}\n`);
  writePodTemplate(w, obj(spec.template), ctx, str(m.namespace));
  if (events) writeEvents(w, events, ctx);
  return w.result();
}
