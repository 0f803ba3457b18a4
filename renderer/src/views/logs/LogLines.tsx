/**
 * The virtualized viewer over the session's filtered lines. It follows the newest line until the
 * user scrolls up; then it holds the lines in view still (even as old ones are evicted) and offers
 * "Follow" with the count of lines that arrived meanwhile. Reaching the bottom follows again.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { compileFilter, useLogsStore } from '../../stores/logs-store';
import type { FilteredLines } from './filtered-lines';
import type { LogEntry } from './log-ring';
import type { LogSession } from './log-session';
import { LogRow } from './LogRow';
import { sourceLabels } from './source-labels';
import './log-lines.css';

const ROW_HEIGHT = 20;
/** Within this many pixels of the end counts as "at the bottom". */
const BOTTOM_SLACK = 8;
/** How long after wheel, key or pointer input scroll events count as the user's (smooth scrolling animates). */
const USER_SCROLL_MS = 600;
/** A scroll that comes to rest this soon after input is the user's. */
const SCROLL_END_MS = 3_000;
/** Scrolling down to within this of the end follows again. */
const RESUME_SLACK = 3 * ROW_HEIGHT;

interface Anchor {
  entry: LogEntry;
  index: number;
}

/** The entry at the top of the viewport, which a paused viewer keeps in place. */
function topEntry(el: HTMLElement, offsetIndex: number | undefined, lines: FilteredLines): Anchor | undefined {
  const entry = lines.at(Math.min(offsetIndex ?? Math.floor(el.scrollTop / ROW_HEIGHT), lines.length - 1));
  // The index as the effect will look it up, so only a real shift moves the view.
  return entry ? { entry, index: lines.indexOf(entry) } : undefined;
}

