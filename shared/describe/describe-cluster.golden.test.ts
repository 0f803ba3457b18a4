/**
 * Service, Ingress, Endpoints, Node, Namespace and ConfigMap describes against kubectl 1.28's
 * recorded output; Secret and PersistentVolumeClaim (no recording) against kubectl's format.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeObject } from './index';
import type { Json } from './json';
import { describeEndpoints } from './network';
import { compareDescribe } from './testing/golden';
import { CTX, meta, Recordings } from './testing/recordings';

const GOLDEN_DIR = process.env.LOUPE_GOLDEN_DIR ?? fileURLToPath(new URL('../../../shared/k8s-golden', import.meta.url));
const rec = new Recordings((path) => readFileSync(join(GOLDEN_DIR, path), 'utf8'));

describe('describe services and ingress (golden)', () => {
  // kubectl ran after the frontend rollout and a cart pod replacement: the recorded Endpoints list
  // the old pods, so their addresses are those of the Running pods kubectl listed at 21:11.
  const frontendEndpoints = (): Json => rec.endpointsAt2111('frontend', 'frontend');

  it.each([
    ['describe-service-frontend-clusterip.txt', 'objects/service-frontend-clusterip.json'],
    ['describe-service-frontend-external-nodeport.txt', 'objects/service-frontend-external-nodeport.json'],
  ])('%s', (golden, object) => {
    const svc = rec.json(object);
    const { text } = describeObject({ kind: 'services', object: svc, endpoints: frontendEndpoints(), events: rec.eventsFor(svc) }, CTX);
    expect(compareDescribe(text, rec.kubectl(golden), { events: 'exact' })).toEqual([]);
  });

  it('describe-service-db-headless.txt', () => {
    const svc = rec.json('objects/service-db-headless.json');
    const endpoints = rec.item('lists/endpoints-all-namespaces.json', 'shop', 'db');
    const { text } = describeObject({ kind: 'services', object: svc, endpoints, events: rec.eventsFor(svc) }, CTX);
    expect(compareDescribe(text, rec.kubectl('describe-service-db-headless.txt'), { events: 'exact' })).toEqual([]);
  });

  it('describe-ingress-shop.txt', () => {
    const ing = rec.json('objects/ingress-shop.json');
    const backends = {
      frontend: { service: rec.item('lists/services-all-namespaces.json', 'shop', 'frontend'), endpoints: frontendEndpoints() },
      cart: { service: rec.item('lists/services-all-namespaces.json', 'shop', 'cart'), endpoints: rec.endpointsAt2111('cart', 'cart') },
    };
    const result = describeObject({ kind: 'ingresses', object: ing, backends, events: rec.eventsFor(ing) }, CTX);
    expect(compareDescribe(result.text, rec.kubectl('describe-ingress-shop.txt'), { events: 'exact' })).toEqual([]);
    const lines = result.text.split('\n');
    expect(result.links.map((l) => `${l.target.kind}:${lines[l.line]!.slice(l.start, l.end)}`)).toEqual(['secrets:shop-tls', 'services:frontend', 'services:cart']);
  });

  it('an ingress backend that could not be read shows the error, like kubectl', () => {
    const ing = rec.json('objects/ingress-shop.json');
    const { text } = describeObject({ kind: 'ingresses', object: ing, backends: { frontend: { error: 'endpoints "frontend" is forbidden' } } }, CTX);
    expect(text).toContain('frontend:80 (<error: endpoints "frontend" is forbidden>)');
  });

  it('describe-endpoints-frontend.txt', () => {
    // The FailedToUpdateEndpoint warning came after the recordings: the events are compared as a
    // subset. Its retry was a sync without a pod change, on which the endpoints controller deletes
    // the last-change-trigger-time annotation, so kubectl saw none.
    const ep = frontendEndpoints();
    ep.metadata = { ...(ep.metadata as Json), annotations: {} };
    const { text } = describeEndpoints(ep, rec.eventsFor(ep), CTX);
    expect(compareDescribe(text, rec.kubectl('describe-endpoints-frontend.txt'), { events: 'subset' })).toEqual([]);
  });
});

describe('describe cluster objects (golden)', () => {
  it('describe-node-fake-node-1.txt', () => {
    // Non-terminated pods on the node as kubectl saw them at 21:11 (get pods -o wide), taken from
    // the 21:05 pod list (the pods on fake-node-1 at 21:11 all existed then).
    const node = rec.json('objects/node-fake-node-1.json');
    const onNode = rec.podsAt2111().filter((p) => p.node === 'fake-node-1' && p.status === 'Running');
    const pods = onNode.map((p) => rec.item('lists/pods-all-namespaces.json', p.namespace, p.name));
    const lease = 'leases.coordination.k8s.io "fake-node-1" not found';
    const result = describeObject({ kind: 'nodes', object: node, pods, lease, events: rec.eventsFor(node) }, CTX);
    expect(compareDescribe(result.text, rec.kubectl('describe-node-fake-node-1.txt'), { events: 'exact' })).toEqual([]);
    expect(result.links.map((l) => l.target.name)).toEqual(pods.map((p) => meta(p).name));
  });

  it('a node whose pods cannot be listed says so', () => {
    const node = rec.json('objects/node-fake-node-1.json');
    const { text } = describeObject({ kind: 'nodes', object: node, pods: 'forbidden', lease: 'forbidden', events: [] }, CTX);
    expect(text).toMatch(/^Pods: +not authorized$/m);
  });

  it('describe-namespace-shop.txt', () => {
    const ns = rec.json('objects/namespace-shop.json');
    const { text } = describeObject({ kind: 'namespaces', object: ns, resourceQuotas: [], limitRanges: [] }, CTX);
    expect(compareDescribe(text, rec.kubectl('describe-namespace-shop.txt'))).toEqual([]);
  });

  it('describe-configmap-frontend-config.txt', () => {
    // The recorder annotated the ConfigMap at 21:10 (golden/touched); the watch recording of that
    // change holds the object kubectl described.
    const line = rec.read('watch/configmaps-shop-watch-bookmark-before-timeoutSeconds10.jsonl').split('\n')[0]!;
    const cm = (JSON.parse(line) as { object: Json }).object;
    const { text } = describeObject({ kind: 'configmaps', object: cm, events: rec.eventsFor(cm) }, CTX);
    expect(compareDescribe(text, rec.kubectl('describe-configmap-frontend-config.txt'), { events: 'exact' })).toEqual([]);
  });
});

describe('describe without a recording (kubectl format)', () => {
  it('a Secret shows keys and sizes, never values', () => {
    const secret = {
      metadata: { name: 'db-credentials', namespace: 'shop', labels: { app: 'db' } },
      type: 'Opaque',
      data: { password: btoa('hunter2-but-longer'), user: btoa('postgres') },
    };
    const { text } = describeObject({ kind: 'secrets', object: secret }, CTX);
    expect(text).toBe(
      ['Name:         db-credentials', 'Namespace:    shop', 'Labels:       app=db', 'Annotations:  <none>', '', 'Type:  Opaque', '', 'Data', '====',
        'password:  18 bytes', 'user:      8 bytes', ''].join('\n'),
    );
    expect(text).not.toContain('hunter2');
  });

  it('a PersistentVolumeClaim lists the pods using it as links', () => {
    const pvc = {
      metadata: { name: 'data-db-0', namespace: 'shop', finalizers: ['kubernetes.io/pvc-protection'] },
      spec: { storageClassName: 'standard', volumeName: 'pv-1', accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem', resources: { requests: { storage: '1Gi' } } },
      status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } },
    };
    const user = { metadata: { name: 'db-0', namespace: 'shop' }, spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } }] } };
    const other = { metadata: { name: 'web', namespace: 'shop' }, spec: { volumes: [] } };
    const result = describeObject({ kind: 'persistentvolumeclaims', object: pvc, pods: [other, user], events: [] }, CTX);
    expect(result.text).toBe(
      ['Name:          data-db-0', 'Namespace:     shop', 'StorageClass:  standard', 'Status:        Bound', 'Volume:        pv-1', 'Labels:        <none>',
        'Annotations:   <none>', 'Finalizers:    [kubernetes.io/pvc-protection]', 'Capacity:      1Gi', 'Access Modes:  RWO', 'VolumeMode:    Filesystem',
        'Used By:       db-0', 'Events:        <none>', ''].join('\n'),
    );
    expect(result.links).toEqual([{ line: 11, start: 15, end: 19, target: { cluster: 'golden', kind: 'pods', namespace: 'shop', name: 'db-0' } }]);
  });
});
