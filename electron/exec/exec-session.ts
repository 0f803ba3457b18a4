/**
 * One terminal session: a channel-protocol WebSocket to the kubelet (through the API server) on one
 * side, the renderer's output and state streams on the other. Everything it holds — the socket,
 * its timer, the streams — is released when it ends, whichever way it ends, and nothing it does
 * reaches beyond itself: a failing session leaves other sessions and the cluster connection alone.
 */
import type WebSocket from 'ws';
import type { ExecState } from '../../shared/api/channels/exec';
import { ApiError } from '../../shared/api/errors';
import type { StreamSink } from '../api/stream-sink';
import { outcomeOfStatus } from './exec-status';

const CHANNEL = { stdin: 0, stdout: 1, stderr: 2, status: 3, resize: 4 } as const;

/** A session nobody streams within this long was orphaned by its renderer (opened, then gone). */
const ATTACH_DEADLINE_MS = 15_000;
/** Output held for a renderer that has not subscribed yet; past it, the socket is paused. */
const PENDING_LIMIT = 1024 * 1024;
/** Keystrokes typed while connecting, sent once the socket opens. */
const EARLY_INPUT_LIMIT = 64 * 1024;

export interface TerminalSize {
  cols: number;
  rows: number;
}

/** Prepares whatever the session needs (a debug container, a node pod) and opens the socket. */
export type Connector = (signal: AbortSignal, progress: (detail: string) => void) => Promise<{ ws: WebSocket; container: string }>;

export class ExecSession {
  private state: ExecState = { phase: 'connecting' };
  private ws: WebSocket | undefined;
  private readonly abort = new AbortController();
  private output: StreamSink<Uint8Array> | undefined;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private earlyInput: Buffer[] = [];
  private readonly stateSinks = new Set<StreamSink<ExecState>>();
  private readonly endListeners = new Set<() => void>();
  private readonly releaseListeners = new Set<() => void>();
  private attachTimer: ReturnType<typeof setTimeout> | undefined;
  private ended = false;
  private released = false;

  constructor(
    readonly id: string,
    readonly peerId: string,
    private size: TerminalSize,
  ) {}

