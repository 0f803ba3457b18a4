/**
 * The composition root: every main-side service is created here, with its dependencies passed to
 * its constructor, and bound to the contract. Both hosts (Electron and browser mode) call this, so
 * they serve exactly the same API.
 */
import { homedir } from 'node:os';
import { contract, type LoupeContract } from '../shared/api/contract';
import type { HostKind } from '../shared/model/app';
import { ApiHost, type Handlers } from './api/api-host';
import { ExecCredentialProvider } from './kube/config/exec-credentials';
import { loadKubeconfigs } from './kube/config/kubeconfig-loader';
import { resolveLoginShellEnv } from './kube/config/login-shell-env';
import { ConnectionManager } from './kube/connection/connection-manager';
import { DescribeService } from './describe/describe-service';
import { ExecService } from './exec/exec-service';
import { LogService } from './logs/log-service';
import { ObjectService } from './objects/object-service';
import { TopologyService } from './topology/topology-service';
import { AppService } from './services/app-service';
import { ClusterService } from './services/cluster-service';
import { ResourceService } from './services/resource-service';
import { defaultSettingsDir, SettingsStore } from './services/settings-store';

export interface LoupeServicesOptions {
  host: HostKind;
  version: string;
  /** Defaults to this process's KUBECONFIG and home, like kubectl. */
  kubeconfigEnv?: string;
  home?: string;
  /** Where settings persist; defaults to $XDG_CONFIG_HOME/loupe (Electron passes its userData). */
  settingsDir?: string;
}

export interface LoupeServices {
  api: ApiHost<LoupeContract>;
  /** Loads kubeconfigs (resolving the login shell's environment first); the API works before it ends. */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export function createLoupeServices(options: LoupeServicesOptions): LoupeServices {
  const app = new AppService({ host: options.host, version: options.version });
  // Resolved once, on first use: desktop-launched apps lack the user's PATH that exec plugins need.
  let shellEnv: Promise<NodeJS.ProcessEnv> | undefined;
  const env = (): Promise<NodeJS.ProcessEnv> => (shellEnv ??= resolveLoginShellEnv().then((r) => r.env));
  const credentials = new ExecCredentialProvider({ env });
  const connections = new ConnectionManager((context) => clusters.kubeConfigFor(context));
  const home = options.home ?? homedir();
  const settings = new SettingsStore(options.settingsDir ?? defaultSettingsDir(home));
  const clusters: ClusterService = new ClusterService({
    connections,
    settings,
    load: async (extraPaths) =>
      loadKubeconfigs({
        kubeconfigEnv: 'kubeconfigEnv' in options ? options.kubeconfigEnv : process.env.KUBECONFIG,
        home,
        extraPaths,
        env: await env(),
        credentials,
      }),
  });
  const resources = new ResourceService(connections);
  const topology = new TopologyService(connections, { kubeConfigFor: (context) => clusters.kubeConfigFor(context) });
  const logs = new LogService(connections);
  const describe = new DescribeService(connections);
  const objects = new ObjectService({ kubeConfigFor: (context) => clusters.kubeConfigFor(context), settings });
  const exec = new ExecService({ kubeConfig: (context) => clusters.kubeConfigFor(context), readOnly: settings });

  const handlers: Handlers<LoupeContract> = {
    'app.info': () => app.info(),
    'app.heartbeat': (params, sink) => app.heartbeat(params.intervalMs, sink),
    'clusters.watch': (_params, sink) => clusters.watch(sink),
    'clusters.connect': ({ context }) => clusters.connect(context),
    'clusters.disconnect': ({ context }) => clusters.disconnect(context),
    'clusters.addKubeconfigPath': ({ path }) => clusters.addKubeconfigPath(path),
    'clusters.removeKubeconfigPath': ({ path }) => clusters.removeKubeconfigPath(path),
    'resources.watch': (query, sink) => resources.watch(query, sink),
    'resources.get': ({ cluster, kind, namespace, name }) => resources.get(cluster, kind, namespace, name),
    ...topology.handlers(),
    ...logs.handlers(),
    ...describe.handlers(),
    ...objects.handlers(),
    ...exec.handlers(),
  };

  return {
    api: new ApiHost(contract, handlers),
    start: () => clusters.start(),
    async dispose() {
      // Sessions and streams first: they hold sockets on the connections disposed below.
      await Promise.all([exec.dispose(), logs.dispose(), topology.dispose(), objects.dispose(), describe.dispose()]);
      await clusters.dispose();
      await connections.dispose();
      credentials.dispose();
    },
  };
}
