/**
 * The Logs view's state: what is followed (a query in stern's syntax, parsed to `LogFollowOptions`),
 * the session receiving its lines, the rollouts of followed workloads, and the viewer's filters.
 * The session is mutable and large; components re-read it when `version` changes.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Disposable } from '../../../shared/api';
import { describeFollow, formatSternQuery, parseSternQuery, type SternDefaults } from '../../../shared/logs/stern-query';
import type { TimeZoneMode } from '../../../shared/logs/log-time';
import type { LogFollowOptions, LogSelector, RolloutStatus } from '../../../shared/model/logs';
import type { ObjectRef } from '../../../shared/model/object-ref';
import { rowKey, type ServiceRow } from '../../../shared/model/rows';
import { followLogs, followRollout } from '../host/logs-adapter';
import type { LogEntry } from '../views/logs/log-ring';
import { LogSession } from '../views/logs/log-session';
import { useResourcesStore } from './resources-store';
import { useUiStore } from './ui-store';

const WORKLOAD_KINDS = ['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs'] as const;
const ROLLOUT_KINDS: ReadonlyArray<RolloutStatus['kind']> = ['deployments', 'statefulsets', 'daemonsets', 'jobs'];

export interface TextFilter {
  text: string;
  /** Why the text is not a usable regular expression. */
  error?: string;
}

export interface LogsState {
  /** The query box's text (stern syntax). */
  query: string;
  /** The cluster and namespace a query without -n/--context applies to ('' = all). */
  scope: { cluster: string; namespace: string };
  queryError?: { message: string; token?: string };
  following?: { options: LogFollowOptions; label: string };
  session?: LogSession;
  /** Bumped whenever the session changes; views subscribe to it. */
  version: number;
  /** Why the host refused or ended the follow. */
  followError?: string;
  rollouts: Record<string, RolloutStatus>;
  /** Why a rollout could not be tracked, by workload. */
  rolloutErrors: Record<string, string>;
  include: TextFilter;
  exclude: TextFilter;
  highlight: TextFilter;
  search: TextFilter;
  hiddenStreams: number[];
  showEvents: boolean;
  wrap: boolean;
  timeZone: TimeZoneMode;
  collapse: boolean;
  structured: boolean;
  /** The viewer sticks to the newest line; scrolling up turns this off, reaching the bottom on. */
  followTail: boolean;
  /** `session.lines.added` when following stopped: the difference is "N new lines". */
  addedAtPause: number;
  /** The search match the viewer shows; `jump` changes each time the viewer should scroll to it. */
  currentMatch?: LogEntry;
  jump: number;

  /** Opens the Logs view following this object (a pod, or a workload's pods). */
  openFor(ref: ObjectRef): void;
  setQuery(text: string): void;
  setScope(scope: Partial<LogsState['scope']>): void;
  /** Parses the query box against the current clusters and namespace and follows it. */
  submitQuery(defaults: SternDefaults): boolean;
  follow(options: LogFollowOptions): void;
  stop(): void;
  /** Empties the buffer; the follow goes on. */
  clearLines(): void;
  setTextFilter(which: 'include' | 'exclude' | 'highlight' | 'search', text: string): void;
  toggleStream(id: number): void;
  setFollowTail(on: boolean): void;
  /** Moves to the next (1) or previous (-1) search match from the current one or the viewport. */
  findMatch(direction: 1 | -1, fromIndex?: number): void;
  setOption<K extends 'showEvents' | 'wrap' | 'timeZone' | 'collapse' | 'structured'>(key: K, value: LogsState[K]): void;
}

/** A case-insensitive regex from the user's text; plain words work as they read. */
export function compileFilter(text: string): RegExp | undefined {
  if (text === '') return undefined;
  try {
    return new RegExp(text, 'i');
  } catch {
    return undefined;
  }
}

function filterOf(text: string): TextFilter {
  if (text === '') return { text };
  try {
    new RegExp(text, 'i');
    return { text };
  } catch (err) {
    return { text, error: err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : String(err) };
  }
}

