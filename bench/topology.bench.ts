/**
 * `npm run bench -- topology [--scenario=large] [--no-build]`: the live map in browser mode, driven
 * through Chromium (playwright-core, /usr/bin/chromium) against the simulator's `large` scenario
 * (10,000 pods, 2,000 workloads). In one run:
 * - first stable frame: page navigation → the first frame drawn after the layout settled (the
 *   `topology:first-stable-frame` mark), with the cluster already connected; median of 3 loads;
 * - main-thread time per update: Pause, scale 100 deployments through the API (kubectl), wait
 *   for ≥ 100 pending changes, Resume — one update of them all — measured as the UI thread's busy
 *   time handling it and drawing it (`topology:update` measures); then, in the Pods view (every pod
 *   a node), the median and p95 of the live updates while the same deployments scale down and up;
 * - pan/zoom frames per second (requestAnimationFrame, wheel events each frame) over the whole map
 *   and zoomed in where labels show, paused like the baseline (no updates); `fps` is the lower;
 *   also while live and in the Pods view;
 * - worker ms per layout tick (first layout; Pods view) and the mean displacement of unchanged
 *   nodes per update that moved anything, in node radii (`topology:settled` marks);
 * - the naive baseline on the very same graph: d3-force on the main thread + one SVG element per
 *   node and edge, its first stable frame and pan/zoom fps.
 */
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startHostProcess, type HostProcess } from '../e2e/support/host-process';
import { connectRenderer, synced, type RendererClient } from './cache/renderer-client';
import { viewGraphFromHost } from './topology/host-graph';
import { startNaiveServer, type NaiveServer } from './topology/naive-server';
import { panZoomProbe, zoomInScript } from './topology/page-scripts';
import { printTable } from './table';

const TARGETS = { first_frame_ms: 3_000, update_main_ms: 50, fps: 55, drift_radius: 1 } as const;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const VIEWPORT = { width: 1400, height: 900 };
const SCALED = 100;
const PAN_MS = 4_000;

const started = performance.now();
const step = (what: string) => process.stderr.write(`topology bench [${((performance.now() - started) / 1000).toFixed(1)} s]: ${what}\n`);
const round = (x: number, digits = 1) => Number(x.toFixed(digits));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

interface PanResult {
  fps: number;
  p95FrameMs: number;
  frames: number;
}

