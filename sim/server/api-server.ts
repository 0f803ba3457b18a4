/**
 * The simulated kube-apiserver: HTTPS on 127.0.0.1, authentication, RBAC on every request, then
 * discovery (Part C's documents), the resource verbs, subresources, reviews and metrics. Upgrade
 * requests (exec/attach/portforward) go through the same pipeline before reaching the kubelet.
 */
import { createServer, type Server } from 'node:https';
import { ServerResponse, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { KubeletHandlers, MetricsSource } from '../core/types';
import type { MemoryStore } from '../store/memory-store';
import { Authenticator, type SimUser, type UserInfo } from './auth';
import type { RequestContext, ServerState } from './context';
import { discoveryResponse } from './discovery/documents';
import { findResource, RESOURCES, resourceKey } from './discovery/resources';
import { FaultInjector, type FailureSpec } from './faults';
import { impersonate } from './impersonation';
import { handleList } from './list';
import { handleMetrics } from './metrics';
import { handleCreate, handleDelete, handleDeleteCollection, handleGet, handlePatch, handleUpdate } from './objects';
import { handlePodEphemeralContainers } from './pod-ephemeral-containers';
import { handlePodEviction } from './pod-eviction';
import { handlePodBinding, handlePodLog, handleStreamingWithoutUpgrade, prepareStreamingUpgrade, STREAMING_SUBRESOURCES } from './pod-subresources';
import { RbacAuthorizer } from './rbac';
import { requestInfo } from './request-info';
import { baseHeaders, pageNotFound, sendError, wantsPretty } from './respond';
import { handleReview, REVIEW_RESOURCES } from './reviews';
import { ApiError, errors } from './status';
import { handleScale, handleStatus } from './subresources';
import { handleWatch } from './watch';

export type { SimUser } from './auth';
export { FaultInjector } from './faults';

export interface ApiServerOptions {
  name: string;
  store: MemoryStore;
  tls: { certPem: string; keyPem: string };
  users: SimUser[];
  kubelet?: KubeletHandlers;
  metrics?: MetricsSource;
  /** 0 or absent: a free port. */
  port?: number;
}

export interface RunningApiServer {
  name: string;
  url: string;
  port: number;
  faults: FaultInjector;
  setMetricsEnabled(on: boolean): void;
  close(): Promise<void>;
}

const KNOWN_GROUP_VERSIONS = new Set(RESOURCES.map((r) => `${r.group}/${r.version}`));

function injectedFailure(spec: FailureSpec): ApiError {
  const retry = spec.retryAfterSeconds ?? (spec.status === 500 ? undefined : 1);
  const headers: Record<string, string> = retry !== undefined ? { 'Retry-After': String(retry) } : {};
  if (spec.status === 429) {
    return new ApiError(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds: retry }, {}, headers);
  }
  if (spec.status === 503) {
    return new ApiError(503, 'ServiceUnavailable', 'the server is currently unable to handle the request', retry !== undefined ? { retryAfterSeconds: retry } : {}, {}, headers);
  }
  return new ApiError(500, 'InternalError', 'Internal error occurred: injected fault', { causes: [{ reason: '', message: 'injected fault' }] }, {}, headers);
}

/** Either answered already (discovery, plain-text 404) or a resource request to dispatch. */
type Routed = { kind: 'done' } | { kind: 'resource'; ctx: RequestContext };

class ApiServer {
  readonly state: ServerState;
  readonly auth: Authenticator;
  readonly server: Server;
  private port = 0;
  private readonly sockets = new Set<Socket>();

