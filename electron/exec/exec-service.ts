/**
 * Runs interactive exec sessions in containers (issue 7): shells, custom commands, ephemeral debug
 * containers and node shells. Each session belongs to the renderer that opened it; its own failure
 * or end touches nothing else — not other sessions, not the cluster connection.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { randomUUID } from 'node:crypto';
import type { ExecOpened, execChannels } from '../../shared/api/channels/exec';
import { ApiError } from '../../shared/api/errors';
import type { Handlers } from '../api/api-host';
import type { KubeConfigResolver } from '../kube/connection/connection-manager';
import { debugContainerConnector } from './debug-container';
import { ExecSession, type Connector, type TerminalSize } from './exec-session';
import { openExecSocket } from './exec-socket';
import { nodeShellConnector } from './node-shell';
import { SHELL_COMMAND } from './shell-command';
import { defaultContainer } from './pod-containers';

/** Per-context switch that refuses every write, exec included. */
export interface ReadOnlyPolicy {
  isReadOnly(context: string): boolean;
}

export interface ExecServiceOptions {
  /** The KubeConfig of a context, as the cluster connections use it. */
  kubeConfig: KubeConfigResolver;
  readOnly: ReadOnlyPolicy;
}

export class ExecService {
  private readonly sessions = new Map<string, ExecSession>();
  /** Node-shell pods being deleted: shutting down waits for them rather than leaving privileged pods behind. */
  private readonly cleanups = new Set<Promise<void>>();

  constructor(private readonly options: ExecServiceOptions) {}

  /** Live sessions, for diagnostics and leak tests. */
  get openSessions(): number {
    return this.sessions.size;
  }

  handlers(): Handlers<typeof execChannels> {
    return {
      'exec.open': (p, ctx) => {
        const kc = this.kubeConfig(p.cluster, 'open a shell');
        const command = p.command ?? SHELL_COMMAND;
        return this.start(ctx.peerId, p, async (signal) => {
          const container = p.container ?? (await defaultContainer(kc, p.namespace, p.pod, signal));
          const target = { namespace: p.namespace, pod: p.pod, container, mode: 'exec' as const, command, tty: p.tty };
          return { ws: await openExecSocket(kc, target, signal), container: container ?? '' };
        });
      },
      'exec.debug': (p, ctx) => {
        const kc = this.kubeConfig(p.cluster, 'start a debug container');
        return this.start(ctx.peerId, p, debugContainerConnector(kc, p));
      },
      'exec.nodeShell': (p, ctx) => {
        const kc = this.kubeConfig(p.cluster, 'open a node shell');
        const shell = nodeShellConnector(kc, p);
        const opened = this.start(ctx.peerId, p, shell.connect);
        this.sessions.get(opened.sessionId)?.onEnd(() => {
          const cleanup = shell.cleanUp().finally(() => this.cleanups.delete(cleanup));
          this.cleanups.add(cleanup);
        });
        return opened;
      },
      'exec.output': ({ sessionId }, sink, ctx) => this.session(sessionId, ctx.peerId).streamOutput(sink),
      'exec.state': ({ sessionId }, sink, ctx) => this.session(sessionId, ctx.peerId).streamState(sink),
      'exec.input': ({ sessionId, data }, ctx) => {
        this.session(sessionId, ctx.peerId).input(data);
        return null;
      },
      'exec.resize': ({ sessionId, cols, rows }, ctx) => {
        this.session(sessionId, ctx.peerId).resize({ cols, rows });
        return null;
      },
      'exec.close': ({ sessionId }, ctx) => {
        this.session(sessionId, ctx.peerId).close();
        return null;
      },
    };
  }

  async dispose(): Promise<void> {
    for (const session of [...this.sessions.values()]) session.dispose();
    await Promise.allSettled([...this.cleanups]);
  }

  private start(peerId: string, size: TerminalSize, connect: Connector): ExecOpened {
    const session = new ExecSession(randomUUID(), peerId, { cols: size.cols, rows: size.rows });
    this.sessions.set(session.id, session);
    session.onRelease(() => this.sessions.delete(session.id));
    session.start(connect);
    return { sessionId: session.id };
  }

  private session(id: string, peerId: string): ExecSession {
    const session = this.sessions.get(id);
    // Another renderer's session is as unknown to this one as a session that never existed.
    if (!session || session.peerId !== peerId) {
      throw new ApiError({ code: 'not-found', message: `no exec session ${JSON.stringify(id)} (it ended, or was never opened here)` });
    }
    return session;
  }

  private kubeConfig(context: string, what: string): KubeConfig {
    if (this.options.readOnly.isReadOnly(context)) {
      throw new ApiError({ code: 'forbidden', message: `context "${context}" is read-only in Loupe: cannot ${what}` });
    }
    const kc = this.options.kubeConfig(context);
    if ('problem' in kc) throw new ApiError({ code: 'unavailable', message: kc.problem });
    return kc;
  }
}