interface SettledStats {
  tickMs: number;
  ticks: number;
  nodes: number;
  edges: number;
  driftRadius?: number;
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const scenario = args.find((a) => a.startsWith('--scenario='))?.split('=')[1] ?? 'large';
  const outDir = process.env.LOUPE_OUT_DIR ?? 'out';
  if (!args.includes('--no-build')) {
    step(`building the renderer into ${outDir}/`);
    execFileSync('npx', ['electron-vite', 'build'], { env: { ...process.env, LOUPE_OUT_DIR: outDir }, stdio: ['ignore', 2, 2] });
  }
  let host: HostProcess | undefined;
  let client: RendererClient | undefined;
  let browser: Browser | undefined;
  let naive: NaiveServer | undefined;
  let kubeconfig: string | undefined;
  let scaled: Array<[string, string]> = [];
  let context = '';
  let restoreReplicas = 0;
  try {
    step(`starting the sim (${scenario}) and browser mode`);
    host = await startHostProcess('electron/demo.ts', ['--scenario', scenario], 300_000);
    client = await connectRenderer({ port: host.port, origin: host.origin, token: host.token, cookieName: `loupe_${host.port}` });
    context = scenario;
    step(`connecting ${context} and waiting for its cache`);
    const connected = await client.api.clusters.connect({ context });
    step(`clusters.connect: ${connected.phase}${connected.reason ? ` (${connected.reason})` : ''}`);
    await waitFor(() => synced(client!.statuses.get(context)), 240_000, 'the cluster cache to sync').catch((error: Error) => {
      const status = client!.statuses.get(context);
      throw new Error(`${error.message}: ${status?.phase} (${status?.reason ?? ''}), unsynced ${status?.kinds.filter((k) => !k.synced).map((k) => k.kind).join(', ')}`);
    });
    const graph = await viewGraphFromHost(client.api, [context], 'workloads');
    step(`workloads view: ${graph.nodes.length} nodes, ${graph.edges.length} edges`);

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: VIEWPORT });
    page.on('pageerror', (e) => step(`pageerror: ${e.message}`));

    step('Loupe: first stable frame (3 loads)');
    const firstFrames: number[] = [];
    for (let i = 0; i < 3; i++) {
      if (i === 0) await page.goto(host.url);
      else await page.reload();
      firstFrames.push(await markTime(page, 'topology:first-stable-frame', 120_000));
      step(`  load ${i + 1}: ${round(firstFrames.at(-1)!, 0)} ms`);
    }
    const settledAfterLoad = await lastSettled(page);
    kubeconfig = (await page.locator('h3[data-path]').first().getAttribute('data-path')) ?? undefined;
    if (!kubeconfig) throw new Error('the rail shows no kubeconfig path');
    const kubectl = (...a: string[]) => execFileSync('kubectl', ['--kubeconfig', kubeconfig!, '--context', context, ...a], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });

    step('Loupe: pan/zoom fps (paused, as the baseline: no updates), zoomed out then in; then live');
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('button', { name: 'Fit map' }).click();
    await page.evaluate(() => performance.clearMeasures('topology:draw'));
    const overview = (await page.evaluate(panZoomProbe('.topology-canvas', PAN_MS, 40))) as PanResult;
    // Frames in a gesture re-use the last full draw; what a full draw costs, once the gesture rests:
    await page.getByRole('button', { name: 'Fit map' }).click();
    await page.waitForFunction(() => performance.getEntriesByName('topology:draw').length > 0);
    const fullDraws = await measureDurations(page, 'topology:draw');
    await page.evaluate(zoomInScript('.topology-canvas', 12));
    const detail = (await page.evaluate(panZoomProbe('.topology-canvas', PAN_MS, 4))) as PanResult;
    await page.screenshot({ path: 'test-results/topology-large-detail.png' });
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('button', { name: 'Fit map' }).click();
    const live = (await page.evaluate(panZoomProbe('.topology-canvas', PAN_MS, 40))) as PanResult;
    await page.getByRole('button', { name: 'Fit map' }).click();
    await page.screenshot({ path: 'test-results/topology-large.png' });

    // The 100 deployments to scale: the first workloads of the first namespaces, by name.
    const all = kubectl('get', 'deployments', '-A', '-o', 'jsonpath={range .items[*]}{.metadata.namespace} {.metadata.name} {.spec.replicas}{"\\n"}{end}')
      .trim()
      .split('\n')
      .map((l) => l.split(' ') as [string, string, string])
      .sort((x, y) => x[0].localeCompare(y[0]) || x[1].localeCompare(y[1]));
    const picked = all.slice(0, SCALED);
    const replicas = Number(picked[0]![2]);
    scaled = picked.map(([ns, name]) => [ns, name]);
    restoreReplicas = replicas;
    const scaleTo = (n: number) => {
      for (const ns of new Set(scaled.map(([n0]) => n0))) {
        kubectl('scale', 'deployment', '-n', ns, `--replicas=${n}`, ...scaled.filter(([n0]) => n0 === ns).map(([, name]) => name));
      }
    };
    const expectedPods = (n: number) => all.length * replicas + picked.length * (n - replicas);
    const podCount = () => kubectl('get', 'pods', '-A', '--no-headers', '-o', 'name').trim().split('\n').filter(Boolean).length;

    step(`paused: scaling ${picked.length} deployments (${replicas} → ${replicas + 1} replicas), then Resume`);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByText(/paused, 0 changes pending/).waitFor();
    await clearTimeline(page);
    scaleTo(replicas + 1);
    await waitFor(async () => (await pendingCount(page)) >= SCALED, 120_000, `${SCALED} pending changes`);
    await settleBurst(page);
    const pending = await pendingCount(page);
    await page.getByRole('button', { name: 'Resume' }).click();
    const resumeMs = await measureDuration(page, 'topology:update', 30_000);
    step(`  Resume applied ${pending} changed objects: ${round(resumeMs)} ms on the UI thread`);
    await waitFor(() => podCount() >= expectedPods(replicas + 1), 120_000, 'the new pods');
    await quiet(page, 'topology:update', 2_000);

    step('Loupe, Pods view (every pod a node): layout, then live scaling down and up again');
    await clearTimeline(page);
    await page.getByRole('combobox', { name: 'View' }).selectOption('pods');
    await waitFor(async () => ((await lastSettled(page))?.nodes ?? 0) > graph.nodes.length, 120_000, 'the Pods view to settle');
    const podsLayout = (await lastSettled(page))!;
    const podsFps = (await page.evaluate(panZoomProbe('.topology-canvas', PAN_MS, 40))) as PanResult;
    await clearTimeline(page);
    scaleTo(replicas);
    await waitFor(() => podCount() <= expectedPods(replicas), 120_000, 'the extra pods to go');
    scaleTo(replicas + 1);
    await waitFor(() => podCount() >= expectedPods(replicas + 1), 120_000, 'the new pods');
    await quiet(page, 'topology:update', 2_000);
    const liveUpdates = await measureDurations(page, 'topology:update');
    const drifts = (await settledStats(page)).map((st) => st.driftRadius).filter((d): d is number => d !== undefined);
    const moved = drifts.filter((d) => d > 0);
    await page.screenshot({ path: 'test-results/topology-large-pods.png' });

    step('naive baseline: d3-force on the main thread + one SVG element per node');
    naive = await startNaiveServer(graph);
    const naivePage = await browser.newPage({ viewport: VIEWPORT });
    await naivePage.goto(naive.url);
    const naiveFirst = await markTime(naivePage, 'naive:first-stable-frame', 900_000);
    const naiveTickMs = Number(await naivePage.locator('body').getAttribute('data-tick-ms'));
    const naivePan = (await naivePage.evaluate(panZoomProbe('#svg', PAN_MS, 40))) as PanResult;

    const figures = {
      scenario,
      nodes: graph.nodes.length,
      edges: graph.edges.length,
      first_frame_ms: round(median(firstFrames), 0),
      update_main_ms: round(resumeMs),
      update_changes: pending,
      live_update_p95_ms: round(percentile(liveUpdates, 95)),
      live_update_median_ms: round(median(liveUpdates)),
      live_updates: liveUpdates.length,
      fps: round(Math.min(overview.fps, detail.fps)),
      fps_overview: round(overview.fps),
      fps_detail: round(detail.fps),
      fps_live: round(live.fps),
      fps_pods_view: round(podsFps.fps),
      frame_p95_ms: round(Math.max(overview.p95FrameMs, detail.p95FrameMs)),
      full_draw_ms: round(median(fullDraws)),
      tick_ms: round(settledAfterLoad?.tickMs ?? NaN, 2),
      ticks_first_layout: settledAfterLoad?.ticks ?? 0,
      pods_view_nodes: podsLayout.nodes,
      pods_view_tick_ms: round(podsLayout.tickMs, 2),
      drift_radius: round(moved.length ? moved.reduce((x, y) => x + y, 0) / moved.length : 0, 3),
      drift_updates: moved.length,
      naive_first_frame_ms: round(naiveFirst, 0),
      naive_tick_ms: round(naiveTickMs, 2),
      naive_fps: round(naivePan.fps),
    };
    printTable(`Topology, ${scenario}: ${figures.nodes} nodes, ${figures.edges} edges (workloads view) — Loupe vs naive`, [
      ['first stable frame (median of 3)', `${figures.first_frame_ms} ms  (naive ${figures.naive_first_frame_ms} ms, ×${round(figures.naive_first_frame_ms / figures.first_frame_ms)}; target ≤ ${TARGETS.first_frame_ms})`],
      ['UI thread, Resume of one batch', `${figures.update_main_ms} ms for ${pending} changed objects  (target ≤ ${TARGETS.update_main_ms})`],
      ['UI thread per live update', `median ${figures.live_update_median_ms} ms, p95 ${figures.live_update_p95_ms} ms over ${figures.live_updates} updates (Pods view)`],
      ['pan/zoom fps (overview, detail)', `${figures.fps_overview}, ${figures.fps_detail}  (naive ${figures.naive_fps}; target ≥ ${TARGETS.fps})`],
      ['full redraw of the overview (UI thread)', `${figures.full_draw_ms} ms (median of ${fullDraws.length}); frames within a gesture re-use it, transformed`],
      ['pan/zoom fps while live; Pods view', `${figures.fps_live}; ${figures.fps_pods_view} (${figures.pods_view_nodes} nodes)`],
      ['worker ms per tick', `${figures.tick_ms} (${figures.ticks_first_layout} ticks); Pods view ${figures.pods_view_tick_ms}  (naive ${figures.naive_tick_ms} ms per tick incl. SVG)`],
      ['drift of unchanged nodes', `${figures.drift_radius} node radii, mean over ${figures.drift_updates} updates that moved anything  (target < ${TARGETS.drift_radius})`],
    ]);
    return figures;
  } finally {
    if (scaled.length && kubeconfig) {
      for (const ns of new Set(scaled.map(([n]) => n))) {
        const names = scaled.filter(([n]) => n === ns).map(([, name]) => name);
        execFileSync('kubectl', ['--kubeconfig', kubeconfig, '--context', context, 'scale', 'deployment', '-n', ns, `--replicas=${restoreReplicas}`, ...names]);
      }
    }
    await browser?.close();
    await naive?.close();
    client?.close();
    await host?.stop();
  }
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** When a performance mark was first set, in ms since the page's navigation. */
async function markTime(page: Page, name: string, timeoutMs: number): Promise<number> {
  await page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout: timeoutMs, polling: 100 });
  return page.evaluate((n) => performance.getEntriesByName(n)[0]!.startTime, name);
}

