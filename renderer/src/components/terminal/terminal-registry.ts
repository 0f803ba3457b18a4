/**
 * The engines behind the terminal tabs, by tab key, and the host API they use (set once at start,
 * in main.tsx). Kept out of the store and out of React so a session survives its view unmounting.
 */
import type { LoupeApi } from '../../../../shared/api';
import type { HostConnection } from '../../host/connect';
import { TerminalSession, type SessionEvents, type SessionRequest } from './terminal-session';

let api: LoupeApi | undefined;
const engines = new Map<string, TerminalSession>();

export function startTerminalsApi(connection: HostConnection): void {
  api = connection.api;
}

/** The tab's engine, created on first use (the session starts when it is first attached to a view). */
export function terminalFor(key: string, request: SessionRequest, events: SessionEvents): TerminalSession {
  let engine = engines.get(key);
  if (!engine) {
    if (!api) throw new Error('the host API is not connected yet');
    engine = new TerminalSession(api, request, events);
    engines.set(key, engine);
  }
  return engine;
}

export function disposeTerminal(key: string): void {
  engines.get(key)?.dispose();
  engines.delete(key);
}

/** The tab's engine if its view has been shown. */
export function existingTerminal(key: string): TerminalSession | undefined {
  return engines.get(key);
}
