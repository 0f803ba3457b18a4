/** The viewer's controls: search with next/previous, include/exclude/highlight, display toggles, copy and download. */
import { useEffect, useMemo, useState } from 'react';
import { useLogsStore, type TextFilter } from '../../stores/logs-store';
import { downloadText, entriesAsText } from './log-export';
import type { LogSession } from './log-session';

type FilterName = 'search' | 'include' | 'exclude' | 'highlight';

/** Filters apply a moment after typing stops: each one rescans up to 100k lines. */
const FILTER_DELAY_MS = 150;

function FilterInput({ name, label, placeholder, filter, onEnter }: { name: FilterName; label: string; placeholder: string; filter: TextFilter; onEnter?: (shift: boolean) => void }) {
  const setTextFilter = useLogsStore((s) => s.setTextFilter);
  /** What is typed but not applied yet; undefined once applied. */
  const [draft, setDraft] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (draft === undefined) return;
    const timer = setTimeout(() => {
      setTextFilter(name, draft);
      setDraft(undefined);
    }, FILTER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, name, setTextFilter]);
  const id = `log-filter-${name}`;
  return (
    <span className={`log-filter ${filter.error ? 'log-filter-bad' : ''}`}>
      <input
        id={id}
        type="search"
        aria-label={label}
        placeholder={placeholder}
        value={draft ?? filter.text}
        spellCheck={false}
        aria-invalid={filter.error ? true : undefined}
        aria-describedby={filter.error ? `${id}-error` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && onEnter) {
            e.preventDefault();
            if (draft !== undefined) {
              setTextFilter(name, draft);
              setDraft(undefined);
            }
            onEnter(e.shiftKey);
          }
        }}
      />
      {filter.error && (
        <span id={`${id}-error`} className="log-filter-error" role="alert">
          {label}: {filter.error}
        </span>
      )}
    </span>
  );
}

function Toggle({ label, pressed, onToggle }: { label: string; pressed: boolean; onToggle: () => void }) {
  return (
    <button type="button" className="log-toggle" aria-pressed={pressed} onClick={onToggle}>
      {label}
    </button>
  );
}

export function LogToolbar({ session }: { session: LogSession | undefined }) {
  const search = useLogsStore((s) => s.search);
  const include = useLogsStore((s) => s.include);
  const exclude = useLogsStore((s) => s.exclude);
  const highlight = useLogsStore((s) => s.highlight);
  const wrap = useLogsStore((s) => s.wrap);
  const timeZone = useLogsStore((s) => s.timeZone);
  const showEvents = useLogsStore((s) => s.showEvents);
  const structured = useLogsStore((s) => s.structured);
  const collapse = useLogsStore((s) => s.collapse);
  const followTail = useLogsStore((s) => s.followTail);
  const currentMatch = useLogsStore((s) => s.currentMatch);
  useLogsStore((s) => s.version);
  const setOption = useLogsStore((s) => s.setOption);
  const findMatch = useLogsStore((s) => s.findMatch);
  const setFollowTail = useLogsStore((s) => s.setFollowTail);
  const clearLines = useLogsStore((s) => s.clearLines);
  const [copied, setCopied] = useState<string | undefined>(undefined);

  const matches = session && search.text && !search.error ? session.lines.matchCount : undefined;
  const searching = matches !== undefined;
  // Counting matches before the current one scans the lines: once per jump, not once per batch.
  const ordinal = useMemo(
    () => (session && currentMatch && !currentMatch.gone && searching ? session.lines.matchOrdinal(currentMatch) : undefined),
    [session, currentMatch, searching],
  );

  const copyVisible = async () => {
    if (!session) return;
    const text = entriesAsText(session.lines.entries(), session.streams, timeZone);
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`Copied ${session.lines.length.toLocaleString()} lines`);
    } catch (err) {
      setCopied(`Copy failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const stamp = () => new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);

  return (
    <div className="log-toolbar" role="toolbar" aria-label="Log viewer">
      <span className="log-search">
        <FilterInput name="search" label="Search logs" placeholder="Search (regex)" filter={search} onEnter={(shift) => findMatch(shift ? -1 : 1)} />
        <button type="button" onClick={() => findMatch(-1)} disabled={!matches} aria-label="Previous match" title="Previous match (Shift+Enter)">
          ↑
        </button>
        <button type="button" onClick={() => findMatch(1)} disabled={!matches} aria-label="Next match" title="Next match (Enter)">
          ↓
        </button>
        {matches !== undefined && (
          <span className="log-match-count" role="status" aria-label="Search matches">
            {ordinal !== undefined ? `${ordinal.toLocaleString()} of ` : ''}
            {matches.toLocaleString()} {matches === 1 ? 'match' : 'matches'}
          </span>
        )}
      </span>
      <FilterInput name="include" label="Only lines matching" placeholder="Include (regex)" filter={include} />
      <FilterInput name="exclude" label="Hide lines matching" placeholder="Exclude (regex)" filter={exclude} />
      <FilterInput name="highlight" label="Highlight" placeholder="Highlight (regex)" filter={highlight} />
      <span className="log-toggles">
        <Toggle label="Wrap" pressed={wrap} onToggle={() => setOption('wrap', !wrap)} />
        <Toggle label="Fields" pressed={structured} onToggle={() => setOption('structured', !structured)} />
        <Toggle label="Events" pressed={showEvents} onToggle={() => setOption('showEvents', !showEvents)} />
        <Toggle label="Collapse repeats" pressed={collapse} onToggle={() => setOption('collapse', !collapse)} />
        <button type="button" className="log-toggle" onClick={() => setOption('timeZone', timeZone === 'utc' ? 'local' : 'utc')} aria-label={`Timestamps in ${timeZone === 'utc' ? 'UTC' : 'local time'} (switch)`}>
          {timeZone === 'utc' ? 'UTC' : 'Local'}
        </button>
        {followTail && (
          <button type="button" onClick={() => setFollowTail(false)}>
            Pause
          </button>
        )}
      </span>
      <span className="log-actions">
        <button type="button" onClick={() => void copyVisible()} disabled={!session}>
          Copy visible
        </button>
        <button type="button" onClick={() => session && downloadText(`logs-visible-${stamp()}.log`, entriesAsText(session.lines.entries(), session.streams, timeZone))} disabled={!session}>
          Download visible
        </button>
        <button type="button" onClick={() => session && downloadText(`logs-all-${stamp()}.log`, entriesAsText(session.ring, session.streams, timeZone))} disabled={!session}>
          Download all
        </button>
        <button type="button" onClick={clearLines} disabled={!session}>
          Clear
        </button>
        {copied && (
          <span className="log-copied" role="status">
            {copied}
          </span>
        )}
      </span>
    </div>
  );
}
