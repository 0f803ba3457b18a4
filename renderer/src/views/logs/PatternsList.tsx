/** "Collapse repeats": the visible lines grouped into patterns, most frequent first, with the latest sample. */
import { stripAnsi } from '../../../../shared/logs/log-format';
import { useLogsStore } from '../../stores/logs-store';
import type { LogSession } from './log-session';
import './log-side.css';

const SHOWN = 500;

export function PatternsList({ session }: { session: LogSession }) {
  useLogsStore((s) => s.version);
  const summaries = session.lines.patterns?.summaries() ?? [];
  const shown = summaries.slice(0, SHOWN);
  return (
    <div className="log-patterns" tabIndex={0} aria-label="Repeated patterns">
      <table className="rtable">
        <caption className="log-patterns-caption">
          {summaries.length.toLocaleString()} patterns over {session.lines.length.toLocaleString()} lines
          {summaries.length > SHOWN ? ` (the ${SHOWN} most frequent shown)` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="cell-end">
              Count
            </th>
            <th scope="col">Container</th>
            <th scope="col">Pattern</th>
            <th scope="col">Latest</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((s) => (
            <tr key={`${s.group}\n${s.pattern}`}>
              <td className="cell-end">{s.count.toLocaleString()}</td>
              <td className="log-pattern-group">{s.group}</td>
              <td className="log-pattern-text">{s.pattern}</td>
              <td className="log-pattern-sample">{stripAnsi(s.sample)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
