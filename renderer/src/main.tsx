import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startObjectsApi } from './components/inspector/actions/objects-api';
import { startDescribeApi } from './components/inspector/describe/describe-api';
import { startTerminalsApi } from './components/terminal/terminal-registry';
import { startClustersAdapter } from './host/clusters-adapter';
import { connectHost } from './host/connect';
import { startHostAdapter } from './host/host-adapter';
import { startLogsAdapter } from './host/logs-adapter';
import { startResourcesAdapter } from './host/resources-adapter';
import { startTopologyAdapter } from './views/topology/topology-session';
import './theme.css';

const connection = connectHost();
startHostAdapter(connection);
startClustersAdapter(connection);
startTopologyAdapter(connection);
startResourcesAdapter(connection);
startObjectsApi(connection);
startDescribeApi(connection);
startTerminalsApi(connection);
startLogsAdapter(connection);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
