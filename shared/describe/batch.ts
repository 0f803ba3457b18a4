/** Job and CronJob (kubectl 1.28 layouts). */
import { arr, at, num, obj, str, type Json } from './json';
import { meta, refTo, selectorString, writeAnnotations, writeControlledBy, writeEvents, writeLabels } from './common';
import { writePodTemplate } from './containers';
import { humanDuration, time } from './time';
import type { DescribeContext, DescribeResult } from './types';
import { DescribeWriter } from './writer';

export function describeJob(job: Json, events: Json[] | undefined, ctx: DescribeContext): DescribeResult {
  const w = new DescribeWriter();
  const m = meta(job);
  const spec = obj(job.spec);
  const status = obj(job.status);
  w.write(0, `Name:\t${str(m.name)}\n`);
  w.write(0, `Namespace:\t${str(m.namespace)}\n`);
  w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
  writeLabels(w, 'Labels', m.labels);
  writeAnnotations(w, 'Annotations', m.annotations);
  writeControlledBy(w, job, ctx);
  if (typeof spec.parallelism === 'number') w.write(0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(0, `Completions:\t${typeof spec.completions === 'number' ? spec.completions : '<unset>'}\n`);
  if (str(spec.completionMode)) w.write(0, `Completion Mode:\t${str(spec.completionMode)}\n`);
  if (str(status.startTime)) w.write(0, `Start Time:\t${time(status.startTime, ctx)}\n`);
  if (str(status.completionTime)) w.write(0, `Completed At:\t${time(status.completionTime, ctx)}\n`);
  if (str(status.startTime) && str(status.completionTime)) {
    w.write(0, `Duration:\t${humanDuration(Date.parse(str(status.completionTime)) - Date.parse(str(status.startTime)))}\n`);
  }
  if (typeof spec.activeDeadlineSeconds === 'number') w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  const ready = typeof status.ready === 'number' ? ` (${status.ready} Ready)` : '';
  w.write(0, `Pods Statuses:\t${num(status.active)} Active${ready} / ${num(status.succeeded)} Succeeded / ${num(status.failed)} Failed\n`);
  if (spec.completionMode === 'Indexed') w.write(0, `Completed Indexes:\t${capIndexes(str(status.completedIndexes), 50)}\n`);
  writePodTemplate(w, obj(spec.template), ctx, str(m.namespace));
  if (events) writeEvents(w, events, ctx);
  return w.result();
}

function capIndexes(indexes: string, softLimit: number): string {
  if (indexes.length === 0) return '<none>';
  let ix = softLimit;
  while (ix < indexes.length && indexes[ix] !== ',') ix++;
  return ix >= indexes.length ? indexes : `${indexes.slice(0, ix + 1)}...`;
}

export function describeCronJob(cronJob: Json, events: Json[] | undefined, ctx: DescribeContext): DescribeResult {
  const w = new DescribeWriter();
  const m = meta(cronJob);
  const spec = obj(cronJob.spec);
  const status = obj(cronJob.status);
  const unset = (v: unknown, suffix = ''): string => (typeof v === 'number' ? `${v}${suffix}` : '<unset>');
  w.write(0, `Name:\t${str(m.name)}\n`);
  w.write(0, `Namespace:\t${str(m.namespace)}\n`);
  writeLabels(w, 'Labels', m.labels);
  writeAnnotations(w, 'Annotations', m.annotations);
  w.write(0, `Schedule:\t${str(spec.schedule)}\n`);
  w.write(0, `Concurrency Policy:\t${str(spec.concurrencyPolicy)}\n`);
  w.write(0, `Suspend:\t${typeof spec.suspend === 'boolean' ? (spec.suspend ? 'True' : 'False') : '<unset>'}\n`);
  w.write(0, `Successful Job History Limit:\t${unset(spec.successfulJobsHistoryLimit)}\n`);
  w.write(0, `Failed Job History Limit:\t${unset(spec.failedJobsHistoryLimit)}\n`);
  w.write(0, `Starting Deadline Seconds:\t${unset(spec.startingDeadlineSeconds, 's')}\n`);
  const jobSpec = obj(at(spec, 'jobTemplate', 'spec'));
  w.write(0, `Selector:\t${jobSpec.selector ? selectorString(jobSpec.selector) : '<unset>'}\n`);
  w.write(0, `Parallelism:\t${unset(jobSpec.parallelism)}\n`);
  w.write(0, `Completions:\t${unset(jobSpec.completions)}\n`);
  if (typeof jobSpec.activeDeadlineSeconds === 'number') w.write(0, `Active Deadline Seconds:\t${jobSpec.activeDeadlineSeconds}s\n`);
  writePodTemplate(w, obj(jobSpec.template), ctx, str(m.namespace));
  w.write(0, `Last Schedule Time:\t${str(status.lastScheduleTime) ? time(status.lastScheduleTime, ctx) : '<unset>'}\n`);
  w.write(0, 'Active Jobs:\t');
  const active = arr(status.active);
  if (active.length === 0) w.write(0, '<none>');
  active.forEach((job, i) => {
    if (i !== 0) w.write(0, ', ');
    w.ref(str(job.name), refTo(ctx, 'Job', str(job.name), str(job.namespace) || str(m.namespace)));
  });
  w.write(0, '\n');
  if (events) writeEvents(w, events, ctx);
  return w.result();
}