async function measureDuration(page: Page, name: string, timeoutMs: number): Promise<number> {
  await page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout: timeoutMs, polling: 50 });
  return page.evaluate((n) => performance.getEntriesByName(n)[0]!.duration, name);
}

async function measureDurations(page: Page, name: string): Promise<number[]> {
  return page.evaluate((n) => performance.getEntriesByName(n).map((e) => e.duration), name);
}

async function clearTimeline(page: Page): Promise<void> {
  await page.evaluate(() => {
    performance.clearMeasures('topology:update');
    performance.clearMarks('topology:settled');
  });
}

async function settledStats(page: Page): Promise<SettledStats[]> {
  return page.evaluate(() => performance.getEntriesByName('topology:settled').map((e) => (e as unknown as { detail: SettledStats }).detail));
}

async function lastSettled(page: Page): Promise<SettledStats | undefined> {
  return (await settledStats(page)).at(-1);
}

async function pendingCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('topology-description').textContent()) ?? '';
  return Number(/paused, (\d+) changes? pending/.exec(text)?.[1] ?? 0);
}

/** Waits until the pending count stops growing for a second: the burst has arrived. */
async function settleBurst(page: Page): Promise<void> {
  let last = -1;
  let stableSince = performance.now();
  await waitFor(async () => {
    const n = await pendingCount(page);
    if (n !== last) {
      last = n;
      stableSince = performance.now();
    }
    return performance.now() - stableSince > 1_000;
  }, 60_000, 'the pending count to settle');
}

/** Waits until no new entry of `name` appeared for `quietMs`. */
async function quiet(page: Page, name: string, quietMs: number): Promise<void> {
  let last = -1;
  let since = performance.now();
  await waitFor(async () => {
    const n = await page.evaluate((m) => performance.getEntriesByName(m).length, name);
    if (n !== last) {
      last = n;
      since = performance.now();
    }
    return performance.now() - since > quietMs;
  }, 120_000, `${name} to go quiet`);
}
