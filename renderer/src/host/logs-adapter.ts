/** The logs store's way to the host: `logs.follow` and `logs.rollout` subscriptions. */
import type { Disposable, LoupeApi, StreamObserver } from '../../../shared/api';
import type { LogFeedEvent, LogFollowOptions, RolloutStatus } from '../../../shared/model/logs';
import type { HostConnection } from './connect';

let api: LoupeApi | undefined;

export function startLogsAdapter(connection: HostConnection): Disposable {
  api = connection.api;
  return { dispose: () => void (api = undefined) };
}

function noHost(observer: { error?: StreamObserver<unknown>['error'] }): Disposable {
  observer.error?.({ code: 'unavailable', message: 'Not connected to the Loupe host' });
  return { dispose: () => undefined };
}

export function followLogs(options: LogFollowOptions, observer: StreamObserver<LogFeedEvent>): Disposable {
  return api ? api.logs.follow(options, observer) : noHost(observer);
}

export function followRollout(params: { cluster: string; namespace: string; kind: RolloutStatus['kind']; name: string }, observer: StreamObserver<RolloutStatus>): Disposable {
  return api ? api.logs.rollout(params, observer) : noHost(observer);
}

export function setStreamLimit(limit: number): Promise<{ limit: number }> {
  return api ? api.logs.setLimit({ limit }) : Promise.reject(new Error('Not connected to the Loupe host'));
}