  constructor(options: ApiServerOptions) {
    this.auth = new Authenticator(options.users);
    this.state = {
      name: options.name,
      store: options.store,
      rbac: new RbacAuthorizer(options.store),
      faults: undefined as unknown as FaultInjector,
      kubelet: options.kubelet,
      metrics: options.metrics,
      metricsEnabled: options.metrics !== undefined,
      watches: new Set(),
    };
    this.state.faults = new FaultInjector({
      auth: this.auth,
      stopListening: () => this.stopListening(),
      startListening: () => this.listen(this.port),
      dropWatches: () => {
        for (const res of [...this.state.watches]) res.destroy();
        this.state.watches.clear();
      },
    });
    this.server = createServer({ cert: options.tls.certPem, key: options.tls.keyPem });
    this.server.on('request', (req: IncomingMessage, res: ServerResponse) => void this.onRequest(req, res));
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => void this.onUpgrade(req, socket, head));
    // Tracked from the TCP connection, not the TLS handshake: a socket still handshaking when the
    // server stops would otherwise hold server.close() open forever.
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server.on('clientError', (_err, socket: Duplex) => socket.destroy());
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.server.once('error', onError);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', onError);
        const address = this.server.address();
        if (address && typeof address === 'object') this.port = address.port;
        resolve();
      });
    });
  }

  get boundPort(): number {
    return this.port;
  }

  stopListening(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
      this.sockets.clear();
    });
  }

  /** Authentication, faults, RBAC and routing shared by plain and upgrade requests. */
  private async route(req: IncomingMessage, res: ServerResponse): Promise<Routed> {
    const faults = this.state.faults;
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const query = url.searchParams;
    const pretty = wantsPretty(req, query);
    const failure = faults.takeFailure(`${url.pathname}${url.search}`);
    if (failure) throw injectedFailure(failure);
    const user: UserInfo = impersonate(req, this.auth.authenticate(req), this.state.rbac);
    const info = requestInfo(req.method ?? 'GET', url.pathname, query);
    this.state.rbac.check(user, info);
    if (info.kind === 'nonResource') {
      const answer = discoveryResponse(
        { path: `${url.pathname}${url.search}`, accept: req.headers.accept },
        { metricsEnabled: this.state.metricsEnabled, serverAddress: `127.0.0.1:${this.port}` },
      );
      if (!answer) {
        pageNotFound(res);
        return { kind: 'done' };
      }
      const body = pretty && answer.contentType.startsWith('application/json') && !url.pathname.startsWith('/version') ? JSON.stringify(JSON.parse(answer.body), null, 2) : answer.body;
      res.writeHead(answer.status, { ...baseHeaders(), 'Content-Type': answer.contentType, 'Content-Length': String(Buffer.byteLength(body)), ...answer.headers });
      res.end(body);
      return { kind: 'done' };
    }
    const resource = findResource(info.group, info.version, info.resource);
    if (info.group === 'metrics.k8s.io' && !this.state.metricsEnabled) {
      pageNotFound(res);
      return { kind: 'done' };
    }
    if (!resource) {
      if (!KNOWN_GROUP_VERSIONS.has(`${info.group}/${info.version}`)) {
        pageNotFound(res);
        return { kind: 'done' };
      }
      throw errors.notFoundResource();
    }
    if (!resource.namespaced && info.namespace !== undefined && info.resource !== 'namespaces') throw errors.notFoundResource();
    const ctx: RequestContext = { state: this.state, req, res, query, user, info, resource, key: resourceKey(resource), pretty };
    return { kind: 'resource', ctx };
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let pretty = false;
    try {
      pretty = wantsPretty(req, new URL(req.url ?? '/', 'https://127.0.0.1').searchParams);
      const routed = await this.route(req, res);
      if (routed.kind !== 'resource') return;
      await this.dispatch(routed.ctx);
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendError(res, err, pretty);
    }
  }

  private async dispatch(ctx: RequestContext): Promise<void> {
    const { info, resource } = ctx;
    if (resource.metrics) return handleMetrics(ctx);
    if (REVIEW_RESOURCES.has(`${info.group}/${info.resource}`)) return handleReview(ctx);
    const sub = info.subresource;
    if (sub !== undefined) return this.dispatchSubresource(ctx, sub);
    switch (info.verb) {
      case 'get':
        return handleGet(ctx);
      case 'list':
        return handleList(ctx);
      case 'watch':
        return handleWatch(ctx);
      case 'create':
        if (info.name !== undefined) throw errors.methodNotAllowed();
        return handleCreate(ctx);
      case 'update':
        if (info.name === undefined) throw errors.methodNotAllowed();
        return handleUpdate(ctx);
      case 'patch':
        if (info.name === undefined) throw errors.methodNotAllowed();
        return handlePatch(ctx);
      case 'delete':
        return handleDelete(ctx);
      case 'deletecollection':
        return handleDeleteCollection(ctx);
      default:
        throw errors.methodNotAllowed();
    }
  }

  private dispatchSubresource(ctx: RequestContext, sub: string): void | Promise<void> {
    if (!ctx.resource.subresources.includes(sub)) throw errors.notFoundResource();
    if (sub === 'status') return handleStatus(ctx);
    if (sub === 'scale') return handleScale(ctx);
    if (ctx.key === 'pods' && sub === 'log') {
      if (ctx.info.verb !== 'get') throw errors.methodNotAllowed();
      return handlePodLog(ctx);
    }
    if (ctx.key === 'pods' && STREAMING_SUBRESOURCES.has(sub)) return handleStreamingWithoutUpgrade(ctx);
    if (ctx.key === 'pods' && sub === 'binding') return handlePodBinding(ctx);
    if (ctx.key === 'pods' && sub === 'ephemeralcontainers') return handlePodEphemeralContainers(ctx);
    if (ctx.key === 'pods' && sub === 'eviction') return handlePodEviction(ctx);
    throw errors.notFoundResource();
  }

  private async onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    // A response object bound to the raw socket, so errors are written as ordinary HTTP answers.
    const res = new ServerResponse(req);
    res.assignSocket(socket as Socket);
    res.shouldKeepAlive = false;
    res.on('finish', () => socket.end());
    socket.on('error', () => socket.destroy());
    try {
      const routed = await this.route(req, res);
      if (routed.kind !== 'resource') return;
      const { ctx } = routed;
      const sub = ctx.info.subresource;
      if (ctx.key !== 'pods' || sub === undefined || !STREAMING_SUBRESOURCES.has(sub)) {
        await this.dispatch(ctx);
        return;
      }
      const handOff = prepareStreamingUpgrade(ctx);
      res.detachSocket(socket as Socket);
      handOff(socket, head);
    } catch (err) {
      if (res.headersSent || socket.destroyed) {
        socket.destroy();
        return;
      }
      sendError(res, err, false);
    }
  }
}

export async function startApiServer(options: ApiServerOptions): Promise<RunningApiServer> {
  const api = new ApiServer(options);
  await api.listen(options.port ?? 0);
  const port = api.boundPort;
  return {
    name: options.name,
    url: `https://127.0.0.1:${port}`,
    port,
    faults: api.state.faults,
    setMetricsEnabled: (on: boolean) => {
      api.state.metricsEnabled = on && options.metrics !== undefined;
    },
    close: async () => {
      await api.state.faults.reset();
      for (const res of [...api.state.watches]) res.destroy();
      await api.stopListening();
    },
  };
}
