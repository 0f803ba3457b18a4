/**
 * A renderer connected to the API host inside the same process: the real envelope, validation and
 * flow control, without a socket. Tests and benchmarks drive the host's services through it.
 */
import { createApiClient, type Transport } from '../../shared/api/client';
import { contract, type LoupeContract } from '../../shared/api/contract';
import type { HostMessage } from '../../shared/api/wire';
import type { ApiHost, PeerSession } from './api-host';

export function connectInMemory(host: ApiHost<LoupeContract>, peerId = 'test') {
  const listeners = new Set<(m: HostMessage) => void>();
  // Delivered on a microtask, as a transport would: never re-entrantly inside the host's send.
  const session: PeerSession = host.connect({ id: peerId, send: (m) => queueMicrotask(() => listeners.forEach((l) => l(m))) });
  const transport: Transport = {
    send: (m) => session.receive(m),
    onMessage: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onClose: () => () => undefined,
  };
  return { api: createApiClient(contract, transport), session };
}
