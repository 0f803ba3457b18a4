/**
 * Serves the naive baseline on loopback: its page, d3-force's UMD bundles from node_modules, and the
 * very graph Loupe draws (as JSON). Lives in the bench only; nothing of it ships in the app.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { ViewGraph } from '../../shared/topology/view-graph';
import { NAIVE_PAGE } from './page-scripts';

const SCRIPTS = ['d3-dispatch', 'd3-quadtree', 'd3-timer', 'd3-force'];

export interface NaiveServer {
  url: string;
  close(): Promise<void>;
}

export async function startNaiveServer(graph: ViewGraph): Promise<NaiveServer> {
  const files = new Map<string, { type: string; body: string | Buffer }>([
    ['/', { type: 'text/html', body: NAIVE_PAGE }],
    ['/graph.json', { type: 'application/json', body: JSON.stringify({ nodes: graph.nodes.map((n) => ({ id: n.id })), edges: graph.edges }) }],
  ]);
  for (const name of SCRIPTS) {
    // The UMD builds (globals on `d3`), which the packages' export maps do not expose.
    files.set(`/${name}.js`, { type: 'text/javascript', body: readFileSync(resolve('node_modules', name, 'dist', `${name}.js`)) });
  }
  const server: Server = createServer((req, res) => {
    const file = files.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type }).end(file.body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
