import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettingsDir, SettingsStore } from './settings-store';

describe('SettingsStore', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-settings-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('starts with defaults and persists changes for the next run', () => {
    const dir = fresh();
    const first = new SettingsStore(dir);
    expect(first.get()).toEqual({ kubeconfigPaths: [], readOnlyContexts: [] });
    first.update({ kubeconfigPaths: ['/a/config', '/b/folder'] });
    expect(new SettingsStore(dir).get().kubeconfigPaths).toEqual(['/a/config', '/b/folder']);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ kubeconfigPaths: ['/a/config', '/b/folder'], readOnlyContexts: [] });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('sets a broken file aside with a warning instead of failing', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'settings.json'), '{ "kubeconfigPaths": "not a list" }');
    const warnings: string[] = [];
    const store = new SettingsStore(dir, { warn: (m) => warnings.push(m) });
    expect(store.get()).toEqual({ kubeconfigPaths: [], readOnlyContexts: [] });
    expect(warnings[0]).toContain('is not valid settings');
    expect(existsSync(join(dir, 'settings.json'))).toBe(false);
    expect(readdirSync(dir).some((f) => f.startsWith('settings.json.broken-'))).toBe(true);
  });

  it('keeps read-only mode per context across runs and tells listeners', () => {
    const dir = fresh();
    const store = new SettingsStore(dir);
    const seen: string[][] = [];
    store.onChange((s) => seen.push(s.readOnlyContexts));
    store.setReadOnly('prod', true);
    store.setReadOnly('prod', true);
    store.setReadOnly('audit', true);
    expect(store.isReadOnly('prod')).toBe(true);
    expect(store.isReadOnly('dev')).toBe(false);
    expect(seen).toEqual([['prod'], ['audit', 'prod']]);
    const again = new SettingsStore(dir);
    expect(again.isReadOnly('audit')).toBe(true);
    again.setReadOnly('audit', false);
    expect(new SettingsStore(dir).get().readOnlyContexts).toEqual(['prod']);
  });

  it('reads settings files written before read-only mode existed', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'settings.json'), '{ "kubeconfigPaths": ["/k"] }');
    expect(new SettingsStore(dir).isReadOnly('any')).toBe(false);
  });

  it('lives under XDG_CONFIG_HOME when set', () => {
    expect(defaultSettingsDir('/home/u', { XDG_CONFIG_HOME: '/xdg' })).toBe('/xdg/loupe');
    expect(defaultSettingsDir('/home/u', {})).toBe('/home/u/.config/loupe');
  });
});
