/**
 * Terminal sessions in the bottom dock: one tab per session. The tabs are plain data here; each
 * tab's xterm and host session live in `components/terminal/terminal-registry`, created when the tab
 * is first shown and disposed when it is closed.
 */
import { create } from 'zustand';
import { disposeTerminal } from '../components/terminal/terminal-registry';
import type { SessionRequest, TabState } from '../components/terminal/terminal-session';
import { useUiStore } from './ui-store';

export interface ShellTarget {
  cluster: string;
  namespace: string;
  pod: string;
  /** Absent: the pod's default container (kubectl.kubernetes.io/default-container, else the first). */
  container?: string;
}

export interface TerminalTab {
  key: string;
  request: SessionRequest;
  /** The tab's accessible name, e.g. "Shell: shop/frontend-abc (nginx)". */
  title: string;
  /** The short text on the tab itself. */
  short: string;
  state: TabState;
}

export interface TerminalsState {
  tabs: TerminalTab[];
  activeKey: string | undefined;
  /** Opens a new shell tab in the dock on this container. */
  openShell(target: ShellTarget): void;
  /** A tab running a custom command instead of the shell. */
  openCommand(target: ShellTarget, command: string[]): void;
  /** `kubectl debug -it`: an ephemeral container with `image`, sharing `target`'s process namespace. */
  openDebug(target: { cluster: string; namespace: string; pod: string; image: string; target?: string }): void;
  /** A root shell on a node (the caller has asked the user to confirm). */
  openNodeShell(target: { cluster: string; node: string }): void;
  activate(key: string): void;
  /** Starts the tab's request again in a fresh session (after it exited or failed). */
  restart(key: string): void;
  /** Closes the tab and ends its session. */
  close(key: string): void;
  /** The host reported a new state (or the resolved container) for a tab. */
  update(key: string, change: { state?: TabState; container?: string }): void;
}

let nextKey = 1;

export function titleOf(request: SessionRequest, container?: string): { title: string; short: string } {
  switch (request.kind) {
    case 'shell': {
      const c = container ?? request.container;
      const what = request.command ? 'Command' : 'Shell';
      const short = `${request.pod}${c ? ` (${c})` : ''}`;
      return { title: `${what}: ${request.namespace}/${short}`, short };
    }
    case 'debug': {
      const short = `${request.pod}${container ? ` (${container})` : ''}`;
      return { title: `Debug: ${request.namespace}/${short}`, short: `debug ${short}` };
    }
    case 'node':
      return { title: `Node shell: ${request.node}`, short: `node ${request.node}` };
  }
}

export const useTerminalsStore = create<TerminalsState>()((set, get) => {
  const add = (request: SessionRequest) => {
    const key = `term-${nextKey++}`;
    const tab: TerminalTab = { key, request, ...titleOf(request), state: { phase: 'starting' } };
    set((s) => ({ tabs: [...s.tabs, tab], activeKey: key }));
    useUiStore.getState().openDock('terminals');
  };
  return {
    tabs: [],
    activeKey: undefined,
    openShell: (target) => add({ kind: 'shell', ...target }),
    openCommand: (target, command) => add({ kind: 'shell', ...target, command }),
    openDebug: (target) => add({ kind: 'debug', ...target }),
    openNodeShell: (target) => add({ kind: 'node', ...target }),
    activate: (key) => set({ activeKey: key }),
    restart: (key) => {
      const old = get().tabs.find((t) => t.key === key);
      if (!old) return;
      disposeTerminal(key);
      const fresh: TerminalTab = { key: `term-${nextKey++}`, request: old.request, ...titleOf(old.request), state: { phase: 'starting' } };
      set((s) => ({ tabs: s.tabs.map((t) => (t.key === key ? fresh : t)), activeKey: s.activeKey === key ? fresh.key : s.activeKey }));
    },
    close: (key) => {
      disposeTerminal(key);
      const tabs = get().tabs;
      const index = tabs.findIndex((t) => t.key === key);
      if (index < 0) return;
      const rest = tabs.filter((t) => t.key !== key);
      const activeKey = get().activeKey === key ? (rest[Math.min(index, rest.length - 1)]?.key ?? undefined) : get().activeKey;
      set({ tabs: rest, activeKey });
    },
    update: (key, change) =>
      set((s) => ({
        tabs: s.tabs.map((t) => {
          if (t.key !== key) return t;
          const next = { ...t, ...(change.state ? { state: change.state } : {}) };
          return change.container ? { ...next, ...titleOf(t.request, change.container) } : next;
        }),
      })),
  };
});
