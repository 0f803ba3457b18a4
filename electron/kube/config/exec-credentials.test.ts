import type { RequestOptions } from 'node:https';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeContextProblem } from '../../../shared/model/kubeconfig';
import { ExecCredentialProvider } from './exec-credentials';
import { ExecCredentialError } from './exec-plugin-run';
import { loadKubeconfigs } from './kubeconfig-loader';
import { FIXTURES, tempDir, waitFor } from './test-support';

let dir: string;
let cleanup: () => Promise<void>;
let provider: ExecCredentialProvider;
let countFile: string;
const problems: Array<[string, KubeContextProblem | undefined]> = [];

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('exec'));
  await mkdir(path.join(dir, 'bin'));
  await copyFile(path.join(FIXTURES, 'plugins', 'fake-exec-plugin.mjs'), path.join(dir, 'bin', 'fake-exec-plugin.mjs'));
  countFile = path.join(dir, 'runs.jsonl');
  provider = new ExecCredentialProvider({ env: async () => process.env });
  problems.length = 0;
  provider.onChange((name, problem) => problems.push([name, problem]));
});
afterEach(async () => {
  provider.dispose();
  await cleanup();
});

interface Run {
  at: number;
  info: { apiVersion: string; kind: string; spec: { interactive: boolean; cluster?: Record<string, unknown> } };
}
async function runs(): Promise<Run[]> {
  const text = await readFile(countFile, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Run);
}

/** A kubeconfig whose user "plugin-user" runs the fake plugin (by a path relative to the kubeconfig). */
async function writeKubeconfig(options: { env?: Record<string, string>; servers?: Record<string, string>; provideClusterInfo?: boolean; command?: string; installHint?: string }): Promise<string> {
  const env = { FAKE_COUNT_FILE: countFile, ...options.env };
  const servers = options.servers ?? { 'ctx-a': 'https://127.0.0.1:1' };
  const ca = (await readFile(path.join(FIXTURES, 'certs', 'ca.crt'))).toString('base64');
  const file = path.join(dir, 'config');
  const clusters = Object.entries(servers)
    .map(([ctx, server]) => `- name: ${ctx}-cluster\n  cluster:\n    server: "${server}"\n${server.startsWith('http:') ? '    insecure-skip-tls-verify: true\n' : `    certificate-authority-data: ${ca}\n`}    extensions:\n    - name: client.authentication.k8s.io/exec\n      extension: {audience: ${ctx}-audience}\n`)
    .join('');
  const contexts = Object.keys(servers)
    .map((ctx) => `- name: ${ctx}\n  context: {cluster: ${ctx}-cluster, user: plugin-user}\n`)
    .join('');
  await writeFile(
    file,
    `apiVersion: v1
kind: Config
clusters:
${clusters}users:
- name: plugin-user
  user:
    exec:
      command: ${options.command ?? './bin/fake-exec-plugin.mjs'}
      apiVersion: client.authentication.k8s.io/v1
      interactiveMode: IfAvailable
      provideClusterInfo: ${options.provideClusterInfo ?? false}
${options.installHint ? `      installHint: ${options.installHint}\n` : ''}      env:
${Object.entries(env)
  .map(([name, value]) => `      - {name: ${name}, value: "${value}"}`)
  .join('\n')}
contexts:
${contexts}`,
  );
  return file;
}

async function load(file: string, env: NodeJS.ProcessEnv = process.env) {
  return loadKubeconfigs({ kubeconfigEnv: file, home: dir, env, credentials: provider });
}

async function authorization(loaded: Awaited<ReturnType<typeof load>>, context: string): Promise<string | undefined> {
  const opts: { headers?: Record<string, string> } = {};
  const kc = loaded.kubeConfigFor(context);
  if (!kc) throw new Error(`no KubeConfig for ${context}`);
  await kc.applyToHTTPSOptions(opts);
  return opts.headers?.Authorization;
}

