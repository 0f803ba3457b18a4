/**
 * Pod shells end to end: the demo host (browser mode + the simulator's `small` scenario) driven
 * through Chromium. A shell opened from the dock runs in the sim's container over the real exec
 * protocol; what the test reads is xterm's accessible copy of the screen and the stated session state.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { useDemoHost } from '../support/demo-host';
import { expect, test } from './fixtures';

const demo = useDemoHost('small');



const dock = (page: Page): Locator => page.getByRole('region', { name: 'Bottom dock' });
/** xterm's screen-reader rows: the terminal's visible text, one element per row. */
const screen = (page: Page): Locator => dock(page).locator('.xterm-accessibility-tree');
const stateLine = (page: Page): Locator => dock(page).locator('.terminal-state');

async function screenText(page: Page): Promise<string> {
  return (await screen(page).innerText()).replace(/\u00a0/g, ' ');
}

async function connectAdmin(page: Page): Promise<void> {
  await demo.openConnected(page);
}

async function openShellFromDock(page: Page, pod: string): Promise<void> {
  await dock(page).getByRole('tab', { name: 'Terminals' }).click();
  await dock(page).getByRole('button', { name: 'New shell' }).click();
  const form = dock(page).getByRole('form', { name: 'New terminal session' });
  await expect(form.getByLabel('Namespace')).toContainText('shop', { timeout: 20_000 });
  await form.getByLabel('Namespace').selectOption('shop');
  await expect(form.getByLabel('Pod')).toContainText(pod, { timeout: 20_000 });
  await form.getByLabel('Pod').selectOption(pod);
  await form.getByRole('button', { name: 'Open shell' }).click();
}

/** Types a command and waits for the prompt-independent answer on a line of its own. */
async function run(page: Page, command: string): Promise<void> {
  await dock(page).locator('.xterm').click();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
}

async function sttySize(page: Page, marker: string): Promise<string> {
  await run(page, `echo ${marker}-$(stty size | tr ' ' x)-end`);
  let size = '';
  await expect
    .poll(async () => {
      size = new RegExp(`${marker}-(\\d+x\\d+)-end`).exec(await screenText(page))?.[1] ?? '';
      return size;
    }, { timeout: 10_000 })
    .not.toBe('');
  return size;
}

test('a shell on a sim pod: echo, resize, exit code', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await connectAdmin(page);
  await openShellFromDock(page, 'db-0');

  const tab = dock(page).getByRole('tab', { name: 'Shell: shop/db-0 (postgres)' });
  await expect(tab).toBeVisible({ timeout: 20_000 });
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(stateLine(page)).toHaveText(/^Connected to postgres \(v5\.channel\.k8s\.io\)$/, { timeout: 20_000 });

  await run(page, 'echo $((6*7))');
  await expect.poll(async () => /(^|\n)42\s*(\n|$)/.test(await screenText(page)), { timeout: 10_000 }).toBe(true);

  // The terminal follows the dock's size: a narrower window gives the shell fewer columns.
  const wide = await sttySize(page, 'wide');
  await page.setViewportSize({ width: 900, height: 900 });
  await expect.poll(async () => sttySize(page, `narrow${Date.now()}`), { timeout: 15_000 }).not.toBe(wide);
  const [wideRows, wideCols] = wide.split('x').map(Number);
  const narrow = await sttySize(page, 'narrow-final');
  const [narrowRows, narrowCols] = narrow.split('x').map(Number);
  expect(narrowCols).toBeLessThan(wideCols!);
  expect(narrowRows).toBe(wideRows);

  await run(page, 'exit 3');
  await expect(stateLine(page)).toHaveText('Exited with code 3', { timeout: 10_000 });
  await expect(dock(page).getByRole('button', { name: 'Reconnect' })).toBeVisible();

  // Closing the tab ends its session and leaves the dock empty.
  await dock(page).getByRole('button', { name: 'Close Shell: shop/db-0 (postgres)' }).click();
  await expect(dock(page).getByRole('tab', { name: /^Shell:/ })).toHaveCount(0);
});

test('an error states the API server’s message and leaves other sessions working', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await connectAdmin(page);
  await openShellFromDock(page, 'db-0');
  await expect(stateLine(page)).toHaveText(/^Connected to postgres/, { timeout: 20_000 });

  // A custom command that does not exist in the container fails on its own tab.
  await dock(page).getByRole('button', { name: 'New shell' }).click();
  const form = dock(page).getByRole('form', { name: 'New terminal session' });
  await form.getByLabel('Namespace').selectOption('shop');
  await form.getByLabel('Pod').selectOption('db-0');
  await form.getByLabel('Command').fill('no-such-shell');
  await form.getByRole('button', { name: 'Open shell' }).click();
  await expect(stateLine(page)).toHaveText(/^Error: .*executable file not found in \$PATH/, { timeout: 20_000 });

  // The first session still answers.
  await dock(page).getByRole('tab', { name: 'Shell: shop/db-0 (postgres)' }).click();
  await expect(stateLine(page)).toHaveText(/^Connected to postgres/);
  await run(page, 'echo alive-$((20+1))');
  await expect.poll(async () => (await screenText(page)).includes('alive-21'), { timeout: 10_000 }).toBe(true);
});

