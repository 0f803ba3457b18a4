import AxeBuilder from '@axe-core/playwright';
import { startHostProcess } from '../support/host-process';
import { expect, test } from './fixtures';

test.describe('the shell in browser mode', () => {
  test.beforeEach(async ({ page, loupeHost }) => {
    await page.goto(loupeHost.url);
    await expect(page.getByTestId('host-status')).toHaveText('Connected to browser mode via WebSocket');
  });

  test('shows the rail, the views, the dock and the status bar', async ({ page }) => {
    await expect(page).toHaveURL(/\/$/); // the token left the address bar
    await expect(page.getByRole('navigation', { name: 'Clusters' })).toBeVisible();
    await expect(page.getByRole('tablist', { name: 'Views' })).toBeVisible();
    for (const name of ['Topology', 'Workloads', 'Nodes', 'Events', 'Logs']) {
      await expect(page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name })).toBeVisible();
    }
    await expect(page.getByRole('region', { name: 'Bottom dock' })).toBeVisible();
    await expect(page.getByLabel('Host memory')).toHaveText(/host RSS \d+ MB/);
    await expect(page.getByLabel('Loupe version')).toHaveText(/^Loupe \d+\.\d+\.\d+/);
  });

  test('switches views by click and by arrow keys', async ({ page }) => {
    const views = page.getByRole('tablist', { name: 'Views' });
    await views.getByRole('tab', { name: 'Nodes' }).click();
    await expect(views.getByRole('tab', { name: 'Nodes' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel', { name: 'Nodes' })).toContainText('Nodes and their load');
    await page.keyboard.press('ArrowRight');
    await expect(views.getByRole('tab', { name: 'Events' })).toBeFocused();
    await expect(page.getByRole('tabpanel', { name: 'Events' })).toBeVisible();
  });

  test('opens and closes the dock by button and by Ctrl+J', async ({ page }) => {
    const toggle = page.getByRole('button', { name: 'Expand dock' });
    await toggle.click();
    await expect(page.getByRole('button', { name: 'Collapse dock' })).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('tabpanel', { name: 'Terminals' })).toContainText('No terminal sessions');
    await page.keyboard.press('Control+j');
    await expect(page.getByRole('button', { name: 'Expand dock' })).toHaveAttribute('aria-expanded', 'false');
  });

  test('follows the theme preference and remembers it', async ({ page }) => {
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-theme', 'system');
    await page.getByRole('button', { name: /^Theme: system/ }).click();
    await expect(html).toHaveAttribute('data-theme', 'light');
    await page.getByRole('button', { name: /^Theme: light/ }).click();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await page.reload();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    const background = await page.locator('body').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toBe('rgb(20, 22, 26)');
  });

  test('gives every interactive element an accessible name (axe)', async ({ page }) => {
    await page.getByRole('button', { name: 'Expand dock' }).click();
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});

test('says so when the host goes away', async ({ page }) => {
  const host = await startHostProcess();
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('host-status')).toHaveText('Connected to browser mode via WebSocket');
    await host.stop();
    await expect(page.getByTestId('host-status')).toContainText('Host connection lost');
  } finally {
    await host.stop();
  }
});
