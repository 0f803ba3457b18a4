/**
 * Between the editor's YAML text and API objects: one document per edit, refused with the line of
 * the problem; the fields the server owns are stripped before a write so an edit never fights
 * them (managedFields must be absent for server-side apply, status is a separate subresource).
 */
import { parseAllDocuments, stringify } from 'yaml';

export type KubeObject = Record<string, unknown> & {
  apiVersion?: string;
  kind?: string;
  metadata?: Record<string, unknown> & { name?: string; namespace?: string; resourceVersion?: string; managedFields?: unknown };
};

export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestError';
  }
}

/** Parses exactly one YAML (or JSON) document holding an object with apiVersion, kind and metadata.name. */
export function parseManifest(text: string, options: { requireName?: boolean } = {}): KubeObject {
  const docs = parseAllDocuments(text).filter((d) => d.contents !== null || d.errors.length > 0);
  if (docs.length === 0) throw new ManifestError('the YAML is empty: write one object with apiVersion, kind and metadata');
  if (docs.length > 1) throw new ManifestError(`the YAML holds ${docs.length} documents; edit one object at a time`);
  const doc = docs[0]!;
  const error = doc.errors[0];
  if (error) {
    const line = error.linePos?.[0];
    throw new ManifestError(`YAML syntax error${line ? ` at line ${line.line}, column ${line.col}` : ''}: ${error.message.split('\n')[0]}`);
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ManifestError('the YAML must be an object (a mapping), not a list or a scalar');
  const object = value as KubeObject;
  if (typeof object.apiVersion !== 'string' || !object.apiVersion) throw new ManifestError('apiVersion is missing (e.g. apps/v1)');
  if (typeof object.kind !== 'string' || !object.kind) throw new ManifestError('kind is missing (e.g. Deployment)');
  if (object.metadata === undefined || typeof object.metadata !== 'object' || object.metadata === null || Array.isArray(object.metadata)) {
    throw new ManifestError('metadata is missing or not a mapping');
  }
  if (options.requireName !== false && (typeof object.metadata.name !== 'string' || !object.metadata.name)) {
    throw new ManifestError('metadata.name is missing');
  }
  return object;
}

/** YAML as kubectl prints it: the server's key order, no line folding. */
export function toYaml(object: unknown): string {
  return stringify(object, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** A copy without metadata.managedFields (they are long and rarely what the user came for). */
export function withoutManagedFields<T extends KubeObject>(object: T): T {
  if (!object.metadata || !('managedFields' in object.metadata)) return object;
  const { managedFields: _dropped, ...metadata } = object.metadata;
  return { ...object, metadata };
}

const SERVER_METADATA = ['managedFields', 'resourceVersion', 'generation', 'creationTimestamp', 'uid', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds'];

/**
 * The body of a server-side apply: the user's intent only. Server-set metadata and status are not
 * intent (and `managedFields` must be nil in an apply); resourceVersion is dropped so the apply
 * merges with the live object instead of failing on any concurrent change.
 */
export function applyBody(object: KubeObject): KubeObject {
  const metadata = { ...(object.metadata ?? {}) };
  for (const key of SERVER_METADATA) delete metadata[key];
  const { status: _status, ...rest } = object;
  return { ...rest, metadata };
}

/** The body of an update (PUT): everything the user sees, with the resourceVersion they edited. */
export function updateBody(object: KubeObject): KubeObject {
  if (!object.metadata?.resourceVersion) throw new ManifestError('metadata.resourceVersion is missing: an update needs the version you edited (or use server-side apply)');
  return object;
}

/** Names of the field managers recorded on an object. */
export function managersOf(object: KubeObject): string[] {
  const entries = object.metadata?.managedFields;
  if (!Array.isArray(entries)) return [];
  return [...new Set(entries.map((e) => (e as { manager?: string }).manager).filter((m): m is string => typeof m === 'string'))];
}
