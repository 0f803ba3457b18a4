import { describe, expect, it } from 'vitest';
import { diffObjects, merge3 } from './field-diff';

const deployment = (replicas: number, image: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', resourceVersion: '10', labels: { app: 'web' }, ...extra },
  spec: { replicas, template: { spec: { containers: [{ name: 'sidecar', image: 'envoy:1' }, { name: 'web', image }] } } },
});

describe('diffObjects', () => {
  it('reports leaves, matching named list items by name and ignoring server bookkeeping', () => {
    const before = deployment(3, 'nginx:1');
    const after = { ...deployment(5, 'nginx:2'), metadata: { name: 'web', resourceVersion: '11', labels: { app: 'web', tier: 'front' } } };
    expect(diffObjects(before, after)).toEqual([
      { path: 'metadata.labels.tier', change: 'added', after: 'front' },
      { path: 'spec.replicas', change: 'changed', before: '3', after: '5' },
      { path: 'spec.template.spec.containers[name=web].image', change: 'changed', before: 'nginx:1', after: 'nginx:2' },
    ]);
  });

  it('a reorder of named items is no change; unnamed lists compare whole', () => {
    const a = { spec: { containers: [{ name: 'a' }, { name: 'b' }], args: ['x', 'y'] } };
    const b = { spec: { containers: [{ name: 'b' }, { name: 'a' }], args: ['y', 'x'] } };
    expect(diffObjects(a, b)).toEqual([{ path: 'spec.args', change: 'changed', before: '["x","y"]', after: '["y","x"]' }]);
  });

  it('reports removals', () => {
    expect(diffObjects({ metadata: { annotations: { a: '1' } } }, { metadata: {} })).toEqual([{ path: 'metadata.annotations', change: 'removed', before: '{"a":"1"}' }]);
  });
});

describe('merge3', () => {
  it('replays my change onto the live object when the fields differ', () => {
    const base = deployment(3, 'nginx:1');
    const mine = deployment(3, 'nginx:2');
    const theirs = { ...deployment(5, 'nginx:1'), metadata: { ...deployment(5, 'nginx:1').metadata, resourceVersion: '12' } };
    const { merged, overlapping } = merge3(base, mine, theirs);
    expect(overlapping).toEqual([]);
    expect(merged).toEqual({ ...deployment(5, 'nginx:2'), metadata: { ...deployment(5, 'nginx:2').metadata, resourceVersion: '12' } });
  });

  it('reports a field both sides changed differently and keeps the live value there', () => {
    const { merged, overlapping } = merge3(deployment(3, 'nginx:1'), deployment(4, 'nginx:1'), deployment(5, 'nginx:1'));
    expect(overlapping).toEqual(['spec.replicas']);
    expect((merged as { spec: { replicas: number } }).spec.replicas).toBe(5);
  });

  it('merges additions and deletions in named lists and maps', () => {
    const base = { spec: { containers: [{ name: 'a', image: '1' }] }, metadata: { labels: { x: '1', y: '2' } } };
    const mine = { spec: { containers: [{ name: 'a', image: '1' }, { name: 'b', image: '2' }] }, metadata: { labels: { x: '1' } } };
    const theirs = { spec: { containers: [{ name: 'a', image: '3' }] }, metadata: { labels: { x: '1', y: '2', z: '3' } } };
    expect(merge3(base, mine, theirs)).toEqual({
      merged: { spec: { containers: [{ name: 'a', image: '3' }, { name: 'b', image: '2' }] }, metadata: { labels: { x: '1', z: '3' } } },
      overlapping: [],
    });
  });

  it('the same change on both sides is not a conflict', () => {
    expect(merge3({ a: 1 }, { a: 2 }, { a: 2 })).toEqual({ merged: { a: 2 }, overlapping: [] });
  });
});
