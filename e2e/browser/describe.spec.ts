/**
 * Describe end to end on the demo host (browser mode + the sim's `demo` scenario) through
 * Chromium: a pod opened from the Workloads table shows kubectl's describe text in the inspector,
 * and its Controlled By link moves the inspector to the ReplicaSet; rows open from the keyboard;
 * a deleted object gets kubectl's NotFound text. Names come from the sim through
 * kubectl; every step waits for a condition.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { useDemoHost } from '../support/demo-host';
import { expect, test } from './fixtures';

const demo = useDemoHost('demo');
const kubectl = demo.kubectl;



const inspector = (page: Page, title: string): Locator => page.getByRole('complementary', { name: `Inspector: ${title}` });
const pods = (page: Page): Locator => page.getByRole('table', { name: /^Pods: \d+ rows? \(/ });

async function openApp(page: Page): Promise<string> {
  const admin = await demo.openConnected(page, { status: /Connected|Degraded/ });
  await page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: 'Workloads' }).click();
  await page.getByRole('tablist', { name: 'Workload kinds' }).getByRole('tab', { name: 'Pods' }).click();
  await expect(pods(page)).toBeVisible();
  return admin;
}

/** A running frontend pod and the ReplicaSet that controls it, as the API server has them. */
async function frontendPod(): Promise<{ pod: string; replicaSet: string }> {
  const running = () =>
    kubectl(
      'get', 'pods', '-n', 'shop', '-l', 'app=frontend', '--field-selector=status.phase=Running',
      '-o', 'jsonpath={range .items[*]}{.metadata.name} {.metadata.ownerReferences[?(@.controller==true)].name}{"\\n"}{end}',
    ).trim();
  // The demo's pods start a few seconds after the sim does.
  await expect.poll(running, { timeout: 30_000 }).not.toBe('');
  const [pod, replicaSet] = running().split('\n')[0]!.split(' ');
  return { pod: pod!, replicaSet: replicaSet! };
}

test('a pod opened from the table is described, and Controlled By moves the inspector to its ReplicaSet', async ({ page }) => {
  const admin = await openApp(page);
  const { pod, replicaSet } = await frontendPod();

  await pods(page).locator(`tbody tr[data-key="${admin}/pods/shop/${pod}"]`).click();
  const podDrawer = inspector(page, `Pod shop/${pod}`);
  await expect(podDrawer).toBeVisible();
  await podDrawer.getByRole('tab', { name: 'Describe' }).click();
  const text = podDrawer.getByLabel('Describe output');
  await expect(text).toContainText(new RegExp(`Name: +${pod}`), { timeout: 20_000 });
  await expect(text).toContainText(/Controlled By: +ReplicaSet\//);
  await expect(text).toContainText('Events:');
  // The open row is marked, and the describe view (links included) passes axe.
  await expect(pods(page).locator(`tbody tr[data-key="${admin}/pods/shop/${pod}"]`)).toHaveClass(/row-open/);
  const axe = await new AxeBuilder({ page }).include('aside').withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await text.getByRole('button', { name: `ReplicaSet/${replicaSet}`, exact: true }).click();
  const rsDrawer = inspector(page, `ReplicaSet shop/${replicaSet}`);
  await expect(rsDrawer).toBeVisible();
  await expect(rsDrawer.getByLabel('Describe output')).toContainText(new RegExp(`Name: +${replicaSet}`), { timeout: 20_000 });
  await expect(rsDrawer.getByLabel('Describe output')).toContainText(/Controlled By: +Deployment\/frontend/);
});

test('rows open from the keyboard too, and a missing object says so in kubectl’s words', async ({ page }) => {
  const admin = await openApp(page);
  const { pod } = await frontendPod();
  const row = pods(page).locator(`tbody tr[data-key="${admin}/pods/shop/${pod}"]`);
  await row.click();
  await expect(inspector(page, `Pod shop/${pod}`)).toBeVisible();
  await page.getByRole('button', { name: 'Close inspector' }).click();

  await row.focus();
  await page.keyboard.press('Enter');
  const drawer = inspector(page, `Pod shop/${pod}`);
  await expect(drawer).toBeVisible();
  await drawer.getByRole('tab', { name: 'Describe' }).click();
  await expect(drawer.getByLabel('Describe output')).toContainText(new RegExp(`Name: +${pod}`), { timeout: 20_000 });

  kubectl('delete', 'pod', '-n', 'shop', pod, '--grace-period=0', '--force', '--wait=false');
  await expect
    .poll(() => kubectl('get', 'pods', '-n', 'shop', '--field-selector', `metadata.name=${pod}`, '--no-headers', '--ignore-not-found').trim(), { timeout: 60_000 })
    .toBe('');
  await drawer.getByRole('button', { name: 'Refresh' }).click();
  await expect(drawer.getByRole('alert')).toHaveText(`Error from server (NotFound): pods "${pod}" not found`, { timeout: 20_000 });
});
