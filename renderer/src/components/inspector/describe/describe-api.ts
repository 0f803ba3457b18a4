/** The host API as the Describe tab uses it, set once at start (main.tsx). */
import type { LoupeApi } from '../../../../../shared/api';
import type { HostConnection } from '../../../host/connect';

let api: LoupeApi | undefined;

export function startDescribeApi(connection: HostConnection): void {
  api = connection.api;
}

export function describeApi(): LoupeApi['describe'] {
  if (!api) throw new Error('the host API is not connected yet');
  return api.describe;
}
