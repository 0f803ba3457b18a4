/** Workload describes against kubectl 1.28's recorded output (deployment, replicaset, statefulset, daemonset, job, cronjob). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeObject } from './index';
import type { Json } from './json';
import { compareDescribe } from './testing/golden';
import { clone, CTX, meta, Recordings } from './testing/recordings';

const GOLDEN_DIR = process.env.LOUPE_GOLDEN_DIR ?? fileURLToPath(new URL('../../../shared/k8s-golden', import.meta.url));
const rec = new Recordings((path) => readFileSync(join(GOLDEN_DIR, path), 'utf8'));
const allPods = (): Json[] => rec.items('lists/pods-all-namespaces.json');
const linkTexts = (r: { text: string; links: Array<{ line: number; start: number; end: number }> }): string[] =>
  r.links.map((l) => r.text.split('\n')[l.line]!.slice(l.start, l.end));

describe('describe workloads (golden)', () => {
  it('describe-deployment-frontend.txt (after the rollout restart)', () => {
    // kubectl ran after the restart: the deployment and its ReplicaSets are the after-rollout
    // recordings. Events after 21:05 were not recorded, so the recorded ones must be among kubectl's.
    const d = rec.json('writes/after-rollout-deployment-frontend.json');
    const replicaSets = rec.items('writes/after-rollout-replicasets-frontend.json');
    const result = describeObject({ kind: 'deployments', object: d, replicaSets, events: rec.eventsFor(d) }, CTX);
    expect(compareDescribe(result.text, rec.kubectl('describe-deployment-frontend.txt'), { events: 'subset' })).toEqual([]);
    expect(linkTexts(result)).toEqual(['frontend-config', 'frontend-config', 'frontend-77b784d7b9', 'frontend-67dd6cc974']);
  });

  it('describe-deployment-cart.txt (after scaling 2 -> 3 -> 2)', () => {
    // The scale-up patch reordered the conditions; its response is the latest full recording of
    // cart, with spec.replicas put back to 2 as the following scale PUT did (writes/put-scale-deployment-cart-2).
    const d = clone(rec.json('writes/smp-patch-deployment-cart-replicas-3.json'));
    (d.spec as Json).replicas = ((rec.json('writes/put-scale-deployment-cart-2.json').spec as Json).replicas);
    const replicaSets = rec.items('lists/replicasets-all-namespaces.json');
    const { text } = describeObject({ kind: 'deployments', object: d, replicaSets, events: rec.eventsFor(d) }, CTX);
    expect(compareDescribe(text, rec.kubectl('describe-deployment-cart.txt'), { events: 'subset' })).toEqual([]);
  });

  it('describe-replicaset-frontend-new.txt', () => {
    // The new ReplicaSet's two Running pods (get pods -o wide at 21:11) were never recorded as
    // objects: they are the recorded frontend pod re-owned by the new ReplicaSet, which is all the
    // Pods Status line reads. Its SuccessfulCreate events were not recorded either.
    const rs = rec.items('writes/after-rollout-replicasets-frontend.json').find((r) => meta(r).name === 'frontend-67dd6cc974')!;
    const running = rec.podsAt2111().filter((p) => p.name.startsWith('frontend-67dd6cc974-') && p.status === 'Running');
    const pods = running.map((p) => {
      const pod = clone(rec.json('objects/pod-frontend.json'));
      (pod.metadata as Json).name = p.name;
      (pod.metadata as Json).ownerReferences = [{ kind: 'ReplicaSet', name: meta(rs).name, uid: meta(rs).uid, controller: true }];
      return pod;
    });
    const result = describeObject({ kind: 'replicasets', object: rs, pods, events: rec.eventsFor(rs) }, CTX);
    expect(compareDescribe(result.text, rec.kubectl('describe-replicaset-frontend-new.txt'), { events: 'subset' })).toEqual([]);
    expect(result.links[0]!.target).toEqual({ cluster: 'golden', kind: 'deployments', namespace: 'shop', name: 'frontend' });
  });

  it('describe-daemonset-node-exporter.txt', () => {
    const ds = rec.json('objects/daemonset-node-exporter.json');
    const { text } = describeObject({ kind: 'daemonsets', object: ds, pods: allPods(), events: rec.eventsFor(ds) }, CTX);
    expect(compareDescribe(text, rec.kubectl('describe-daemonset-node-exporter.txt'), { events: 'exact' })).toEqual([]);
  });

  it('describe-statefulset-db.txt', () => {
    const ss = rec.json('objects/statefulset-db.json');
    const { text } = describeObject({ kind: 'statefulsets', object: ss, pods: allPods(), events: rec.eventsFor(ss) }, CTX);
    expect(compareDescribe(text, rec.kubectl('describe-statefulset-db.txt'), { events: 'exact' })).toEqual([]);
  });

  it('describe-job-db-migrate.txt', () => {
    const job = rec.json('objects/job-db-migrate-complete.json');
    const { text } = describeObject({ kind: 'jobs', object: job, events: rec.eventsFor(job) }, CTX);
    expect(compareDescribe(text, rec.kubectl('describe-job-db-migrate.txt'), { events: 'exact' })).toEqual([]);
  });

  it('describe-cronjob-nightly-report.txt', () => {
    // Recorded after the first run (21:05); kubectl saw the second (21:10): the last schedule time
    // is a normalised time and the second run's events were not recorded.
    const cj = rec.json('objects/cronjob-nightly-report.json');
    const { text } = describeObject({ kind: 'cronjobs', object: cj, events: rec.eventsFor(cj) }, CTX);
    expect(compareDescribe(text, rec.kubectl('describe-cronjob-nightly-report.txt'), { events: 'subset' })).toEqual([]);
  });

  it('a pod listing error shows in Pods Status instead of failing the describe', () => {
    const rs = rec.items('writes/after-rollout-replicasets-frontend.json')[0]!;
    const { text } = describeObject({ kind: 'replicasets', object: rs, pods: 'pods is forbidden' }, CTX);
    expect(text).toMatch(/^Pods Status: +error in fetching pods: pods is forbidden$/m);
  });
});
