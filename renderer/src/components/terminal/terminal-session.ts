/**
 * One terminal tab's engine, outside React: the xterm.js instance and the host session behind it.
 * It outlives its view — collapsing the dock or switching tabs only detaches the terminal's element
 * — and it is disposed only when its tab is closed. Output goes from the binary stream straight
 * into `term.write`; keystrokes go out as they come; every fit sends the new size.
 */
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import type { Disposable, LoupeApi } from '../../../../shared/api';
import type { ExecOpened, ExecState } from '../../../../shared/api/channels/exec';

/** Characters per `exec.input` call, well under the 65,536 the channel accepts. */
const INPUT_CHUNK = 16 * 1024;

export type SessionRequest =
  | { kind: 'shell'; cluster: string; namespace: string; pod: string; container?: string; command?: string[] }
  | { kind: 'debug'; cluster: string; namespace: string; pod: string; image: string; target?: string }
  | { kind: 'node'; cluster: string; node: string };

/** The host's states, plus the moment before the host has answered the open request. */
export type TabState = ExecState | { phase: 'starting' };

export interface SessionEvents {
  state(state: TabState): void;
  container(name: string): void;
}

export class TerminalSession {
  readonly term: Terminal;
  readonly search = new SearchAddon();
  private readonly fitAddon = new FitAddon();
  /** The terminal's own element, moved between views; xterm opens into it once. */
  private readonly element: HTMLDivElement;
  private opened = false;
  private started = false;
  private sessionId: string | undefined;
  private earlyInput: string[] = [];
  private readonly subscriptions: Disposable[] = [];
  private resizeObserver: ResizeObserver | undefined;
  private disposed = false;
  private live = true;

  constructor(
    private readonly api: LoupeApi,
    readonly request: SessionRequest,
    private readonly events: SessionEvents,
  ) {
    this.element = document.createElement('div');
    this.element.className = 'terminal-surface';
    const style = getComputedStyle(document.documentElement);
    const colour = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    this.term = new Terminal({
      cursorBlink: true,
      fontFamily: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace',
      fontSize: 13,
      scrollback: 5000,
      // Keeps an accessible copy of the screen in the DOM: screen readers (and tests) read the output.
      screenReaderMode: true,
      theme: { background: colour('--bg', '#111'), foreground: colour('--fg', '#ddd'), cursor: colour('--accent', '#6cf') },
    });
    this.term.loadAddon(this.fitAddon);
    this.term.loadAddon(this.search);
    this.term.loadAddon(new WebLinksAddon((_event, uri) => window.open(uri, '_blank', 'noopener,noreferrer')));
    this.term.attachCustomKeyEventHandler((e) => this.clipboardKey(e));
    this.term.onData((data) => this.send(data));
    this.term.onResize(({ cols, rows }) => {
      if (this.sessionId && this.live) void this.api.exec.resize({ sessionId: this.sessionId, cols, rows }).catch(() => undefined);
    });
  }

  /** Shows the terminal in `container`, fitted to it; the first time, starts the session at that size. */
  attach(container: HTMLElement): void {
    if (this.disposed) return;
    container.appendChild(this.element);
    if (!this.opened) {
      this.term.open(this.element);
      this.opened = true;
    }
    this.fit();
    this.resizeObserver?.disconnect();
    this.resizeObserver = new ResizeObserver(() => this.fit());
    this.resizeObserver.observe(container);
    if (!this.started) this.start();
    this.term.focus();
  }

  detach(): void {
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.element.remove();
  }

  focus(): void {
    this.term.focus();
  }

  /** Ends the host session and frees the terminal. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.detach();
    for (const s of this.subscriptions.splice(0)) s.dispose();
    if (this.sessionId && this.live) void this.api.exec.close({ sessionId: this.sessionId }).catch(() => undefined);
    this.term.dispose();
  }

  private fit(): void {
    // A hidden container (collapsed dock, inactive tab) has no size: keep the last one.
    if (!this.element.isConnected || this.element.clientWidth === 0 || this.element.clientHeight === 0) return;
    const proposed = this.fitAddon.proposeDimensions();
    if (!proposed || !Number.isFinite(proposed.cols) || !Number.isFinite(proposed.rows)) return;
    if (proposed.cols !== this.term.cols || proposed.rows !== this.term.rows) this.fitAddon.fit();
  }

  private start(): void {
    this.started = true;
    this.events.state({ phase: 'starting' });
    const size = { cols: this.term.cols, rows: this.term.rows };
    const r = this.request;
    let opened: Promise<ExecOpened>;
    if (r.kind === 'shell') {
      opened = this.api.exec.open({ cluster: r.cluster, namespace: r.namespace, pod: r.pod, container: r.container, command: r.command, tty: true, ...size });
    } else if (r.kind === 'debug') {
      opened = this.api.exec.debug({ cluster: r.cluster, namespace: r.namespace, pod: r.pod, image: r.image, target: r.target, ...size });
    } else {
      opened = this.api.exec.nodeShell({ cluster: r.cluster, node: r.node, ...size });
    }
    opened.then(
      ({ sessionId }) => this.follow(sessionId),
      (err: unknown) => {
        this.live = false;
        this.events.state({ phase: 'error', message: err instanceof Error ? err.message : String(err) });
      },
    );
  }

  private follow(sessionId: string): void {
    if (this.disposed) {
      void this.api.exec.close({ sessionId }).catch(() => undefined);
      return;
    }
    this.sessionId = sessionId;
    // State first: the host releases an ended session once its output stream closes, so a session
    // that failed at once must have its state read before the output subscription ends it.
    this.subscriptions.push(
      this.api.exec.state({ sessionId }, {
        next: (states) => {
          const state = states[states.length - 1]!;
          if (state.phase === 'exited' || state.phase === 'error' || state.phase === 'closed') this.live = false;
          // Sizes sent while connecting are kept by the host and applied when the socket opens.
          if (state.phase === 'open') this.events.container(state.container);
          this.events.state(state);
        },
        error: (e) => {
          this.live = false;
          this.events.state({ phase: 'error', message: e.message });
        },
      }),
      this.api.exec.output({ sessionId }, {
        next: (chunks) => {
          for (const chunk of chunks) this.term.write(chunk);
        },
      }),
    );
    for (const data of this.earlyInput.splice(0)) this.send(data);
  }

  private send(data: string): void {
    if (!this.live) return;
    if (!this.sessionId) {
      this.earlyInput.push(data);
      return;
    }
    // A large paste goes in pieces the host accepts, never splitting a surrogate pair.
    for (let start = 0; start < data.length; ) {
      let end = Math.min(data.length, start + INPUT_CHUNK);
      if (end < data.length && /[\uD800-\uDBFF]/.test(data[end - 1]!)) end--;
      void this.api.exec.input({ sessionId: this.sessionId, data: data.slice(start, end) }).catch(() => undefined);
      start = end;
    }
  }

  /** Ctrl+Shift+C / Ctrl+Shift+V, as in desktop terminals (Ctrl+C stays the interrupt). */
  private clipboardKey(e: KeyboardEvent): boolean {
    if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey) return true;
    if (e.code === 'KeyC') {
      const selection = this.term.getSelection();
      if (selection) void navigator.clipboard?.writeText(selection).catch(() => undefined);
      return false;
    }
    if (e.code === 'KeyV') {
      void navigator.clipboard
        ?.readText()
        .then((text) => text && this.term.paste(text))
        .catch(() => undefined);
      return false;
    }
    return true;
  }
}