describe('exec credential plugins', () => {
  it('caches per context (not per user name) and passes each context its own cluster in KUBERNETES_EXEC_INFO', async () => {
    const file = await writeKubeconfig({ servers: { 'ctx-a': 'https://127.0.0.1:1', 'ctx-b': 'https://localhost:2' }, provideClusterInfo: true, env: { FAKE_EXPECT_CLUSTER: '1' } });
    const loaded = await load(file);
    expect(loaded.contexts.map((c) => [c.name, c.authKind, c.execCommand, c.problem])).toEqual([
      ['ctx-a', 'exec', 'fake-exec-plugin.mjs', undefined],
      ['ctx-b', 'exec', 'fake-exec-plugin.mjs', undefined],
    ]);
    expect(await authorization(loaded, 'ctx-a')).toBe('Bearer fake-1@https://127.0.0.1:1');
    expect(await authorization(loaded, 'ctx-a')).toBe('Bearer fake-1@https://127.0.0.1:1');
    expect(await authorization(loaded, 'ctx-b')).toBe('Bearer fake-2@https://localhost:2');
    const recorded = await runs();
    expect(recorded).toHaveLength(2);
    expect(recorded[0]?.info).toEqual({
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      spec: {
        interactive: false,
        cluster: {
          server: 'https://127.0.0.1:1',
          'certificate-authority-data': (await readFile(path.join(FIXTURES, 'certs', 'ca.crt'))).toString('base64'),
          config: { audience: 'ctx-a-audience' },
        },
      },
    });
  });

  it('omits spec.cluster unless provideClusterInfo is set', async () => {
    const loaded = await load(await writeKubeconfig({}));
    expect(await authorization(loaded, 'ctx-a')).toBe('Bearer fake-1@no-cluster');
    expect((await runs())[0]?.info.spec).toEqual({ interactive: false });
  });

  it('runs the plugin once for concurrent requests (single-flight)', async () => {
    const loaded = await load(await writeKubeconfig({ env: { FAKE_DELAY_MS: '300' } }));
    const headers = await Promise.all(Array.from({ length: 5 }, () => authorization(loaded, 'ctx-a')));
    expect(new Set(headers)).toEqual(new Set(['Bearer fake-1@no-cluster']));
    expect(await runs()).toHaveLength(1);
  });

  it('refreshes the credential before it expires, and serves the new one without another run', async () => {
    // 4 s lifetime: a refresh at ~80% leaves 0.8 s for spawning the plugin on a loaded machine.
    const loaded = await load(await writeKubeconfig({ env: { FAKE_TTL_SECONDS: '4' } }));
    expect(await authorization(loaded, 'ctx-a')).toBe('Bearer fake-1@no-cluster');
    const [first] = await runs();
    const second = await waitFor('a background refresh', async () => (await runs())[1], 8_000);
    // Refreshed before the first credential expired.
    expect(second.at).toBeLessThan(first!.at + 4_000);
    await waitFor('the refreshed credential', async () => ((await authorization(loaded, 'ctx-a')) === 'Bearer fake-2@no-cluster' ? true : undefined), 2_000);
    expect(await runs()).toHaveLength(2);
  });

  it('surfaces a failing plugin: exit code and stderr in the problem, on the right context', async () => {
    const loaded = await load(await writeKubeconfig({ env: { FAKE_FAIL: 'error: the refresh token has expired; run fake-login' } }));
    const error = await authorization(loaded, 'ctx-a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecCredentialError);
    const problem = (error as ExecCredentialError).problem;
    expect(problem.code).toBe('exec-failed');
    expect(problem.message).toContain('exited with code 3');
    expect(problem.message).toContain('error: the refresh token has expired; run fake-login');
    expect(problems).toEqual([['ctx-a', problem]]);
  });

  it('sends the credential with generated API clients too', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ kind: 'NamespaceList', apiVersion: 'v1', metadata: {}, items: [] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const loaded = await load(await writeKubeconfig({ servers: { 'ctx-a': `http://127.0.0.1:${port}` } }));
      const core = loaded.kubeConfigFor('ctx-a')?.makeApiClient(CoreV1Api);
      await core?.listNamespace();
      await core?.listNamespace();
      expect(seen.map((h) => h.authorization)).toEqual(['Bearer fake-1@no-cluster', 'Bearer fake-1@no-cluster']);
    } finally {
      server.close();
    }
  });

  it('applies client certificates returned by the plugin', async () => {
    const certFile = path.join(FIXTURES, 'certs', 'client.crt');
    const keyFile = path.join(FIXTURES, 'certs', 'client.key');
    const loaded = await load(await writeKubeconfig({ env: { FAKE_CERT_FILE: certFile, FAKE_KEY_FILE: keyFile } }));
    const opts: RequestOptions = {};
    await loaded.kubeConfigFor('ctx-a')?.applyToHTTPSOptions(opts);
    expect(opts.cert).toBe(await readFile(certFile, 'utf8'));
    expect(opts.key).toBe(await readFile(keyFile, 'utf8'));
    expect((opts.headers as Record<string, string> | undefined)?.Authorization).toBeUndefined();
  });

  it('names the command, the PATH searched and the install hint when the plugin is missing, and works once it is installed', async () => {
    const pathDir = path.join(dir, 'path-bin');
    await mkdir(pathDir);
    const env = { ...process.env, PATH: `${pathDir}:${path.dirname(process.execPath)}` };
    const file = await writeKubeconfig({ command: 'loupe-fake-plugin', installHint: 'Run make install-fake-plugin' });
    const loaded = await load(file, env);
    const problem = loaded.contexts[0]?.problem;
    expect(problem?.code).toBe('exec-not-found');
    for (const detail of ['"loupe-fake-plugin"', `PATH=${env.PATH}`, 'Run make install-fake-plugin']) expect(problem?.message).toContain(detail);

    const runtime = new ExecCredentialProvider({ env: async () => env });
    try {
      const reloaded = await loadKubeconfigs({ kubeconfigEnv: file, home: dir, env, credentials: runtime });
      const failed = await reloaded.kubeConfigFor('ctx-a')?.applyToHTTPSOptions({}).catch((e: unknown) => e);
      expect((failed as ExecCredentialError).problem.code).toBe('exec-not-found');
      await copyFile(path.join(dir, 'bin', 'fake-exec-plugin.mjs'), path.join(pathDir, 'loupe-fake-plugin'));
      const opts: { headers?: Record<string, string> } = {};
      await reloaded.kubeConfigFor('ctx-a')?.applyToHTTPSOptions(opts);
      expect(opts.headers?.Authorization).toBe('Bearer fake-1@no-cluster');
    } finally {
      runtime.dispose();
    }
  });
});
