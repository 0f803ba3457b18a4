import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { ResourceRow } from '../../../../shared/model/rows';
import type { Column } from '../../model/table-spec';
import { useNow } from '../../stores/clock-store';
import type { SortSpec } from '../../stores/table-filters-store';
import { SortableHeader } from './SortableHeader';
import './table.css';

const ROW_HEIGHT = 26;

export interface ResourceTableProps {
  /** "Pods: 42 rows (3 clusters)": the table's name for screen readers and tests. */
  caption: string;
  columns: Column[];
  rows: readonly ResourceRow[];
  sort: SortSpec;
  onSort(column: string): void;
  highlightKey: string | undefined;
  rowClass: ((row: ResourceRow) => string | undefined) | undefined;
  emptyText: string;
  /** Opens a row (click, Enter or Space on the focused row): the inspector, in the views. */
  onOpen?(row: ResourceRow): void;
  /** The row shown in the inspector, marked so the table says which row that is. */
  openKey?: string;
}

/** A virtualized table: only the rows in view (plus a few) are in the DOM, whatever the count. */
export function ResourceTable({ caption, columns, rows, sort, onSort, highlightKey, rowClass, emptyText, onOpen, openKey }: ResourceTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // Roving focus: one row is in the tab order; arrows move between rows, Enter opens.
  const [activeIndex, setActiveIndex] = useState(0);
  const active = Math.min(activeIndex, Math.max(rows.length - 1, 0));
  const now = useNow();
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design; rows re-render on its own updates
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => rows[index]?.key ?? index,
  });

  // Scroll a row that global search picked into view, once per pick.
  const highlightIndex = highlightKey ? rows.findIndex((r) => r.key === highlightKey) : -1;
  const scrolledFor = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (highlightIndex < 0 || scrolledFor.current === highlightKey) return;
    scrolledFor.current = highlightKey;
    virtualizer.scrollToIndex(highlightIndex, { align: 'center' });
  }, [highlightIndex, highlightKey, virtualizer]);

  const focusRow = (index: number) => {
    const target = Math.max(0, Math.min(rows.length - 1, index));
    setActiveIndex(target);
    virtualizer.scrollToIndex(target);
    // The row may only exist after the virtualizer renders it.
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`tr[aria-rowindex="${target + 2}"]`)?.focus());
  };

  const onRowKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number, row: ResourceRow) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + page, PageUp: index - page, Home: 0, End: rows.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      focusRow(moves[event.key]!);
    } else if ((event.key === 'Enter' || event.key === ' ') && onOpen && event.target === event.currentTarget) {
      event.preventDefault();
      onOpen(row);
    }
  };

  const onRowClick = (event: MouseEvent<HTMLTableRowElement>, index: number, row: ResourceRow) => {
    setActiveIndex(index);
    // Controls inside a cell keep their own meaning.
    if ((event.target as HTMLElement).closest('button, a, input, select, textarea')) return;
    onOpen?.(row);
  };

  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const totalWidth = columns.reduce((w, c) => w + c.width, 0);

  return (
    <div className="table-scroll" ref={scrollRef} tabIndex={0} role="region" aria-label={`${caption}, scrollable`}>
      <table className="rtable" aria-rowcount={rows.length + 1} style={{ minWidth: totalWidth }}>
        <caption className="visually-hidden">{caption}</caption>
        <colgroup>
          {columns.map((c, i) => (
            <col key={c.id} style={i === columns.length - 1 ? undefined : { width: c.width }} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((c) => (
              <SortableHeader key={c.id} column={c} sort={sort} onSort={onSort} />
            ))}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && (
            <tr aria-hidden="true" className="pad-row">
              <td colSpan={columns.length} style={{ height: padTop }} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index]!;
            const highlighted = row.key === highlightKey;
            const extra = rowClass?.(row);
            return (
              <tr
                key={row.key}
                aria-rowindex={item.index + 2}
                aria-current={highlighted ? 'true' : undefined}
                data-key={row.key}
                className={[highlighted ? 'row-highlight' : '', extra ?? '', row.deleting ? 'row-deleting' : '', onOpen ? 'row-openable' : '', row.key === openKey ? 'row-open' : ''].join(' ').trim() || undefined}
                tabIndex={item.index === active ? 0 : -1}
                onKeyDown={(event) => onRowKeyDown(event, item.index, row)}
                onClick={(event) => onRowClick(event, item.index, row)}
                title={row.key === openKey ? `${row.name} is open in the inspector` : onOpen ? `Open ${row.name} in the inspector` : undefined}
              >
                {columns.map((c) => (
                  <td key={c.id} className={c.align === 'end' ? 'cell-end' : undefined}>
                    {c.cell(row, now)}
                  </td>
                ))}
              </tr>
            );
          })}
          {padBottom > 0 && (
            <tr aria-hidden="true" className="pad-row">
              <td colSpan={columns.length} style={{ height: padBottom }} />
            </tr>
          )}
        </tbody>
      </table>
      {rows.length === 0 && <p className="table-empty">{emptyText}</p>}
    </div>
  );
}
