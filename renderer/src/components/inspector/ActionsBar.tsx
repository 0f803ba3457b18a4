/**
 * The inspected object's actions: open Logs, Describe, YAML or a Shell, and change it — scale,
 * restart, delete, cordon/uncordon/drain, suspend/resume/run a CronJob. Each button the user's RBAC
 * (or read-only mode) forbids stays reachable but disabled, saying why; destructive ones confirm
 * first, naming the object and the cluster.
 */
import { useId, useState } from 'react';
import type { ActionPermission, ObjectAction, ObjectActionId } from '../../../../shared/api/channels/objects';
import { kindInfo } from '../../../../shared/model/kinds';
import type { ObjectRef } from '../../../../shared/model/object-ref';
import { useClustersStore } from '../../stores/clusters-store';
import { useInspectorStore } from '../../stores/inspector-store';
import { useLogsStore } from '../../stores/logs-store';
import { useTerminalsStore } from '../../stores/terminals-store';
import { ConfirmDialog } from './actions/ConfirmDialog';
import { CreateYamlDialog } from './actions/CreateYamlDialog';
import { DrainProgress } from './actions/DrainProgress';
import { errorText, objectsApi } from './actions/objects-api';
import { useObjectPermissions } from './actions/use-object-permissions';
import './actions.css';

type Confirmable = { action: ObjectAction | 'drain' | 'node-shell'; verb: string; detail: string };

const LABELS: Partial<Record<ObjectActionId, string>> = {
  restart: 'Restart',
  delete: 'Delete',
  cordon: 'Cordon',
  uncordon: 'Uncordon',
  drain: 'Drain',
  suspend: 'Suspend',
  resume: 'Resume',
  trigger: 'Run job now',
};

function ActionButton({ perm, label, onClick, danger }: { perm: ActionPermission | undefined; label: string; onClick(): void; danger?: boolean }) {
  const reasonId = useId();
  const checking = perm === undefined;
  const blocked = checking || !perm.allowed;
  const reason = checking ? 'checking your permissions…' : perm.reason;
  return (
    <>
      <button
        type="button"
        className={danger ? 'action-danger' : undefined}
        aria-disabled={blocked}
        aria-describedby={blocked ? reasonId : undefined}
        title={blocked ? reason : undefined}
        onClick={() => !blocked && onClick()}
      >
        {label}
      </button>
      {blocked && (
        <span id={reasonId} className="visually-hidden">
          {label} is unavailable: {reason}
        </span>
      )}
    </>
  );
}

/** Keyed by the object, so a dialog, a drain or a typed replica count never carries over to another. */
export function ActionsBar({ target }: { target: ObjectRef }) {
  return <ActionsBarBody key={JSON.stringify([target.cluster, target.kind, target.namespace, target.name])} target={target} />;
}

