/**
 * Keystroke -> echo latency through Loupe in browser mode, measured where the renderer sits: a
 * WebSocket client sends each character with `exec.input` and times until the terminal's echo of
 * it arrives on `exec.output` (binary frames), the same path xterm.js uses.
 */
import type { ClientOf } from '../../shared/api/client';
import type { LoupeContract } from '../../shared/api/contract';
import type { ExecTarget, KeystrokeSession } from './kubectl-keystrokes';

export async function openLoupeSession(api: ClientOf<LoupeContract>, target: ExecTarget): Promise<KeystrokeSession> {
  const { sessionId } = await api.exec.open({
    cluster: target.context,
    namespace: target.namespace,
    pod: target.pod,
    container: target.container,
    command: target.command,
    tty: true,
    cols: 80,
    rows: 24,
  });
  const decoder = new TextDecoder();
  let waiting: { char: string; resolve(at: number): void } | undefined;
  let failure: string | undefined;
  const output = api.exec.output({ sessionId }, {
    next(chunks) {
      const at = performance.now();
      const text = chunks.map((c) => decoder.decode(c, { stream: true })).join('');
      if (waiting && text.includes(waiting.char)) {
        const w = waiting;
        waiting = undefined;
        w.resolve(at);
      }
    },
    error: (e) => (failure = e.message),
  });
  const state = api.exec.state({ sessionId }, {
    next(states) {
      const last = states[states.length - 1]!;
      if (last.phase === 'error' || last.phase === 'exited') failure = JSON.stringify(last);
    },
  });
  const type = (char: string, timeoutMs = 10_000): Promise<number> => {
    const started = performance.now();
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting = undefined;
        reject(new Error(`no echo of ${JSON.stringify(char)} within ${timeoutMs} ms${failure ? `: ${failure}` : ''}`));
      }, timeoutMs);
      waiting = {
        char,
        resolve: (at) => {
          clearTimeout(timer);
          resolve(at - started);
        },
      };
      api.exec.input({ sessionId, data: char }).catch((err: Error) => reject(err));
    });
  };
  // As with kubectl: the session is up once a typed character comes back.
  for (let tries = 0; ; tries++) {
    try {
      await type('r', 1_000);
      break;
    } catch (err) {
      if (tries >= 30) throw err;
    }
  }
  return {
    type: (char) => type(char),
    async close() {
      output.dispose();
      state.dispose();
    },
  };
}
