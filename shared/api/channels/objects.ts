/**
 * Object channels: full YAML, dry run, apply, create, and actions such as scale or drain (issue 7).
 * Every write is checked against the context's read-only mode in main, not only in the UI.
 */
import { z } from 'zod';
import { request, stream } from '../define';
import { contextName, k8sName, objectRef } from '../params';

/** A manifest as the user typed it: one YAML document, at most 2 MB like the API server's limit. */
const yamlText = z.string().min(1).max(2 * 1024 * 1024);

export const objectAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('delete') }).strict(),
  z.object({ type: z.literal('restart') }).strict(),
  z.object({ type: z.literal('scale'), replicas: z.number().int().min(0).max(100_000) }).strict(),
  z.object({ type: z.literal('cordon') }).strict(),
  z.object({ type: z.literal('uncordon') }).strict(),
  z.object({ type: z.literal('suspend') }).strict(),
  z.object({ type: z.literal('resume') }).strict(),
  z.object({ type: z.literal('trigger') }).strict(),
]);
export type ObjectAction = z.infer<typeof objectAction>;

export interface ObjectYaml {
  yaml: string;
  resourceVersion: string;
  /** False for secrets (their values never leave main) and objects Loupe cannot write back. */
  editable: boolean;
  reason?: string;
}

/** One leaf that differs between two versions of an object; values are short YAML-ish renderings. */
export interface FieldChange {
  /** Dotted path such as `spec.replicas` or `spec.template.spec.containers[name=web].image`. */
  path: string;
  change: 'added' | 'removed' | 'changed';
  before?: string;
  after?: string;
}

/** A `details.causes` entry of the API server's Status (422 field errors, 409 manager conflicts). */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export type ObjectWriteResult =
  | {
      outcome: 'ok';
      dryRun: boolean;
      /** The object as the server returned it (managedFields left out). */
      yaml: string;
      resourceVersion?: string;
      /** Against the live object before the write (or empty for a create). */
      changes: FieldChange[];
      /** managedFields managers of the result, so the UI can show that `loupe` now owns fields. */
      managers: string[];
    }
  | {
      /** 409: a stale resourceVersion (update) or fields owned by another manager (server-side apply). */
      outcome: 'conflict';
      message: string;
      causes: StatusCause[];
      /** The live object now, to reload from. */
      liveYaml: string;
      liveResourceVersion: string;
      /** What changed on the server since `base` (when the edit said where it started). */
      theirChanges: FieldChange[];
      /** The user's changes replayed onto the live object, when none touches a field that changed meanwhile. */
      merged?: string;
      /** Paths both sides changed differently: why no merge was offered. */
      overlapping: string[];
    }
  | {
      /** 422 and other refusals: the server's message and field causes. */
      outcome: 'invalid';
      code: number;
      reason?: string;
      message: string;
      causes: StatusCause[];
    };

export type ObjectActionId = ObjectAction['type'] | 'drain' | 'edit' | 'logs' | 'shell';

export interface ActionPermission {
  action: ObjectActionId;
  allowed: boolean;
  /** Why not, in words (the RBAC verb and resource, or read-only mode). */
  reason?: string;
}

export interface ObjectState {
  replicas?: number;
  suspended?: boolean;
  unschedulable?: boolean;
}

export interface ObjectPermissions {
  readOnly: boolean;
  actions: ActionPermission[];
  state: ObjectState;
}

export interface ActionOutcome {
  message: string;
  /** For trigger: the Job created. */
  created?: { kind: string; namespace?: string; name: string };
}

export type DrainEvent =
  | { type: 'cordoned'; node: string; already: boolean }
  | { type: 'plan'; evict: string[]; skipped: Array<{ pod: string; reason: string }> }
  | { type: 'evicting'; pod: string }
  | { type: 'evicted'; pod: string }
  | { type: 'failed'; pod: string; message: string }
  | { type: 'done'; evicted: number; failed: number; message: string };

const writeParams = z
  .object({
    cluster: contextName,
    yaml: yamlText,
    /** 'ssa': server-side apply as field manager `loupe`; 'update': PUT with the edited resourceVersion. */
    mode: z.enum(['ssa', 'update']),
    /** Take over fields other managers own (server-side apply only). */
    force: z.boolean().optional(),
    /** The YAML the edit started from: lets a 409 answer say what changed meanwhile and offer a merge. */
    base: yamlText.optional(),
  })
  .strict();

export const objectsChannels = {
  /** The object as YAML; managedFields left out unless asked for. Secrets come back redacted and read-only. */
  'objects.getYaml': request<ObjectYaml>()(
    z.object({ ref: objectRef, managedFields: z.boolean().optional() }).strict(),
  ),
  /** The same write as `objects.apply` with dryRun=All: the server's verdict and what would change. */
  'objects.dryRun': request<ObjectWriteResult>()(writeParams),
  'objects.apply': request<ObjectWriteResult>()(writeParams),
  /** POST a new object; `namespace` applies when the manifest names none. */
  'objects.create': request<ObjectWriteResult>()(
    z.object({ cluster: contextName, yaml: yamlText, namespace: k8sName.optional(), dryRun: z.boolean().optional() }).strict(),
  ),
  /** Which actions the user may run on this object, each with the reason when not (RBAC, read-only mode). */
  'objects.permissions': request<ObjectPermissions>()(z.object({ ref: objectRef }).strict()),
  'objects.action': request<ActionOutcome>()(z.object({ ref: objectRef, action: objectAction }).strict()),
  /** Cordons the node, then evicts its pods (not DaemonSet or mirror pods), reporting each step. */
  'objects.drain': stream<DrainEvent>({ batchMs: 50 })(
    z
      .object({
        cluster: contextName,
        node: k8sName,
        /** Seconds each pod gets to stop; the pod's own setting when absent. */
        gracePeriodSeconds: z.number().int().min(0).max(3600).optional(),
        /** Give up on the drain after this long. */
        timeoutSeconds: z.number().int().min(1).max(3600).optional(),
      })
      .strict(),
  ),
  'objects.setReadOnly': request<{ context: string; readOnly: boolean }>()(
    z.object({ context: contextName, readOnly: z.boolean() }).strict(),
  ),
} as const;
