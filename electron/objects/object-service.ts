/**
 * Reads, dry-runs and applies whole objects, and runs actions on them (issue 7). Every write is
 * refused here when the context is in read-only mode, so the UI hiding a button is not the guard.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { objectsChannels } from '../../shared/api/channels/objects';
import type { Disposable } from '../../shared/api/define';
import { ApiError } from '../../shared/api/errors';
import type { Handlers } from '../api/api-host';
import type { KubeConfigResolver } from '../kube/connection/connection-manager';
import { KubeHttpClient } from '../kube/http/kube-http-client';
import type { SettingsStore } from '../services/settings-store';
import { runAction } from './actions';
import { createObject, readYaml, writeObject } from './apply';
import { drainNode } from './drain';
import { permissionsFor } from './permissions';
import { toApiError } from './write-errors';

export interface ObjectServiceOptions {
  /** The context's KubeConfig, as the connection manager gets it (stable until the kubeconfig changes). */
  kubeConfigFor: KubeConfigResolver;
  settings: Pick<SettingsStore, 'isReadOnly' | 'setReadOnly'>;
}

export class ObjectService {
  private readonly clients = new Map<string, { kubeConfig: KubeConfig; client: KubeHttpClient }>();
  private readonly drains = new Set<AbortController>();

  constructor(private readonly options: ObjectServiceOptions) {}

  handlers(): Handlers<typeof objectsChannels> {
    return {
      'objects.getYaml': ({ ref, managedFields }) => readYaml(this.client(ref.cluster), ref, managedFields === true),
      'objects.dryRun': ({ cluster, ...req }) => writeObject(this.client(cluster), { ...req, dryRun: true }),
      'objects.apply': ({ cluster, ...req }) => writeObject(this.writer(cluster), { ...req, dryRun: false }),
      'objects.create': ({ cluster, yaml, namespace, dryRun }) =>
        createObject(dryRun ? this.client(cluster) : this.writer(cluster), yaml, namespace, dryRun === true),
      'objects.permissions': async ({ ref }) => {
        try {
          return await permissionsFor(this.client(ref.cluster), ref, { on: this.options.settings.isReadOnly(ref.cluster), context: ref.cluster });
        } catch (err) {
          throw toApiError(err, 'checking permissions');
        }
      },
      'objects.action': async ({ ref, action }) => {
        try {
          return await runAction(this.writer(ref.cluster), ref, action);
        } catch (err) {
          throw toApiError(err, `${action.type} ${ref.name}`);
        }
      },
      'objects.drain': ({ cluster, node, gracePeriodSeconds, timeoutSeconds }, sink): Disposable => {
        const client = this.writer(cluster);
        const abort = new AbortController();
        this.drains.add(abort);
        sink.onClose(() => abort.abort());
        drainNode(client, {
          node,
          signal: abort.signal,
          emit: (event) => void sink.push(event),
          ...(gracePeriodSeconds !== undefined ? { gracePeriodSeconds } : {}),
          ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
        })
          .then(() => sink.end())
          .catch((err: unknown) => sink.end(toApiError(err, `draining ${node}`)))
          .finally(() => this.drains.delete(abort));
        return { dispose: () => abort.abort() };
      },
      'objects.setReadOnly': ({ context, readOnly }) => {
        this.options.settings.setReadOnly(context, readOnly);
        return { context, readOnly };
      },
    };
  }

  async dispose(): Promise<void> {
    for (const abort of this.drains) abort.abort();
    this.drains.clear();
    for (const { client } of this.clients.values()) client.close();
    this.clients.clear();
  }

  /** The client for a write: refused while the context is in read-only mode. */
  private writer(context: string): KubeHttpClient {
    if (this.options.settings.isReadOnly(context)) {
      throw new ApiError({ code: 'forbidden', message: `read-only mode is on for ${context}: Loupe makes no changes to this cluster until you turn it off` });
    }
    return this.client(context);
  }

  private client(context: string): KubeHttpClient {
    const kubeConfig = this.options.kubeConfigFor(context);
    if ('problem' in kubeConfig) throw new ApiError({ code: 'unavailable', message: kubeConfig.problem });
    const known = this.clients.get(context);
    if (known?.kubeConfig === kubeConfig) return known.client;
    known?.client.close();
    const client = new KubeHttpClient(kubeConfig);
    this.clients.set(context, { kubeConfig, client });
    return client;
  }
}
