/** The API server's refusals, carried to the UI with its own message and field causes. */
import type { StatusCause } from '../../shared/api/channels/objects';
import { ApiError, type ApiErrorCode } from '../../shared/api/errors';
import { KubeApiError } from '../kube/http/kube-api-error';
import { ManifestError } from './yaml-codec';

export function statusCauses(err: KubeApiError): StatusCause[] {
  const causes = err.status?.details?.causes;
  if (!Array.isArray(causes)) return [];
  return causes.map((c: Record<string, unknown>) => ({
    ...(typeof c.reason === 'string' ? { reason: c.reason } : {}),
    ...(typeof c.message === 'string' ? { message: c.message } : {}),
    ...(typeof c.field === 'string' ? { field: c.field } : {}),
  }));
}

function codeFor(statusCode: number): ApiErrorCode {
  if (statusCode === 400 || statusCode === 422 || statusCode === 409) return 'invalid-params';
  if (statusCode === 401 || statusCode === 403) return 'forbidden';
  if (statusCode === 404) return 'not-found';
  return 'unavailable';
}

/** Any failure of a write or read as an ApiError: server Status message, causes as issues. */
export function toApiError(err: unknown, doing: string): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ManifestError) return new ApiError({ code: 'invalid-params', message: err.message });
  if (err instanceof KubeApiError) {
    const causes = statusCauses(err);
    return new ApiError({
      code: codeFor(err.statusCode),
      message: `${doing}: ${err.message}`,
      ...(causes.length ? { issues: causes.map((c) => ({ path: c.field ?? '', message: c.message ?? c.reason ?? '' })) } : {}),
    });
  }
  return new ApiError({ code: 'unavailable', message: `${doing}: ${err instanceof Error ? err.message : String(err)}` });
}
