import { describe, expect, it } from 'vitest';
import { applyBody, ManifestError, managersOf, parseManifest, toYaml, updateBody, withoutManagedFields } from './yaml-codec';

describe('parseManifest', () => {
  it('reads one object', () => {
    expect(parseManifest('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: {a: "1"}\n')).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x' },
      data: { a: '1' },
    });
  });

  it.each([
    ['', 'the YAML is empty'],
    ['apiVersion: v1\nkind: A\nmetadata: {name: a}\n---\napiVersion: v1\nkind: B\nmetadata: {name: b}\n', 'holds 2 documents'],
    ['apiVersion: v1\nkind: A\nmetadata:\n  name: [x\n', 'YAML syntax error at line'],
    ['- a\n- b\n', 'must be an object'],
    ['kind: A\nmetadata: {name: a}\n', 'apiVersion is missing'],
    ['apiVersion: v1\nmetadata: {name: a}\n', 'kind is missing'],
    ['apiVersion: v1\nkind: A\n', 'metadata is missing'],
    ['apiVersion: v1\nkind: A\nmetadata: {labels: {}}\n', 'metadata.name is missing'],
  ])('refuses %j with a message naming the problem', (text, message) => {
    expect(() => parseManifest(text)).toThrow(ManifestError);
    expect(() => parseManifest(text)).toThrow(message);
  });

  it('allows generateName-only manifests for create', () => {
    expect(parseManifest('apiVersion: v1\nkind: A\nmetadata: {generateName: a-}\n', { requireName: false }).metadata).toEqual({ generateName: 'a-' });
  });
});

describe('write bodies', () => {
  const live = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'w', namespace: 'n', uid: 'u', resourceVersion: '7', generation: 2, creationTimestamp: 't', managedFields: [{ manager: 'kubectl' }, { manager: 'loupe' }, { manager: 'kubectl' }] },
    spec: { replicas: 2 },
    status: { replicas: 2 },
  };

  it('server-side apply sends intent only: no managedFields, server metadata or status', () => {
    expect(applyBody(live)).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w', namespace: 'n' }, spec: { replicas: 2 } });
  });

  it('update keeps the edited resourceVersion and refuses without one', () => {
    expect(updateBody(live)).toBe(live);
    expect(() => updateBody({ ...live, metadata: { name: 'w' } })).toThrow('metadata.resourceVersion is missing');
  });

  it('hides managedFields, lists managers once, and prints server key order', () => {
    expect(withoutManagedFields(live).metadata).not.toHaveProperty('managedFields');
    expect(managersOf(live)).toEqual(['kubectl', 'loupe']);
    expect(toYaml({ kind: 'A', apiVersion: 'v1' })).toBe('kind: A\napiVersion: v1\n');
  });
});
