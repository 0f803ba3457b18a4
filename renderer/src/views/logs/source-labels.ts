/**
 * Short source names for the viewer's pod column: a workload's pods share a long prefix
 * (`frontend-77ccb89c67-`), and what tells them apart is the end, so the shared prefix is dropped.
 * Names still too long keep their head and tail (`checkout…hbwsb`). The container is added only
 * when some pod has several.
 */
import type { LogStreamInfo } from '../../../../shared/model/logs';

function commonPrefix(names: string[]): string {
  if (names.length < 2) return '';
  let prefix = names[0]!;
  for (const name of names) {
    let i = 0;
    while (i < prefix.length && i < name.length && prefix[i] === name[i]) i++;
    prefix = prefix.slice(0, i);
  }
  // Cut at a name boundary so "web-1" and "web-12" keep their numbers whole.
  return prefix.slice(0, prefix.lastIndexOf('-') + 1);
}

/** What fits the pod column (11em of monospace); longer names keep their head and their tail. */
const MAX_LABEL = 17;

function shorten(pod: string): string {
  if (pod.length <= MAX_LABEL) return pod;
  const head = pod.slice(0, pod.indexOf('-') > 0 ? Math.min(pod.indexOf('-'), 10) : 10);
  const tail = pod.slice(pod.lastIndexOf('-') + 1).slice(-6);
  return `${head}…${tail}`;
}

export function sourceLabels(streams: Iterable<LogStreamInfo>): Map<number, string> {
  const all = [...streams];
  const containersPerPod = new Map<string, Set<string>>();
  for (const s of all) {
    const pod = `${s.cluster}/${s.namespace}/${s.pod}`;
    (containersPerPod.get(pod) ?? containersPerPod.set(pod, new Set()).get(pod)!).add(s.container);
  }
  const showContainer = [...containersPerPod.values()].some((c) => c.size > 1);
  const prefix = commonPrefix([...new Set(all.map((s) => s.pod))]);
  const labels = new Map<number, string>();
  for (const s of all) {
    const pod = shorten(s.pod.slice(prefix.length) || s.pod);
    labels.set(s.id, showContainer ? `${pod}/${s.container}` : pod);
  }
  return labels;
}
