/** Topology channels: the relation graph built in main from the watch caches (issue 5). */
export const topologyChannels = {} as const;
