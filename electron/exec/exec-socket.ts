/**
 * The WebSocket to a pod's `exec` or `attach` subresource, authenticated by @kubernetes/client-node's
 * KubeConfig (tokens, client certificates, exec plugins, proxies). client-node's own `Exec` drops the
 * API server's answer when the upgrade is refused (it only says "Unexpected server response: 403")
 * and sends resizes with lower-case keys; this keeps its credentials and protocol list but reads the
 * refusal's Status, so the terminal shows the server's own message.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { parseStatus } from '../kube/http/kube-api-error';

/** v5 adds the stdin half-close; every server since 1.4 speaks v4. The server picks the first it knows. */
export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

const USER_AGENT = 'loupe/0.1 (kubernetes observability IDE)';
const HANDSHAKE_TIMEOUT_MS = 30_000;
const MAX_ERROR_BODY = 64 * 1024;

export interface ExecSocketTarget {
  namespace: string;
  pod: string;
  container?: string;
  /** exec runs `command`; attach joins the container's main process. */
  mode: 'exec' | 'attach';
  command?: string[];
  tty: boolean;
}

/** The upgrade was refused: the HTTP status and the API server's message. */
export class ExecRefusedError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'ExecRefusedError';
  }
}

export function execPath(target: ExecSocketTarget): string {
  const query = new URLSearchParams();
  if (target.mode === 'exec') for (const arg of target.command ?? []) query.append('command', arg);
  if (target.container) query.set('container', target.container);
  query.set('stdin', 'true');
  query.set('stdout', 'true');
  // A terminal merges stderr into stdout; asking for both with a TTY is refused by the kubelet.
  query.set('stderr', String(!target.tty));
  query.set('tty', String(target.tty));
  const ns = encodeURIComponent(target.namespace);
  const pod = encodeURIComponent(target.pod);
  return `/api/v1/namespaces/${ns}/pods/${pod}/${target.mode}?${query}`;
}

/** Opens the socket; rejects with the server's message when the upgrade is refused. */
export async function openExecSocket(kc: KubeConfig, target: ExecSocketTarget, signal: AbortSignal): Promise<WebSocket> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const url = new URL(cluster.server.replace(/\/+$/, '') + execPath(target));
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  const options: Record<string, unknown> = { headers: { 'User-Agent': USER_AGENT } };
  await kc.applyToHTTPSOptions(options);
  signal.throwIfAborted();
  return new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url, EXEC_PROTOCOLS, {
      ...options,
      handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
      perMessageDeflate: false,
    });
    let settled = false;
    const settle = (err?: Error) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      ws.off('open', onOpen);
      if (err) {
        ws.terminate();
        reject(err);
      } else {
        resolve(ws);
      }
    };
    const onOpen = () => settle();
    const onAbort = () => settle(new Error('cancelled'));
    // Errors after the handshake are the session's business; this one only stops them being unhandled.
    ws.on('error', (err) => settle(new Error(`cannot reach the API server: ${err.message}`)));
    ws.on('unexpected-response', (_req, res: IncomingMessage) => {
      readLimited(res).then(
        (body) => settle(refusal(res.statusCode ?? 0, body)),
        (err: Error) => settle(new ExecRefusedError(res.statusCode ?? 0, `HTTP ${res.statusCode}: ${err.message}`)),
      );
    });
    ws.once('open', onOpen);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function refusal(statusCode: number, body: string): ExecRefusedError {
  const status = parseStatus(body);
  const text = body.trim().slice(0, 500);
  return new ExecRefusedError(statusCode, status?.message ?? (text ? `HTTP ${statusCode}: ${text}` : `HTTP ${statusCode}`));
}

async function readLimited(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res) {
    size += (chunk as Buffer).length;
    if (size > MAX_ERROR_BODY) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
