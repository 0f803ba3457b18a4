/**
 * The one API contract between the Loupe host (Electron main, or the browser-mode server) and the
 * renderer. Add a channel here and TypeScript demands its host handler; the preload bridge and the
 * WebSocket client pick it up automatically. `contract.test.ts` snapshots the channel list so that a
 * change to it is always deliberate.
 */
import { z } from 'zod';
import { request, stream } from './define';
import type { AppInfo, HostHeartbeat } from '../model/app';
import type { ClusterStatus } from '../model/cluster';
import type { ClustersState } from '../model/clusters';
import type { Json } from '../model/project-row';
import type { ResourceFeedEvent } from '../model/resource-feed';
import { describeChannels } from './channels/describe';
import { execChannels } from './channels/exec';
import { logsChannels } from './channels/logs';
import { objectsChannels } from './channels/objects';
import { topologyChannels } from './channels/topology';
import { contextName, k8sName, kindId, objectRef } from './params';


export const contract = {
  /** What the renderer is talking to: versions, platform and which host runs it. */
  'app.info': request<AppInfo>()(z.object({}).strict()),
  /** Periodic liveness and memory of the host process, for the status bar. */
  'app.heartbeat': stream<HostHeartbeat>({ batchMs: 0, window: 2 })(
    z.object({ intervalMs: z.number().int().min(100).max(60_000) }).strict(),
  ),

  /** Every kubeconfig context with its file and connection status; a new state on every change. */
  'clusters.watch': stream<ClustersState>({ batchMs: 100, window: 2 })(z.object({}).strict()),
  /** Connects a context (reconnects if connected); resolves when connected or failed. */
  'clusters.connect': request<ClusterStatus>()(z.object({ context: contextName }).strict()),
  'clusters.disconnect': request<null>()(z.object({ context: contextName }).strict()),
  /** Adds a kubeconfig file or folder to load after KUBECONFIG / ~/.kube/config; remembered. */
  'clusters.addKubeconfigPath': request<null>()(z.object({ path: z.string().min(1).max(4096) }).strict()),
  'clusters.removeKubeconfigPath': request<null>()(z.object({ path: z.string().min(1).max(4096) }).strict()),

  /** Rows of the watch caches matching a query: a snapshot, then coalesced deltas. */
  'resources.watch': stream<ResourceFeedEvent>({ batchMs: 0, window: 2 })(
    z
      .object({
        clusters: z.array(contextName).max(500),
        kinds: z.array(kindId).min(1),
        namespaces: z.array(k8sName).max(1000).optional(),
        labelSelector: z.string().max(2000).optional(),
      })
      .strict(),
  ),
  /** One whole object, fresh from its API server (secrets: keys and sizes only). */
  'resources.get': request<Json>()(objectRef),

  // Each feature declares its channels in its own module, so a channel is still declared once.
  ...topologyChannels,
  ...logsChannels,
  ...describeChannels,
  ...objectsChannels,
  ...execChannels,
} as const;

export type LoupeContract = typeof contract;