function ActionsBarBody({ target }: { target: ObjectRef }) {
  const readOnly = useClustersStore((s) => s.contexts.find((c) => c.name === target.cluster)?.readOnly === true);
  const [revision, setRevision] = useState(0);
  const { permissions, error } = useObjectPermissions(target, readOnly, revision);
  const [message, setMessage] = useState<{ text: string; bad?: boolean } | undefined>();
  const [confirming, setConfirming] = useState<Confirmable | undefined>();
  const [draining, setDraining] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  /** What the user typed; the live replica count until then. */
  const [typedReplicas, setReplicas] = useState<string | undefined>();
  const info = kindInfo(target.kind);
  const title = `${info.kind} ${target.namespace ? `${target.namespace}/` : ''}${target.name}`;
  const replicas = typedReplicas ?? String(permissions?.state.replicas ?? '');

  const perm = (id: ObjectActionId) => permissions?.actions.find((a) => a.action === id);
  const offered = (id: ObjectActionId) => permissions?.actions.some((a) => a.action === id) ?? false;

  const run = async (action: ObjectAction) => {
    setMessage(undefined);
    try {
      const outcome = await objectsApi().action({ ref: target, action });
      setMessage({ text: `${outcome.message} in ${target.cluster}.` });
      if (action.type === 'scale') setReplicas(undefined);
      if (action.type === 'delete') useInspectorStore.getState().close();
    } catch (err) {
      setMessage({ text: errorText(err), bad: true });
    } finally {
      setRevision((r) => r + 1);
    }
  };

  const ask = (action: ObjectAction | 'drain') => {
    const type = action === 'drain' ? 'drain' : action.type;
    const detail =
      type === 'delete'
        ? `${title} will be deleted from cluster ${target.cluster}. This cannot be undone.`
        : type === 'drain'
          ? `Node ${target.name} in cluster ${target.cluster} will be cordoned and its pods evicted (DaemonSet and mirror pods stay).`
          : `${title} in cluster ${target.cluster} will restart all its pods (a rolling restart).`;
    setConfirming({ action, verb: LABELS[type] ?? type, detail } as Confirmable);
  };

  const setReadOnly = async (on: boolean) => {
    try {
      await objectsApi().setReadOnly({ context: target.cluster, readOnly: on });
    } catch (err) {
      setMessage({ text: errorText(err), bad: true });
    }
  };

  const scaleValue = Number(replicas);
  const scaleValid = replicas.trim() !== '' && Number.isInteger(scaleValue) && scaleValue >= 0;

  return (
    <div className="actions-bar">
      <div className="actions-row" role="toolbar" aria-label={`Actions for ${title}`}>
        {(target.kind === 'pods' || offered('logs')) && (
          <ActionButton perm={perm('logs')} label="Logs" onClick={() => useLogsStore.getState().openFor(target)} />
        )}
        <button type="button" onClick={() => useInspectorStore.getState().setTab('describe')}>
          Describe
        </button>
        <button type="button" onClick={() => useInspectorStore.getState().setTab('yaml')}>
          YAML
        </button>
        {target.kind === 'pods' && target.namespace && (
          <ActionButton
            perm={perm('shell')}
            label="Shell"
            onClick={() => useTerminalsStore.getState().openShell({ cluster: target.cluster, namespace: target.namespace!, pod: target.name })}
          />
        )}
        {target.kind === 'nodes' && (
          <ActionButton
            perm={readOnly ? { action: 'shell', allowed: false, reason: `read-only mode is on for ${target.cluster}` } : { action: 'shell', allowed: true }}
            label="Node shell"
            danger
            onClick={() =>
              setConfirming({
                action: 'node-shell',
                verb: 'Open a root shell on',
                detail: `A privileged pod will run on ${target.name} with the node's process, network and mount namespaces, and be deleted when the shell ends.`,
              })
            }
          />
        )}
        {offered('scale') && (
          <span className="actions-scale">
            <label>
              <span className="visually-hidden">Replicas for {title}</span>
              <input
                type="number"
                min={0}
                inputMode="numeric"
                value={replicas}
                aria-invalid={!scaleValid}
                onChange={(e) => setReplicas(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && scaleValid && perm('scale')?.allowed) void run({ type: 'scale', replicas: scaleValue });
                }}
              />
            </label>
            <ActionButton perm={perm('scale')?.allowed && !scaleValid ? { action: 'scale', allowed: false, reason: 'enter a whole number of replicas, 0 or more' } : perm('scale')} label="Scale" onClick={() => void run({ type: 'scale', replicas: scaleValue })} />
          </span>
        )}
        {offered('restart') && <ActionButton perm={perm('restart')} label="Restart" onClick={() => ask({ type: 'restart' })} />}
        {offered('cordon') && permissions?.state.unschedulable !== true && <ActionButton perm={perm('cordon')} label="Cordon" onClick={() => void run({ type: 'cordon' })} />}
        {offered('uncordon') && permissions?.state.unschedulable === true && <ActionButton perm={perm('uncordon')} label="Uncordon" onClick={() => void run({ type: 'uncordon' })} />}
        {offered('drain') && <ActionButton perm={perm('drain')} label="Drain" danger onClick={() => ask('drain')} />}
        {offered('suspend') && permissions?.state.suspended !== true && <ActionButton perm={perm('suspend')} label="Suspend" onClick={() => void run({ type: 'suspend' })} />}
        {offered('resume') && permissions?.state.suspended === true && <ActionButton perm={perm('resume')} label="Resume" onClick={() => void run({ type: 'resume' })} />}
        {offered('trigger') && <ActionButton perm={perm('trigger')} label="Run job now" onClick={() => void run({ type: 'trigger' })} />}
        {offered('delete') && <ActionButton perm={perm('delete')} label="Delete" danger onClick={() => ask({ type: 'delete' })} />}
        <button type="button" aria-disabled={readOnly} title={readOnly ? `read-only mode is on for ${target.cluster}` : undefined} onClick={() => !readOnly && setCreating(true)}>
          Create from YAML…
        </button>
        <label className="actions-readonly" title="Refuse every change to this cluster from Loupe, whatever RBAC allows">
          <input type="checkbox" checked={readOnly} onChange={(e) => void setReadOnly(e.target.checked)} /> Read-only {target.cluster}
        </label>
        {readOnly && (
          <span className="actions-readonly-badge" role="note">
            read-only
          </span>
        )}
      </div>
      <div aria-live="polite" className="actions-status">
        {error && <p className="actions-message actions-message-bad">Could not check permissions: {error}</p>}
        {message && <p className={message.bad ? 'actions-message actions-message-bad' : 'actions-message'}>{message.text}</p>}
      </div>
      {draining && (
        <DrainProgress
          cluster={target.cluster}
          node={draining}
          onFinished={(text) => {
            setMessage({ text });
            setRevision((r) => r + 1);
          }}
        />
      )}
      {confirming && (
        <ConfirmDialog
          title={`${confirming.verb} ${title} in ${target.cluster}?`}
          confirmLabel={confirming.verb}
          onCancel={() => setConfirming(undefined)}
          onConfirm={() => {
            const chosen = confirming;
            setConfirming(undefined);
            if (chosen.action === 'drain') setDraining(target.name);
            else if (chosen.action === 'node-shell') useTerminalsStore.getState().openNodeShell({ cluster: target.cluster, node: target.name });
            else void run(chosen.action);
          }}
        >
          <p>{confirming.detail}</p>
        </ConfirmDialog>
      )}
      {creating && <CreateYamlDialog cluster={target.cluster} {...(target.namespace ? { namespace: target.namespace } : {})} onClose={() => setCreating(false)} />}
    </div>
  );
}