test('the inspector’s Shell action opens a shell in the pod’s default container', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await connectAdmin(page);
  await page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: 'Topology' }).click();
  await page.getByRole('radiogroup', { name: 'Show as' }).getByRole('radio', { name: 'Table' }).click();
  await page.getByRole('button', { name: /^Open Pod shop\/toolbox\b/ }).click();
  const inspector = page.getByRole('complementary', { name: /^Inspector: / });
  const shell = inspector.getByRole('button', { name: 'Shell', exact: true });
  await expect(shell).toHaveAttribute('aria-disabled', 'false', { timeout: 15_000 });
  await shell.click();

  // toolbox has two containers and no default-container annotation: the first one, `shell`.
  await expect(dock(page).getByRole('tab', { name: 'Shell: shop/toolbox (shell)' })).toBeVisible({ timeout: 20_000 });
  await expect(stateLine(page)).toHaveText(/^Connected to shell/, { timeout: 20_000 });
  await run(page, 'echo $((6*7))');
  await expect.poll(async () => /(^|\n)42\s*(\n|$)/.test(await screenText(page)), { timeout: 10_000 }).toBe(true);
});

test('a debug container for an image without a shell, and a node shell only after confirming', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await connectAdmin(page);
  await dock(page).getByRole('tab', { name: 'Terminals' }).click();
  await dock(page).getByRole('button', { name: 'New shell' }).click();
  const form = dock(page).getByRole('form', { name: 'New terminal session' });
  await form.getByLabel('Kind').selectOption('debug');
  await expect(form.getByLabel('Namespace')).toContainText('shop', { timeout: 20_000 });
  await form.getByLabel('Namespace').selectOption('shop');
  await form.getByLabel('Pod').selectOption('db-0');
  await expect(form.getByLabel('Image')).toHaveValue('busybox:1.36');
  await form.getByRole('button', { name: 'Start debug container' }).click();
  await expect(dock(page).getByRole('tab', { name: /^Debug: shop\/db-0 \(debugger-[a-z0-9]{5}\)$/ })).toBeVisible({ timeout: 20_000 });
  await expect(stateLine(page)).toHaveText(/^Connected to debugger-/, { timeout: 20_000 });
  await run(page, 'echo $((6*7))');
  await expect.poll(async () => /(^|\n)42\s*(\n|$)/.test(await screenText(page)), { timeout: 10_000 }).toBe(true);

  const results = await new AxeBuilder({ page }).include('section[aria-label="Bottom dock"]').withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // A node shell asks first; cancelling creates nothing.
  await dock(page).getByRole('button', { name: 'New shell' }).click();
  await form.getByLabel('Kind').selectOption('node');
  await expect(form.getByRole('combobox', { name: 'Node', exact: true })).toBeEnabled({ timeout: 20_000 });
  await form.getByRole('button', { name: 'Open node shell…' }).click();
  const confirm = form.getByRole('alertdialog', { name: 'Confirm node shell' });
  await expect(confirm).toContainText('privileged pod');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(dock(page).getByRole('tab', { name: /^Node shell:/ })).toHaveCount(0);
});

test('the inspector of a node offers a node shell, behind a confirmation naming node and cluster', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  const cluster = await demo.openConnected(page);
  const node = demo.kubectl('get', 'nodes', '-o', 'jsonpath={.items[0].metadata.name}');
  await page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: 'Nodes' }).click();
  await page.locator(`tbody tr[data-key="${cluster}/nodes//${node}"]`).click();
  const inspector = page.getByRole('complementary', { name: `Inspector: Node ${node}` });
  await inspector.getByRole('button', { name: 'Node shell' }).click();
  const confirm = page.getByRole('dialog', { name: `Open a root shell on Node ${node} in ${cluster}?` });
  await expect(confirm).toContainText('privileged pod');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(dock(page).getByRole('tab', { name: /^Node shell:/ })).toHaveCount(0);

  await inspector.getByRole('button', { name: 'Node shell' }).click();
  await confirm.getByRole('button', { name: 'Open a root shell on' }).click();
  await expect(dock(page).getByRole('tab', { name: new RegExp(`^Node shell: ${node}`) })).toBeVisible({ timeout: 20_000 });
});
