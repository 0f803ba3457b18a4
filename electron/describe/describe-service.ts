/** Renders kubectl-equivalent describe text for one object (issue 7). */
import type { describeChannels } from '../../shared/api/channels/describe';
import { ApiError } from '../../shared/api/errors';
import { DESCRIBABLE_KINDS, describeObject, type DescribeResult } from '../../shared/describe';
import { kindInfo } from '../../shared/model/kinds';
import type { ObjectRef } from '../../shared/model/object-ref';
import type { Handlers } from '../api/api-host';
import type { ConnectionManager } from '../kube/connection/connection-manager';
import { KubeApiError } from '../kube/http/kube-api-error';
import { gatherInput } from './describe-inputs';

export interface DescribeServiceOptions {
  /** The zone times are shown in; the host's own by default, like kubectl. */
  timeZone?: string;
  now?: () => number;
}

export class DescribeService {
  private readonly timeZone: string;
  private readonly now: () => number;

  constructor(
    private readonly connections: ConnectionManager,
    options: DescribeServiceOptions = {},
  ) {
    this.timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    this.now = options.now ?? Date.now;
  }

  handlers(): Handlers<typeof describeChannels> {
    return {
      'describe.object': ({ objectRef }) => this.describe(objectRef),
    };
  }

  async describe(ref: ObjectRef): Promise<DescribeResult> {
    if (!DESCRIBABLE_KINDS.has(ref.kind)) throw new ApiError({ code: 'invalid-params', message: `describe does not support ${ref.kind}` });
    if (kindInfo(ref.kind).namespaced !== (ref.namespace !== undefined)) {
      throw new ApiError({ code: 'invalid-params', message: `${ref.kind} ${kindInfo(ref.kind).namespaced ? 'need' : 'take no'} namespace` });
    }
    const cache = this.connections.cache(ref.cluster);
    if (!cache) throw new ApiError({ code: 'unavailable', message: `cluster "${ref.cluster}" is not connected` });
    try {
      const input = await gatherInput(cache.client, ref);
      return describeObject(input, { cluster: ref.cluster, now: this.now(), timeZone: this.timeZone });
    } catch (err) {
      throw toApiError(err);
    }
  }

  async dispose(): Promise<void> {}
}

/** kubectl's "Error from server (Reason): message" for an answer of the API server. */
function toApiError(err: unknown): ApiError {
  if (!(err instanceof KubeApiError)) return ApiError.from(err);
  const text = `Error from server (${err.reason ?? 'Unknown'}): ${err.message}`;
  if (err.statusCode === 404) return new ApiError({ code: 'not-found', message: text });
  if (err.statusCode === 403) return new ApiError({ code: 'forbidden', message: text });
  return new ApiError({ code: err.statusCode >= 500 ? 'unavailable' : 'internal', message: text });
}
