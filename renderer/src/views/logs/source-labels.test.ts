import { describe, expect, it } from 'vitest';
import type { LogStreamInfo } from '../../../../shared/model/logs';
import { sourceLabels } from './source-labels';

const s = (id: number, pod: string, container = 'app'): LogStreamInfo => ({ id, cluster: 'c', namespace: 'n', pod, container, state: 'streaming' });

describe('sourceLabels', () => {
  it('drops the prefix a workload’s pods share, at a name boundary', () => {
    const labels = sourceLabels([s(1, 'frontend-77ccb89c67-8gqnn'), s(2, 'frontend-77ccb89c67-gz5d9'), s(3, 'frontend-5d4f-abcde')]);
    expect([...labels.values()]).toEqual(['77ccb89c67-8gqnn', '77ccb89c67-gz5d9', '5d4f-abcde']);
    expect([...sourceLabels([s(1, 'web-1'), s(2, 'web-12')]).values()]).toEqual(['1', '12']);
  });

  it('keeps the head and tail of names too long for the column', () => {
    expect([...sourceLabels([s(1, 'checkout-d886996b9-hbwsb'), s(2, 'frontend-77ccb89c67-xmt9z')]).values()]).toEqual(['checkout…hbwsb', 'frontend…xmt9z']);
  });

  it('keeps a lone pod’s full name and adds containers when a pod has several', () => {
    expect([...sourceLabels([s(1, 'db-0')]).values()]).toEqual(['db-0']);
    expect([...sourceLabels([s(1, 'db-0', 'postgres'), s(2, 'db-0', 'exporter')]).values()]).toEqual(['db-0/postgres', 'db-0/exporter']);
  });
});
