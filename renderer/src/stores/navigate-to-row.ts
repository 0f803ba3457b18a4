/** Global search's jump: the view and tab that list a row, filtered down to it and highlighted. */
import type { ObjectRef } from '../../../shared/model/object-ref';
import type { ResourceRow } from '../../../shared/model/rows';
import { useInspectorStore } from './inspector-store';
import { useTableFiltersStore } from './table-filters-store';
import { useUiStore, WORKLOAD_TABS, type WorkloadTabId } from './ui-store';

/** The object a row stands for. */
export function rowRef(row: ResourceRow): ObjectRef {
  return { cluster: row.cluster, kind: row.kind, name: row.name, ...(row.namespace ? { namespace: row.namespace } : {}) };
}

export function navigateToRow(row: ResourceRow): void {
  useInspectorStore.getState().open(rowRef(row));
  const ui = useUiStore.getState();
  const table = row.kind;
  if (row.kind === 'nodes') ui.setView('nodes');
  else if (row.kind === 'events') ui.setView('events');
  else if (WORKLOAD_TABS.some((t) => t.id === row.kind)) {
    ui.setView('workloads');
    ui.setWorkloadTab(row.kind as WorkloadTabId);
  } else return;
  useTableFiltersStore.getState().setFilters(table, {
    text: row.name,
    namespaces: row.namespace ? [row.namespace] : [],
    labelSelector: '',
    highlightKey: row.key,
  });
}
