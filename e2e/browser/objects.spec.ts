/**
 * Editing and acting on objects end to end: the demo host (browser mode + the sim's `small`
 * scenario) through Chromium. A deployment is opened from its table row, its YAML edited in Monaco,
 * dry-run and applied, and the table shows the new count; the viewer sees Scale disabled with the
 * RBAC reason; read-only mode disables writes. Expected values come from the sim through kubectl.
 */
import type { Locator, Page } from '@playwright/test';
import { useDemoHost } from '../support/demo-host';
import { expect, test } from './fixtures';

// The demo keeps its settings (read-only mode among them) beside its kubeconfig, never in the user's.
const demo = useDemoHost('small');
const kubectl = demo.kubectl;

const rail = (page: Page): Locator => page.getByRole('navigation', { name: 'Clusters' });
const entry = (page: Page, context: string): Locator => rail(page).getByRole('listitem', { name: context, exact: true });
const deployments = (page: Page): Locator => page.getByRole('table', { name: /^Deployments: \d+ rows? \(/ });
const inspector = (page: Page, title: string): Locator => page.getByRole('complementary', { name: `Inspector: ${title}` });

async function openApp(page: Page): Promise<{ admin: string; viewer: string }> {
  page.on('pageerror', (e) => console.log(`pageerror: ${e.message}`));
  await page.goto(demo.url);
  await expect(page.getByTestId('host-status')).toHaveText('Connected to browser mode via WebSocket');
  return demo.contexts;
}

async function ensureConnected(page: Page, context: string): Promise<void> {
  const item = entry(page, context);
  await expect(item).toBeVisible();
  const connect = item.getByRole('button', { name: `Connect ${context}`, exact: true });
  if (await connect.isVisible()) await connect.click();
  await expect(item.getByTestId('context-status')).toHaveText(/Connected|Degraded/, { timeout: 30_000 });
}

async function openDeployment(page: Page, context: string, namespace: string, name: string): Promise<Locator> {
  await page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: 'Workloads' }).click();
  await page.getByRole('tablist', { name: 'Workload kinds' }).getByRole('tab', { name: 'Deployments' }).click();
  const row = deployments(page).locator(`tbody tr[data-key="${context}/deployments/${namespace}/${name}"]`);
  await row.click();
  const drawer = inspector(page, `Deployment ${namespace}/${name}`);
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole('heading', { level: 2 })).toContainText(context);
  return drawer;
}

/** Selects the number of the first `replicas: ` (spec comes before status) with Monaco's find, as a user would. */
async function selectSpecReplicas(page: Page, editor: Locator): Promise<void> {
  await editor.locator('.monaco-editor textarea').focus();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+f');
  await page.keyboard.type('replicas: ');
  await expect(page.getByRole('alert').filter({ hasText: /1 of \d+ found for 'replicas: '/ })).toBeAttached();
  await page.keyboard.press('Escape');
  await page.keyboard.press('End');
  await page.keyboard.press('Control+Shift+ArrowLeft');
}

test('YAML edit: change replicas, dry run shows the verdict, apply reaches the table', async ({ page }) => {
  const { admin } = await openApp(page);
  await ensureConnected(page, admin);
  const before = Number(kubectl('get', 'deployment', 'cart', '-n', 'shop', '-o', 'jsonpath={.spec.replicas}'));
  const after = before + 1;
  const drawer = await openDeployment(page, admin, 'shop', 'cart');

  await drawer.getByRole('tab', { name: 'YAML' }).click();
  const editor = drawer.getByTestId('yaml-editor');
  await expect(editor).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
  await expect(editor).toContainText('kind: Deployment');
  await expect(drawer.getByRole('checkbox', { name: 'Show managedFields' })).not.toBeChecked();

  await drawer.getByRole('button', { name: 'Edit', exact: true }).click();
  await selectSpecReplicas(page, editor);
  await page.keyboard.type(String(after));

  await drawer.getByRole('button', { name: 'Review diff' }).click();
  await expect(drawer.getByTestId('yaml-diff')).toBeVisible();
  await drawer.getByRole('button', { name: 'Back to editor' }).click();

  await drawer.getByRole('button', { name: 'Dry run', exact: true }).click();
  const verdict = drawer.getByRole('status').filter({ hasText: 'Dry run passed' });
  await expect(verdict).toBeVisible();
  await expect(drawer.getByRole('list', { name: 'Fields that would change' })).toContainText(`spec.replicas ${before} → ${after}`);
  expect(Number(kubectl('get', 'deployment', 'cart', '-n', 'shop', '-o', 'jsonpath={.spec.replicas}'))).toBe(before);

  await drawer.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(drawer.getByText(/^Applied to .*: \d+ fields? changed/)).toBeVisible();
  expect(Number(kubectl('get', 'deployment', 'cart', '-n', 'shop', '-o', 'jsonpath={.spec.replicas}'))).toBe(after);
  const row = deployments(page).locator(`tbody tr[data-key="${admin}/deployments/shop/cart"]`);
  await expect(row).toContainText(`${after}/${after}`, { timeout: 20_000 });

  // A server refusal is shown with its field cause.
  await drawer.getByRole('button', { name: 'Edit', exact: true }).click();
  await selectSpecReplicas(page, editor);
  await page.keyboard.type('-1');
  await drawer.getByRole('button', { name: 'Dry run', exact: true }).click();
  await expect(drawer.getByRole('alert').filter({ hasText: 'The server refused it (422 Invalid)' })).toBeVisible();
  await expect(drawer.getByRole('list', { name: 'Field errors' })).toContainText('spec.replicas');
  await drawer.getByRole('button', { name: 'Cancel', exact: true }).click();
  kubectl('scale', 'deployment', 'cart', '-n', 'shop', `--replicas=${before}`);
});

