/**
 * Logs end to end: the demo host (browser mode + the simulator's `demo` scenario) through Chromium.
 * Follow `deploy/frontend` in shop, see lines of each of its pods, search, filter, pause by
 * scrolling up and follow again. Pod names come from the sim through `kubectl`, never constants.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { useDemoHost } from '../support/demo-host';
import { expect, test } from './fixtures';

const demo = useDemoHost('demo');
const kubectl = demo.kubectl;



const lines = (page: Page): Locator => page.getByRole('log', { name: /^Log lines/ });
const status = (page: Page): Locator => page.getByRole('status', { name: 'Logs status' });
const lineTexts = (page: Page): Promise<string[]> => lines(page).locator('[data-kind="line"] .log-text').allTextContents();

/** The number before "lines" in the view's status sentence. */
async function shownLines(page: Page): Promise<number> {
  const match = /, ([\d,]+) lines?/.exec((await status(page).textContent()) ?? '');
  return match ? Number(match[1]!.replaceAll(',', '')) : -1;
}

async function openLogs(page: Page): Promise<string> {
  const context = await demo.openConnected(page);
  await page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: 'Logs' }).click();
  return context;
}

test('follows deploy/frontend across its pods; search, filter, pause and follow', async ({ page }) => {
  await openLogs(page);
  await expect(status(page)).toHaveText(/^Not following anything/);

  // A bad query names the bad token and follows nothing.
  const query = page.getByRole('textbox', { name: 'Follow query (stern syntax)' });
  await query.fill('deploy/frontend --since 5x');
  await query.press('Enter');
  await expect(page.getByRole('alert')).toContainText('"5x" is not a duration');

  await query.fill('deploy/frontend -n shop');
  await query.press('Enter');
  await expect(page.getByRole('alert')).toHaveCount(0);
  const pods = kubectl('get', 'pods', '-n', 'shop', '-l', 'app=frontend', '-o', 'jsonpath={.items[*].metadata.name}').split(' ').filter(Boolean);
  expect(pods.length).toBeGreaterThan(1);
  await expect(status(page)).toHaveText(new RegExp(`^Following deploy/frontend in shop: ${pods.length} pods, ${pods.length} streams, [\\d,]+ lines`), { timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'Rollout of deploy/frontend' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Rollout verdict for deploy/frontend' })).toHaveText(/Ready|Progressing/);

  // Lines of every frontend pod, interleaved by time: the sources shown are those pods.
  await expect.poll(() => shownLines(page), { timeout: 20_000 }).toBeGreaterThan(60);
  const sourcePods = () => lines(page).locator('[data-kind="line"] .log-source').evaluateAll((els) => els.map((el) => el.getAttribute('data-pod') ?? ''));
  for (const pod of await sourcePods()) expect(pods).toContain(pod);
  await expect.poll(async () => new Set(await sourcePods()).size, { timeout: 20_000 }).toBeGreaterThan(1);
  const times = await lines(page).locator('time').evaluateAll((els) => els.map((el) => el.getAttribute('datetime') ?? ''));
  expect(times).toEqual([...times].sort());

  // Search: highlights, a count, and next moves to a match (which pauses following).
  const search = page.getByRole('searchbox', { name: 'Search logs' });
  await search.fill('GET');
  await expect(page.getByRole('status', { name: 'Search matches' })).toHaveText(/^[\d,]+ matches$/);
  await expect(lines(page).locator('mark.log-mark-match').first()).toBeVisible();
  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(page.getByRole('status', { name: 'Search matches' })).toHaveText(/^1 of [\d,]+ matches$/);
  await expect(lines(page).locator('mark.log-mark-current').first()).toHaveText('GET');
  await expect(status(page)).toContainText('paused');
  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(page.getByRole('status', { name: 'Search matches' })).toHaveText(/^2 of [\d,]+ matches$/);
  await search.fill('');

  // Include, then exclude: every line shown obeys the filter.
  const include = page.getByRole('searchbox', { name: 'Only lines matching' });
  await include.fill('POST');
  const allShown = async (test: (text: string) => boolean) => {
    const texts = await lineTexts(page);
    return texts.length > 0 && texts.every(test);
  };
  await expect.poll(() => allShown((t) => t.includes('POST'))).toBe(true);
  await expect(status(page)).toContainText('kept, the rest filtered out');
  await include.fill('');
  const exclude = page.getByRole('searchbox', { name: 'Hide lines matching' });
  await exclude.fill('GET');
  await expect.poll(() => allShown((t) => !t.includes('GET'))).toBe(true);
  await exclude.fill('(');
  await expect(page.getByRole('alert')).toContainText('Hide lines matching');
  await exclude.fill('');

  // Follow from the bottom, then scroll up: following stops and new lines are counted.
  await page.getByRole('button', { name: /^Follow( \(|$)/ }).click();
  await expect(status(page)).not.toContainText('paused');
  await lines(page).hover();
  await page.mouse.wheel(0, -3000);
  await expect(status(page)).toContainText('paused');
  const followButton = page.getByRole('button', { name: /^Follow \([\d,]+ new lines?\)$/ });
  await expect(followButton).toBeVisible({ timeout: 15_000 });
  const scrollTop = await lines(page).evaluate((el) => el.scrollTop);
  await expect.poll(() => shownLines(page)).toBeGreaterThan(0);
  expect(await lines(page).evaluate((el) => el.scrollTop)).toBe(scrollTop);
  await followButton.click();
  await expect(status(page)).not.toContainText('paused');
  await expect(followButton).toHaveCount(0);
  await expect.poll(() => lines(page).evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThanOrEqual(8);

  // Scrolling back down to the bottom follows again, as does End on the focused viewer.
  await page.mouse.wheel(0, -600);
  await expect(status(page)).toContainText('paused');
  await page.mouse.wheel(0, 5_000);
  await expect(status(page)).not.toContainText('paused');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status(page)).toContainText('paused');
  await lines(page).press('End');
  await expect(status(page)).not.toContainText('paused');
});

test('the stream list says what each stream does and hides a pod’s lines on request', async ({ page }) => {
  await openLogs(page);
  const query = page.getByRole('textbox', { name: 'Follow query (stern syntax)' });
  await query.fill('deploy/frontend -n shop');
  await query.press('Enter');
  const streams = page.getByRole('region', { name: 'Streams' });
  const first = streams.getByRole('checkbox').first();
  await expect(first).toBeChecked({ timeout: 20_000 });
  const name = ((await first.getAttribute('aria-label')) ?? '').replace(/^Show /, '');
  const pod = name.split('/')[0]!;
  await expect(streams.getByText('streaming').first()).toBeVisible({ timeout: 20_000 });
  const sourcePods = () => lines(page).locator('[data-kind="line"] .log-source').evaluateAll((els) => els.map((el) => el.getAttribute('data-pod') ?? ''));
  await expect.poll(async () => (await sourcePods()).includes(pod), { timeout: 20_000 }).toBe(true);
  await first.uncheck();
  await expect.poll(async () => (await sourcePods()).includes(pod)).toBe(false);
  await first.check();

  // Every control has a name and the view passes axe, in both themes.
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    const results = await new AxeBuilder({ page }).include('#panel-logs').withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(results.violations.map((v) => `${theme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
});

test('streams beyond the per-cluster limit wait, and the view says how many', async ({ page }) => {
  await openLogs(page);
  const query = page.getByRole('textbox', { name: 'Follow query (stern syntax)' });
  await query.fill('deploy/frontend -n shop');
  await query.press('Enter');
  const streams = page.getByRole('region', { name: 'Streams' });
  const pods = kubectl('get', 'pods', '-n', 'shop', '-l', 'app=frontend', '-o', 'name').split('\n').filter(Boolean).length;
  await expect(streams.locator('[data-state="streaming"]')).toHaveCount(pods, { timeout: 20_000 });

  // A limit of one: the next follow runs one stream and says the others wait.
  await streams.getByRole('spinbutton', { name: 'Streams per cluster' }).fill('1');
  await streams.getByRole('button', { name: 'Set limit' }).click();
  await query.press('Enter');
  await expect(status(page)).toContainText(`${pods - 1} streams waiting (limit 1 per cluster`, { timeout: 20_000 });
  await expect(streams.locator('[data-state="waiting"]')).toHaveCount(pods - 1);

  // Letting them in: every stream runs and the notice goes.
  await streams.getByRole('button', { name: `Allow ${pods} streams per cluster` }).click();
  await expect(streams.locator('[data-state="streaming"]')).toHaveCount(pods, { timeout: 20_000 });
  await expect(status(page)).not.toContainText('waiting');
  await streams.getByRole('spinbutton', { name: 'Streams per cluster' }).fill('50');
  await streams.getByRole('button', { name: 'Set limit' }).click();
  await expect(streams.getByRole('alert')).toHaveCount(0);
});
