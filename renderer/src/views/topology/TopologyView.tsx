/**
 * The live topology map (issue 5): a toolbar, then the map (canvas) or the same graph as a table.
 * The worker does the work; this view forwards requests and draws what it is sent.
 */
import { useEffect } from 'react';
import { useActiveClusters } from '../../host/use-resource-feed';
import { useTopologyStore } from '../../stores/topology-store';
import { TopologyMap } from './TopologyMap';
import { TopologyTable } from './TopologyTable';
import { TopologyToolbar } from './TopologyToolbar';
import { acquireTopology } from './topology-session';
import './topology.css';

export function TopologyView() {
  const clusters = useActiveClusters();
  const display = useTopologyStore((s) => s.display);
  const error = useTopologyStore((s) => s.error);
  useEffect(() => acquireTopology(clusters), [clusters]);
  return (
    <div className="topology">
      <TopologyToolbar clusters={clusters} />
      {error && (
        <p className="topology-error" role="alert">
          {error}
        </p>
      )}
      {display === 'map' ? <TopologyMap /> : <TopologyTable />}
    </div>
  );
}
