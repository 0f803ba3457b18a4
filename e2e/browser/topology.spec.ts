/**
 * Topology end to end on the simulator's `demo` scenario: the live map of the shop, Pause holding
 * the picture while changes pile up (a deployment scaled through the API with the real kubectl),
 * Resume applying them, a node opening the inspector, and the table listing the same graph.
 * Every step waits for a condition stated by the page itself (its accessible description, the
 * table, the canvas pixels), never for time.
 */
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { useDemoHost } from '../support/demo-host';
import { expect, test } from './fixtures';

const demo = useDemoHost('demo');

const CONTEXT = 'demo';
const FRONTEND_REPLICAS = 3;

// Tall enough that the virtualized table renders every row of the demo's map at once.
test.use({ viewport: { width: 1400, height: 1300 } });

const kubectl = (...args: string[]): string => demo.kubectl('--context', CONTEXT, ...args);

const description = (page: Page): Locator => page.getByTestId('topology-description');
const map = (page: Page): Locator => page.locator('.topology-map');
const canvas = (page: Page): Locator => page.getByRole('img', { name: 'Topology map' });

/** The static layer's pixels, hashed in the page. */
async function canvasHash(page: Page): Promise<string> {
  return canvas(page).evaluate(async (el) => {
    const data = new TextEncoder().encode((el as HTMLCanvasElement).toDataURL());
    const digest = await crypto.subtle.digest('SHA-256', data);
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  });
}

/** The hash once drawing has caught up: the same across two animation frames (a scene posted just
 * before the pause may still be waiting for its frame). */
async function settledCanvasHash(page: Page): Promise<string> {
  const nextFrames = () => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  let previous = await canvasHash(page);
  for (;;) {
    await nextFrames();
    const current = await canvasHash(page);
    if (current === previous) return current;
    previous = current;
  }
}

async function openTopology(page: Page): Promise<void> {
  await demo.openConnected(page, { context: CONTEXT });
  await page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: 'Topology' }).click();
  await expect(description(page)).toHaveText(/^Workloads view: \d+ nodes, \d+ edges, live$/, { timeout: 30_000 });
}

