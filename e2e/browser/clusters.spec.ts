/**
 * Clusters end to end: the demo host (browser mode + the simulator's `small` scenario) driven through
 * Chromium. Expected numbers come from the sim itself through `kubectl`, never from constants, and
 * every step waits for a condition instead of sleeping.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { useDemoHost, type DemoHost } from '../support/demo-host';
import { expect, test } from './fixtures';

const demo = useDemoHost('small');
const kubectl = demo.kubectl;

function lineCount(text: string): number {
  return text.split('\n').filter((l) => l.trim() !== '').length;
}

const rail = (page: Page): Locator => page.getByRole('navigation', { name: 'Clusters' });
const entry = (page: Page, context: string): Locator => rail(page).getByRole('listitem', { name: context, exact: true });
const table = (page: Page, title: string): Locator => page.getByRole('table', { name: new RegExp(`^${title}: \\d+ rows? \\(`) });

/** The row count a table states in its caption ("Pods: 13 rows (1 cluster)"). */
async function tableCount(page: Page, title: string): Promise<number> {
  const caption = (await table(page, title).locator('caption').textContent()) ?? '';
  const match = /: (\d+) rows?/.exec(caption);
  return match ? Number(match[1]) : -1;
}

async function openApp(page: Page): Promise<DemoHost['contexts'] & { kubeconfig: string }> {
  page.on('pageerror', (e) => console.log(`pageerror: ${e.message}`));
  await page.goto(demo.url);
  await expect(page.getByTestId('host-status')).toHaveText('Connected to browser mode via WebSocket');
  // The rail names each kubeconfig file and carries its full path: the sim's kubeconfig.
  await expect(rail(page).locator('h3[data-path]').first()).toHaveAttribute('data-path', demo.kubeconfig);
  return { ...demo.contexts, kubeconfig: demo.kubeconfig };
}

async function openPods(page: Page): Promise<void> {
  await page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: 'Workloads' }).click();
  await page.getByRole('tablist', { name: 'Workload kinds' }).getByRole('tab', { name: 'Pods' }).click();
  await expect(table(page, 'Pods')).toBeVisible();
}

async function ensureConnected(page: Page, context: string): Promise<void> {
  const item = entry(page, context);
  await expect(item).toBeVisible();
  const connect = item.getByRole('button', { name: `Connect ${context}`, exact: true });
  if (await connect.isVisible()) await connect.click();
  await expect(item.getByTestId('context-status')).toHaveText('Connected', { timeout: 30_000 });
}

