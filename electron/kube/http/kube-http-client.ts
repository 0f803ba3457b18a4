/**
 * Raw HTTP to one cluster, authenticated by @kubernetes/client-node's KubeConfig (tokens, client
 * certificates, exec plugins, proxies) but without its typed models: the watch cache parses plain
 * JSON, which is several times cheaper at 10k pods than client-node's ObjectSerializer. One
 * keep-alive agent per TLS identity, so paging and re-watching reuse connections.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { KubeApiError, parseStatus } from './kube-api-error';

export interface KubeRequest {
  method?: string;
  query?: Record<string, string | number | boolean | undefined>;
  accept?: string;
  contentType?: string;
  body?: string;
  signal?: AbortSignal;
  /** A socket silent this long is given up on (a half-open connection would otherwise hang forever). */
  idleTimeoutMs?: number;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: Record<string, unknown>;
}

const USER_AGENT = 'loupe/0.1 (kubernetes observability IDE)';

export class KubeHttpClient {
  private agent: HttpAgent | undefined;
  private agentIdentity: string | undefined;

  constructor(
    private readonly kc: KubeConfig,
    private readonly maxSockets = 32,
  ) {}

  /** A client with the same credentials and a connection pool of its own (long-lived log streams). */
  withOwnPool(maxSockets: number): KubeHttpClient {
    return new KubeHttpClient(this.kc, maxSockets);
  }

  get server(): string {
    const cluster = this.kc.getCurrentCluster();
    if (!cluster) throw new Error('the kubeconfig has no current cluster');
    return cluster.server.replace(/\/+$/, '');
  }

  /** A request whose whole body is read; non-2xx answers reject with the server's Status. */
  async text(path: string, req: KubeRequest = {}): Promise<{ statusCode: number; body: string }> {
    const res = await this.open(path, req);
    const body = await readBody(res);
    const statusCode = res.statusCode ?? 0;
    if (statusCode < 200 || statusCode > 299) throw new KubeApiError(statusCode, parseStatus(body), `HTTP ${statusCode}: ${body.slice(0, 200)}`);
    return { statusCode, body };
  }

  async json<T>(path: string, req: KubeRequest = {}): Promise<T> {
    const { body } = await this.text(path, { accept: 'application/json', ...req });
    return JSON.parse(body) as T;
  }

  /**
   * A watch stream: calls `onEvent` for each line until the server ends the stream (resolves) or it
   * fails (rejects). Abort through `req.signal`.
   */
  async watch(path: string, req: KubeRequest, onEvent: (event: WatchEvent) => void): Promise<void> {
    const res = await this.open(path, { ...req, query: { ...req.query, watch: 'true' } });
    const statusCode = res.statusCode ?? 0;
    if (statusCode !== 200) {
      const body = await readBody(res);
      throw new KubeApiError(statusCode, parseStatus(body), `watch answered HTTP ${statusCode}`);
    }
    await new Promise<void>((resolve, reject) => {
      const lines = createInterface({ input: res, crlfDelay: Infinity });
      let failed = false;
      lines.on('line', (line) => {
        if (failed || line.length === 0) return;
        let event: WatchEvent;
        try {
          event = JSON.parse(line) as WatchEvent;
        } catch {
          failed = true;
          res.destroy();
          reject(new Error(`watch ${path} sent a line that is not JSON: ${line.slice(0, 120)}`));
          return;
        }
        onEvent(event);
      });
      // An aborted or reset stream errors on both the response and readline: settle once, never throw.
      const fail = (err: Error): void => {
        failed = true;
        reject(err);
      };
      res.on('error', fail);
      lines.on('error', fail);
      lines.once('close', () => {
        if (!failed) resolve();
      });
    });
  }

  /** A streamed response (logs); non-2xx answers reject with the server's Status. Abort through `req.signal`. */
  async stream(path: string, req: KubeRequest = {}): Promise<IncomingMessage> {
    const res = await this.open(path, req);
    const statusCode = res.statusCode ?? 0;
    if (statusCode < 200 || statusCode > 299) {
      const body = await readBody(res);
      throw new KubeApiError(statusCode, parseStatus(body), `HTTP ${statusCode}: ${body.slice(0, 200)}`);
    }
    return res;
  }

  close(): void {
    this.agent?.destroy();
    this.agent = undefined;
  }

  private async open(path: string, req: KubeRequest): Promise<IncomingMessage> {
    const url = new URL(this.server + path);
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const options: RequestOptions & Record<string, unknown> = {
      method: req.method ?? 'GET',
      headers: { 'User-Agent': USER_AGENT, Accept: req.accept ?? 'application/json' },
    };
    // client-node puts the credentials (Authorization, client cert, CA) on these options.
    await this.kc.applyToHTTPSOptions(options);
    // Proxied clusters keep client-node's proxy agent; direct ones get a reusable keep-alive agent.
    if (!this.kc.getCurrentCluster()?.proxyUrl) options.agent = this.agentFor(url.protocol, options);
    if (req.contentType) (options.headers as Record<string, string>)['Content-Type'] = req.contentType;
    // Node frames DELETE (and GET) bodies neither chunked nor with a length unless told: the server
    // would wait for a body it cannot delimit.
    if (req.body !== undefined) (options.headers as Record<string, string>)['Content-Length'] = String(Buffer.byteLength(req.body));
    const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
    return new Promise<IncomingMessage>((resolve, reject) => {
      const request = send(url, { ...options, signal: req.signal }, resolve);
      request.once('error', reject);
      request.setTimeout(req.idleTimeoutMs ?? 30_000, () => {
        request.destroy(Object.assign(new Error(`no answer from ${url.host} for ${Math.round((req.idleTimeoutMs ?? 30_000) / 1000)} s`), { code: 'ETIMEDOUT' }));
      });
      request.end(req.body);
    });
  }

  private agentFor(protocol: string, options: Record<string, unknown>): HttpAgent {
    const tls = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'servername'].map((k) => String(options[k] ?? ''));
    const identity = createHash('sha256').update(protocol).update(tls.join('\0')).digest('hex');
    if (this.agent && this.agentIdentity === identity) return this.agent;
    this.agent?.destroy();
    const common = { keepAlive: true, maxSockets: this.maxSockets };
    this.agent =
      protocol === 'http:'
        ? new HttpAgent(common)
        : new HttpsAgent({
            ...common,
            ca: options.ca as string | undefined,
            cert: options.cert as string | undefined,
            key: options.key as string | undefined,
            pfx: options.pfx as string | undefined,
            passphrase: options.passphrase as string | undefined,
            servername: options.servername as string | undefined,
            ...(options.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
          });
    this.agentIdentity = identity;
    return this.agent;
  }
}

async function readBody(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
