/** Multi-pod log following with the rollout tracker beside it (issue 6). */
import { useLogsStore } from '../../stores/logs-store';
import { LogLines } from './LogLines';
import type { LogSession } from './log-session';
import { LogToolbar } from './LogToolbar';
import { PatternsList } from './PatternsList';
import { QueryBar } from './QueryBar';
import { RolloutPanel } from './RolloutPanel';
import { sessionNotices, StreamsPanel } from './StreamsPanel';
import './logs.css';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** The view's content in one sentence, for people and tests alike. */
function statusText(label: string, session: LogSession, paused: boolean): string {
  const shown = session.lines.length;
  const kept = session.ring.length;
  const parts = [plural(session.podCount(), 'pod'), plural(session.streams.size, 'stream'), plural(shown, 'line')];
  let text = `Following ${label}: ${parts.join(', ')}`;
  if (shown < kept) text += ` (${kept.toLocaleString()} kept, the rest filtered out)`;
  if (paused) text += ' · paused';
  const notices = sessionNotices(session);
  return notices.length > 0 ? `${text} · ${notices.join(' · ')}` : text;
}

export function LogsView() {
  const session = useLogsStore((s) => s.session);
  const following = useLogsStore((s) => s.following);
  const followError = useLogsStore((s) => s.followError);
  const rollouts = useLogsStore((s) => s.rollouts);
  const rolloutErrors = useLogsStore((s) => s.rolloutErrors);
  const collapse = useLogsStore((s) => s.collapse);
  const follow = useLogsStore((s) => s.follow);
  const followTail = useLogsStore((s) => s.followTail);
  useLogsStore((s) => s.version);

  const tracksRollout = following?.options.selectors.some((s) => s.kind && ['deployments', 'statefulsets', 'daemonsets', 'jobs'].includes(s.kind) && s.namespace) ?? false;
  const rolloutList = Object.values(rollouts);

  return (
    <div className="logs-view">
      <QueryBar />
      <p className="log-status" role="status" aria-label="Logs status" data-testid="logs-status">
        {following && followError
          ? `Not following ${following.label}: ${followError}`
          : session && following
          ? statusText(following.label, session, !followTail)
          : 'Not following anything. Type what to follow in stern’s syntax (deploy/frontend, a pod-name regex, -l app=cart), or open Logs on a pod or workload.'}
      </p>
      {followError && (
        <p className="log-follow-error" role="alert">
          {followError}{' '}
          {following && (
            <button type="button" onClick={() => follow(following.options)}>
              Retry
            </button>
          )}
        </p>
      )}
      {session && <LogToolbar session={session} />}
      {session && (
        <div className="log-body">
          <div className="log-main">{collapse ? <PatternsList session={session} /> : <LogLines session={session} />}</div>
          <aside className="log-side" aria-label="Streams and rollout">
            {tracksRollout && <RolloutPanel rollouts={rolloutList} errors={Object.entries(rolloutErrors).map(([key, message]) => `${key.split('/').slice(-1)[0]}: ${message}`)} />}
            <StreamsPanel session={session} />
          </aside>
        </div>
      )}
    </div>
  );
}
