/** Renders kubectl-equivalent describe text for one object (issue 7). */
import type { describeChannels } from '../../shared/api/channels/describe';
import type { Handlers } from '../api/api-host';
import type { ConnectionManager } from '../kube/connection/connection-manager';

export class DescribeService {
  constructor(private readonly connections: ConnectionManager) {}

  handlers(): Handlers<typeof describeChannels> {
    void this.connections;
    return {};
  }

  async dispose(): Promise<void> {}
}
