/** Pod describes against kubectl 1.28's recorded output (kubectl/describe-pod-*.txt). */
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

function describePodText(pod: Json, events: Json[]) {
  return describeObject({ kind: 'pods', object: pod, events }, CTX);
}

describe('describe pod (golden)', () => {
  it.each([
    ['describe-pod-toolbox-two-containers.txt', 'objects/pod-toolbox-bare-two-containers.json'],
    ['describe-pod-db-0-statefulset.txt', 'objects/pod-db-0-statefulset.json'],
    ['describe-pod-job-completed.txt', 'objects/pod-job-completed.json'],
  ])('%s', (golden, object) => {
    const pod = rec.json(object);
    const { text } = describePodText(pod, rec.eventsFor(pod));
    expect(compareDescribe(text, rec.kubectl(golden), { events: 'exact' })).toEqual([]);
  });

  it('describe-pod-daemonset-hostnetwork.txt (host port, DaemonSet tolerations)', () => {
    const pod = rec.item('lists/pods-all-namespaces.json', 'ops', 'node-exporter-bwdq7');
    const { text, links } = describePodText(pod, rec.eventsFor(pod));
    expect(compareDescribe(text, rec.kubectl('describe-pod-daemonset-hostnetwork.txt'), { events: 'exact' })).toEqual([]);
    expect(links.map((l) => `${l.target.kind}/${l.target.name}`)).toEqual(['nodes/fake-node-3', 'daemonsets/node-exporter', 'configmaps/kube-root-ca.crt']);
  });

  it('describe-pod-frontend.txt (pod of the ReplicaSet created by the rollout restart)', () => {
    // The pod kubectl described was created by the 21:10 rollout restart, after the objects were
    // recorded. It is rebuilt from the recorded frontend pod (same spec) with: the new ReplicaSet's
    // template metadata and owner (writes/after-rollout-replicasets-frontend.json), the name, IP and
    // node from `get pods -o wide` at 21:11, and its Scheduled event cloned from the old pod's.
    // Its service-account volume name is generated per pod, so that suffix is normalised.
    const old = rec.json('objects/pod-frontend.json');
    const newRS = rec.items('writes/after-rollout-replicasets-frontend.json').find((rs) => meta(rs).name === 'frontend-67dd6cc974')!;
    const seen = rec.podsAt2111().find((p) => p.name.startsWith('frontend-67dd6cc974-') && p.node === 'fake-node-3')!;
    const pod = clone(old);
    const template = (newRS.spec as Json).template as Json;
    pod.metadata = {
      ...(old.metadata as Json),
      name: seen.name,
      generateName: 'frontend-67dd6cc974-',
      labels: (template.metadata as Json).labels,
      annotations: (template.metadata as Json).annotations,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: meta(newRS).name, uid: meta(newRS).uid, controller: true, blockOwnerDeletion: true }],
    };
    (pod.spec as Json).nodeName = seen.node;
    Object.assign(pod.status as Json, { podIP: seen.ip, podIPs: [{ ip: seen.ip }] });
    const scheduled = clone(rec.eventsFor(old).find((e) => e.reason === 'Scheduled')!);
    scheduled.involvedObject = { ...(scheduled.involvedObject as Json), name: seen.name, uid: meta(pod).uid };
    scheduled.message = `Successfully assigned shop/${seen.name} to ${seen.node}`;

    const { text, links } = describePodText(pod, [scheduled]);
    const apiAccess: [RegExp, string] = [/kube-api-access-[a-z0-9]{5}/g, 'kube-api-access-xxxxx'];
    expect(compareDescribe(text, rec.kubectl('describe-pod-frontend.txt'), { events: 'exact', replace: [apiAccess] })).toEqual([]);

    const lines = text.split('\n');
    const controlled = links.find((l) => l.target.kind === 'replicasets')!;
    expect(lines[controlled.line]!.slice(controlled.start, controlled.end)).toBe('ReplicaSet/frontend-67dd6cc974');
    expect(controlled.target).toEqual({ cluster: 'golden', kind: 'replicasets', namespace: 'shop', name: 'frontend-67dd6cc974' });
    const node = links.find((l) => l.target.kind === 'nodes')!;
    expect(lines[node.line]!.slice(node.start, node.end)).toBe('fake-node-3');
    const cm = links.filter((l) => l.target.kind === 'configmaps').map((l) => lines[l.line]!.slice(l.start, l.end));
    expect(cm).toEqual(['frontend-config', 'frontend-config', 'kube-root-ca.crt']);
  });
});

describe('describe pod environment (kubectl format)', () => {
  it('resolves downward-API values and links the secrets and config maps it names', () => {
    const pod = {
      metadata: { name: 'web-1', namespace: 'shop', uid: 'u-1', labels: { app: 'web' } },
      spec: {
        nodeName: 'node-a',
        containers: [
          {
            name: 'web',
            image: 'nginx',
            resources: { limits: { memory: '256Mi' } },
            env: [
              { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
              { name: 'APP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['app']" } } },
              { name: 'MEM_MI', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
              { name: 'CPUS', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1' } } },
              { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'api-token', key: 'token' } } },
            ],
            envFrom: [{ configMapRef: { name: 'web-env' }, prefix: 'WEB_' }],
          },
        ],
      },
      status: { phase: 'Pending', qosClass: 'Burstable' },
    };
    const { text, links } = describePodText(pod, []);
    expect(text).toMatch(/^ {6}POD_NAME: +web-1 \(v1:metadata\.name\)$/m);
    expect(text).toMatch(/^ {6}APP: +web \(v1:metadata\.labels\['app'\]\)$/m);
    expect(text).toMatch(/^ {6}MEM_MI: +256 \(limits\.memory\)$/m);
    expect(text).toMatch(/^ {6}CPUS: +node allocatable \(limits\.cpu\)$/m);
    expect(text).toMatch(/^ {6}TOKEN: +<set to the key 'token' in secret 'api-token'> +Optional: false$/m);
    expect(text).toMatch(/^ {6}web-env +ConfigMap with prefix 'WEB_' +Optional: false$/m);
    const lines = text.split('\n');
    expect(links.map((l) => `${l.target.kind}:${lines[l.line]!.slice(l.start, l.end)}`)).toEqual(['nodes:node-a', 'configmaps:web-env', 'secrets:api-token']);
  });
});
