/**
 * The kubectl baseline: `kubectl-keystrokes.py` keeps a `kubectl exec -i -t` session open on a pty
 * and types one character per request, so the bench can interleave its keystrokes with Loupe's.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./kubectl-keystrokes.py', import.meta.url));

export interface ExecTarget {
  kubeconfig: string;
  context: string;
  namespace: string;
  pod: string;
  container: string;
  command: string[];
}

export interface KeystrokeSession {
  /** Types one character; resolves with the keystroke -> echo milliseconds. */
  type(char: string): Promise<number>;
  close(): Promise<void>;
}

export async function openKubectlSession(target: ExecTarget): Promise<KeystrokeSession> {
  const kubectl = [
    'kubectl', '--kubeconfig', target.kubeconfig, '--context', target.context,
    'exec', '-i', '-t', '-n', target.namespace, target.pod, '-c', target.container, '--', ...target.command,
  ];
  const child = spawn('/usr/bin/python3', [SCRIPT, '--', ...kubectl], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const waiting: Array<{ resolve(line: string): void; reject(err: Error): void }> = [];
  let failed: Error | undefined;
  lines.on('line', (line) => waiting.shift()?.resolve(line));
  child.once('exit', (code) => {
    failed = new Error(`kubectl baseline exited with code ${code}`);
    for (const w of waiting.splice(0)) w.reject(failed);
  });
  const next = () => new Promise<string>((resolve, reject) => (failed ? reject(failed) : waiting.push({ resolve, reject })));
  const ready = await next();
  if (ready !== 'ready') throw new Error(`kubectl baseline said ${JSON.stringify(ready)}`);
  return {
    async type(char) {
      const answer = next();
      child.stdin.write(`${char}\n`);
      return Number(await answer);
    },
    async close() {
      if (child.exitCode !== null) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.stdin.end('\n');
      await gone;
    },
  };
}
