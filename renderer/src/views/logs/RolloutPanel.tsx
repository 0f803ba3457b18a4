/** The rollout tracker beside the lines: live counts, per-pod states and the verdict with its reason. */
import type { RolloutStatus } from '../../../../shared/model/logs';
import { KIND_SHORT } from '../../../../shared/logs/stern-query';
import './log-side.css';

const VERDICT_TEXT: Record<RolloutStatus['verdict'], string> = { progressing: 'Progressing', ready: 'Ready', failed: 'Failed' };

function Count({ label, value, desired }: { label: string; value: number; desired: number }) {
  return (
    <div className={`rollout-count ${value >= desired ? 'rollout-count-done' : ''}`}>
      <dt>{label}</dt>
      <dd>
        {value}/{desired}
      </dd>
    </div>
  );
}

export function RolloutCard({ status }: { status: RolloutStatus }) {
  const title = `${KIND_SHORT[status.kind]}/${status.name}`;
  const isJob = status.kind === 'jobs';
  return (
    <section className={`rollout rollout-${status.verdict}`} aria-label={`Rollout of ${title}`}>
      <h3 className="rollout-title">
        <span>{title}</span>
        <span className="rollout-verdict" role="status" aria-label={`Rollout verdict for ${title}`}>
          {VERDICT_TEXT[status.verdict]}
        </span>
      </h3>
      {status.reason && <p className="rollout-reason">{status.reason}</p>}
      <dl className="rollout-counts">
        <Count label={isJob ? 'Succeeded' : 'Updated'} value={status.updated} desired={status.desired} />
        <Count label="Ready" value={status.ready} desired={status.desired} />
        {!isJob && <Count label="Available" value={status.available} desired={status.desired} />}
        <div className={`rollout-count ${status.observedGeneration >= status.generation ? 'rollout-count-done' : ''}`}>
          <dt>Generation</dt>
          <dd title="observed / current">
            {status.observedGeneration}/{status.generation}
          </dd>
        </div>
      </dl>
      {status.pods.length > 0 && (
        <table className="rollout-pods">
          <caption className="visually-hidden">Pods of {title}</caption>
          <thead>
            <tr>
              <th scope="col">Pod</th>
              <th scope="col">State</th>
              <th scope="col">Restarts</th>
            </tr>
          </thead>
          <tbody>
            {status.pods.map((pod) => (
              <tr key={pod.name} className={pod.ready ? 'rollout-pod-ready' : pod.reason ? 'rollout-pod-bad' : ''}>
                <td className="rollout-pod-name">{pod.name}</td>
                <td>
                  {pod.ready ? 'Ready' : pod.phase}
                  {pod.reason ? ` · ${pod.reason}` : ''}
                </td>
                <td className="cell-end">{pod.restarts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function RolloutPanel({ rollouts, errors }: { rollouts: RolloutStatus[]; errors: string[] }) {
  return (
    <div className="log-rollouts" aria-label="Rollouts">
      <h2 className="log-side-title">Rollout</h2>
      {rollouts.map((r) => (
        <RolloutCard key={`${r.cluster}/${r.namespace}/${r.kind}/${r.name}`} status={r} />
      ))}
      {errors.map((e) => (
        <p key={e} className="rollout-error">
          Rollout not tracked: {e}
        </p>
      ))}
      {rollouts.length === 0 && errors.length === 0 && <p className="empty-note">Waiting for the workload’s status…</p>}
    </div>
  );
}
