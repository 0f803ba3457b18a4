/**
 * The host API as the inspector's editor and actions use it, set once at start (main.tsx), so the
 * components stay free of connection plumbing and tests can see when it is missing.
 */
import type { LoupeApi } from '../../../../../shared/api';
import type { HostConnection } from '../../../host/connect';

let api: LoupeApi | undefined;

export function startObjectsApi(connection: HostConnection): void {
  api = connection.api;
}

export function objectsApi(): LoupeApi['objects'] {
  if (!api) throw new Error('the host API is not connected yet');
  return api.objects;
}

/** An API error's message and, for 422 answers, its field causes, as one readable text. */
export function errorText(err: unknown): string {
  if (err && typeof err === 'object' && 'message' in err) {
    const issues = (err as { issues?: Array<{ path: string; message: string }> }).issues ?? [];
    const message = String((err as { message: unknown }).message);
    return issues.length ? `${message} (${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')})` : message;
  }
  return String(err);
}
