/**
 * Terminal sessions end to end through the API as the renderer calls it, against the simulator's
 * real exec protocol (WebSocket channels, a real pty): echo, resize, exit codes, shell detection,
 * the API server's own refusals, isolation between sessions, and nothing left behind.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { waitUntil } from '../../sim/cluster/test-cluster';
import type { KubeObject } from '../../sim/core/types';
import type { RunningSim } from '../../sim/index';
import { manifest } from '../../sim/store/manifest';
import type { ExecState } from '../../shared/api/channels/exec';
import type { ClientOf } from '../../shared/api/client';
import type { LoupeContract } from '../../shared/api/contract';
import { liveExecSessionCount } from '../../sim/kubelet/exec-session';
import type { PeerSession } from '../api/api-host';
import { connectInMemory } from '../api/in-memory-peer';
import type { LoupeServices } from '../composition';
import { startSimHost, type SimHost } from '../testing/sim-host';

let host: SimHost;
/** Files the tests make (a PATH with only sh). */
let scratch: string;
let sim: RunningSim;
let services: LoupeServices;
let api: ClientOf<LoupeContract>;
let peer: PeerSession;
let cluster: string;

/** One open terminal as a test drives it: its decoded output and its states. */
class Terminal {
  text = '';
  states: ExecState[] = [];
  ended = false;
  private readonly decoder = new TextDecoder();
  private readonly subs: Array<{ dispose(): void }> = [];

  constructor(
    readonly client: ClientOf<LoupeContract>,
    readonly sessionId: string,
  ) {
    this.subs.push(
      client.exec.output({ sessionId }, { next: (chunks) => chunks.forEach((c) => (this.text += this.decoder.decode(c, { stream: true }))), complete: () => (this.ended = true), error: () => (this.ended = true) }),
      client.exec.state({ sessionId }, { next: (s) => this.states.push(...s) }),
    );
  }

  static async open(client: ClientOf<LoupeContract>, params: Partial<Parameters<ClientOf<LoupeContract>['exec']['open']>[0]> = {}) {
    const { sessionId } = await client.exec.open({ cluster, namespace: 'shop', pod: 'db-0', cols: 80, rows: 24, ...params });
    return new Terminal(client, sessionId);
  }

  get state(): ExecState | undefined {
    return this.states[this.states.length - 1];
  }

  async waitFor(predicate: (t: Terminal) => boolean, what: string): Promise<void> {
    await vi.waitFor(() => {
      if (!predicate(this)) throw new Error(`waiting for ${what}; output so far: ${JSON.stringify(this.text.slice(-300))}; state ${JSON.stringify(this.state)}`);
    }, { timeout: 10_000, interval: 10 });
  }

  async type(data: string): Promise<void> {
    await this.client.exec.input({ sessionId: this.sessionId, data });
  }

  async ready(): Promise<void> {
    await this.waitFor((t) => t.state?.phase === 'open', 'the session to open');
    await this.type('echo READY-$((1+1))\r');
    await this.waitFor((t) => t.text.includes('READY-2'), 'the shell to answer');
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
  }
}

beforeAll(async () => {
  // The nobody context is marked read-only in Loupe's settings.
  host = await startSimHost({ scenario: 'small', settings: { readOnlyContexts: ['small-nobody'] }, peerId: 'renderer-1' });
  sim = host.sim;
  services = host.services;
  cluster = sim.clusters[0]!.context;
  ({ api, session: peer } = host);
  scratch = mkdtempSync(join(tmpdir(), 'loupe-exec-'));
  await api.clusters.connect({ context: cluster });
  await waitUntil(() => containerRunning(sim.clusters[0]!.store.get('pods', 'shop', 'db-0')), 'db-0 to run', 30_000);
}, 90_000);