test('destructive actions confirm, naming the object and the cluster; read-only mode disables writes', async ({ page }) => {
  const { admin } = await openApp(page);
  await ensureConnected(page, admin);
  const drawer = await openDeployment(page, admin, 'shop', 'frontend');
  const actions = drawer.getByRole('toolbar', { name: 'Actions for Deployment shop/frontend' });
  await expect(actions.getByRole('button', { name: 'Delete' })).toBeEnabled();

  await actions.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete Deployment shop/frontend in ${admin}?` });
  await expect(dialog).toContainText(`Deployment shop/frontend will be deleted from cluster ${admin}`);
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  expect(kubectl('get', 'deployment', 'frontend', '-n', 'shop', '-o', 'name').trim()).toBe('deployment.apps/frontend');

  // The checkbox shows the host's setting, so it flips when the host confirms it.
  const readOnly = actions.getByRole('checkbox', { name: `Read-only ${admin}` });
  await readOnly.click();
  await expect(readOnly).toBeChecked();
  await expect(drawer.getByRole('note')).toHaveText('read-only');
  await expect(actions.getByRole('button', { name: 'Scale' })).toBeDisabled();
  await expect(actions.getByRole('button', { name: 'Scale' })).toHaveAccessibleDescription(/read-only mode is on/);
  await readOnly.click();
  await expect(readOnly).not.toBeChecked();
  await expect(actions.getByRole('button', { name: 'Scale' })).toBeEnabled();
});

test('as the viewer, Scale is disabled with the RBAC reason', async ({ page }) => {
  const { viewer } = await openApp(page);
  await ensureConnected(page, viewer);
  const drawer = await openDeployment(page, viewer, 'shop', 'frontend');
  const scale = drawer.getByRole('toolbar', { name: 'Actions for Deployment shop/frontend' }).getByRole('button', { name: 'Scale' });
  await expect(scale).toBeDisabled();
  await expect(scale).toHaveAccessibleDescription('Scale is unavailable: RBAC: you may not patch deployments/scale.apps in namespace shop');
  await expect(drawer.getByRole('button', { name: 'Logs' })).toBeEnabled();
  await drawer.getByRole('tab', { name: 'YAML' }).click();
  await expect(drawer.getByRole('button', { name: 'Edit', exact: true })).toBeDisabled();
  await expect(drawer.getByRole('button', { name: 'Edit', exact: true })).toHaveAccessibleDescription('RBAC: you may not patch deployments.apps in namespace shop');
});

test('drain a node: confirm, watch the evictions, then uncordon', async ({ page }) => {
  const { admin } = await openApp(page);
  await ensureConnected(page, admin);
  await page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: 'Nodes' }).click();
  await page.getByRole('table', { name: /^Nodes: \d+ rows? \(/ }).locator(`tbody tr[data-key="${admin}/nodes//fake-node-2"]`).click();
  const drawer = inspector(page, 'Node fake-node-2');
  const actions = drawer.getByRole('toolbar', { name: 'Actions for Node fake-node-2' });
  await actions.getByRole('button', { name: 'Drain' }).click();
  const dialog = page.getByRole('dialog', { name: `Drain Node fake-node-2 in ${admin}?` });
  await expect(dialog).toContainText(`Node fake-node-2 in cluster ${admin} will be cordoned`);
  await dialog.getByRole('button', { name: 'Drain' }).click();

  const progress = drawer.getByRole('region', { name: 'Drain of fake-node-2' });
  await expect(progress).toContainText(/fake-node-2 drained: [1-9]\d* pods? evicted/, { timeout: 30_000 });
  await expect(progress.getByRole('listitem').filter({ hasText: 'DaemonSet pod' })).toHaveCount(1);
  expect(kubectl('get', 'node', 'fake-node-2', '-o', 'jsonpath={.spec.unschedulable}')).toBe('true');
  // What stays on the node is exactly what the drain said it skipped, and why.
  const left = kubectl('get', 'pods', '-A', '--field-selector', 'spec.nodeName=fake-node-2', '-o', 'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}{"\\n"}{end}')
    .split('\n')
    .filter(Boolean);
  await expect(progress.getByRole('listitem').filter({ hasText: 'skipped' })).toHaveCount(left.length);
  for (const pod of left) await expect(progress).toContainText(`${pod}: skipped`);

  await actions.getByRole('button', { name: 'Uncordon' }).click();
  await expect(actions.getByRole('button', { name: 'Cordon' })).toBeVisible();
  expect(kubectl('get', 'node', 'fake-node-2', '-o', 'jsonpath={.spec.unschedulable}')).toBe('');
});
