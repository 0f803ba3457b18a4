/** Follows logs across pods and containers and tracks rollouts (issue 6). */
import type { logsChannels } from '../../shared/api/channels/logs';
import type { Handlers } from '../api/api-host';
import type { ConnectionManager } from '../kube/connection/connection-manager';

export class LogService {
  constructor(private readonly connections: ConnectionManager) {}

  handlers(): Handlers<typeof logsChannels> {
    void this.connections;
    return {};
  }

  async dispose(): Promise<void> {}
}