/** A Service's pods by its selector, when a live table holds the Service's row. */
function serviceSelector(ref: ObjectRef): LogSelector | undefined {
  const key = rowKey(ref.cluster, 'services', ref.namespace, ref.name);
  for (const feed of Object.values(useResourcesStore.getState().feeds)) {
    const row = feed.rows.get(key) as ServiceRow | undefined;
    if (!row?.selector || Object.keys(row.selector).length === 0) continue;
    const labelSelector = Object.entries(row.selector).map(([k, v]) => `${k}=${v}`).join(',');
    return { cluster: ref.cluster, ...(ref.namespace ? { namespace: ref.namespace } : {}), labelSelector };
  }
  return undefined;
}

/** The object as a follow selector, or why its logs cannot be followed. */
export function selectorFor(ref: ObjectRef): LogSelector | string {
  if (ref.kind === 'services') return serviceSelector(ref) ?? `Service ${ref.name} selects no pods Loupe knows of: open one of its pods or workloads`;
  if (ref.kind === 'namespaces') return { cluster: ref.cluster, namespace: ref.name };
  if (!ref.namespace) return `${ref.kind} ${ref.name} has no logs: open a pod, a workload or a namespace`;
  if (ref.kind === 'pods') return { cluster: ref.cluster, namespace: ref.namespace, kind: 'pods', name: ref.name };
  const workload = WORKLOAD_KINDS.find((k) => k === ref.kind);
  if (workload) return { cluster: ref.cluster, namespace: ref.namespace, kind: workload, name: ref.name };
  return `${ref.kind} have no logs of their own: open a pod, a workload or a namespace`;
}

function rolloutKey(r: { cluster: string; namespace: string; kind: string; name: string }): string {
  return `${r.cluster}/${r.namespace}/${r.kind}/${r.name}`;
}

/** Live subscriptions; outside the state so that set() never copies or compares them. */
let subscriptions: Disposable[] = [];

function unsubscribe(): void {
  for (const s of subscriptions) s.dispose();
  subscriptions = [];
}