  get phase(): ExecState['phase'] {
    return this.state.phase;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  start(connect: Connector): void {
    this.attachTimer = setTimeout(() => {
      this.close();
      this.release();
    }, ATTACH_DEADLINE_MS);
    connect(this.abort.signal, (detail) => this.setState({ phase: 'connecting', detail })).then(
      ({ ws, container }) => this.attach(ws, container),
      (err: unknown) => this.finish({ phase: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
  }

  /** Runs once when the session ends, however it ends. */
  onEnd(listener: () => void): void {
    if (this.ended) listener();
    else this.endListeners.add(listener);
  }

  /**
   * Runs once nobody can ask about the session any more: its output stream closed, or none was opened
   * before the deadline. An ended session stays until then, so a renderer that subscribes after a
   * quick failure still reads why.
   */
  onRelease(listener: () => void): void {
    if (this.released) listener();
    else this.releaseListeners.add(listener);
  }

  /** The session lives as long as its output stream: closing that (tab closed, renderer gone) ends it. */
  streamOutput(sink: StreamSink<Uint8Array>): void {
    if (this.output) throw new ApiError({ code: 'invalid-params', message: `exec session ${this.id} already has an output stream` });
    this.output = sink;
    this.clearAttachTimer();
    for (const chunk of this.pending.splice(0)) sink.push(chunk);
    this.pendingBytes = 0;
    sink.onDrain(() => this.ws?.resume());
    sink.onClose(() => {
      this.close();
      this.release();
    });
    if (this.ended) sink.end();
    else this.ws?.resume();
  }

  streamState(sink: StreamSink<ExecState>): void {
    sink.push(this.state);
    if (this.ended) {
      sink.end();
      return;
    }
    this.stateSinks.add(sink);
    sink.onClose(() => this.stateSinks.delete(sink));
  }

  input(data: string): void {
    if (this.ended) throw new ApiError({ code: 'unavailable', message: `exec session ${this.id} has ended` });
    const bytes = Buffer.from(data, 'utf8');
    const ws = this.ws;
    if (ws && ws.readyState === ws.OPEN) {
      ws.send(frame(CHANNEL.stdin, bytes));
      return;
    }
    const queued = this.earlyInput.reduce((n, b) => n + b.length, 0);
    if (queued + bytes.length > EARLY_INPUT_LIMIT) {
      throw new ApiError({ code: 'unavailable', message: `exec session ${this.id} is still connecting` });
    }
    this.earlyInput.push(bytes);
  }

  resize(size: TerminalSize): void {
    if (this.ended) return;
    this.size = size;
    this.sendSize();
  }

  /** Ends the session and forgets it at once (the host is shutting down). */
  dispose(): void {
    this.close();
    this.release();
  }

  /** Ends the session from this side; the kubelet then stops the process. */
  close(): void {
    if (this.ended) return;
    this.finish({ phase: 'closed' });
  }

  private attach(ws: WebSocket, container: string): void {
    if (this.ended) {
      ws.terminate();
      return;
    }
    this.ws = ws;
    ws.on('message', (data: Buffer) => this.onFrame(data));
    ws.on('close', (code: number, reason: Buffer) => {
      const why = reason.toString('utf8');
      this.finish({ phase: 'error', message: `the connection to the container closed without an exit status (WebSocket ${code}${why ? `: ${why}` : ''})` });
    });
    this.sendSize();
    for (const bytes of this.earlyInput.splice(0)) ws.send(frame(CHANNEL.stdin, bytes));
    if (!this.output && this.pendingBytes >= PENDING_LIMIT) ws.pause();
    this.setState({ phase: 'open', protocol: ws.protocol, container });
  }

  private onFrame(data: Buffer): void {
    if (data.length === 0 || this.ended) return;
    const channel = data[0];
    const body = data.subarray(1);
    if (channel === CHANNEL.stdout || channel === CHANNEL.stderr) {
      if (body.length > 0) this.emit(body);
    } else if (channel === CHANNEL.status) {
      const outcome = outcomeOfStatus(body);
      this.finish('code' in outcome ? { phase: 'exited', code: outcome.code } : { phase: 'error', message: outcome.error });
    }
    // v5's close signal (255) only ever half-closes a stream; the status frame is what ends a session.
  }

  private emit(bytes: Buffer): void {
    if (this.output) {
      if (!this.output.push(bytes)) this.ws?.pause();
      return;
    }
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= PENDING_LIMIT) this.ws?.pause();
  }

  private sendSize(): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== ws.OPEN) return;
    // The kubelet decodes {"Width","Height"} (Go's case-insensitive JSON; the simulator is strict).
    ws.send(frame(CHANNEL.resize, Buffer.from(JSON.stringify({ Width: this.size.cols, Height: this.size.rows }))));
  }

  private setState(state: ExecState): void {
    this.state = state;
    for (const sink of this.stateSinks) sink.push(state);
  }

  private finish(final: ExecState): void {
    if (this.ended) return;
    this.ended = true;
    this.abort.abort();
    this.setState(final);
    for (const sink of [...this.stateSinks]) sink.end();
    this.stateSinks.clear();
    this.output?.end();
    this.pending = [];
    this.earlyInput = [];
    const ws = this.ws;
    if (ws) {
      ws.removeAllListeners('message');
      ws.removeAllListeners('close');
      // After a status the kubelet closes the socket itself; otherwise ask it to, which stops the process.
      if (ws.readyState === ws.OPEN) ws.close(1000);
      ws.resume();
    }
    const listeners = [...this.endListeners];
    this.endListeners.clear();
    for (const listener of listeners) listener();
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    this.clearAttachTimer();
    const listeners = [...this.releaseListeners];
    this.releaseListeners.clear();
    for (const listener of listeners) listener();
  }

  private clearAttachTimer(): void {
    if (this.attachTimer !== undefined) clearTimeout(this.attachTimer);
    this.attachTimer = undefined;
  }
}

function frame(channel: number, body: Buffer): Buffer {
  const out = Buffer.allocUnsafe(body.length + 1);
  out[0] = channel;
  body.copy(out, 1);
  return out;
}
