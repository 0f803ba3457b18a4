/**
 * The simulator for the logs bench in its own process: `sim-process.ts <pods> <rate,rate,…>` runs one
 * Deployment per rate (`step-0`, `step-1`, …, all at 0 replicas) whose containers print that many
 * lines per second each. The bench scales one step up at a time and asks how many lines its pods have
 * printed so far (the ground truth), to compare with what each client received.
 */
import { startSim } from '../../sim/index';
import { reportStartFailure, serveParent } from '../cache/child';
import { loggingScenario } from './follow-harness';

export interface LogSimReady {
  kubeconfigPath: string;
  context: string;
}

const [podsArg = '50', ratesArg = '100,200'] = process.argv.slice(2);
const rates = ratesArg.split(',').map(Number);

try {
  const scenario = loggingScenario(
    rates.map((rate, i) => ({ name: `step-${i}`, replicas: 0, linesPerSecond: rate })),
    { nodes: Math.max(2, Math.ceil(Number(podsArg) / 50)) },
  );
  const sim = await startSim({ scenario: scenario.path, metrics: false });
  const cluster = sim.clusters[0]!;
  const { store, truth } = cluster;
  const podsOf = (step: string) => store.list('pods', 'load').filter((p) => p.metadata.labels?.app === step && !p.metadata.deletionTimestamp);
  const running = (step: string) =>
    podsOf(step).filter((p) => ((p.status as { containerStatuses?: Array<{ state?: { running?: unknown } }> } | undefined)?.containerStatuses ?? [])[0]?.state?.running).length;

  serveParent(
    { kubeconfigPath: sim.kubeconfigPath, context: cluster.context } satisfies LogSimReady,
    {
      /** Scales a step's Deployment and waits until that many of its pods run (and the rest are gone). */
      async scale(args) {
        const step = String(args.step);
        const replicas = Number(args.replicas);
        const d = store.get('apps/deployments', 'load', step);
        if (!d) throw new Error(`no deployment ${step}`);
        store.update('apps/deployments', { ...d, spec: { ...(d.spec as object), replicas } });
        const started = Date.now();
        while (running(step) !== replicas || podsOf(step).length !== replicas) {
          if (Date.now() - started > 60_000) throw new Error(`${step}: ${running(step)} of ${replicas} pods running after 60 s`);
          await new Promise((r) => setTimeout(r, 100));
        }
        return { ms: Date.now() - started, pods: podsOf(step).map((p) => p.metadata.name) };
      },
      /** Lines the step's current pods have printed by now (the ground truth), when that was counted, the sim's CPU time and write lag. */
      printed(args) {
        const step = String(args.step);
        const now = sim.clock.now().getTime();
        let lines = 0;
        // How far behind its own clock the sim's log writer is: past a second, the generator is the limit.
        let lagMs = 0;
        for (const p of podsOf(step)) {
          const all = truth.instances('load', p.metadata.name, 'app');
          for (const inst of all) {
            lines += truth.countAt(inst, now);
            if (inst.finishedAtMs === undefined && inst.servedUntilMs !== undefined) lagMs = Math.max(lagMs, now - inst.servedUntilMs);
          }
        }
        const cpu = process.cpuUsage();
        return { lines, at: now, cpuMs: (cpu.user + cpu.system) / 1000, lagMs };
      },
      /** Lines each of the step's pods had printed by `atMs` (simulated = wall time at speed 1). */
      printedBy(args) {
        const step = String(args.step);
        const at = Number(args.atMs);
        const out: Record<string, number> = {};
        for (const p of podsOf(step)) {
          out[p.metadata.name] = truth.instances('load', p.metadata.name, 'app').reduce((n, inst) => n + truth.countAt(inst, at), 0);
        }
        return out;
      },
    },
    async () => {
      await sim.stop();
      scenario.cleanup();
    },
  );
} catch (err) {
  reportStartFailure(err);
}