export const useLogsStore = create<LogsState>()(
  persist(
    (set, get) => {
      const applyViewFilter = (): void => {
        const { session, include, exclude, hiddenStreams, showEvents, search, collapse } = get();
        if (!session) return;
        session.lines.setFilter({
          include: include.error ? undefined : compileFilter(include.text),
          exclude: exclude.error ? undefined : compileFilter(exclude.text),
          hiddenStreams: new Set(hiddenStreams),
          showEvents,
        });
        session.lines.setSearch(search.error ? undefined : compileFilter(search.text));
        session.lines.setCollapse(collapse);
      };

      return {
        query: '',
        scope: { cluster: '', namespace: '' },
        version: 0,
        rollouts: {},
        rolloutErrors: {},
        include: { text: '' },
        exclude: { text: '' },
        highlight: { text: '' },
        search: { text: '' },
        hiddenStreams: [],
        showEvents: true,
        wrap: false,
        timeZone: 'local',
        collapse: false,
        structured: true,
        followTail: true,
        addedAtPause: 0,
        jump: 0,

        openFor: (ref) => {
          useUiStore.getState().setView('logs');
          const selector = selectorFor(ref);
          if (typeof selector === 'string') {
            unsubscribe();
            set({ followError: selector, following: undefined, session: undefined, queryError: undefined, version: get().version + 1 });
            return;
          }
          set({ scope: { cluster: ref.cluster, namespace: selector.namespace ?? '' } });
          get().follow({ selectors: [selector] });
        },

        setScope: (scope) => set((s) => ({ scope: { ...s.scope, ...scope } })),

        setQuery: (query) => set({ query, queryError: undefined }),

        submitQuery: (defaults) => {
          const parsed = parseSternQuery(get().query, defaults);
          if (!parsed.ok) {
            set({ queryError: { message: parsed.error, ...(parsed.token !== undefined ? { token: parsed.token } : {}) } });
            return false;
          }
          get().follow(parsed.options);
          return true;
        },

        follow: (options) => {
          unsubscribe();
          const session = new LogSession();
          const label = describeFollow(options);
          set({
            following: { options, label },
            query: formatSternQuery(options),
            queryError: undefined,
            followError: undefined,
            session,
            rollouts: {},
            rolloutErrors: {},
            hiddenStreams: [],
            followTail: true,
            addedAtPause: 0,
            currentMatch: undefined,
            version: get().version + 1,
          });
          applyViewFilter();
          subscriptions.push(
            followLogs(options, {
              next: (events) => {
                if (get().session !== session) return;
                if (session.apply(events)) set((s) => ({ version: s.version + 1 }));
              },
              error: (error) => {
                if (get().session === session) set((s) => ({ followError: error.message, version: s.version + 1 }));
              },
              complete: () => {
                if (get().session === session) set((s) => ({ followError: 'The host ended this follow (its cluster was disconnected or the host closed)', version: s.version + 1 }));
              },
            }),
          );
          for (const s of options.selectors) {
            const kind = ROLLOUT_KINDS.find((k) => k === s.kind);
            if (!kind || !s.name || !s.namespace) continue;
            const params = { cluster: s.cluster, namespace: s.namespace, kind, name: s.name };
            const key = rolloutKey(params);
            subscriptions.push(
              followRollout(params, {
                next: (statuses) => {
                  const last = statuses[statuses.length - 1];
                  if (last && get().session === session) set((st) => ({ rollouts: { ...st.rollouts, [key]: last } }));
                },
                error: (error) => {
                  if (get().session === session) set((st) => ({ rolloutErrors: { ...st.rolloutErrors, [key]: error.message } }));
                },
              }),
            );
          }
        },

        stop: () => {
          unsubscribe();
          set((s) => ({ following: undefined, session: undefined, rollouts: {}, rolloutErrors: {}, followError: undefined, version: s.version + 1 }));
        },

        clearLines: () => {
          const { session } = get();
          if (!session) return;
          session.ring.clear();
          session.lines.rebuild();
          set((s) => ({ version: s.version + 1 }));
        },

        setTextFilter: (which, text) => {
          set({ [which]: filterOf(text), ...(which === 'search' ? { currentMatch: undefined } : {}) } as Pick<LogsState, typeof which>);
          if (which !== 'highlight') applyViewFilter();
          set((s) => ({ version: s.version + 1 }));
        },

        toggleStream: (id) => {
          const hidden = get().hiddenStreams;
          set({ hiddenStreams: hidden.includes(id) ? hidden.filter((h) => h !== id) : [...hidden, id] });
          applyViewFilter();
          set((s) => ({ version: s.version + 1 }));
        },

        setFollowTail: (on) => {
          if (on === get().followTail) return;
          set({ followTail: on, addedAtPause: get().session?.lines.added ?? 0, ...(on ? { currentMatch: undefined } : {}) });
        },

        findMatch: (direction, fromIndex) => {
          const { session, currentMatch } = get();
          if (!session) return;
          const lines = session.lines;
          const from = currentMatch && !currentMatch.gone ? lines.indexOf(currentMatch) : (fromIndex ?? (direction > 0 ? -1 : lines.length));
          const index = lines.findMatch(from, direction);
          if (index < 0) return;
          get().setFollowTail(false);
          set((s) => ({ currentMatch: lines.at(index), jump: s.jump + 1 }));
        },

        setOption: (key, value) => {
          set({ [key]: value } as Pick<LogsState, typeof key>);
          if (key === 'showEvents' || key === 'collapse') applyViewFilter();
          set((s) => ({ version: s.version + 1 }));
        },
      };
    },
    {
      name: 'loupe.logs',
      version: 1,
      partialize: (s) => ({ wrap: s.wrap, timeZone: s.timeZone, structured: s.structured, showEvents: s.showEvents }),
    },
  ),
);
