/**
 * Starts Loupe's browser-mode host as a separate process, exactly as `npm run serve` does, and
 * reads the URL it prints. The e2e suite drives the app from outside, through Chromium and the wire.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export interface HostProcess {
  url: string;
  origin: string;
  token: string;
  port: number;
  /** The simulator's kubeconfig, when the host is the demo (it prints the path). */
  kubeconfig?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startHostProcess(script = 'electron/serve.ts', args: string[] = [], timeoutMs = 60_000): Promise<HostProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(script), ...args], {
    cwd: resolve('.'),
    env: { ...process.env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`host printed no URL within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with code ${code} before printing its URL:\n${output}`));
    });
  });
  const parsed = new URL(url);
  const kubeconfig = /Their kubeconfig: (\S+)/.exec(output)?.[1];
  return {
    url,
    ...(kubeconfig ? { kubeconfig } : {}),
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    port: Number(parsed.port),
    process: child,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
