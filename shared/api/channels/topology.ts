/** Topology channels: the relation graph built in main from the watch caches (issue 5). */
import { z } from 'zod';
import { stream } from '../define';
import type { TopologyEvent } from '../../topology/graph';
import { contextName } from '../params';

export const topologyChannels = {
  /**
   * The relation graph of these clusters: a snapshot in chunks, then coalesced deltas at most every
   * ~100 ms, each stamped with the host time it was cut (the history's clock).
   */
  'topology.watch': stream<TopologyEvent>({ batchMs: 100, window: 3 })(z.object({ clusters: z.array(contextName).min(1).max(50) }).strict()),
} as const;
