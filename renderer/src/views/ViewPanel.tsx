import type { ReactNode } from 'react';
import { useClustersStore, isActivePhase } from '../stores/clusters-store';
import { useUiStore, VIEWS, type ViewId } from '../stores/ui-store';
import { TABLES } from './columns/table-specs';
import { LogsView } from './logs/LogsView';
import { ResourceTableView } from './ResourceTableView';
import { TopologyView } from './topology/TopologyView';
import { WorkloadsView } from './WorkloadsView';

const EMPTY_TEXT: Record<ViewId, string> = {
  topology: 'No cluster connected. Connect a context from the Clusters rail to see its live map.',
  workloads: 'No cluster connected. Deployments, StatefulSets, DaemonSets, Jobs and their pods appear here.',
  nodes: 'No cluster connected. Nodes and their load appear here.',
  events: 'No cluster connected. Cluster events appear here as they happen.',
  logs: 'No cluster connected. Follow the logs of any pod, workload or selector here.',
};

function viewContent(view: ViewId): ReactNode {
  switch (view) {
    case 'topology':
      return <TopologyView />;
    case 'logs':
      return <LogsView />;
    case 'workloads':
      return <WorkloadsView />;
    case 'nodes':
      return <ResourceTableView key="nodes" spec={TABLES.nodes!} />;
    case 'events':
      return <ResourceTableView key="events" spec={TABLES.events!} />;
    default:
      return undefined;
  }
}

/** The active view's panel; each view states its content in text for people and tests alike. */
export function ViewPanel() {
  const view = useUiStore((s) => s.view);
  const anyActive = useClustersStore((s) => Object.values(s.statuses).some((st) => isActivePhase(st.phase)));
  const label = VIEWS.find((v) => v.id === view)?.label ?? view;
  const content = anyActive ? viewContent(view) : undefined;
  return (
    <section
      id={`panel-${view}`}
      className={`view-panel ${content ? 'view-panel-table' : ''}`}
      role="tabpanel"
      aria-labelledby={`tab-${view}`}
    >
      <h1 className="visually-hidden">{label}</h1>
      {content ?? <p className="empty-note">{EMPTY_TEXT[view]}</p>}
    </section>
  );
}