/** Waits until every deployment of the shop is drawn and the layout has settled. */
async function waitForShop(page: Page): Promise<string[]> {
  const deployments = kubectl('get', 'deployments', '-n', 'shop', '-o', 'jsonpath={.items[*].metadata.name}').split(/\s+/).filter(Boolean);
  expect(deployments.length).toBeGreaterThan(3);
  await page.getByRole('radio', { name: 'Table' }).click();
  const table = page.getByRole('table', { name: /^Workloads view:/ });
  for (const name of deployments) await expect(table.getByRole('button', { name: new RegExp(`^Open Deployment shop/${name},`) })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('radio', { name: 'Map' }).click();
  await expect(map(page)).toHaveAttribute('data-stable', 'true', { timeout: 30_000 });
  return deployments;
}

test('the map shows the shop, live, and says so in words', async ({ page }) => {
  await openTopology(page);
  await waitForShop(page);
  await expect(canvas(page)).toHaveAccessibleDescription(/^Workloads view: \d+ nodes, \d+ edges, live/);
  const stats = JSON.parse((await map(page).getAttribute('data-layout-stats'))!) as { nodes: number; tickMs: number };
  expect(stats.nodes).toBeGreaterThan(10);
  // The picture for the docs once the shop's front end is up (its pods start with the demo).
  await page.getByRole('radio', { name: 'Table' }).click();
  const frontend = page.getByRole('row').filter({ has: page.getByRole('button', { name: /^Open Deployment shop\/frontend,/ }) });
  await expect(frontend.getByRole('cell').nth(4)).toHaveText(`${FRONTEND_REPLICAS}/${FRONTEND_REPLICAS}`, { timeout: 30_000 });
  await page.getByRole('radio', { name: 'Map' }).click();
  await expect(map(page)).toHaveAttribute('data-stable', 'true');
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/topology-demo.png' });
  // `UPDATE_SCREENSHOTS=1` refreshes the docs' screenshot from this run.
  if (process.env.UPDATE_SCREENSHOTS) await page.screenshot({ path: 'docs/topology.png' });
});

test('Pause holds the picture while changes pile up; Resume applies them', async ({ page }) => {
  await openTopology(page);
  await waitForShop(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(description(page)).toHaveText(/, paused, 0 changes pending$/);
  const before = await settledCanvasHash(page);
  const counts = (await description(page).textContent())!.replace(/, paused.*$/, '');

  kubectl('scale', 'deployment', 'frontend', '-n', 'shop', '--replicas=6');
  await expect(description(page)).toHaveText(/, paused, [1-9]\d* changes? pending$/, { timeout: 30_000 });
  // More changes keep arriving as the new pods start; the count only grows.
  const pending = () => description(page).textContent().then((t) => Number(/paused, (\d+) change/.exec(t ?? '')?.[1] ?? 0));
  const first = await pending();
  await expect.poll(pending, { timeout: 30_000 }).toBeGreaterThanOrEqual(Math.max(first, 3));
  expect(await canvasHash(page)).toBe(before);
  await expect(description(page)).toContainText(counts);

  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(description(page)).toHaveText(/, live$/);
  await expect.poll(() => canvasHash(page), { timeout: 15_000 }).not.toBe(before);
  await page.getByRole('radio', { name: 'Table' }).click();
  const frontend = page.getByRole('table', { name: /^Workloads view:/ }).getByRole('row').filter({ has: page.getByRole('button', { name: /^Open Deployment shop\/frontend,/ }) });
  await expect(frontend.getByRole('cell').nth(4)).toHaveText(/^\d+\/6$/, { timeout: 30_000 });
});

test('a node opens its details; the keyboard moves between nodes', async ({ page }) => {
  await openTopology(page);
  await waitForShop(page);
  const all = Number(/: (\d+) nodes/.exec((await description(page).textContent())!)?.[1]);
  await page.getByRole('searchbox', { name: 'Find in map' }).fill('cart');
  const shown = () => description(page).textContent().then((t) => Number(/: (\d+) nodes?/.exec(t ?? '')?.[1] ?? 0));
  await expect.poll(shown).toBeLessThan(all);
  expect(await shown()).toBeGreaterThan(0);
  await expect(map(page)).toHaveAttribute('data-stable', 'true');
  await canvas(page).focus();
  await page.keyboard.press('Tab');
  const announced = page.getByTestId('topology-focus');
  await expect(announced).toHaveText(/cart/);
  const point = await map(page).getAttribute('data-focus-point');
  expect(point).toMatch(/^-?\d+,-?\d+$/);
  const [x, y] = point!.split(',').map(Number) as [number, number];
  await canvas(page).click({ position: { x, y } });
  const inspector = page.getByRole('complementary', { name: /^Inspector: / });
  await expect(inspector).toBeVisible();
  await expect(inspector.getByRole('heading', { name: /^Relations \(\d+\)$/ })).toBeVisible({ timeout: 15_000 });
  await expect(inspector.getByRole('heading', { name: 'Recent events' })).toBeVisible();
  await page.screenshot({ path: 'test-results/topology-inspector.png' });
  // A relation moves the focus to that object and opens it.
  const relation = inspector.getByRole('list', { name: 'Relations' }).getByRole('button').first();
  const target = (await relation.textContent())!;
  await relation.click();
  await expect(inspector).toHaveAccessibleName(new RegExp(`Inspector: ${target.split(' ')[0]}`));
});

test('zooming in on a workload unfolds it into its pods; zooming out folds it again', async ({ page }) => {
  await openTopology(page);
  await waitForShop(page);
  const shown = () => description(page).textContent().then((t) => Number(/: (\d+) nodes?/.exec(t ?? '')?.[1] ?? 0));
  const all = await shown();
  await page.getByRole('searchbox', { name: 'Find in map' }).fill('frontend');
  await expect.poll(shown).toBeLessThan(all);
  await expect(map(page)).toHaveAttribute('data-stable', 'true');
  await page.getByRole('button', { name: 'Fit map' }).click();
  const folded = await shown();
  expect(folded).toBeGreaterThan(0);
  // Find the frontend's group with the keyboard, then zoom about it with the wheel.
  await canvas(page).focus();
  const announced = page.getByTestId('topology-focus');
  for (let i = 0; i < folded && !/^Deployment shop\/frontend,.* objects/.test((await announced.textContent()) ?? ''); i++) await page.keyboard.press('Tab');
  await expect(announced).toHaveText(/^Deployment shop\/frontend,.* objects/);
  const [x, y] = (await map(page).getAttribute('data-focus-point'))!.split(',').map(Number) as [number, number];
  const box = (await canvas(page).boundingBox())!;
  await page.mouse.move(box.x + x, box.y + y);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -300);
  await expect.poll(shown, { timeout: 15_000 }).toBeGreaterThan(folded);
  await expect(description(page)).toHaveText(/^Workloads view: \d+ nodes, \d+ edges, live$/);
  await page.getByRole('button', { name: 'Fit map' }).click();
  await expect.poll(shown, { timeout: 15_000 }).toBe(folded);
});

test('the table view lists the same objects as the map', async ({ page }) => {
  await openTopology(page);
  const deployments = await waitForShop(page);
  const text = (await description(page).textContent())!;
  const nodes = Number(/: (\d+) nodes/.exec(text)?.[1]);
  await page.getByRole('radio', { name: 'Table' }).click();
  const table = page.getByRole('table', { name: /^Workloads view:/ });
  await expect(table).toHaveAttribute('aria-rowcount', String(nodes + 1));
  for (const name of deployments) await expect(table.getByRole('button', { name: new RegExp(`^Open Deployment shop/${name},`) })).toBeVisible();
});
