/** Runs interactive exec sessions in containers (issue 7). */
import type { execChannels } from '../../shared/api/channels/exec';
import type { Handlers } from '../api/api-host';
import type { ConnectionManager } from '../kube/connection/connection-manager';

export class ExecService {
  constructor(private readonly connections: ConnectionManager) {}

  handlers(): Handlers<typeof execChannels> {
    void this.connections;
    return {};
  }

  async dispose(): Promise<void> {}
}
