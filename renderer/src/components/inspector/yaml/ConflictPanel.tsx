/**
 * A 409, explained: the object changed on the server since the edit began (or another field
 * manager owns fields the apply sets), with the ways forward — reload, merge the edit onto the live
 * object, compare, or (server-side apply) take the fields over.
 */
import type { ObjectWriteResult } from '../../../../../shared/api/channels/objects';
import { CauseList, ChangeList } from './WriteVerdict';

type Conflict = Extract<ObjectWriteResult, { outcome: 'conflict' }>;

export interface ConflictPanelProps {
  conflict: Conflict;
  mode: 'ssa' | 'update';
  comparing: boolean;
  onReload(): void;
  onMerge(): void;
  onCompare(): void;
  onForce(): void;
}

export function ConflictPanel({ conflict, mode, comparing, onReload, onMerge, onCompare, onForce }: ConflictPanelProps) {
  const ownership = conflict.causes.some((c) => c.reason === 'FieldManagerConflict');
  const isStatus = (path: string) => path === 'status' || path.startsWith('status.');
  const specChanges = conflict.theirChanges.filter((c) => !isStatus(c.path));
  const statusChanges = conflict.theirChanges.length - specChanges.length;
  return (
    <section className="yaml-verdict yaml-verdict-conflict" role="alert" aria-label="Conflict">
      <p>
        <strong>Conflict (409):</strong> {conflict.message}
      </p>
      <CauseList causes={conflict.causes} />
      {conflict.theirChanges.length > 0 && (
        <>
          <p>
            Changed on the server since you started editing (live resourceVersion {conflict.liveResourceVersion})
            {statusChanges > 0 && `, besides ${statusChanges} status field${statusChanges === 1 ? '' : 's'} controllers maintain`}:
          </p>
          {specChanges.length > 0 && <ChangeList changes={specChanges} label="Changed on the server" />}
        </>
      )}
      {conflict.overlapping.length > 0 && (
        <p>
          Both you and the server changed {conflict.overlapping.map((p) => <code key={p}>{p} </code>)}: no automatic merge; compare and edit by hand, or reload.
        </p>
      )}
      <div className="yaml-buttons">
        <button type="button" onClick={onReload}>
          Reload live object (discard my edit)
        </button>
        {conflict.merged !== undefined && (
          <button type="button" onClick={onMerge}>
            Merge my edit onto the live object
          </button>
        )}
        <button type="button" aria-pressed={comparing} onClick={onCompare}>
          {comparing ? 'Back to my edit' : 'Compare live with my edit'}
        </button>
        {mode === 'ssa' && ownership && (
          <button type="button" className="yaml-danger" onClick={onForce}>
            Force apply (take over these fields)
          </button>
        )}
      </div>
    </section>
  );
}
