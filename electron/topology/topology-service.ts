/** Builds the relation graph from the watch caches and streams its deltas (issue 5). */
import type { topologyChannels } from '../../shared/api/channels/topology';
import type { Handlers } from '../api/api-host';
import type { ConnectionManager } from '../kube/connection/connection-manager';

export class TopologyService {
  constructor(private readonly connections: ConnectionManager) {}

  handlers(): Handlers<typeof topologyChannels> {
    void this.connections;
    return {};
  }

  async dispose(): Promise<void> {}
}
