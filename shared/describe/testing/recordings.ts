/**
 * Builds describe inputs from the golden recordings. Pure: the tests pass a reader for files of the
 * golden directory. The recordings of objects were taken at 21:05, kubectl ran at 21:11 after the
 * writes (README, "Order of recording"), so helpers here also read the state kubectl saw from the
 * closest recordings (`get pods -o wide` for pod names, IPs and nodes).
 */
import type { Json } from '../json';
import type { DescribeContext } from '../types';

export type ReadGolden = (path: string) => string;

/** kubectl ran at about 21:11:19 UTC; ages are normalised by the comparison anyway. */
export const CTX: DescribeContext = { cluster: 'golden', now: Date.parse('2026-11-21T21:11:19Z'), timeZone: 'UTC' };

export class Recordings {
  constructor(readonly read: ReadGolden) {}

  json(path: string): Json {
    return JSON.parse(this.read(path)) as Json;
  }

  items(path: string): Json[] {
    return (this.json(path).items as Json[]) ?? [];
  }

  kubectl(name: string): string {
    return this.read(`kubectl/${name}`);
  }

  /** An item of a list recording by namespace and name. */
  item(path: string, namespace: string | undefined, name: string): Json {
    const found = this.items(path).find((o) => meta(o).name === name && (namespace === undefined || meta(o).namespace === namespace));
    if (!found) throw new Error(`${path} has no ${namespace ?? ''}/${name}`);
    return found;
  }

  /** Events whose involved object is `o` (matched by uid, like kubectl's field selector). */
  eventsFor(o: Json): Json[] {
    const uid = meta(o).uid;
    return this.items('lists/events-core-v1-all-namespaces.json').filter((e) => (e.involvedObject as Json).uid === uid);
  }

  /** The pods kubectl saw at 21:11 (`get pods -A -o wide`): name, IP, node and status. */
  podsAt2111(): Array<{ namespace: string; name: string; ip: string; node: string; status: string }> {
    const lines = this.kubectl('get-pods-all-namespaces-wide.txt').trim().split('\n').slice(1);
    return lines.map((line) => {
      const f = line.trim().split(/\s+/);
      return { namespace: f[0]!, name: f[1]!, status: f[3]!, ip: f[6]!, node: f[7]! };
    });
  }

  /**
   * The Endpoints as the controller had them at 21:11: the recorded object with its ready
   * addresses replaced by the IPs of the Running pods named `<prefix>-…` at that time.
   */
  endpointsAt2111(name: string, podPrefix: string): Json {
    const recorded = this.item('lists/endpoints-all-namespaces.json', 'shop', name);
    const ips = this.podsAt2111()
      .filter((p) => p.namespace === 'shop' && p.name.startsWith(`${podPrefix}-`) && p.status === 'Running')
      .map((p) => p.ip)
      .sort();
    const subsets = (recorded.subsets as Json[]).map((s) => ({ ...s, addresses: ips.map((ip) => ({ ip })) }));
    return { ...recorded, subsets };
  }
}

export const meta = (o: Json): { name?: string; namespace?: string; uid?: string } => (o.metadata ?? {}) as { name?: string; namespace?: string; uid?: string };

/** A deep copy, so a test can adjust a recording without touching the cached parse. */
export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
