/** Reads, dry-runs and applies whole objects, and runs actions on them (issue 7). */
import type { objectsChannels } from '../../shared/api/channels/objects';
import type { Handlers } from '../api/api-host';
import type { ConnectionManager } from '../kube/connection/connection-manager';

export class ObjectService {
  constructor(private readonly connections: ConnectionManager) {}

  handlers(): Handlers<typeof objectsChannels> {
    void this.connections;
    return {};
  }

  async dispose(): Promise<void> {}
}
