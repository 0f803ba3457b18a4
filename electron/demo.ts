/**
 * `npm run demo`: starts the simulated demo cluster (sim/) and Loupe in browser mode pointed at
 * its kubeconfig, and prints the URL to open. Nothing here is special-cased: Loupe reads the sim's
 * kubeconfig exactly as it would a real one.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startSim } from '../sim/index';
import { createLoupeServices } from './composition';
import { startBrowserHost } from './host/browser-host';
import { packageVersion } from './host/package-version';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'demo' },
    port: { type: 'string', default: '0' },
  },
});

const sim = await startSim({ scenario: values.scenario });
const services = createLoupeServices({
  host: 'browser',
  version: packageVersion(),
  kubeconfigEnv: sim.kubeconfigPath,
  // The demo shows the simulated clusters only, not the developer's own ~/.kube/config, and keeps
  // its settings (read-only contexts, added kubeconfigs) beside them, out of the user's.
  home: resolve(sim.kubeconfigPath, '..'),
  settingsDir: resolve(sim.kubeconfigPath, '..', 'settings'),
});
const host = await startBrowserHost({ api: services.api, rendererDir: resolve(process.env.LOUPE_OUT_DIR ?? 'out', 'renderer'), port: Number(values.port) });
await services.start();
console.log(
  [
    `Simulated clusters (${values.scenario}): ${sim.clusters.map((c) => c.context).join(', ')}`,
    `Their kubeconfig: ${sim.kubeconfigPath}  (kubectl works too: KUBECONFIG=${sim.kubeconfigPath} kubectl get pods -A)`,
    '',
    `Loupe is serving on ${host.origin}`,
    `Open this URL (it carries this run's token):`,
    '',
    `  ${host.url}`,
    '',
  ].join('\n'),
);

const shutdown = async (): Promise<void> => {
  await host.close();
  await services.dispose();
  await sim.stop();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
