/**
 * One demo host (browser mode + a simulated cluster) per spec file: started before its first test,
 * stopped after its last, with the tests in order. `kubectl` talks to the same simulated cluster, as
 * a user beside Loupe would.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { expect, test, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from './host-process';

export interface DemoHost {
  readonly url: string;
  readonly kubeconfig: string;
  /** The simulated cluster's contexts: admin (the kubeconfig's current context), `-viewer`, `-nobody`. */
  readonly contexts: { admin: string; viewer: string; nobody: string };
  kubectl(...args: string[]): string;
  /** Opens Loupe and connects `context` (default: admin) from the rail, waiting until it is `status`. */
  openConnected(page: Page, options?: { context?: string; status?: string | RegExp }): Promise<string>;
}

export function useDemoHost(scenario: 'small' | 'demo'): DemoHost {
  let host: HostProcess | undefined;
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(async () => {
    host = await startHostProcess('electron/demo.ts', ['--scenario', scenario]);
  });
  test.afterAll(async () => {
    await host?.stop();
  });
  const started = (): HostProcess & { kubeconfig: string } => {
    if (!host?.kubeconfig) throw new Error('the demo host has not started (or printed no kubeconfig)');
    return host as HostProcess & { kubeconfig: string };
  };
  const contexts = () => {
    const admin = (parse(readFileSync(started().kubeconfig, 'utf8')) as { 'current-context': string })['current-context'];
    return { admin, viewer: `${admin}-viewer`, nobody: `${admin}-nobody` };
  };
  return {
    get url() {
      return started().url;
    },
    get kubeconfig() {
      return started().kubeconfig;
    },
    get contexts() {
      return contexts();
    },
    kubectl: (...args) =>
      execFileSync('kubectl', ['--kubeconfig', started().kubeconfig, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
    async openConnected(page, options = {}) {
      const context = options.context ?? contexts().admin;
      page.on('pageerror', (e) => console.log(`pageerror: ${e.message}`));
      await page.goto(started().url);
      await expect(page.getByTestId('host-status')).toHaveText('Connected to browser mode via WebSocket');
      const item = page.getByRole('navigation', { name: 'Clusters' }).getByRole('listitem', { name: context, exact: true });
      await expect(item).toBeVisible();
      const connect = item.getByRole('button', { name: `Connect ${context}`, exact: true });
      // Connected by an earlier test of the file, or not yet.
      if (await connect.isVisible()) await connect.click();
      await expect(item.getByTestId('context-status')).toHaveText(options.status ?? 'Connected', { timeout: 30_000 });
      return context;
    },
  };
}
