import { describe, expect, it } from 'vitest';
import { contract } from './contract';

describe('the API contract', () => {
  // Changing this list changes the API between host and renderer: update the snapshot on purpose.
  it('declares exactly these channels', () => {
    const channels = Object.entries(contract).map(([name, channel]) =>
      channel.kind === 'stream' ? `${name} (stream${channel.binary ? ', binary' : ''})` : `${name} (request)`,
    );
    expect(channels).toMatchInlineSnapshot(`
      [
        "app.info (request)",
        "app.heartbeat (stream)",
        "clusters.watch (stream)",
        "clusters.connect (request)",
        "clusters.disconnect (request)",
        "clusters.addKubeconfigPath (request)",
        "clusters.removeKubeconfigPath (request)",
        "resources.watch (stream)",
        "resources.get (request)",
        "topology.watch (stream)",
        "logs.follow (stream)",
        "logs.rollout (stream)",
        "logs.setLimit (request)",
        "describe.object (request)",
        "objects.getYaml (request)",
        "objects.dryRun (request)",
        "objects.apply (request)",
        "objects.create (request)",
        "objects.permissions (request)",
        "objects.action (request)",
        "objects.drain (stream)",
        "objects.setReadOnly (request)",
        "exec.open (request)",
        "exec.debug (request)",
        "exec.nodeShell (request)",
        "exec.output (stream, binary)",
        "exec.state (stream)",
        "exec.input (request)",
        "exec.resize (request)",
        "exec.close (request)",
      ]
    `);
  });

  it('names every channel namespace.method', () => {
    for (const name of Object.keys(contract)) expect(name).toMatch(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/);
  });
});
