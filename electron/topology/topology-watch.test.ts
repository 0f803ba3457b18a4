import { expect, it, vi } from 'vitest';
import { topologyChannels } from '../../shared/api/channels/topology';
import type { HostMessage } from '../../shared/api/wire';
import type { TopologyEvent } from '../../shared/topology/graph';
import { generateTopologyRows } from '../../shared/topology/fixtures';
import { applyTopologyEvent, emptyGraphState, sameGraphState } from '../../shared/topology/graph-state';
import { RelationIndex, type TopologyDelta } from '../../shared/topology/relations';
import type { PodRow } from '../../shared/model/rows';
import { StreamSink } from '../api/stream-sink';
import { SNAPSHOT_CHUNK, TopologyWatch, type TopologySource } from './topology-watch';

/** A cluster graph over fixture rows, publishing each change as the shared cluster topology does. */
function source(pods: number) {
  const index = new RelationIndex();
  const rows = generateTopologyRows(pods);
  for (const row of rows) index.upsert(row);
  index.drain();
  const listeners = new Set<(d: TopologyDelta) => void>();
  const feed: TopologySource = {
    ready: Promise.resolve(),
    subscribe: (listener) => {
      listeners.add(listener);
      return { snapshot: index.snapshot(), unsubscribe: () => listeners.delete(listener) };
    },
  };
  const change = (apply: (i: RelationIndex) => void) => {
    apply(index);
    const delta = index.drain();
    for (const l of listeners) l(delta);
  };
  return { feed, rows, change, index };
}

function client() {
  const batches: TopologyEvent[][] = [];
  const sink: StreamSink<TopologyEvent> = new StreamSink(1, topologyChannels['topology.watch'], (m: HostMessage) => {
    if (m.k === 'batch') batches.push(m.evs as TopologyEvent[]);
  });
  return { sink, batches, events: () => batches.flat() };
}

it('sends the snapshot in chunks that add up to the graph, the last one marked', async () => {
  const { feed, index } = source(1_000);
  const { sink, events } = client();
  const watch = new TopologyWatch([feed], sink).start();
  await vi.waitFor(() => expect(events().some((e) => e.type === 'snapshot' && e.last)).toBe(true));
  const snapshot = events();
  const { nodes, edges } = index.snapshot();
  expect(snapshot).toHaveLength(Math.ceil((nodes.length + edges.length) / SNAPSHOT_CHUNK));
  expect(snapshot.map((e) => e.type === 'snapshot' && e.last)).toEqual(snapshot.map((_, i) => i === snapshot.length - 1));
  const state = emptyGraphState();
  for (const e of snapshot) applyTopologyEvent(state, e);
  const expected = emptyGraphState();
  applyTopologyEvent(expected, { type: 'snapshot', seq: 1, nodes, edges, last: true });
  expect(sameGraphState(state, expected)).toBe(true);
  watch.dispose();
});

it('folds changes while the renderer is behind and sends the newest state of each in one delta', async () => {
  const { feed, rows, change } = source(50);
  const { sink, batches, events } = client();
  const watch = new TopologyWatch([feed], sink, 10).start();
  const pod = rows.find((r): r is PodRow => r.kind === 'pods')!;
  const restart = (i: number) => change((index) => index.upsert({ ...pod, restarts: i }));
  await vi.waitFor(() => expect(batches).toHaveLength(1));
  // Never acknowledged: the window fills, the sink holds one delta, and the watch folds the rest.
  for (const i of [1, 2]) {
    restart(i);
    await vi.waitFor(() => expect(batches).toHaveLength(i + 1));
  }
  restart(3);
  await vi.waitFor(() => expect(sink.backlog).toBe(1));
  for (let i = 4; i < 20; i++) restart(i);
  // The renderer catches up, acknowledging each batch it gets.
  await vi.waitFor(() => {
    sink.ack();
    expect(events().some((e) => e.type === 'delta' && e.upsertedNodes.some((n) => n.restarts === 19))).toBe(true);
  });
  const deltas = events().filter((e) => e.type === 'delta');
  expect(deltas.map((d) => d.type === 'delta' && d.upsertedNodes.find((n) => n.id === pod.key)?.restarts)).toEqual([1, 2, 3, 19]);
  const seqs = events().map((e) => e.seq);
  expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  watch.dispose();
});
