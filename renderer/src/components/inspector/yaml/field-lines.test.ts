import { describe, expect, it } from 'vitest';
import { lineOfField } from './field-lines';

const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: -1
  template:
    spec:
      containers:
      - name: sidecar
        image: envoy
      - name: web
        image: ""
`;

describe('lineOfField', () => {
  it('finds the line of a field the server named, in any of its spellings', () => {
    expect(lineOfField(text, 'spec.replicas')).toBe(6);
    expect(lineOfField(text, '.spec.replicas')).toBe(6);
    expect(lineOfField(text, 'spec.template.spec.containers[1].image')).toBe(13);
    expect(lineOfField(text, 'spec.template.spec.containers[name=sidecar].image')).toBe(11);
  });

  it('falls back to the deepest part present, or nothing', () => {
    expect(lineOfField(text, 'spec.selector')).toBe(5);
    expect(lineOfField(text, 'status.replicas')).toBeUndefined();
    expect(lineOfField('not: [valid', 'a')).toBeUndefined();
  });
});
