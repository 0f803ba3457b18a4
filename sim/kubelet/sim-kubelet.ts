import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { KubeObject, KubeletHandlers, PodSubresourceContext, SimClock } from '../core/types';
import { runAttach } from './attach-session';
import { acceptWebSocket, offeredProtocols, rejectUpgrade, SPDY_TUNNEL } from './channel-protocol';
import { ExecSession, killAllExecSessions } from './exec-session';
import type { LogTruth } from './log-truth';
import { PodLogs, type FollowedLog, type LogDropMode } from './log-stream';
import { containerStatus, resolveContainer } from './pod-containers';
import { PodHttpTargets } from './pod-http-targets';
import { parsePorts, runPortForward } from './port-forward';
import { serveSpdyPortForward, spdyUpgradeRequested, tunnelSpdyPortForward } from './spdy-transport';
import { Sandboxes } from './sandbox';

const truthy = (v: string | null) => v === 'true' || v === '1';

/**
 * The node side of the pod subresources for every simulated node: logs from the ground truth, exec
 * as real local processes in per-container scratch directories, port-forward to per-pod HTTP
 * targets.
 */
export class SimKubelet implements KubeletHandlers {
  readonly sandboxes: Sandboxes;
  readonly targets = new PodHttpTargets();
  private readonly logs: PodLogs;

  constructor(
    private readonly truth: LogTruth,
    private readonly clock: SimClock,
    options: { sandboxRoot?: string } = {},
  ) {
    this.sandboxes = new Sandboxes(options.sandboxRoot);
    this.logs = new PodLogs(truth, clock);
  }

  podLog(ctx: PodSubresourceContext, res: ServerResponse): void {
    this.logs.serve(ctx, res);
  }

  /** Log follow streams opened since the start. */
  get logFollowsOpened(): number {
    return this.logs.followsOpened;
  }

  /** Log follow streams open now (for fault injection). */
  followedLogs(): FollowedLog[] {
    return this.logs.followed();
  }

  /** Fault injection: breaks the matching open log follow streams; returns how many. */
  dropLogStreams(mode: LogDropMode = 'reset', match?: (f: FollowedLog) => boolean): number {
    return this.logs.drop(mode, match);
  }

  podExec(ctx: PodSubresourceContext & { attach: boolean }, socket: Duplex, head: Buffer): void {
    const { pod, query } = ctx;
    const resolved = resolveContainer(pod, query.get('container'));
    if ('error' in resolved) return rejectUpgrade(socket, 400, 'BadRequest', resolved.error);
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') {
      return rejectUpgrade(socket, 400, 'BadRequest', `cannot ${ctx.attach ? 'attach to' : 'exec into'} a container in a completed pod; current phase is ${phase}`);
    }
    const status = containerStatus(pod, resolved.name);
    if (status && !status.state?.running) {
      return rejectUpgrade(socket, 500, undefined, `container not found ("${resolved.name}")`);
    }
    const tty = truthy(query.get('tty'));
    const ephemeral = ephemeralContainer(pod, resolved.name);
    if (ctx.attach && ephemeral) {
      // A debug container's main process is its shell: attaching runs it on this socket (a simplification:
      // a real one started with the container and outlives a detach).
      const request = {
        command: [...(ephemeral.command ?? ['sh']), ...(ephemeral.args ?? [])],
        stdin: truthy(query.get('stdin')),
        stdout: truthy(query.get('stdout')),
        stderr: truthy(query.get('stderr')) && !tty,
        tty,
        sandbox: this.sandboxes.forContainer(pod, resolved.name, tty),
      };
      acceptWebSocket('exec', ctx.req, socket, head, (ws, protocol) => new ExecSession(ws, protocol, request).start());
      return;
    }
    if (ctx.attach) {
      const ns = pod.metadata.namespace ?? 'default';
      const instances = this.truth.instances(ns, pod.metadata.name, resolved.name);
      const inst = (status?.containerID && this.truth.instance(status.containerID)) || instances[instances.length - 1];
      if (!inst) return rejectUpgrade(socket, 500, undefined, `container not found ("${resolved.name}")`);
      acceptWebSocket('exec', ctx.req, socket, head, (ws, protocol) => runAttach(ws, protocol, inst, this.truth, this.clock));
      return;
    }
    const command = query.getAll('command');
    const request = {
      command,
      stdin: truthy(query.get('stdin')),
      stdout: truthy(query.get('stdout')),
      stderr: truthy(query.get('stderr')) && !tty,
      tty,
      sandbox: this.sandboxes.forContainer(pod, resolved.name, tty),
    };
    acceptWebSocket('exec', ctx.req, socket, head, (ws, protocol) => new ExecSession(ws, protocol, request).start());
  }

  podPortForward(ctx: PodSubresourceContext, socket: Duplex, head: Buffer): void {
    const target = { namespace: ctx.pod.metadata.namespace ?? 'default', pod: ctx.pod.metadata.name, targets: this.targets };
    // SPDY (kubectl < 1.31, or its fallback) and SPDY tunnelled in a WebSocket (kubectl ≥ 1.31) name ports per stream.
    if (spdyUpgradeRequested(ctx.req)) return serveSpdyPortForward(socket, head, target);
    if (offeredProtocols(ctx.req).includes(SPDY_TUNNEL)) {
      acceptWebSocket('portforward', ctx.req, socket, head, (ws) => tunnelSpdyPortForward(ws, target));
      return;
    }
    const ports = parsePorts(ctx.query);
    if ('error' in ports) return rejectUpgrade(socket, 400, 'BadRequest', ports.error);
    acceptWebSocket('portforward', ctx.req, socket, head, (ws) => runPortForward(ws, ports, target));
  }

  /** Tell the node a pod is gone for good: its scratch state and port targets go with it. */
  podDeleted(namespace: string, pod: string): void {
    void this.targets.forgetPod(namespace, pod);
  }

  async close(): Promise<void> {
    killAllExecSessions();
    await this.targets.close();
    this.sandboxes.dispose();
  }
}

function ephemeralContainer(pod: KubeObject, name: string): { command?: string[]; args?: string[] } | undefined {
  const spec = pod.spec as { ephemeralContainers?: Array<{ name: string; command?: string[]; args?: string[] }> } | undefined;
  return spec?.ephemeralContainers?.find((c) => c.name === name);
}
