/** A node drain as it happens: cordon, the plan (what is evicted, what is skipped and why), each pod. */
import { useEffect, useState } from 'react';
import type { DrainEvent } from '../../../../../shared/api/channels/objects';
import { errorText, objectsApi } from './objects-api';

type PodState = 'waiting' | 'evicting' | 'evicted' | { failed: string };

export function DrainProgress({ cluster, node, onFinished }: { cluster: string; node: string; onFinished(message: string): void }) {
  const [cordoned, setCordoned] = useState(false);
  const [pods, setPods] = useState<Record<string, PodState>>({});
  const [skipped, setSkipped] = useState<Array<{ pod: string; reason: string }>>([]);
  const [summary, setSummary] = useState<string | undefined>();
  const [running, setRunning] = useState(true);

  useEffect(() => {
    const apply = (e: DrainEvent) => {
      if (e.type === 'cordoned') setCordoned(true);
      else if (e.type === 'plan') {
        setPods(Object.fromEntries(e.evict.map((p) => [p, 'waiting' as PodState])));
        setSkipped(e.skipped);
      } else if (e.type === 'evicting') setPods((p) => ({ ...p, [e.pod]: 'evicting' }));
      else if (e.type === 'evicted') setPods((p) => ({ ...p, [e.pod]: 'evicted' }));
      else if (e.type === 'failed') setPods((p) => ({ ...p, [e.pod]: { failed: e.message } }));
      else {
        setSummary(e.message);
        onFinished(e.message);
      }
    };
    const sub = objectsApi().drain(
      { cluster, node },
      {
        next: (batch) => batch.forEach(apply),
        error: (err) => {
          setRunning(false);
          setSummary(`Drain failed: ${errorText(err)}`);
        },
        complete: () => setRunning(false),
      },
    );
    return () => sub.dispose();
    // The drain runs once per mount; onFinished is the caller's notice setter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cluster, node]);

  const entries = Object.entries(pods);
  const done = entries.filter(([, s]) => s === 'evicted').length;
  return (
    <section className="drain-progress" aria-label={`Drain of ${node}`}>
      <p aria-live="polite">
        {summary ??
          (cordoned ? `Cordoned ${node}; evicted ${done} of ${entries.length} pods…` : `Cordoning ${node}…`)}
      </p>
      {entries.length > 0 && (
        <progress max={entries.length} value={done} aria-label={`Pods evicted from ${node}`}>
          {done} / {entries.length}
        </progress>
      )}
      <ul className="drain-pods">
        {entries.map(([pod, state]) => (
          <li key={pod} className={typeof state === 'object' ? 'drain-failed' : `drain-${state}`}>
            {pod}: {typeof state === 'object' ? `failed — ${state.failed}` : state}
          </li>
        ))}
        {skipped.map((s) => (
          <li key={s.pod} className="drain-skipped">
            {s.pod}: skipped — {s.reason}
          </li>
        ))}
      </ul>
      {running && <p className="action-note">Closing the inspector stops waiting; evictions already sent still happen.</p>}
    </section>
  );
}
