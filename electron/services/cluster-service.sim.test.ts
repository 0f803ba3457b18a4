/**
 * The cluster rail's data end to end, through the API as the renderer calls it: one KUBECONFIG with
 * two live simulated clusters, an unreachable one, one whose exec plugin fails and a user with no
 * rights — each context gets its own status and message, and the healthy ones are unaffected.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { startSim, type RunningSim } from '../../sim/index';
import type { ClustersState } from '../../shared/model/clusters';
import { connectInMemory } from '../api/in-memory-peer';
import { createLoupeServices, type LoupeServices } from '../composition';

let sim: RunningSim;
let services: LoupeServices;
let dir: string;
let closedPort: number;

beforeAll(async () => {
  sim = await startSim({ scenario: 'multi' });
  dir = mkdtempSync(join(tmpdir(), 'loupe-rail-'));
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  closedPort = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  const plugin = join(dir, 'failing-login');
  writeFileSync(plugin, '#!/bin/sh\necho "error: the refresh token has expired; run \'cloud login\'" >&2\nexit 4\n');
  chmodSync(plugin, 0o755);
  const extra = join(dir, 'extra.yaml');
  writeFileSync(
    extra,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'gone', cluster: { server: `https://127.0.0.1:${closedPort}`, 'insecure-skip-tls-verify': true } }],
      users: [
        { name: 'gone-user', user: { token: 'not-used' } },
        { name: 'sso', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin, interactiveMode: 'Never' } } },
      ],
      contexts: [
        { name: 'unreachable', context: { cluster: 'gone', user: 'gone-user' } },
        { name: 'expired-sso', context: { cluster: sim.clusters[1]!.name, user: 'sso' } },
      ],
    }),
  );
  services = createLoupeServices({ host: 'browser', version: '0.0.0-test', kubeconfigEnv: [sim.kubeconfigPath, extra].join(delimiter), home: dir });
  await services.start();
}, 90_000);

afterAll(async () => {
  await services?.dispose();
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the cluster rail over the API', () => {
  it('gives every context its own status and message', async () => {
    const api = connectInMemory(services.api).api;
    let state: ClustersState | undefined;
    const sub = api.clusters.watch({}, { next: (batch) => (state = batch[batch.length - 1]) });
    const [staging, dev] = [sim.clusters[1]!.context, sim.clusters[2]!.context];
    const nobody = `${sim.clusters[2]!.name}-nobody`;
    await vi.waitFor(() => expect(state?.contexts.map((c) => c.name)).toEqual(expect.arrayContaining([staging, dev, nobody, 'unreachable', 'expired-sso'])));

    const results = await Promise.all([staging, dev, 'unreachable', 'expired-sso', nobody].map((context) => api.clusters.connect({ context })));
    const byContext = (name: string) => state?.statuses.find((s) => s.context === name);
    await vi.waitFor(() => {
      expect(byContext(staging)?.phase).toBe('connected');
      expect(byContext(dev)?.phase).toBe('connected');
    }, { timeout: 30_000 });

    expect(results[2]).toMatchObject({ phase: 'error', reason: expect.stringContaining(`unreachable at https://127.0.0.1:${closedPort}: connection refused`) });
    expect(results[3]).toMatchObject({ phase: 'error' });
    expect(results[3]!.reason).toContain('exit');
    expect(results[3]!.reason).toContain("the refresh token has expired; run 'cloud login'");
    expect(results[4]).toMatchObject({ phase: 'degraded', reason: expect.stringContaining('forbidden') });
    expect(byContext('unreachable')?.phase).toBe('error');
    expect(byContext(staging)!.kinds.find((k) => k.kind === 'pods')!.count).toBeGreaterThan(10);
    sub.dispose();
  });
});
