/**
 * For the log sim tests and the bench: a simulator scenario of Deployments whose containers log at a
 * set rate, and a recorder that applies `logs.follow` events as the renderer would while checking
 * every line against the simulator's ground truth as it arrives — per container instance, in order —
 * so a lost line, a repeat or a line attributed to the wrong instance is counted, not just noticed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { logsChannels } from '../../shared/api/channels/logs';
import type { HostMessage } from '../../shared/api/wire';
import type { LogFeedEvent, LogFollowOptions, LogLine, LogMarkerKind, LogStreamInfo } from '../../shared/model/logs';
import type { EventRow } from '../../shared/model/rows';
import { formatTimestamp, type ContainerInstance, type LogTruth } from '../../sim/kubelet/log-truth';
import { StreamSink } from '../../electron/api/stream-sink';
import type { LogService } from '../../electron/logs/log-service';

export interface LoggingWorkload {
  name: string;
  replicas: number;
  linesPerSecond: number;
  crashAfterSeconds?: number;
  image?: string;
  extra?: Record<string, unknown>;
}

/** Writes a one-cluster scenario (`logs`, namespace `load`) to a temp file; returns its path and a cleanup. */
export function loggingScenario(workloads: LoggingWorkload[], options: { clockSpeed?: number; nodes?: number; neverReady?: string[] } = {}): { path: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-logs-scenario-'));
  const scenario = {
    name: 'logs',
    clockSpeed: options.clockSpeed ?? 1,
    clusters: [
      {
        name: 'logs',
        metrics: false,
        nodes: [{ generate: { count: options.nodes ?? 4, prefix: 'node-', cpu: '64', memory: '256Gi', pods: 110 } }],
        namespaces: [{ name: 'load' }],
        objects: workloads.map((w) => ({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: w.name, namespace: 'load' },
          spec: {
            replicas: w.replicas,
            selector: { matchLabels: { app: w.name } },
            template: {
              metadata: { labels: { app: w.name } },
              spec: { containers: [{ name: 'app', image: w.image ?? 'registry.example/logger:1.0', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
            },
            ...w.extra,
          },
        })),
        behaviours: workloads.map((w) => ({
          match: { namespace: 'load', workload: w.name },
          logs: { flavour: 'go', linesPerSecond: w.linesPerSecond },
          ...(w.crashAfterSeconds ? { crashAfterSeconds: w.crashAfterSeconds } : {}),
          ...(options.neverReady?.includes(w.name) ? { neverReady: true } : {}),
        })),
      },
    ],
  };
  const path = join(dir, 'logs.yaml');
  writeFileSync(path, stringify(scenario));
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** One container instance as the recorder sees it: where it is in the truth, and what went wrong. */
export interface InstanceRecord {
  stream: LogStreamInfo;
  instance: ContainerInstance | undefined;
  /** Index in the truth of the next line expected. */
  next: number;
  /** Lines delivered for this stream. */
  delivered: number;
}

export class FeedRecorder {
  readonly streams = new Map<number, InstanceRecord>();
  readonly markers: Array<{ stream: number; kind: LogMarkerKind; text: string }> = [];
  readonly events = new Map<string, EventRow>();
  capacity: Extract<LogFeedEvent, { type: 'capacity' }> | undefined;
  overflow = 0;
  lost = 0;
  duplicated = 0;
  /** Lines that match nothing the instance printed (wrong instance, corrupted). */
  foreign = 0;
  lines = 0;
  readonly problems: string[] = [];
  private readonly truthBacklog = new Map<number, LogLine[]>();

  constructor(private readonly truth: LogTruth) {}

  apply(events: LogFeedEvent[]): void {
    for (const event of events) {
      switch (event.type) {
        case 'streams':
          for (const info of event.streams) this.onStream(info);
          break;
        case 'lines':
          for (const line of event.lines) this.onLine(line);
          break;
        case 'marker':
          this.markers.push({ stream: event.stream, kind: event.kind, text: event.text });
          break;
        case 'events':
          for (const e of event.events) this.events.set(e.key, e);
          break;
        case 'capacity':
          this.capacity = event;
          break;
        case 'overflow':
          this.overflow += event.dropped;
          break;
      }
    }
  }

  /** Lines the instance printed by `atMs` that have not been delivered (call once the stream has caught up). */
  missingAt(record: InstanceRecord, atMs: number): number {
    return record.instance ? Math.max(0, this.truth.countAt(record.instance, atMs) - record.next) : 0;
  }

  byContainerId(id: string): InstanceRecord | undefined {
    for (const r of this.streams.values()) if (r.stream.containerId === id) return r;
    return undefined;
  }

  private onStream(info: LogStreamInfo): void {
    const record = this.streams.get(info.id);
    if (!record) {
      this.streams.set(info.id, { stream: info, instance: info.containerId ? this.truth.instance(info.containerId) : undefined, next: 0, delivered: 0 });
    } else {
      record.stream = info;
      record.instance ??= info.containerId ? this.truth.instance(info.containerId) : undefined;
    }
    const backlog = this.truthBacklog.get(info.id);
    if (backlog && this.streams.get(info.id)!.instance) {
      this.truthBacklog.delete(info.id);
      for (const l of backlog) this.onLine(l);
    }
  }

  private onLine(line: LogLine): void {
    this.lines++;
    const record = this.streams.get(line.stream);
    if (!record) {
      this.problem(`a line for stream ${line.stream} before its stream info`);
      return;
    }
    record.delivered++;
    const inst = record.instance;
    if (!inst) {
      const backlog = this.truthBacklog.get(line.stream) ?? [];
      backlog.push(line);
      this.truthBacklog.set(line.stream, backlog);
      return;
    }
    const same = (i: number) => {
      const t = this.truth.line(inst, i);
      return formatTimestamp(t) === line.ts && t.text === line.text;
    };
    if (same(record.next)) {
      record.next++;
      return;
    }
    // The first line of an instance followed from --since/--tail may start anywhere.
    const ahead = this.truth.countAt(inst, Number.MAX_SAFE_INTEGER);
    for (let i = record.next + 1; i < Math.min(ahead, record.next + 50_000); i++) {
      if (!same(i)) continue;
      if (record.delivered > 1) {
        this.lost += i - record.next;
        this.problem(`${record.stream.pod}/${record.stream.container}#${record.stream.restarts}: ${i - record.next} lines lost before line ${i}`);
      }
      record.next = i + 1;
      return;
    }
    for (let i = record.next - 1; i >= Math.max(0, record.next - 50_000); i--) {
      if (!same(i)) continue;
      this.duplicated++;
      this.problem(`${record.stream.pod}/${record.stream.container}#${record.stream.restarts}: line ${i} repeated`);
      return;
    }
    this.foreign++;
    this.problem(`${record.stream.pod}/${record.stream.container}#${record.stream.restarts}: a line it never printed: ${line.ts} ${line.text.slice(0, 60)}`);
  }

  private problem(text: string): void {
    if (this.problems.length < 20) this.problems.push(text);
  }
}

/** Runs `logs.follow` on a service the way the API host does (params validated, a sink acknowledged at once). */
export function followWith(
  service: LogService,
  options: LogFollowOptions,
  recorder: FeedRecorder,
): { sink: StreamSink<LogFeedEvent>; ended: () => string | undefined; dispose(): void } {
  let ended: string | undefined;
  const channel = logsChannels['logs.follow'];
  const sink: StreamSink<LogFeedEvent> = new StreamSink(1, channel, (m: HostMessage) => {
    if (m.k === 'batch') {
      recorder.apply(m.evs as LogFeedEvent[]);
      queueMicrotask(() => sink.ack());
    } else if (m.k === 'end') ended = m.e?.message ?? 'ended';
  });
  const handle = service.handlers()['logs.follow'](channel.params.parse(options), sink, { peerId: 'test' });
  return {
    sink,
    ended: () => ended,
    dispose() {
      sink.cancel();
      handle?.dispose();
    },
  };
}
