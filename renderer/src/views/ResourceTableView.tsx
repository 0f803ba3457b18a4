import { useDeferredValue, useMemo } from 'react';
import { sortRows, filterByText } from '../model/sort-rows';
import type { TableSpec } from '../model/table-spec';
import { ResourceTable } from '../components/table/ResourceTable';
import { TableToolbar } from '../components/table/TableToolbar';
import { selectConnectedCount, useClustersStore } from '../stores/clusters-store';
import { useInspectorStore } from '../stores/inspector-store';
import { rowRef } from '../stores/navigate-to-row';
import { rowKey } from '../../../shared/model/rows';
import { useTableFilters, useTableFiltersStore } from '../stores/table-filters-store';
import { useActiveClusters, useResourceFeed, useSettledFeed } from '../host/use-resource-feed';

/**
 * One live table: subscribes to its kind on the active clusters (namespaces and label selector go
 * to the host), then filters by text and sorts locally — deferred, so typing never waits for 10k rows.
 */
export function ResourceTableView({ spec }: { spec: TableSpec }) {
  const clusters = useActiveClusters();
  const connectedCount = useClustersStore(selectConnectedCount);
  const filters = useTableFilters(spec.id);
  const cycleSort = useTableFiltersStore((s) => s.cycleSort);
  const inspected = useInspectorStore((s) => s.target);

  const latest = useResourceFeed({
    clusters,
    kinds: [spec.kind],
    ...(spec.namespaced && filters.namespaces.length ? { namespaces: filters.namespaces } : {}),
    ...(filters.labelSelector.trim() ? { labelSelector: filters.labelSelector.trim() } : {}),
  });
  const { shown: feed, settling } = useSettledFeed(latest);

  const rowsMap = feed?.rows;
  const version = useDeferredValue(feed?.version ?? 0);
  const text = useDeferredValue(filters.text);
  const sort = filters.sort ?? spec.defaultSort;
  const columns = useMemo(() => spec.columns.filter((c) => !c.multiClusterOnly || connectedCount > 1), [spec, connectedCount]);

  const all = useMemo(
    () => [...(rowsMap?.values() ?? [])],
    // The Map changes in place; `version` says when.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rowsMap, version],
  );
  const filtered = useMemo(() => filterByText(all, text), [all, text]);
  const rowNamespaces = useMemo(() => (spec.namespaced ? [...new Set(all.map((r) => r.namespace ?? ''))].filter(Boolean) : []), [all, spec]);
  const rows = useMemo(
    () => sortRows(filtered, spec.columns.find((c) => c.id === sort.column), sort),
    [filtered, spec, sort],
  );

  const selectorRejected = feed?.phase === 'error' && filters.labelSelector.trim() !== '';
  const clusterWord = `${clusters.length} ${clusters.length === 1 ? 'cluster' : 'clusters'}`;
  const caption = `${spec.title}: ${rows.length} ${rows.length === 1 ? 'row' : 'rows'} (${clusterWord})`;
  const stale = version !== (feed?.version ?? 0) || text !== filters.text;

  return (
    <div className="table-view">
      <TableToolbar
        spec={spec}
        clusters={clusters}
        filters={filters}
        rowNamespaces={rowNamespaces}
        selectorRejected={selectorRejected}
        countText={`${rows.length === all.length ? rows.length : `${rows.length} of ${all.length}`} ${spec.noun}`}
        loading={feed?.phase === 'loading' || settling}
        stale={stale}
      />
      {feed?.phase === 'error' && (
        <p className="table-error" role="alert">
          {selectorRejected ? 'Label selector rejected: ' : 'Query failed: '}
          {feed.error}
        </p>
      )}
      <ResourceTable
        caption={caption}
        columns={columns}
        rows={rows}
        sort={sort}
        onSort={(column) => cycleSort(spec.id, column, sort)}
        highlightKey={filters.highlightKey}
        rowClass={spec.rowClass}
        onOpen={(row) => useInspectorStore.getState().open(rowRef(row))}
        openKey={inspected && rowKey(inspected.cluster, inspected.kind, inspected.namespace, inspected.name)}
        emptyText={
          feed?.phase === 'loading'
            ? `Loading ${spec.noun}…`
            : feed?.phase === 'error'
              ? `No ${spec.noun}: the query failed.`
              : all.length > 0
                ? `No ${spec.noun} match “${filters.text}”.`
                : `No ${spec.noun}${filters.namespaces.length ? ` in ${filters.namespaces.join(', ')}` : ''}${filters.labelSelector ? ` matching ${filters.labelSelector}` : ''}.`
        }
      />
    </div>
  );
}
