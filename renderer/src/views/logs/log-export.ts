/** Lines as plain text for the clipboard and downloads: time, pod/container, text without colours. */
import { stripAnsi } from '../../../../shared/logs/log-format';
import { formatTimeKeyFull, type TimeZoneMode } from '../../../../shared/logs/log-time';
import type { LogStreamInfo } from '../../../../shared/model/logs';
import type { LogEntry } from './log-ring';

export function entryAsText(entry: LogEntry, streams: ReadonlyMap<number, LogStreamInfo>, zone: TimeZoneMode): string {
  const time = formatTimeKeyFull(entry.key, zone);
  if (entry.kind === 'event' && entry.event) {
    return `${time} [event ${entry.event.type}] ${entry.event.object} ${entry.event.reason}: ${entry.text}`;
  }
  const stream = streams.get(entry.stream);
  const source = stream ? `${stream.pod}/${stream.container}` : `stream ${entry.stream}`;
  return entry.kind === 'marker' ? `${time} ${source} — ${entry.text}` : `${time} ${source} ${stripAnsi(entry.text)}`;
}

export function entriesAsText(entries: Iterable<LogEntry>, streams: ReadonlyMap<number, LogStreamInfo>, zone: TimeZoneMode): string {
  const out: string[] = [];
  for (const entry of entries) out.push(entryAsText(entry, streams, zone));
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

/** Saves text as a file through a blob URL (CSP allows blob:; nothing leaves the machine). */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
