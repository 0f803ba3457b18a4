/**
 * Test support: Loupe's main-side services against a simulator, driven the way the renderer drives
 * them (an in-memory connection to the API host), or a bare ConnectionManager for service-level
 * tests. Everything started here is stopped by `stop()`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { vi, expect } from 'vitest';
import { startSim, type RunningSim, type StartSimOptions } from '../../sim/index';
import { connectInMemory } from '../api/in-memory-peer';
import { createLoupeServices, type LoupeServices } from '../composition';
import { ConnectionManager } from '../kube/connection/connection-manager';

export interface SimHost extends ReturnType<typeof connectInMemory> {
  sim: RunningSim;
  services: LoupeServices;
  stop(): Promise<void>;
}

/** A simulator and Loupe's services on its kubeconfig, with settings (e.g. read-only contexts) in a throwaway folder. */
export async function startSimHost(options: StartSimOptions & { settings?: Record<string, unknown>; peerId?: string }): Promise<SimHost> {
  const { settings, peerId, ...simOptions } = options;
  const sim = await startSim(simOptions);
  const dir = mkdtempSync(join(tmpdir(), 'loupe-sim-host-'));
  if (settings) writeFileSync(join(dir, 'settings.json'), JSON.stringify({ kubeconfigPaths: [], ...settings }));
  const services = createLoupeServices({ host: 'browser', version: '0.0.0-test', kubeconfigEnv: sim.kubeconfigPath, home: dir, settingsDir: dir });
  await services.start();
  return {
    sim,
    services,
    ...connectInMemory(services.api, peerId),
    async stop() {
      await services.dispose();
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A ConnectionManager connected to one context of the simulator, its cache synced. */
export async function connectedManager(sim: RunningSim, context: string): Promise<{ kubeConfig: KubeConfig; manager: ConnectionManager }> {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(sim.kubeconfigPath);
  kubeConfig.setCurrentContext(context);
  const manager = new ConnectionManager(() => kubeConfig);
  await manager.connect(context);
  await vi.waitFor(() => expect(manager.status(context)?.kinds.every((k) => k.synced)).toBe(true), { timeout: 20_000 });
  return { kubeConfig, manager };
}