afterAll(async () => {
  await host?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('exec sessions over the API', () => {
  it('runs a shell: echo $((6*7)) prints 42', async () => {
    const t = await Terminal.open(api);
    await t.ready();
    await t.type('echo $((6*7))\r');
    // The answer on a line of its own (after bash's bracketed-paste escape, if any).
    await t.waitFor((x) => /[\r\n]42\r\n/.test(x.text), '42');
    expect(t.state).toMatchObject({ phase: 'open', container: 'postgres' });
    await api.exec.close({ sessionId: t.sessionId });
    await t.waitFor((x) => x.state?.phase === 'closed' && x.ended, 'the session to close');
    t.dispose();
  });

  it('negotiates v5 of the channel protocol', async () => {
    const t = await Terminal.open(api);
    await t.waitFor((x) => x.state?.phase === 'open', 'open');
    expect(t.state).toMatchObject({ protocol: 'v5.channel.k8s.io' });
    t.dispose();
  });

  it('sends every resize to the terminal: stty size follows', async () => {
    const t = await Terminal.open(api, { cols: 91, rows: 27 });
    await t.ready();
    await t.type('stty size\r');
    await t.waitFor((x) => x.text.includes('27 91'), 'the initial size');
    await api.exec.resize({ sessionId: t.sessionId, cols: 132, rows: 43 });
    await t.type('stty size\r');
    await t.waitFor((x) => x.text.includes('43 132'), 'the new size');
    t.dispose();
  });

  it('reports the exit code from the status channel', async () => {
    const t = await Terminal.open(api);
    await t.ready();
    await t.type('exit 3\r');
    await t.waitFor((x) => x.state?.phase === 'exited' && x.ended, 'the exit');
    expect(t.state).toEqual({ phase: 'exited', code: 3 });
    const clean = await Terminal.open(api, { command: ['sh', '-c', 'echo done'] });
    await clean.waitFor((x) => x.state?.phase === 'exited', 'a clean exit');
    expect(clean.state).toEqual({ phase: 'exited', code: 0 });
    expect(clean.text).toContain('done');
    t.dispose();
    clean.dispose();
  });

  it('opens bash when the image has it, else sh, in one exec', async () => {
    const withBash = await Terminal.open(api);
    await withBash.ready();
    await withBash.type('echo "shell=$(basename "$(readlink /proc/$$/exe)") term=$TERM"\r');
    await withBash.waitFor((x) => x.text.includes('shell=bash term=xterm-256color'), 'bash');

    // A container whose PATH has only sh (dash): the detection must fall back to it.
    const bin = mkdtempSync(join(scratch, 'sh-only-'));
    symlinkSync('/bin/sh', join(bin, 'sh'));
    sim.clusters[0]!.store.create(
      'pods',
      manifest('v1', 'Pod', { name: 'sh-only', namespace: 'shop' }, { spec: { containers: [{ name: 'app', image: 'alpine:3.19', env: [{ name: 'PATH', value: bin }] }] } }),
    );
    const withSh = await vi.waitFor(async () => {
      const t = await Terminal.open(api, { pod: 'sh-only' });
      await t.waitFor((x) => x.state !== undefined && x.state.phase !== 'connecting', 'a verdict');
      if (t.state?.phase !== 'open') {
        t.dispose();
        throw new Error(`not running yet: ${JSON.stringify(t.state)}`);
      }
      return t;
    }, { timeout: 20_000, interval: 200 });
    await withSh.ready();
    await withSh.type('echo "shell=$(/usr/bin/basename "$(/usr/bin/readlink /proc/$$/exe)")"\r');
    await withSh.waitFor((x) => x.text.includes('shell=dash'), 'sh');
    withBash.dispose();
    withSh.dispose();
  });

  it("shows the API server's message when the container does not exist", async () => {
    const t = await Terminal.open(api, { container: 'nope' });
    await t.waitFor((x) => x.state?.phase === 'error', 'the refusal');
    expect(t.state).toEqual({ phase: 'error', message: 'container nope is not valid for pod db-0' });
    t.dispose();
  });

  it("shows the API server's message when the user may not exec (viewer)", async () => {
    const viewer = `${cluster}-viewer`;
    const t = await Terminal.open(api, { cluster: viewer });
    await t.waitFor((x) => x.state?.phase === 'error', 'the refusal');
    expect(t.state).toMatchObject({ phase: 'error', message: expect.stringContaining('cannot get resource "pods/exec"') });
    expect((t.state as { message: string }).message).toContain('is forbidden: User "viewer"');
    t.dispose();
  });

  it('keeps other sessions and the cluster connection untouched when one fails', async () => {
    const healthy = await Terminal.open(api);
    await healthy.ready();
    const failing = await Terminal.open(api, { command: ['no-such-shell'] });
    await failing.waitFor((x) => x.state?.phase === 'error', 'the failure');
    expect((failing.state as { message: string }).message).toContain('executable file not found in $PATH');
    const refused = await Terminal.open(api, { pod: 'does-not-exist' });
    await refused.waitFor((x) => x.state?.phase === 'error', 'the refusal');
    expect(refused.state).toEqual({ phase: 'error', message: 'pods "does-not-exist" not found' });
    await healthy.type('echo still-$((40+2))\r');
    await healthy.waitFor((x) => x.text.includes('still-42'), 'the healthy session to answer');
    expect(healthy.state?.phase).toBe('open');
    let phase: string | undefined;
    const watch = api.clusters.watch({}, { next: (s) => (phase = s.at(-1)?.statuses.find((x) => x.context === cluster)?.phase) });
    await vi.waitFor(() => expect(phase).toBe('connected'));
    watch.dispose();
    healthy.dispose();
    failing.dispose();
    refused.dispose();
  });

  it('starts an ephemeral debug container and attaches to it (kubectl debug -it)', async () => {
    const { sessionId } = await api.exec.debug({ cluster, namespace: 'shop', pod: 'db-0', image: 'busybox:1.36', target: 'postgres', cols: 80, rows: 24 });
    const t = new Terminal(api, sessionId);
    await t.waitFor((x) => x.state?.phase === 'open', 'the debug container to attach');
    const container = (t.state as { container: string }).container;
    expect(container).toMatch(/^debugger-[a-z0-9]{5}$/);
    const pod = sim.clusters[0]!.store.get('pods', 'shop', 'db-0')!;
    const spec = pod.spec as { ephemeralContainers?: Array<Record<string, unknown>> };
    expect(spec.ephemeralContainers).toContainEqual(expect.objectContaining({ name: container, image: 'busybox:1.36', targetContainerName: 'postgres', stdin: true, tty: true }));
    await t.ready();
    await t.type('exit 0\r');
    await t.waitFor((x) => x.state?.phase === 'exited', 'the shell to exit');
    expect(t.state).toEqual({ phase: 'exited', code: 0 });
    t.dispose();
  });

  it('opens a node shell in a privileged pod pinned to the node and deletes the pod after', async () => {
    const store = sim.clusters[0]!.store;
    const node = store.list('nodes')[0]!.metadata.name;
    const { sessionId } = await api.exec.nodeShell({ cluster, node, cols: 80, rows: 24 });
    const t = new Terminal(api, sessionId);
    const shellPod = await waitUntil(() => store.list('pods', 'kube-system').find((p) => p.metadata.name.startsWith('loupe-node-shell-')), 'the node shell pod');
    const spec = shellPod.spec as Record<string, unknown> & { containers: Array<Record<string, unknown>> };
    expect(spec).toMatchObject({ nodeName: node, hostPID: true, hostNetwork: true, tolerations: [{ operator: 'Exists' }] });
    expect(spec.containers[0]).toMatchObject({ securityContext: { privileged: true } });
    // The simulator runs exec'd commands on this machine, where entering PID 1's namespaces is not
    // allowed: nsenter itself says so and the session ends with its exit code.
    await t.waitFor((x) => x.state?.phase === 'exited' || x.state?.phase === 'error', 'nsenter to finish');
    expect(t.text).toContain('nsenter');
    expect(t.state).toEqual({ phase: 'exited', code: 1 });
    await waitUntil(() => !store.get('pods', 'kube-system', shellPod.metadata.name), 'the node shell pod to be deleted');
    t.dispose();
  });

  it('refuses exec, debug and node shells on a read-only context', async () => {
    const readOnly = `${cluster}-nobody`;
    await expect(api.exec.open({ cluster: readOnly, namespace: 'shop', pod: 'db-0', cols: 80, rows: 24 })).rejects.toThrow(/read-only/);
    await expect(api.exec.debug({ cluster: readOnly, namespace: 'shop', pod: 'db-0', image: 'busybox:1.36', cols: 80, rows: 24 })).rejects.toThrow(/read-only/);
    await expect(api.exec.nodeShell({ cluster: readOnly, node: 'n1', cols: 80, rows: 24 })).rejects.toThrow(/read-only/);
  });

  it("refuses another renderer's session and closes a renderer's sessions when it goes", async () => {
    const other = connectInMemory(services.api, 'renderer-2');
    const t = await Terminal.open(other.api);
    await t.ready();
    await expect(api.exec.input({ sessionId: t.sessionId, data: 'x' })).rejects.toThrow(/no exec session/);
    other.session.close();
    await expect(api.exec.close({ sessionId: t.sessionId })).rejects.toThrow(/no exec session/);
    await vi.waitFor(() => expect(liveExecSessionCount()).toBe(0));
  });

  it('leaves no sockets, listeners or timers behind after 100 sessions', async () => {
    // One warm-up so lazily created handles (agents, pools) do not count.
    const warm = await Terminal.open(api);
    await warm.ready();
    await api.exec.close({ sessionId: warm.sessionId });
    await warm.waitFor((x) => x.ended, 'the warm-up to end');
    warm.dispose();
    await vi.waitFor(() => expect(liveExecSessionCount()).toBe(0), { timeout: 10_000 });
    const before = handles();
    const streamsBefore = peer.activeStreams;
    for (let i = 0; i < 100; i++) {
      const t = await Terminal.open(api, { command: ['sh', '-c', `echo hello-${i}; cat`] });
      await t.waitFor((x) => x.text.includes('hello-'), `session ${i} to print`);
      if (i % 2 === 0) await api.exec.close({ sessionId: t.sessionId });
      t.dispose();
    }
    await vi.waitFor(() => {
      expect(liveExecSessionCount()).toBe(0);
      expect(peer.activeStreams).toBe(streamsBefore);
      const after = handles();
      expect(after.sockets).toBeLessThanOrEqual(before.sockets);
      // The in-process simulator's own timers (log pumps, controllers) come and go by a few; one
      // leaked per session would be a hundred.
      expect(after.timers).toBeLessThanOrEqual(before.timers + 5);
      expect(after.listeners).toBeLessThanOrEqual(before.listeners);
    }, { timeout: 20_000, interval: 100 });
  }, 120_000);
});

/**
 * What this process holds: Loupe's sockets to the API server (the simulator shares the process, so
 * its server-side sockets are told apart by port), timers, and process-wide listeners.
 */
function handles(): { sockets: number; timers: number; listeners: number } {
  const apiPort = sim.clusters[0]!.api.port;
  const active = (process as unknown as { _getActiveHandles(): Array<{ remotePort?: number; destroyed?: boolean }> })._getActiveHandles();
  const sockets = active.filter((h) => h.remotePort === apiPort && !h.destroyed).length;
  const timers = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const listeners = process.listenerCount('exit') + process.listenerCount('SIGINT') + process.listenerCount('uncaughtException');
  return { sockets, timers, listeners };
}

function containerRunning(pod: KubeObject | undefined): boolean {
  const statuses = (pod?.status as { containerStatuses?: Array<{ state?: { running?: unknown } }> } | undefined)?.containerStatuses ?? [];
  return statuses.length > 0 && statuses.every((c) => c.state?.running);
}
