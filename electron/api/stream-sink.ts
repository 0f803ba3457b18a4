/**
 * The host end of one subscription: producers push events, the sink batches them per the channel's
 * `batchMs` and sends at most `window` unacknowledged batches. When the renderer falls behind, events
 * queue here and `push` starts returning false so the producer can slow down or coalesce — nothing
 * is dropped silently.
 */
import type { StreamChannel } from '../../shared/api/define';
import type { ApiError } from '../../shared/api/errors';
import type { HostMessage } from '../../shared/api/wire';

/** Events (or bytes) per batch at most, so one batch never blocks the renderer for long. */
const MAX_BATCH_EVENTS = 2_000;
const MAX_BATCH_BYTES = 256 * 1024;

export interface StreamSinkOptions {
  /** Queued events at which `push` starts returning false. */
  highWater?: number;
}

export class StreamSink<E> {
  private queue: E[] = [];
  private inFlight = 0;
  private timer: { cancel(): void } | undefined;
  private drainListeners = new Set<() => void>();
  private closeListeners = new Set<() => void>();
  private wasAboveHighWater = false;
  private state: 'open' | 'ending' | 'closed' = 'open';
  private endError: ApiError | undefined;
  private readonly highWater: number;

  constructor(
    private readonly id: number,
    private readonly channel: StreamChannel,
    private readonly send: (message: HostMessage) => void,
    options: StreamSinkOptions = {},
  ) {
    this.highWater = options.highWater ?? 10_000;
  }

  /** Events waiting to be sent. */
  get backlog(): number {
    return this.queue.length;
  }

  get closed(): boolean {
    return this.state !== 'open';
  }

  /** Queues an event; returns false once the backlog passes the high-water mark. */
  push(event: E): boolean {
    if (this.state !== 'open') return false;
    this.queue.push(event);
    this.scheduleFlush();
    const ok = this.queue.length < this.highWater;
    if (!ok) this.wasAboveHighWater = true;
    return ok;
  }

  /**
   * For streams of whole states (each one replaces the last): queues this state in place of any not
   * yet sent, so a slow renderer gets the newest state, never a backlog of stale ones.
   */
  set(state: E): void {
    if (this.state !== 'open') return;
    if (this.queue.length > 0) this.queue[this.queue.length - 1] = state;
    else this.push(state);
  }

  /** Ends the stream after what is queued has been sent; with an error, the client sees it. */
  end(error?: ApiError): void {
    if (this.state !== 'open') return;
    this.state = 'ending';
    this.endError = error;
    this.scheduleFlush();
  }

  onDrain(listener: () => void): () => void {
    this.drainListeners.add(listener);
    return () => this.drainListeners.delete(listener);
  }

  /** Runs when the stream is over for any reason (ended, cancelled, peer gone). */
  onClose(listener: () => void): () => void {
    if (this.state === 'closed') {
      listener();
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** The client acknowledged one batch. */
  ack(): void {
    if (this.inFlight > 0) this.inFlight--;
    if (this.queue.length > 0 || this.state === 'ending') this.flush();
  }

  /** Cancelled by the client or the peer went away: stop without sending anything more. */
  cancel(): void {
    this.close();
  }

  private scheduleFlush(): void {
    if (this.timer !== undefined || this.state === 'closed') return;
    const run = () => {
      this.timer = undefined;
      this.flush();
    };
    // batchMs 0 means "as soon as this turn's events are queued": a timer would add its ≥ 1 ms tick
    // to every terminal echo.
    if (this.channel.batchMs === 0) {
      const handle = setImmediate(run);
      this.timer = { cancel: () => clearImmediate(handle) };
    } else {
      const handle = setTimeout(run, this.channel.batchMs);
      this.timer = { cancel: () => clearTimeout(handle) };
    }
  }

  private flush(): void {
    while (this.queue.length > 0 && this.inFlight < this.channel.window && this.state !== 'closed') {
      this.sendBatch();
    }
    if (this.queue.length === 0 && this.state === 'ending') {
      this.send(this.endError ? { k: 'end', id: this.id, e: this.endError.toData() } : { k: 'end', id: this.id });
      this.close();
      return;
    }
    if (this.wasAboveHighWater && this.queue.length < this.highWater / 2) {
      this.wasAboveHighWater = false;
      for (const listener of [...this.drainListeners]) listener();
    }
  }

  private sendBatch(): void {
    this.inFlight++;
    if (this.channel.binary) {
      const chunks = this.queue as unknown as Uint8Array[];
      let size = 0;
      let count = 0;
      while (count < chunks.length && (count === 0 || size + chunks[count]!.byteLength <= MAX_BATCH_BYTES)) {
        size += chunks[count]!.byteLength;
        count++;
      }
      const bytes = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks.splice(0, count)) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      this.send({ k: 'bytes', id: this.id, b: bytes });
    } else {
      this.send({ k: 'batch', id: this.id, evs: this.queue.splice(0, MAX_BATCH_EVENTS) });
    }
  }

  private close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.timer?.cancel();
    this.timer = undefined;
    this.queue = [];
    this.drainListeners.clear();
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    for (const listener of listeners) listener();
  }
}
