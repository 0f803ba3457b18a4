/** Create an object from YAML in one cluster: dry run first to see the server's verdict, then create. */
import { useEffect, useId, useRef, useState } from 'react';
import type { ObjectWriteResult } from '../../../../../shared/api/channels/objects';
import { MonacoYaml } from '../yaml/MonacoYaml';
import { WriteVerdict } from '../yaml/WriteVerdict';
import { errorText, objectsApi } from './objects-api';

const TEMPLATE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: my-config
data:
  key: value
`;

export function CreateYamlDialog({ cluster, namespace, onClose }: { cluster: string; namespace?: string; onClose(): void }) {
  const id = useId();
  const [yaml, setYaml] = useState(TEMPLATE);
  const [ns, setNs] = useState(namespace ?? 'default');
  const [verdict, setVerdict] = useState<Exclude<ObjectWriteResult, { outcome: 'conflict' }> | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const nsInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    nsInput.current?.focus();
    return () => opener?.focus();
  }, []);

  const send = async (dryRun: boolean) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const result = await objectsApi().create({ cluster, yaml, ...(ns ? { namespace: ns } : {}), dryRun });
      setVerdict(result.outcome === 'conflict' ? undefined : result);
    } catch (err) {
      setVerdict(undefined);
      setProblem(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="action-backdrop">
      <div
        className="action-dialog action-dialog-wide"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        <h3 id={`${id}-title`}>Create from YAML in cluster {cluster}</h3>
        <label className="action-field">
          Namespace (when the YAML names none){' '}
          <input ref={nsInput} value={ns} onChange={(e) => setNs(e.target.value)} />
        </label>
        <MonacoYaml value={yaml} readOnly={false} onChange={setYaml} label="YAML of the object to create" />
        <div aria-live="polite">
          {problem && (
            <p className="yaml-verdict yaml-verdict-bad" role="alert">
              {problem}
            </p>
          )}
          {verdict &&
            (verdict.outcome === 'ok' && !verdict.dryRun ? (
              <p className="yaml-verdict yaml-verdict-ok" role="status">
                Created in {cluster}.
              </p>
            ) : (
              <WriteVerdict result={verdict} />
            ))}
        </div>
        <div className="action-dialog-buttons">
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button type="button" disabled={busy} onClick={() => void send(true)}>
            Dry run
          </button>
          <button type="button" className="yaml-primary" disabled={busy} onClick={() => void send(false)}>
            Create
          </button>
        </div>
      </div>
    </div>
  );
}
