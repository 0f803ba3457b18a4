/** The server's answer to a dry run or an apply, in words: what would change, or why it was refused. */
import type { FieldChange, ObjectWriteResult, StatusCause } from '../../../../../shared/api/channels/objects';

export function ChangeList({ changes, label }: { changes: FieldChange[]; label: string }) {
  if (changes.length === 0) return <p className="yaml-note">No fields change.</p>;
  return (
    <ul className="yaml-changes" aria-label={label}>
      {changes.map((c) => (
        <li key={c.path}>
          <code>{c.path}</code>{' '}
          {c.change === 'added' && <>added: {c.after}</>}
          {c.change === 'removed' && <>removed (was {c.before})</>}
          {c.change === 'changed' && (
            <>
              {c.before} → {c.after}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

export function CauseList({ causes }: { causes: StatusCause[] }) {
  if (causes.length === 0) return null;
  return (
    <ul className="yaml-causes" aria-label="Field errors">
      {causes.map((c, i) => (
        <li key={`${c.field ?? ''}-${i}`}>
          {c.field && <code>{c.field}</code>} {c.message ?? c.reason}
        </li>
      ))}
    </ul>
  );
}

/** ok or invalid answers; conflicts have their own panel with choices. */
export function WriteVerdict({ result }: { result: Exclude<ObjectWriteResult, { outcome: 'conflict' }> }) {
  if (result.outcome === 'invalid') {
    return (
      <div className="yaml-verdict yaml-verdict-bad" role="alert">
        <p>
          <strong>
            The server refused it ({result.code}
            {result.reason ? ` ${result.reason}` : ''}):
          </strong>{' '}
          {result.message}
        </p>
        <CauseList causes={result.causes} />
      </div>
    );
  }
  return (
    <div className="yaml-verdict yaml-verdict-ok" role="status">
      <p>
        <strong>{result.dryRun ? 'Dry run passed: the server accepts this edit.' : 'Applied.'}</strong>{' '}
        {result.changes.length > 0 && `${result.changes.length} field${result.changes.length === 1 ? '' : 's'} ${result.dryRun ? 'would change' : 'changed'}:`}
      </p>
      <ChangeList changes={result.changes} label={result.dryRun ? 'Fields that would change' : 'Fields changed'} />
      {!result.dryRun && result.managers.length > 0 && <p className="yaml-note">Field managers now: {result.managers.join(', ')}</p>}
    </div>
  );
}
