import { describe, expect, it } from 'vitest';
import { rowKey, type ServiceRow } from '../../../shared/model/rows';
import { selectorFor, useLogsStore } from './logs-store';
import { useResourcesStore } from './resources-store';
import { useUiStore } from './ui-store';

describe('logs store', () => {
  it('maps objects to what their logs are', () => {
    expect(selectorFor({ cluster: 'demo', kind: 'pods', namespace: 'shop', name: 'web-1' })).toEqual({ cluster: 'demo', namespace: 'shop', kind: 'pods', name: 'web-1' });
    expect(selectorFor({ cluster: 'demo', kind: 'statefulsets', namespace: 'shop', name: 'db' })).toEqual({ cluster: 'demo', namespace: 'shop', kind: 'statefulsets', name: 'db' });
    expect(selectorFor({ cluster: 'demo', kind: 'namespaces', name: 'shop' })).toEqual({ cluster: 'demo', namespace: 'shop' });
    expect(selectorFor({ cluster: 'demo', kind: 'services', namespace: 'shop', name: 'web' })).toMatch(/Service web selects no pods Loupe knows of/);
    expect(selectorFor({ cluster: 'demo', kind: 'ingresses', namespace: 'shop', name: 'web' })).toMatch(/ingresses have no logs/);
    expect(selectorFor({ cluster: 'demo', kind: 'nodes', name: 'n1' })).toMatch(/nodes n1 has no logs/);
  });

  it('openFor switches to the Logs view and follows the object, writing it as a query', () => {
    useUiStore.getState().setView('topology');
    useLogsStore.getState().openFor({ cluster: 'demo', kind: 'deployments', namespace: 'shop', name: 'frontend' });
    const state = useLogsStore.getState();
    expect(useUiStore.getState().view).toBe('logs');
    expect(state.following?.options).toEqual({ selectors: [{ cluster: 'demo', namespace: 'shop', kind: 'deployments', name: 'frontend' }] });
    expect(state.following?.label).toBe('deploy/frontend in shop');
    expect(state.query).toBe('deploy/frontend -n shop --context demo');
    expect(state.scope).toEqual({ cluster: 'demo', namespace: 'shop' });
    // No host in a unit test: the follow fails, and says why.
    expect(state.followError).toBe('Not connected to the Loupe host');
  });

  it('follows a Service through its selector when a table holds its row', () => {
    const store = useResourcesStore.getState();
    store.openFeed('t', { clusters: ['demo'], kinds: ['services'] });
    const row: ServiceRow = {
      key: rowKey('demo', 'services', 'shop', 'web'), cluster: 'demo', kind: 'services', namespace: 'shop', name: 'web', uid: 'u', rv: '1', createdAt: '', type: 'ClusterIP', ports: [], selector: { app: 'web', tier: 'fe' },
    };
    store.replaceRows('t', new Map([[row.key, row]]), 'live');
    expect(selectorFor({ cluster: 'demo', kind: 'services', namespace: 'shop', name: 'web' })).toEqual({ cluster: 'demo', namespace: 'shop', labelSelector: 'app=web,tier=fe' });
    store.closeFeed('t');
  });

  it('refuses objects without logs with a reason, and names the bad token of a query', () => {
    useLogsStore.getState().openFor({ cluster: 'demo', kind: 'services', namespace: 'shop', name: 'web' });
    expect(useLogsStore.getState()).toMatchObject({ following: undefined, followError: expect.stringMatching(/selects no pods/) });
    useLogsStore.getState().setQuery('deploy/frontend --tail lots');
    expect(useLogsStore.getState().submitQuery({ clusters: ['demo'] })).toBe(false);
    expect(useLogsStore.getState().queryError).toEqual({ message: expect.stringMatching(/"lots" is not a line count/), token: 'lots' });
  });

  it('keeps an invalid filter as text with its error and does not apply it', () => {
    useLogsStore.getState().setTextFilter('include', 'a(');
    expect(useLogsStore.getState().include).toEqual({ text: 'a(', error: expect.stringMatching(/Unterminated group/) });
    useLogsStore.getState().setTextFilter('include', 'ok');
    expect(useLogsStore.getState().include).toEqual({ text: 'ok' });
  });
});
