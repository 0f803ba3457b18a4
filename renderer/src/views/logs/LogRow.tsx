/**
 * One entry of the viewer: a log line (ANSI colours or structured fields), a stream marker or a
 * Kubernetes event. Log text is untrusted and reaches the DOM only as React text nodes.
 */
import { memo, type CSSProperties } from 'react';
import { ansiSpans, findRanges, markRanges, type AnsiColour, type MarkRange, type StyledSpan } from '../../../../shared/logs/ansi';
import type { ParsedLogLine } from '../../../../shared/logs/log-format';
import { formatTimeKey, formatTimeKeyFull, type TimeZoneMode } from '../../../../shared/logs/log-time';
import type { LogStreamInfo } from '../../../../shared/model/logs';
import { streamColourVars } from './log-colours';
import type { LogEntry } from './log-ring';
import { parsedLine } from './parsed-line';

interface RowMarks {
  search?: RegExp | undefined;
  highlight?: RegExp | undefined;
  /** This row holds the current search match. */
  current: boolean;
}

interface Segment extends StyledSpan {
  role?: 'key' | 'value' | 'message';
}

function structuredSegments(line: ParsedLogLine): Segment[] {
  const out: Segment[] = [];
  if (line.message !== undefined) out.push({ text: line.message, role: 'message' });
  for (const field of line.fields) {
    out.push({ text: out.length > 0 ? ` ${field.key}=` : `${field.key}=`, role: 'key' });
    out.push({ text: field.value, role: 'value' });
  }
  return out;
}

function marked(segments: Segment[], marks: RowMarks): Segment[] {
  if (!marks.search && !marks.highlight) return segments;
  const text = segments.map((s) => s.text).join('');
  const ranges: MarkRange[] = [];
  if (marks.highlight) ranges.push(...findRanges(text, marks.highlight, 'highlight'));
  if (marks.search) ranges.push(...findRanges(text, marks.search, marks.current ? 'current' : 'match'));
  return markRanges(segments, ranges) as Segment[];
}

function colourStyle(span: StyledSpan): { className: string; style: CSSProperties | undefined } {
  const classes: string[] = [];
  let style: CSSProperties | undefined;
  const apply = (colour: AnsiColour | undefined, prop: 'color' | 'backgroundColor', prefix: string) => {
    if (!colour) return;
    if ('name' in colour) classes.push(`${prefix}-${colour.name}`);
    else (style ??= {})[prop] = `rgb(${colour.rgb[0]}, ${colour.rgb[1]}, ${colour.rgb[2]})`;
  };
  apply(span.fg, 'color', 'ansi-fg');
  apply(span.bg, 'backgroundColor', 'ansi-bg');
  if (span.bold) classes.push('ansi-bold');
  if (span.dim) classes.push('ansi-dim');
  if (span.italic) classes.push('ansi-italic');
  if (span.underline) classes.push('ansi-underline');
  if (span.strike) classes.push('ansi-strike');
  return { className: classes.join(' '), style };
}

function Segments({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((segment, i) => {
        const { className, style } = colourStyle(segment);
        const cls = [className, segment.role ? `log-${segment.role}` : '', segment.mark ? `log-mark-${segment.mark}` : ''].filter(Boolean).join(' ');
        return segment.mark ? (
          <mark key={i} className={cls} style={style}>
            {segment.text}
          </mark>
        ) : (
          <span key={i} className={cls || undefined} style={style}>
            {segment.text}
          </span>
        );
      })}
    </>
  );
}

export interface LogRowProps {
  entry: LogEntry;
  stream: LogStreamInfo | undefined;
  /** The short source name (`sourceLabels`). */
  label: string | undefined;
  structured: boolean;
  timeZone: TimeZoneMode;
  search: RegExp | undefined;
  highlight: RegExp | undefined;
  current: boolean;
}

export const LogRow = memo(function LogRow({ entry, stream, label, structured, timeZone, search, highlight, current }: LogRowProps) {
  const marks: RowMarks = { search, highlight, current };
  const time = (
    <time className="log-time" dateTime={entry.key} title={formatTimeKeyFull(entry.key, timeZone)}>
      {formatTimeKey(entry.key, timeZone)}
    </time>
  );
  if (entry.kind === 'event' && entry.event) {
    const warning = entry.event.type === 'Warning';
    return (
      <div className={`log-row log-event ${warning ? 'log-event-warning' : ''}`} data-kind="event">
        {time}
        <span className="log-source log-event-tag">event</span>
        <span className="log-level">{warning ? 'warn' : ''}</span>
        <span className="log-text">
          <strong>{entry.event.reason}</strong> <span className="log-event-object">{entry.event.object}</span>{' '}
          <Segments segments={marked([{ text: entry.text }], marks)} />
          {entry.event.count > 1 ? <span className="log-event-count"> ×{entry.event.count}</span> : null}
        </span>
      </div>
    );
  }
  const podKey = stream ? `${stream.cluster}/${stream.namespace}/${stream.pod}` : String(entry.stream);
  const source = label ?? (stream ? stream.pod : `stream ${entry.stream}`);
  const colours = stream ? (streamColourVars(podKey, stream.container) as CSSProperties) : undefined;
  const sourceCell = (
    <span className="log-source" style={colours} data-pod={stream?.pod} title={stream ? `${stream.cluster} · ${stream.namespace}/${stream.pod} · ${stream.container}` : undefined}>
      {source}
    </span>
  );
  if (entry.kind === 'marker') {
    return (
      <div className={`log-row log-marker log-marker-${entry.marker ?? 'note'}`} data-kind="marker">
        {time}
        {sourceCell}
        <span className="log-level" />
        <span className="log-text">
          <Segments segments={marked([{ text: entry.text }], marks)} />
        </span>
      </div>
    );
  }
  const line = parsedLine(entry);
  const segments: Segment[] = structured && line.format !== 'text' ? structuredSegments(line) : ansiSpans(entry.text);
  return (
    <div className="log-row" data-kind="line" data-format={line.format}>
      {time}
      {sourceCell}
      <span className={`log-level ${line.level ? `log-level-${line.level}` : ''}`}>{line.level ?? ''}</span>
      <span className="log-text">
        <Segments segments={marked(segments, marks)} />
      </span>
    </div>
  );
});
