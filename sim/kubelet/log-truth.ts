import { hashString, lineShape, mix, renderLine, TRACE_BLOCK, type LogFlavour } from './log-flavours';

/** One run of one container: a restart is a new instance with a new containerID. */
export interface ContainerInstance {
  containerID: string;
  namespace: string;
  pod: string;
  container: string;
  startedAtMs: number;
  finishedAtMs?: number;
  flavour: LogFlavour;
  linesPerSecond: number;
  seed: number;
  /** The latest moment whose lines have been served to a reader: an exit noticed later cannot take them back. */
  servedUntilMs?: number;
}

export interface LogLine {
  index: number;
  /** Milliseconds since the epoch, plus nanoseconds within that millisecond for RFC3339Nano. */
  ms: number;
  subMsNanos: number;
  text: string;
}

export type InstanceEvent = { type: 'started' | 'finished'; instance: ContainerInstance };

/**
 * The ground truth of every container's output. Lines are never stored: line i of an instance has a
 * fixed emission time and text derived from its seed, so "what had container X printed by time T"
 * is exact and cheap at any scale, and the log endpoint and tests read the same record.
 */
export class LogTruth {
  private readonly byContainer = new Map<string, ContainerInstance[]>();
  private readonly byId = new Map<string, ContainerInstance>();
  private readonly listeners = new Set<(e: InstanceEvent) => void>();

  start(instance: Omit<ContainerInstance, 'seed'> & { seed?: number }): ContainerInstance {
    const full: ContainerInstance = { ...instance, seed: instance.seed ?? hashString(instance.containerID) };
    const key = containerKey(full.namespace, full.pod, full.container);
    const list = this.byContainer.get(key) ?? [];
    list.push(full);
    this.byContainer.set(key, list);
    this.byId.set(full.containerID, full);
    this.emit({ type: 'started', instance: full });
    return full;
  }

  finish(containerID: string, atMs: number): void {
    const inst = this.byId.get(containerID);
    if (!inst || inst.finishedAtMs !== undefined) return;
    inst.finishedAtMs = Math.max(atMs, inst.startedAtMs, inst.servedUntilMs ?? 0);
    this.emit({ type: 'finished', instance: inst });
  }

  /** Forget a deleted pod's containers (a new pod of the same name starts a fresh history). */
  forgetPod(namespace: string, pod: string): void {
    const prefix = `${namespace}/${pod}/`;
    for (const [key, list] of this.byContainer) {
      if (!key.startsWith(prefix)) continue;
      for (const inst of list) this.byId.delete(inst.containerID);
      this.byContainer.delete(key);
    }
  }

  instances(namespace: string, pod: string, container: string): readonly ContainerInstance[] {
    return this.byContainer.get(containerKey(namespace, pod, container)) ?? [];
  }

  instance(containerID: string): ContainerInstance | undefined {
    return this.byId.get(containerID);
  }

  subscribe(listener: (e: InstanceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A reader was given the lines up to `atMs`: they stay printed even if the exit is recorded for an earlier moment. */
  markServed(inst: ContainerInstance, atMs: number): void {
    if (inst.finishedAtMs === undefined && atMs > (inst.servedUntilMs ?? 0)) inst.servedUntilMs = atMs;
  }

  /** Line `index` as the container printed it, whether or not that moment has come yet. */
  line(inst: ContainerInstance, index: number): LogLine {
    const { ms, subMsNanos } = lineTime(inst, index);
    return { index, ms, subMsNanos, text: renderLine(inst.flavour, inst.seed, index, ms) };
  }

  /** How many lines the instance had printed by `atMs` (capped at its end). */
  countAt(inst: ContainerInstance, atMs: number): number {
    if (inst.linesPerSecond <= 0) return 0;
    const until = inst.finishedAtMs === undefined ? atMs : Math.min(atMs, inst.finishedAtMs);
    const interval = 1000 / inst.linesPerSecond;
    let n = Math.max(0, Math.floor((until - inst.startedAtMs) / interval));
    while (timeValue(lineTime(inst, n)) <= until) n++;
    while (n > 0 && timeValue(lineTime(inst, n - 1)) > until) n--;
    return n;
  }

  /** Every line the instance had printed by `atMs`, in order. */
  linesAt(inst: ContainerInstance, atMs: number): LogLine[] {
    const n = this.countAt(inst, atMs);
    const out: LogLine[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.line(inst, i);
    return out;
  }

  private emit(e: InstanceEvent): void {
    for (const l of [...this.listeners]) l(e);
  }
}

function containerKey(ns: string, pod: string, container: string): string {
  return `${ns}/${pod}/${container}`;
}

function lineTime(inst: ContainerInstance, index: number): { ms: number; subMsNanos: number } {
  const shape = lineShape(inst.flavour, inst.seed, index);
  // Stack-trace frames are written together with the line that starts the trace.
  const timed = shape.continuation ? index - (index % TRACE_BLOCK) : index;
  const interval = 1000 / inst.linesPerSecond;
  const r = mix(inst.seed ^ 0x5bd1e995, timed);
  const jitter = ((r % 2001) / 1000 - 1) * 0.45;
  const exact = inst.startedAtMs + (timed + 0.5 + jitter) * interval;
  const ms = Math.floor(exact);
  const subMsNanos = Math.min(999_999, Math.floor((exact - ms) * 1000) * 1000 + (r % 1000));
  return { ms, subMsNanos };
}

/** A line's time as one comparable number (ms with the sub-ms part as a fraction). */
export function timeValue(t: { ms: number; subMsNanos: number }): number {
  return t.ms + t.subMsNanos / 1e6;
}

/** The kubelet's fixed-width RFC3339Nano prefix, e.g. `2026-11-21T21:03:12.123456789Z`. */
export function formatTimestamp(t: { ms: number; subMsNanos: number }): string {
  const iso = new Date(t.ms).toISOString();
  return `${iso.slice(0, 23)}${String(t.subMsNanos).padStart(6, '0')}Z`;
}
