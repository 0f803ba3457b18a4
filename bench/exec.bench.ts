/**
 * `npm run bench -- exec [--quick]`: keystroke -> echo latency of a pod terminal, through Loupe in
 * browser mode and through `kubectl exec -i -t` to the same container in the same run (the
 * baseline). The simulator (`small`) and the Loupe host (`createLoupeServices` + `startBrowserHost`)
 * each run in their own process; this process is the renderer (a `ws` client through
 * `createApiClient`). Both sides type single characters into `cat` on a TTY — the remote terminal
 * echoes each one — and time until the echo is back. Both sessions stay open and their keystrokes
 * interleave one by one, so the shared machine's load falls on both alike. ratio = Loupe p95 /
 * kubectl p95.
 */
import { startChild } from './cache/child';
import type { LoupeReady } from './cache/loupe-process';
import { connectRenderer, synced } from './cache/renderer-client';
import type { SimReady } from './cache/sim-process';
import { openKubectlSession, type ExecTarget } from './exec/kubectl-keystrokes';
import { openLoupeSession } from './exec/loupe-keystrokes';
import { printTable } from './table';

const TARGETS = { p95_ms: 25, ratio: 1.0 } as const;
const WARMUP = 20;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
const round = (x: number) => Number(x.toFixed(2));
const started = performance.now();
const step = (what: string) => process.stderr.write(`exec bench [${((performance.now() - started) / 1000).toFixed(1)} s]: ${what}\n`);

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const quick = args.includes('--quick');
  const count = quick ? 100 : 300;
  step('starting the simulator (small)');
  const sim = await startChild<SimReady>('./sim-process.ts', ['small']);
  try {
    await sim.request('settle', { quietMs: 1_500, maxMs: 60_000 });
    const cluster = sim.ready.clusters[0]!;
    step('starting the Loupe host');
    const host = await startChild<LoupeReady>('./loupe-process.ts', [sim.ready.kubeconfigPath], { nodeFlags: ['--expose-gc'] });
    try {
      const renderer = await connectRenderer(host.ready);
      try {
        const status = await renderer.api.clusters.connect({ context: cluster.context });
        if (status.phase === 'error') throw new Error(`cluster did not connect: ${status.reason}`);
        // Measured once the watch cache has its first lists, so its start-up is not in the figures.
        const deadline = Date.now() + 60_000;
        while (!synced(renderer.statuses.get(cluster.context))) {
          if (Date.now() > deadline) throw new Error('the cluster cache did not sync within 60 s');
          await new Promise((r) => setTimeout(r, 100));
        }
        const target: ExecTarget = {
          kubeconfig: sim.ready.kubeconfigPath,
          context: cluster.context,
          namespace: 'shop',
          pod: 'db-0',
          container: 'postgres',
          command: ['cat'],
        };
        step('opening a Loupe session and a kubectl exec -i -t session to the same container');
        const sessions = { loupe: await openLoupeSession(renderer.api, target), kubectl: await openKubectlSession(target) };
        const loupe: number[] = [];
        const kubectl: number[] = [];
        try {
          step(`${WARMUP} warm-up and ${count} measured keystrokes each, interleaved`);
          for (let i = 0; i < WARMUP + count; i++) {
            const char = LETTERS[i % LETTERS.length]!;
            // Alternating who goes first, so neither always types right after the other.
            const order = i % 2 === 0 ? (['loupe', 'kubectl'] as const) : (['kubectl', 'loupe'] as const);
            for (const who of order) {
              const ms = await sessions[who].type(char);
              if (i >= WARMUP) (who === 'loupe' ? loupe : kubectl).push(ms);
            }
          }
        } finally {
          await sessions.loupe.close();
          await sessions.kubectl.close();
        }
        return report(loupe, kubectl);
      } finally {
        renderer.close();
      }
    } finally {
      await host.stop();
    }
  } finally {
    await sim.stop();
  }
}

function report(loupe: number[], kubectl: number[]): Record<string, unknown> {
  const f = {
    keystrokes: loupe.length,
    p50_ms: round(percentile(loupe, 50)),
    p95_ms: round(percentile(loupe, 95)),
    p99_ms: round(percentile(loupe, 99)),
    kubectl_keystrokes: kubectl.length,
    kubectl_p50_ms: round(percentile(kubectl, 50)),
    kubectl_p95_ms: round(percentile(kubectl, 95)),
    kubectl_p99_ms: round(percentile(kubectl, 99)),
    ratio: 0,
  };
  f.ratio = round(f.p95_ms / f.kubectl_p95_ms);
  const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  printTable('Exec: keystroke -> echo (sim `small`, shop/db-0 postgres, `cat` on a TTY)', [
    ['Loupe browser mode, keystrokes', f.keystrokes],
    ['  p50 / p95 / p99', `${f.p50_ms} / ${f.p95_ms} / ${f.p99_ms} ms   (target p95 <= ${TARGETS.p95_ms}) ${pass(f.p95_ms <= TARGETS.p95_ms)}`],
    ['kubectl exec -i -t, keystrokes', f.kubectl_keystrokes],
    ['  p50 / p95 / p99', `${f.kubectl_p50_ms} / ${f.kubectl_p95_ms} / ${f.kubectl_p99_ms} ms`],
    ['ratio (Loupe p95 / kubectl p95)', `${f.ratio}   (target <= ${TARGETS.ratio}) ${pass(f.ratio <= TARGETS.ratio)}`],
  ]);
  return f;
}
