/**
 * Frames per second of the Logs view in Chromium while it streams: opens browser mode, connects the
 * cluster, follows a query in the Logs view and counts requestAnimationFrame callbacks.
 */
import { chromium } from 'playwright-core';

export interface FpsResult {
  fps: number;
  /** Lines the view said it holds when the measurement ended (its status sentence). */
  status: string;
  /** What was measured, when the Logs view could not be driven. */
  note?: string;
}

export async function measureViewerFps(url: string, context: string, query: string, seconds: number): Promise<FpsResult> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    const rail = page.getByRole('navigation', { name: 'Clusters' });
    const item = rail.getByRole('listitem', { name: context, exact: true });
    const connect = item.getByRole('button', { name: `Connect ${context}`, exact: true });
    await item.waitFor({ timeout: 20_000 });
    // The bench's own client may have connected the cluster already.
    if (await connect.isVisible()) await connect.click();
    await item.getByTestId('context-status').filter({ hasText: 'Connected' }).waitFor({ timeout: 30_000 });
    let note: string | undefined;
    let statusText = '';
    try {
      await page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: 'Logs' }).click({ timeout: 10_000 });
      const input = page.getByRole('textbox', { name: 'Follow query (stern syntax)' });
      await input.fill(query, { timeout: 10_000 });
      await input.press('Enter');
      const status = page.getByRole('status', { name: 'Logs status' });
      await status.filter({ hasText: /^Following .*[1-9][\d,]* lines/ }).waitFor({ timeout: 30_000 });
    } catch (err) {
      note = `the Logs view could not be driven (${err instanceof Error ? err.message.split('\n')[0] : String(err)}): fps measured on the page as it is`;
    }
    // Runs in the page (a string: this module is compiled without DOM types).
    const fps = await page.evaluate<number>(`new Promise((resolve) => {
      let frames = 0;
      const start = performance.now();
      const tick = (t) => {
        frames++;
        if (t - start < ${seconds * 1000}) requestAnimationFrame(tick);
        else resolve((frames * 1000) / (t - start));
      };
      requestAnimationFrame(tick);
    })`);
    statusText = (await page.getByRole('status', { name: 'Logs status' }).textContent({ timeout: 2_000 }).catch(() => '')) ?? '';
    return { fps, status: statusText, ...(note ? { note } : {}) };
  } finally {
    await browser.close();
  }
}
