/**
 * The ordered queue between a follow session and its sink. Events keep their order (a stream's info
 * before its lines, markers between the lines they separate); consecutive lines share one event, and
 * consecutive stream infos one `streams` event. Every `flushMs` the queue goes to the sink unless the
 * sink's backlog says the renderer has stopped taking batches: then the sockets are paused (the
 * kubelet keeps the lines). Should the queue still pass its bound, the oldest lines are dropped and an
 * `overflow` event says how many — never silently.
 */
import type { LogFeedEvent, LogLine, LogStreamInfo } from '../../shared/model/logs';
import type { StreamSink } from '../api/stream-sink';

export interface OutboxTuning {
  /** How often queued output goes to the renderer. */
  flushMs: number;
  /**
   * Events queued in the sink at which sockets stop being read. The sink sends what is queued every
   * batchMs while the renderer acknowledges; a backlog of many flushes means it has stopped doing so.
   */
  pauseAtBacklog: number;
  /** Lines held in main at most; beyond, the oldest are dropped and counted. */
  maxBufferedLines: number;
}

const MAX_LINES_PER_EVENT = 5_000;

export class FeedOutbox {
  private queue: LogFeedEvent[] = [];
  private bufferedLines = 0;
  private dropped = 0;
  private paused = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    private readonly sink: StreamSink<LogFeedEvent>,
    private readonly tuning: OutboxTuning,
    /** Stop (true) or resume (false) reading the sockets. */
    private readonly pause: (paused: boolean) => void,
    /** Runs before each flush, to add events computed from current state (capacity). */
    private readonly beforeFlush: () => void,
  ) {}

  get isPaused(): boolean {
    return this.paused;
  }

  lines(lines: LogLine[]): void {
    const tail = this.queue[this.queue.length - 1];
    if (tail?.type === 'lines' && tail.lines.length + lines.length <= MAX_LINES_PER_EVENT) tail.lines.push(...lines);
    else this.queue.push({ type: 'lines', lines });
    this.bufferedLines += lines.length;
    if (this.bufferedLines > this.tuning.maxBufferedLines) this.dropOldest();
    this.schedule();
  }

  /** A stream's current info (copied: the session keeps mutating its own). */
  info(info: LogStreamInfo): void {
    const copy = { ...info };
    const tail = this.queue[this.queue.length - 1];
    if (tail?.type === 'streams') {
      const i = tail.streams.findIndex((s) => s.id === info.id);
      if (i >= 0) tail.streams[i] = copy;
      else tail.streams.push(copy);
    } else this.queue.push({ type: 'streams', streams: [copy] });
    this.schedule();
  }

  push(event: LogFeedEvent): void {
    this.queue.push(event);
    this.schedule();
  }

  schedule(): void {
    if (this.timer !== undefined || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.tuning.flushMs);
  }

  close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private flush(): void {
    if (this.closed || this.sink.closed) return;
    this.beforeFlush();
    if (this.sink.backlog < this.tuning.pauseAtBacklog) {
      if (this.dropped > 0) {
        this.sink.push({ type: 'overflow', dropped: this.dropped });
        this.dropped = 0;
      }
      for (const event of this.queue) this.sink.push(event);
      this.queue = [];
      this.bufferedLines = 0;
      this.setPaused(false);
    } else {
      this.setPaused(true);
    }
    if (this.queue.length > 0 || this.paused) this.schedule();
  }

  private setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    this.pause(paused);
  }

  /** Past the bound: the oldest queued lines go, and the renderer is told how many. */
  private dropOldest(): void {
    while (this.bufferedLines > this.tuning.maxBufferedLines / 2) {
      const i = this.queue.findIndex((e) => e.type === 'lines');
      if (i < 0) break;
      const event = this.queue[i] as Extract<LogFeedEvent, { type: 'lines' }>;
      this.queue.splice(i, 1);
      this.bufferedLines -= event.lines.length;
      this.dropped += event.lines.length;
    }
  }
}
