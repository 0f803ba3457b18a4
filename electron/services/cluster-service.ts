/**
 * The cluster rail's source of truth: kubeconfig contexts (loaded like kubectl, reloaded on change)
 * joined with connection statuses. A reload keeps the connections of contexts whose material did
 * not change, reconnects the changed ones and drops the removed ones.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { Disposable } from '../../shared/api/define';
import { ApiError } from '../../shared/api/errors';
import type { ClusterStatus } from '../../shared/model/cluster';
import type { ClustersState } from '../../shared/model/clusters';
import { isAbsolute } from 'node:path';
import type { StreamSink } from '../api/stream-sink';
import type { LoadedKubeconfigs } from '../kube/config/kubeconfig-loader';
import { KubeconfigWatcher, type KubeconfigChanges } from '../kube/config/kubeconfig-watcher';
import type { ConnectionManager } from '../kube/connection/connection-manager';
import type { SettingsStore } from './settings-store';

export interface ClusterServiceOptions {
  connections: ConnectionManager;
  settings: SettingsStore;
  /** Loads with KUBECONFIG / ~/.kube/config plus these user-added paths. */
  load: (extraPaths: string[]) => Promise<LoadedKubeconfigs>;
  log?: Pick<Console, 'warn'>;
}

export class ClusterService {
  private watcher: KubeconfigWatcher | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly failed = new Map<string, ClusterStatus>();
  private readonly offStatus: () => void;
  private readonly offSettings: () => void;

  constructor(private readonly options: ClusterServiceOptions) {
    this.offStatus = options.connections.onStatus((status) => {
      if (status.phase === 'error' && !options.connections.status(status.context)) this.failed.set(status.context, status);
      else this.failed.delete(status.context);
      this.changed();
    });
    this.offSettings = options.settings.onChange(() => this.changed());
  }

  async start(): Promise<void> {
    this.watcher = await KubeconfigWatcher.start({
      load: () => this.options.load(this.options.settings.get().kubeconfigPaths),
      onChange: (changes) => void this.applyReload(changes),
      onError: (err) => this.options.log?.warn(`loupe: kubeconfig reload failed: ${err instanceof Error ? err.message : String(err)}`),
    });
    this.changed();
  }

  /** Resolves the context's KubeConfig for the connection manager. */
  kubeConfigFor(context: string): KubeConfig | { problem: string } {
    const loaded = this.watcher?.current;
    const info = loaded?.contexts.find((c) => c.name === context);
    if (!loaded || !info) return { problem: `no context named "${context}" in the loaded kubeconfigs` };
    if (info.problem) return { problem: info.problem.message };
    return loaded.kubeConfigFor(context) ?? { problem: `context "${context}" cannot be used as configured` };
  }

  state(): ClustersState {
    const loaded = this.watcher?.current;
    const statuses = [...this.options.connections.statuses(), ...this.failed.values()];
    return {
      contexts: (loaded?.contexts ?? []).map((c) => (this.options.settings.isReadOnly(c.name) ? { ...c, readOnly: true } : c)),
      files: loaded?.files ?? [],
      ...(loaded?.currentContext ? { currentContext: loaded.currentContext } : {}),
      extraPaths: this.options.settings.get().kubeconfigPaths,
      statuses,
    };
  }

  watch(sink: StreamSink<ClustersState>): Disposable {
    const push = (): void => sink.set(this.state());
    push();
    this.listeners.add(push);
    return { dispose: () => this.listeners.delete(push) };
  }

  async connect(context: string): Promise<ClusterStatus> {
    if (!this.watcher?.current.contexts.some((c) => c.name === context)) {
      throw new ApiError({ code: 'not-found', message: `no context named "${context}" in the loaded kubeconfigs` });
    }
    return this.options.connections.connect(context);
  }

  async disconnect(context: string): Promise<null> {
    this.failed.delete(context);
    await this.options.connections.disconnect(context);
    this.changed();
    return null;
  }

  async addKubeconfigPath(path: string): Promise<null> {
    if (!isAbsolute(path)) throw new ApiError({ code: 'invalid-params', message: `"${path}" is not an absolute path` });
    const paths = this.options.settings.get().kubeconfigPaths;
    if (!paths.includes(path)) this.options.settings.update({ kubeconfigPaths: [...paths, path] });
    await this.watcher?.reload();
    this.changed();
    return null;
  }

  async removeKubeconfigPath(path: string): Promise<null> {
    const paths = this.options.settings.get().kubeconfigPaths;
    this.options.settings.update({ kubeconfigPaths: paths.filter((p) => p !== path) });
    await this.watcher?.reload();
    this.changed();
    return null;
  }

  async dispose(): Promise<void> {
    this.offStatus();
    this.offSettings();
    this.watcher?.dispose();
    this.listeners.clear();
  }

  private async applyReload(changes: KubeconfigChanges): Promise<void> {
    const connections = this.options.connections;
    await Promise.all([
      ...changes.removed.map((c) => connections.disconnect(c)),
      ...changes.changed.filter((c) => connections.status(c)).map((c) => connections.connect(c)),
    ]);
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
