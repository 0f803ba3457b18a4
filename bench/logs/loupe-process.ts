/**
 * Loupe's host for the logs bench in its own process, as `npm run serve` runs it: the composition of
 * every service behind the browser-mode server, serving the built renderer (`<kubeconfig> <rendererDir>`),
 * so Chromium can open the Logs view and a Node client can stand in for the renderer's store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLoupeServices } from '../../electron/composition';
import { startBrowserHost } from '../../electron/host/browser-host';
import { reportStartFailure, serveParent } from '../cache/child';
import type { LoupeReady } from '../cache/loupe-process';

export interface LogsLoupeReady extends LoupeReady {
  url: string;
}

const [kubeconfig, rendererDir] = process.argv.slice(2);

try {
  if (!kubeconfig || !rendererDir) throw new Error('usage: loupe-process.ts <kubeconfig> <rendererDir>');
  const home = mkdtempSync(join(tmpdir(), 'loupe-bench-home-'));
  const services = createLoupeServices({ host: 'browser', version: '0.0.0-bench', kubeconfigEnv: kubeconfig, home });
  await services.start();
  const host = await startBrowserHost({ api: services.api, rendererDir });
  let cpu: { usage: NodeJS.CpuUsage; at: number } | undefined;
  serveParent(
    { port: host.port, origin: host.origin, token: host.token, cookieName: host.cookieName, url: host.url } satisfies LogsLoupeReady,
    {
      cpuStart() {
        cpu = { usage: process.cpuUsage(), at: performance.now() };
        return null;
      },
      /** CPU time since `cpuStart` as a share of one core. */
      cpuStop() {
        if (!cpu) throw new Error('cpuStart first');
        const used = process.cpuUsage(cpu.usage);
        const pct = ((used.user + used.system) / 1000 / (performance.now() - cpu.at)) * 100;
        cpu = undefined;
        return { pct };
      },
    },
    async () => {
      await host.close();
      await services.dispose();
      rmSync(home, { recursive: true, force: true });
    },
  );
} catch (err) {
  reportStartFailure(err);
}
