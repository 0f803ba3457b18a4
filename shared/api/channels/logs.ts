/** Log-following and rollout-tracking channels (issue 6). */
import { z } from 'zod';
import { request, stream } from '../define';
import type { LogFeedEvent, RolloutStatus } from '../../model/logs';
import { parseLabelSelector } from '../../model/label-selector';
import { contextName, k8sName } from '../params';

/** A regular expression the host will compile: refused up front with the compiler's message. */
const regex = z
  .string()
  .max(1000)
  .superRefine((source, ctx) => {
    try {
      new RegExp(source);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(err as Error).message}` });
    }
  });

const labelSelector = z
  .string()
  .max(2000)
  .superRefine((text, ctx) => {
    try {
      parseLabelSelector(text);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
    }
  });

export const logSelector = z
  .object({
    cluster: contextName,
    namespace: k8sName.optional(),
    kind: z.enum(['pods', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs']).optional(),
    name: k8sName.optional(),
    podPattern: regex.optional(),
    labelSelector: labelSelector.optional(),
  })
  .strict()
  .refine((s) => (s.kind === undefined) === (s.name === undefined), { message: 'kind and name go together' });

export const logFollowOptions = z
  .object({
    selectors: z.array(logSelector).min(1).max(50),
    container: regex.optional(),
    excludeContainer: regex.optional(),
    /** At most 30 days, like the kubelet keeps. */
    sinceSeconds: z.number().int().min(1).max(30 * 86_400).optional(),
    tail: z.number().int().min(-1).max(100_000).optional(),
  })
  .strict();

export const rolloutParams = z
  .object({
    cluster: contextName,
    namespace: k8sName,
    kind: z.enum(['deployments', 'statefulsets', 'daemonsets', 'jobs']),
    name: k8sName,
  })
  .strict();

export const logsChannels = {
  /**
   * Follows every container the selectors match, across pods that come and go: stream list and
   * state changes, lines (timestamps kept), restart/deletion markers, the workload's events,
   * capacity and overflow notices. Lines are never lost or repeated across reconnects.
   */
  'logs.follow': stream<LogFeedEvent>({ batchMs: 50, window: 4 })(logFollowOptions),
  /** The live rollout state and verdict of one workload (kubedog's rules); each event replaces the last. */
  'logs.rollout': stream<RolloutStatus>({ batchMs: 100, window: 2 })(rolloutParams),
  /** Concurrent log streams per cluster, shared by every follow (default 50); streams beyond it wait. Answers the cap in force. */
  'logs.setLimit': request<{ limit: number }>()(z.object({ limit: z.number().int().min(1).max(1000) }).strict()),
} as const;