export function LogLines({ session }: { session: LogSession }) {
  const version = useLogsStore((s) => s.version);
  const wrap = useLogsStore((s) => s.wrap);
  const structured = useLogsStore((s) => s.structured);
  const timeZone = useLogsStore((s) => s.timeZone);
  const followTail = useLogsStore((s) => s.followTail);
  const addedAtPause = useLogsStore((s) => s.addedAtPause);
  const searchText = useLogsStore((s) => (s.search.error ? '' : s.search.text));
  const highlightText = useLogsStore((s) => (s.highlight.error ? '' : s.highlight.text));
  const currentMatch = useLogsStore((s) => s.currentMatch);
  const jump = useLogsStore((s) => s.jump);
  const setFollowTail = useLogsStore((s) => s.setFollowTail);

  const search = useMemo(() => compileFilter(searchText), [searchText]);
  const highlight = useMemo(() => compileFilter(highlightText), [highlightText]);
  const lines = session.lines;
  const count = lines.length;
  const scrollRef = useRef<HTMLDivElement>(null);
  /** The entry at the top of the viewport while paused: it stays there as lines come and go. */
  const anchor = useRef<Anchor | undefined>(undefined);
  /** Set for a moment after wheel, key or pointer input: scroll events then come from the user. */
  const userScrolling = useRef(false);
  const userScrollTimer = useRef<number | undefined>(undefined);
  const lastInputAt = useRef(0);
  const lastScrollTop = useRef(0);
  const lastMovedDown = useRef(false);

  const labels = useMemo(
    () => sourceLabels(session.streams.values()),
    // The streams map is mutated in place; `version` says when.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [session, version],
  );

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design; rows re-render on its own updates
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
    getItemKey: (index) => lines.at(index)?.seq ?? -index - 1,
  });

  // Following: stick to the bottom after every change. Paused: keep the anchor entry in place.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    if (followTail) {
      anchor.current = undefined;
      el.scrollTop = el.scrollHeight;
      return;
    }
    const held = anchor.current;
    if (!held || held.entry.gone) {
      anchor.current = topEntry(el, virtualizer.getVirtualItemForOffset(el.scrollTop)?.index, lines);
      return;
    }
    const index = lines.indexOf(held.entry);
    if (index >= 0 && index !== held.index) {
      // Fixed rows shift by whole rows; wrapped rows have measured heights the virtualizer knows.
      if (wrap) virtualizer.scrollToIndex(index, { align: 'start' });
      else el.scrollTop += (index - held.index) * ROW_HEIGHT;
      held.index = index;
    }
  }, [version, count, followTail, lines, wrap, virtualizer]);

  // A search jump: bring the current match into view.
  useEffect(() => {
    if (!currentMatch || currentMatch.gone) return;
    const index = lines.indexOf(currentMatch);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'center' });
    // Only when asked to jump, not on every new line.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jump]);

  const markUserScroll = () => {
    lastInputAt.current = performance.now();
    userScrolling.current = true;
    window.clearTimeout(userScrollTimer.current);
    userScrollTimer.current = window.setTimeout(() => (userScrolling.current = false), USER_SCROLL_MS);
  };

  const pause = () => {
    if (useLogsStore.getState().followTail) setFollowTail(false);
  };

  // Scrolling up is the user's intent (wheel, keys, scrollbar); new lines pinning the view to the
  // bottom must never read as one, so only scrolls right after input count. Coming back down
  // resumes within a few rows of the end: lines keep arriving while the scroll animates.
  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    const distance = el.scrollHeight - el.scrollTop - el.clientHeight;
    const movingDown = el.scrollTop > lastScrollTop.current;
    if (el.scrollTop !== lastScrollTop.current) lastMovedDown.current = movingDown;
    lastScrollTop.current = el.scrollTop;
    if (followTail) {
      if (userScrolling.current && !movingDown && distance > BOTTOM_SLACK) pause();
    } else if (userScrolling.current && movingDown && distance <= RESUME_SLACK) {
      setFollowTail(true);
      return;
    }
    if (distance > BOTTOM_SLACK) anchor.current = topEntry(el, virtualizer.getVirtualItemForOffset(el.scrollTop)?.index, lines);
  };

  // A long smooth scroll can outlast the input window; where it comes to rest decides.
  const onScrollEnd = () => {
    const el = scrollRef.current;
    if (!el || !lastMovedDown.current || useLogsStore.getState().followTail || performance.now() - lastInputAt.current > SCROLL_END_MS) return;
    if (el.scrollHeight - el.scrollTop - el.clientHeight <= RESUME_SLACK) setFollowTail(true);
  };

  const resume = () => {
    setFollowTail(true);
    const el = scrollRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  };

  const items = virtualizer.getVirtualItems();
  const newLines = Math.max(0, lines.added - addedAtPause);

  return (
    <div className="log-lines-wrap">
      <div
        ref={scrollRef}
        className={`log-lines ${wrap ? 'log-wrap' : ''}`}
        role="log"
        aria-live="off"
        aria-label={`Log lines: ${count.toLocaleString()} shown`}
        tabIndex={0}
        onScroll={onScroll}
        onScrollEnd={onScrollEnd}
        onWheel={(event) => {
          markUserScroll();
          if (event.deltaY < 0) pause();
        }}
        onPointerDown={() => {
          // A scrollbar drag lasts as long as the button is down.
          window.clearTimeout(userScrollTimer.current);
          userScrolling.current = true;
        }}
        onPointerUp={markUserScroll}
        onPointerCancel={markUserScroll}
        onKeyDown={(event) => {
          if (event.key === 'End') resume();
          else if (['ArrowUp', 'PageUp', 'Home'].includes(event.key)) {
            markUserScroll();
            pause();
          } else if (['ArrowDown', 'PageDown', ' '].includes(event.key)) markUserScroll();
        }}
        data-testid="log-lines"
      >
        <div className="log-sizer" style={{ height: virtualizer.getTotalSize() }} role="list">
          {items.map((item) => {
            const entry = lines.at(item.index);
            if (!entry) return null;
            const stream = session.streams.get(entry.stream);
            return (
              <div
                key={item.key}
                role="listitem"
                className={`log-item ${item.index % 2 ? 'log-item-odd' : ''} ${entry === currentMatch ? 'log-item-current' : ''}`}
                data-index={item.index}
                ref={wrap ? virtualizer.measureElement : undefined}
                style={{ transform: `translateY(${item.start}px)`, ...(wrap ? {} : { height: ROW_HEIGHT }) }}
              >
                <LogRow
                  entry={entry}
                  stream={stream}
                  label={labels.get(entry.stream)}
                  structured={structured}
                  timeZone={timeZone}
                  search={search}
                  highlight={highlight}
                  current={entry === currentMatch}
                />
              </div>
            );
          })}
        </div>
      </div>
      {!followTail && (
        <button
          type="button"
          className="log-follow-button"
          onClick={resume}
          onWheel={(event) => {
            // The button floats over the lines, outside their scroller: the wheel still scrolls them.
            markUserScroll();
            scrollRef.current?.scrollBy(0, event.deltaMode === 1 ? event.deltaY * ROW_HEIGHT : event.deltaY);
          }}
        >
          Follow{newLines > 0 ? ` (${newLines.toLocaleString()} new ${newLines === 1 ? 'line' : 'lines'})` : ''}
        </button>
      )}
    </div>
  );
}
