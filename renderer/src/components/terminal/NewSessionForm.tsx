/**
 * The dock's own way to start a session: pick a cluster, pod and container for a shell (or a custom
 * command), an image for an ephemeral debug container, or a node for a node shell — the last only
 * after an explicit confirmation, since it runs a privileged pod on the node.
 */
import { useMemo, useState } from 'react';
import type { NodeRow, PodRow } from '../../../../shared/model/rows';
import { useActiveClusters, useResourceFeed } from '../../host/use-resource-feed';
import { useTerminalsStore } from '../../stores/terminals-store';

type Kind = 'shell' | 'debug' | 'node';

export function NewSessionForm({ onDone }: { onDone(): void }) {
  const clusters = useActiveClusters();
  const [kind, setKind] = useState<Kind>('shell');
  const [cluster, setCluster] = useState('');
  const chosenCluster = clusters.includes(cluster) ? cluster : (clusters[0] ?? '');
  const [namespace, setNamespace] = useState('');
  const [pod, setPod] = useState('');
  const [container, setContainer] = useState('');
  const [command, setCommand] = useState('');
  const [image, setImage] = useState('busybox:1.36');
  const [node, setNode] = useState('');
  const [confirming, setConfirming] = useState(false);

  const pods = usePods(chosenCluster);
  const namespaces = useMemo(() => [...new Set(pods.map((p) => p.namespace ?? ''))].sort(), [pods]);
  const chosenNs = namespaces.includes(namespace) ? namespace : (namespaces[0] ?? '');
  const podsHere = pods.filter((p) => p.namespace === chosenNs).sort((a, b) => a.name.localeCompare(b.name));
  const chosenPod = podsHere.find((p) => p.name === pod) ?? podsHere[0];
  const containers = chosenPod?.containers.map((c) => c.name) ?? [];
  const chosenContainer = containers.includes(container) ? container : (containers[0] ?? '');
  const nodes = useNodes(chosenCluster, kind === 'node');
  const chosenNode = nodes.includes(node) ? node : (nodes[0] ?? '');

  const store = useTerminalsStore.getState();
  const start = () => {
    if (!chosenCluster) return;
    if (kind === 'node') {
      if (!chosenNode) return;
      if (!confirming) {
        setConfirming(true);
        return;
      }
      store.openNodeShell({ cluster: chosenCluster, node: chosenNode });
    } else if (chosenPod) {
      const target = { cluster: chosenCluster, namespace: chosenNs, pod: chosenPod.name };
      if (kind === 'debug') store.openDebug({ ...target, image: image.trim(), target: chosenContainer || undefined });
      else if (command.trim()) store.openCommand({ ...target, container: chosenContainer || undefined }, command.trim().split(/\s+/));
      else store.openShell({ ...target, container: chosenContainer || undefined });
    } else {
      return;
    }
    setConfirming(false);
    onDone();
  };

  if (clusters.length === 0) return <p className="empty-note">Connect a cluster to open a terminal.</p>;
  return (
    <form
      className="terminal-new"
      aria-label="New terminal session"
      onSubmit={(e) => {
        e.preventDefault();
        start();
      }}
    >
      <label className="terminal-field">
        Kind
        <select value={kind} onChange={(e) => (setKind(e.target.value as Kind), setConfirming(false))}>
          <option value="shell">Shell in a container</option>
          <option value="debug">Debug container (ephemeral)</option>
          <option value="node">Node shell (privileged)</option>
        </select>
      </label>
      <Picker label="Cluster" value={chosenCluster} options={clusters} onChange={setCluster} />
      {kind === 'node' ? (
        <Picker label="Node" value={chosenNode} options={nodes} onChange={(v) => (setNode(v), setConfirming(false))} />
      ) : (
        <>
          <Picker label="Namespace" value={chosenNs} options={namespaces} onChange={setNamespace} />
          <Picker label="Pod" value={chosenPod?.name ?? ''} options={podsHere.map((p) => p.name)} onChange={setPod} />
          <Picker label={kind === 'debug' ? 'Target container' : 'Container'} value={chosenContainer} options={containers} onChange={setContainer} />
        </>
      )}
      {kind === 'shell' && (
        <label className="terminal-field">
          Command
          <input value={command} onChange={(e) => setCommand(e.target.value)} placeholder="shell (bash, else sh)" spellCheck={false} />
        </label>
      )}
      {kind === 'debug' && (
        <label className="terminal-field">
          Image
          <input value={image} onChange={(e) => setImage(e.target.value)} spellCheck={false} required />
        </label>
      )}
      {confirming ? (
        <div className="terminal-confirm" role="alertdialog" aria-label="Confirm node shell">
          <p>
            This creates a privileged pod with the host&apos;s PID and network namespaces on node <strong>{chosenNode}</strong>, giving a root
            shell on the node. The pod is deleted when the session ends.
          </p>
          <button type="submit">Create privileged pod and open shell</button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="submit" disabled={kind === 'node' ? !chosenNode : !chosenPod}>
          {kind === 'node' ? 'Open node shell…' : kind === 'debug' ? 'Start debug container' : 'Open shell'}
        </button>
      )}
      <button type="button" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}

function Picker({ label, value, options, onChange }: { label: string; value: string; options: string[]; onChange(v: string): void }) {
  return (
    <label className="terminal-field">
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)} disabled={options.length === 0}>
        {options.length === 0 && <option value="">(none)</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

function usePods(cluster: string): PodRow[] {
  const feed = useResourceFeed({ clusters: cluster ? [cluster] : [], kinds: ['pods'] });
  const version = feed?.version ?? 0;
  return useMemo(
    () => [...(feed?.rows.values() ?? [])].map((r) => r as PodRow).filter((p) => p.phase === 'Running'),
    // `version` changes when the Map's contents do.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [feed?.rows, version],
  );
}

function useNodes(cluster: string, wanted: boolean): string[] {
  const feed = useResourceFeed({ clusters: wanted && cluster ? [cluster] : [], kinds: ['nodes'] });
  const version = feed?.version ?? 0;
  return useMemo(
    () => [...(feed?.rows.values() ?? [])].map((r) => (r as NodeRow).name).sort(),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [feed?.rows, version],
  );
}
