/**
 * The object as YAML, and the safe way to change it: Edit → review the diff → dry run (the
 * server's verdict, 422 causes marked on their lines) → apply (update with the edited
 * resourceVersion, or server-side apply as `loupe`). A 409 offers reload, merge or compare.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ObjectWriteResult, ObjectYaml } from '../../../../shared/api/channels/objects';
import type { ObjectRef } from '../../../../shared/model/object-ref';
import { useClustersStore } from '../../stores/clusters-store';
import { errorText, objectsApi } from './actions/objects-api';
import { useObjectPermissions } from './actions/use-object-permissions';
import { ConflictPanel } from './yaml/ConflictPanel';
import { MonacoYaml } from './yaml/MonacoYaml';
import { WriteVerdict } from './yaml/WriteVerdict';
import './yaml.css';

type Mode = 'update' | 'ssa';

interface Editing {
  draft: string;
  /** The YAML the edit started from: the diff's left side and the 409 merge base. */
  base: string;
}

/** Keyed by the object, so switching objects starts from a clean state (no edit carried over). */
export function YamlTab({ target }: { target: ObjectRef }) {
  return <YamlTabBody key={JSON.stringify([target.cluster, target.kind, target.namespace, target.name])} target={target} />;
}

function YamlTabBody({ target }: { target: ObjectRef }) {
  const [managedFields, setManagedFields] = useState(false);
  const [loaded, setLoaded] = useState<ObjectYaml | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [editing, setEditing] = useState<Editing | undefined>();
  const [showDiff, setShowDiff] = useState(false);
  /** A 409's live YAML, when the user compares it with their edit. */
  const [compareWith, setCompareWith] = useState<string | undefined>();
  const [mode, setMode] = useState<Mode>('update');
  const [verdict, setVerdict] = useState<ObjectWriteResult | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const readOnlyMode = useClustersStore((s) => s.contexts.find((c) => c.name === target.cluster)?.readOnly === true);
  const editPermission = useObjectPermissions(target, readOnlyMode, 0).permissions?.actions.find((a) => a.action === 'edit');
  const [reloads, setReloads] = useState(0);
  const load = () => setReloads((n) => n + 1);

  useEffect(() => {
    let live = true;
    objectsApi()
      .getYaml({ ref: target, managedFields })
      .then(
        (answer) => {
          if (!live) return;
          setLoaded(answer);
          setLoadError(undefined);
        },
        (err: unknown) => {
          if (!live) return;
          setLoaded(undefined);
          setLoadError(errorText(err));
        },
      );
    return () => {
      live = false;
    };
    // The body is keyed by the object, so target is fixed for its lifetime.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [managedFields, reloads]);

  const stopEditing = () => {
    setEditing(undefined);
    setVerdict(undefined);
    setShowDiff(false);
    setCompareWith(undefined);
    setProblem(undefined);
  };

  const write = async (kind: 'dry run' | 'apply', force = false) => {
    if (!editing) return;
    setBusy(kind);
    setProblem(undefined);
    setNotice(undefined);
    const params = { cluster: target.cluster, yaml: editing.draft, mode, base: editing.base, ...(force ? { force } : {}) };
    try {
      const result = kind === 'dry run' ? await objectsApi().dryRun(params) : await objectsApi().apply(params);
      if (kind === 'apply' && result.outcome === 'ok') {
        stopEditing();
        setNotice(`Applied to ${target.cluster}: ${result.changes.length} field${result.changes.length === 1 ? '' : 's'} changed${result.resourceVersion ? `, resourceVersion ${result.resourceVersion}` : ''}.`);
        load();
        return;
      }
      setVerdict(result);
    } catch (err) {
      setVerdict(undefined);
      setProblem(errorText(err));
    } finally {
      setBusy(undefined);
    }
  };

  const problems = useMemo(
    () => (verdict?.outcome === 'invalid' ? verdict.causes.flatMap((c) => (c.field ? [{ field: c.field, message: `${c.field}: ${c.message ?? c.reason ?? ''}` }] : [])) : []),
    [verdict],
  );

  if (loadError) {
    return (
      <div className="yaml-tab">
        <p className="yaml-error" role="alert">
          Could not read {target.name}: {loadError}
        </p>
        <button type="button" onClick={() => load()}>
          Retry
        </button>
      </div>
    );
  }
  if (!loaded) return <p className="empty-note">Loading YAML of {target.name}…</p>;

  const canEdit = loaded.editable && !readOnlyMode && editPermission?.allowed === true;
  const editDisabledReason = !loaded.editable
    ? loaded.reason
    : readOnlyMode
      ? `read-only mode is on for ${target.cluster}`
      : !editPermission
        ? 'checking your permissions…'
        : editPermission.allowed
          ? undefined
          : editPermission.reason;
  const conflict = verdict?.outcome === 'conflict' ? verdict : undefined;

  return (
    <div className="yaml-tab">
      <div className="yaml-toolbar" role="toolbar" aria-label="YAML tools">
        {!editing ? (
          <>
            <button
              type="button"
              aria-disabled={!canEdit}
              aria-describedby={editDisabledReason ? 'yaml-edit-reason' : undefined}
              title={editDisabledReason}
              onClick={() => {
                if (!canEdit) return;
                setNotice(undefined);
                setEditing({ draft: loaded.yaml, base: loaded.yaml });
              }}
            >
              Edit
            </button>
            {editDisabledReason && (
              <span id="yaml-edit-reason" className="yaml-note">
                {editDisabledReason}
              </span>
            )}
            <label className="yaml-check">
              <input type="checkbox" checked={managedFields} onChange={(e) => setManagedFields(e.target.checked)} /> Show managedFields
            </label>
            <button type="button" onClick={() => load()}>
              Reload
            </button>
            <span className="yaml-note">resourceVersion {loaded.resourceVersion}</span>
          </>
        ) : (
          <>
            <button type="button" aria-pressed={showDiff} onClick={() => setShowDiff((d) => !d)}>
              {showDiff ? 'Back to editor' : 'Review diff'}
            </button>
            <label className="yaml-mode">
              Write as{' '}
              <select value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
                <option value="update">update (checks resourceVersion)</option>
                <option value="ssa">server-side apply (manager loupe)</option>
              </select>
            </label>
            <button type="button" disabled={busy !== undefined} onClick={() => void write('dry run')}>
              {busy === 'dry run' ? 'Dry running…' : 'Dry run'}
            </button>
            <button type="button" className="yaml-primary" disabled={busy !== undefined} onClick={() => void write('apply')}>
              {busy === 'apply' ? 'Applying…' : 'Apply'}
            </button>
            <button type="button" onClick={stopEditing}>
              Cancel
            </button>
          </>
        )}
      </div>
      <div aria-live="polite" className="yaml-live">
        {notice && <p className="yaml-verdict yaml-verdict-ok">{notice}</p>}
        {problem && (
          <p className="yaml-verdict yaml-verdict-bad" role="alert">
            {problem}
          </p>
        )}
        {verdict && verdict.outcome !== 'conflict' && <WriteVerdict result={verdict} />}
      </div>
      {conflict && editing && (
        <ConflictPanel
          conflict={conflict}
          mode={mode}
          comparing={compareWith !== undefined}
          onReload={() => {
            stopEditing();
            load();
          }}
          onMerge={() => {
            setEditing({ draft: conflict.merged!, base: conflict.liveYaml });
            setVerdict(undefined);
            setCompareWith(undefined);
            setShowDiff(true);
            setNotice('Your edit is merged onto the live object: review the diff, then dry run and apply.');
          }}
          onCompare={() => setCompareWith((c) => (c === undefined ? conflict.liveYaml : undefined))}
          onForce={() => void write('apply', true)}
        />
      )}
      {editing && (showDiff || compareWith !== undefined) ? (
        <MonacoYaml
          key="diff"
          original={compareWith ?? editing.base}
          value={editing.draft}
          readOnly
          label={`Diff of ${target.name}: ${compareWith ? 'live object' : 'before your edit'} on the left, your edit on the right`}
        />
      ) : (
        <MonacoYaml
          key="editor"
          value={editing ? editing.draft : loaded.yaml}
          readOnly={!editing}
          onChange={(draft) => setEditing((e) => (e ? { ...e, draft } : e))}
          label={`YAML of ${target.name}${editing ? ' (editing)' : ''}`}
          problems={problems}
        />
      )}
    </div>
  );
}