test('the rail lists every context of the kubeconfig, searchable, with favourites first', async ({ page }) => {
  const { kubeconfig, admin, viewer, nobody } = await openApp(page);
  const fileName = kubeconfig.split('/').pop()!;
  await expect(rail(page).locator('h3[data-path]').first()).toHaveAttribute('title', kubeconfig);
  await expect(rail(page).locator('h3[data-path]').first()).toContainText(fileName);
  for (const context of [admin, viewer, nobody]) {
    await expect(entry(page, context)).toBeVisible();
    await expect(entry(page, context).getByRole('button', { name: `Connect ${context}`, exact: true })).toBeVisible();
    await expect(entry(page, context).getByTestId('context-status')).toHaveText('Disconnected');
  }

  await rail(page).getByRole('searchbox', { name: 'Search clusters' }).fill('viewer');
  await expect(entry(page, viewer)).toBeVisible();
  await expect(entry(page, admin)).toHaveCount(0);
  await rail(page).getByRole('searchbox', { name: 'Search clusters' }).fill('');

  // Favourites come first in their group and survive a reload (localStorage).
  await entry(page, nobody).getByRole('button', { name: `Favourite ${nobody}`, exact: true }).click();
  await expect(entry(page, nobody).getByRole('button', { name: `Favourite ${nobody}`, exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(rail(page).getByRole('listitem').first()).toHaveAccessibleName(nobody);
  await page.reload();
  await expect(rail(page).getByRole('listitem').first()).toHaveAccessibleName(nobody);
});

test('connecting the admin context shows the sim’s pods, live', async ({ page }) => {
  const { admin } = await openApp(page);
  await entry(page, admin).getByRole('button', { name: `Connect ${admin}`, exact: true }).click();
  await expect(entry(page, admin).getByTestId('context-status')).toHaveText('Connected', { timeout: 30_000 });
  await expect(entry(page, admin).getByRole('button', { name: `Disconnect ${admin}`, exact: true })).toBeVisible();

  await openPods(page);
  // The table holds what the API server holds (re-read on each poll: the sim's pods may change).
  await expect
    .poll(async () => (await tableCount(page, 'Pods')) === lineCount(kubectl('get', 'pods', '-A', '--no-headers')), { timeout: 20_000 })
    .toBe(true);
  expect(await tableCount(page, 'Pods')).toBeGreaterThan(5);
  await expect(page.getByRole('status', { name: 'Pods row count' })).toHaveText(/^\d+ pods$/);

  // A change made through the API reaches the table as a delta.
  const frontendPods = table(page, 'Pods').locator('tbody tr[data-key*="/frontend-"]');
  const before = lineCount(kubectl('get', 'pods', '-n', 'shop', '-l', 'app=frontend', '--no-headers'));
  await expect(frontendPods).toHaveCount(before);
  kubectl('scale', 'deployment', 'frontend', '-n', 'shop', `--replicas=${before + 2}`);
  await expect(frontendPods).toHaveCount(before + 2, { timeout: 20_000 });
  await page.getByRole('tablist', { name: 'Workload kinds' }).getByRole('tab', { name: 'Deployments' }).click();
  const frontend = table(page, 'Deployments').locator('tbody tr[data-key$="/shop/frontend"]');
  await expect(frontend).toContainText(`${before + 2}/${before + 2}`, { timeout: 20_000 });
  kubectl('scale', 'deployment', 'frontend', '-n', 'shop', `--replicas=${before}`);
  await expect(frontend).toContainText(`${before}/${before}`, { timeout: 20_000 });
});

test('tables sort by column and filter by namespace, name and label selector', async ({ page }) => {
  const { admin } = await openApp(page);
  await ensureConnected(page, admin);
  await openPods(page);
  const pods = table(page, 'Pods');
  await expect.poll(() => tableCount(page, 'Pods')).toBeGreaterThan(0);

  // Sorting: the header says which way, the rows follow.
  const nameHeader = pods.getByRole('columnheader', { name: 'Name', exact: true });
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  const firstName = () => pods.locator('tbody tr[data-key] td').first().textContent();
  const ascendingFirst = await firstName();
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(firstName).not.toBe(ascendingFirst);
  await pods.getByRole('columnheader', { name: 'Restarts', exact: true }).getByRole('button').click();
  await expect(pods.getByRole('columnheader', { name: 'Restarts', exact: true })).toHaveAttribute('aria-sort', 'ascending');
  await expect(nameHeader).toHaveAttribute('aria-sort', 'none');

  // Namespace multi-select, from the clusters' namespaces.
  await page.getByRole('button', { name: /^Namespaces: all/ }).click();
  await page.getByRole('group', { name: 'Namespaces' }).getByRole('checkbox', { name: 'ops' }).check();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Namespaces: ops' })).toBeVisible();
  const inOps = lineCount(kubectl('get', 'pods', '-n', 'ops', '--no-headers'));
  await expect.poll(() => tableCount(page, 'Pods')).toBe(inOps);
  await expect(pods.locator('tbody tr[data-key]').filter({ hasNotText: 'ops' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Namespaces: ops' }).click();
  await page.getByRole('button', { name: 'All namespaces' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Namespaces: all' })).toBeVisible();

  // Free text on the name.
  await page.getByRole('searchbox', { name: 'Filter by name' }).fill('frontend');
  const frontends = lineCount(kubectl('get', 'pods', '-n', 'shop', '-l', 'app=frontend', '--no-headers'));
  await expect.poll(() => tableCount(page, 'Pods')).toBe(frontends);
  await page.getByRole('searchbox', { name: 'Filter by name' }).fill('');

  // Label selector, validated by the host.
  const selector = page.getByRole('searchbox', { name: 'Label selector' });
  await selector.fill('app=cart');
  await selector.press('Enter');
  const carts = lineCount(kubectl('get', 'pods', '-A', '-l', 'app=cart', '--no-headers'));
  await expect.poll(() => tableCount(page, 'Pods')).toBe(carts);
  await selector.fill('app in (cart');
  await selector.press('Enter');
  await expect(page.getByRole('alert')).toContainText(/selector|app in \(cart|parenthes|\)/i);
  await selector.fill('');
  await selector.press('Enter');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect.poll(async () => (await tableCount(page, 'Pods')) === lineCount(kubectl('get', 'pods', '-A', '--no-headers'))).toBe(true);
});

test('restricted contexts say what they hide and why; many connect at once', async ({ page }) => {
  const { viewer, nobody } = await openApp(page);
  // Both at once: each button is independent.
  await entry(page, viewer).getByRole('button', { name: `Connect ${viewer}`, exact: true }).click();
  await entry(page, nobody).getByRole('button', { name: `Connect ${nobody}`, exact: true }).click();
  await expect(entry(page, viewer).getByTestId('context-status')).toHaveText(/Connected|Degraded/, { timeout: 30_000 });
  await expect(entry(page, nobody).getByTestId('context-status')).toHaveText(/Connected|Degraded|Error/, { timeout: 30_000 });

  const viewerHidden = entry(page, viewer).getByRole('list', { name: `Kinds hidden on ${viewer}` });
  await expect(viewerHidden).toBeVisible();
  await expect(viewerHidden.getByRole('listitem').filter({ hasText: /^nodes: .{10,}/ })).toHaveCount(1);
  await expect(viewerHidden.getByRole('listitem').filter({ hasText: /^pods:/ })).toHaveCount(0);

  // nobody may list nothing: an error, or every kind hidden with its reason.
  await expect(entry(page, nobody)).toContainText(/No access|forbidden|may not/i);
  const nobodyHidden = entry(page, nobody).getByRole('list', { name: `Kinds hidden on ${nobody}` });
  if (await nobodyHidden.count()) {
    await entry(page, nobody).getByText(/kinds? hidden/).click();
    await expect(nobodyHidden.getByRole('listitem').filter({ hasText: /^pods: .{10,}/ })).toHaveCount(1);
  }

  // With several clusters, tables gain a Cluster column and say how many clusters they cover.
  await openPods(page);
  await expect(table(page, 'Pods')).toHaveAccessibleName(/\(3 clusters\)$/);
  await expect(table(page, 'Pods').getByRole('columnheader', { name: 'Cluster', exact: true })).toBeVisible();
});

test('global search finds a pod and jumps to it', async ({ page }) => {
  const { admin } = await openApp(page);
  await ensureConnected(page, admin);
  const podName = kubectl('get', 'pods', '-n', 'shop', '-l', 'app=cart', '-o', 'jsonpath={.items[0].metadata.name}').trim();
  expect(podName).not.toBe('');

  await page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: 'Nodes' }).click();
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Search resources' });
  await expect(dialog).toBeVisible();
  const input = dialog.getByRole('combobox', { name: 'Search resources' });
  await expect(input).toBeFocused();
  await input.fill(`pod ${podName} ns:shop kind:pod app=cart`);
  const option = dialog.getByRole('option', { name: new RegExp(`^Pod ${podName} in shop`) }).first();
  await expect(option).toBeVisible();
  await expect(dialog.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await input.press('ArrowDown');
  await input.press('ArrowUp');
  await input.press('Enter');
  await expect(dialog).toHaveCount(0);

  await expect(page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: 'Workloads' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tablist', { name: 'Workload kinds' }).getByRole('tab', { name: 'Pods' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('searchbox', { name: 'Filter by name' })).toHaveValue(podName);
  await expect(table(page, 'Pods').locator('tbody tr[aria-current="true"]').first()).toContainText(podName);

  // The button opens it too; Escape closes.
  await page.getByRole('button', { name: /Search resources/ }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('connected views pass axe and are captured in both themes', async ({ page }) => {
  const { admin } = await openApp(page);
  await ensureConnected(page, admin);
  await page.setViewportSize({ width: 1400, height: 820 });
  await openPods(page);
  await expect.poll(() => tableCount(page, 'Pods')).toBeGreaterThan(0);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/clusters-pods-light.png' });
  // `UPDATE_SCREENSHOTS=1 npm run test:e2e` refreshes the README's screenshot from this run.
  if (process.env.UPDATE_SCREENSHOTS) await page.screenshot({ path: 'docs/screenshot.png' });
  await page.getByRole('button', { name: /^Theme: system/ }).click();
  await page.getByRole('button', { name: /^Theme: light/ }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: 'Events' }).click();
  await expect.poll(() => tableCount(page, 'Events')).toBeGreaterThan(0);
  const darkResults = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(darkResults.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.screenshot({ path: 'test-results/clusters-events-dark.png' });
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Search resources' }).fill('cart');
  await expect(page.getByRole('option').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/clusters-search-dark.png' });
});

test('a kubeconfig file added in the rail is loaded, remembered and removable', async ({ page }) => {
  const { admin } = await openApp(page);
  const dir = mkdtempSync(join(tmpdir(), 'loupe-extra-'));
  const extra = join(dir, 'extra.yaml');
  writeFileSync(
    extra,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{ name: extra-cluster, cluster: { server: "https://127.0.0.1:9" } }]',
      'users: [{ name: extra-user, user: { token: t } }]',
      'contexts: [{ name: extra-context, context: { cluster: extra-cluster, user: extra-user } }]',
    ].join('\n'),
  );
  try {
    await page.getByRole('button', { name: /Kubeconfig files/ }).click();
    await page.getByLabel('Kubeconfig file or folder to add').fill('relative/path.yaml');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('not an absolute path');
    await page.getByLabel('Kubeconfig file or folder to add').fill(extra);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Connect extra-context' })).toBeVisible();
    // The sim's own contexts are still there: the added file is merged after them.
    await expect(rail(page).getByRole('button', { name: new RegExp(`^(Connect|Disconnect) ${admin}$`) })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('button', { name: 'Connect extra-context' })).toBeVisible();
    await page.getByRole('button', { name: /Kubeconfig files/ }).click();
    await page.getByRole('button', { name: `Remove kubeconfig path ${extra}` }).click();
    await expect(page.getByRole('button', { name: 'Connect extra-context' })).toHaveCount(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
