/**
 * A YAML editor or a side-by-side diff, on the lazily loaded slim Monaco. The text lives in the
 * caller's state; the editor reports every change, and an outside change (a reload, a merge)
 * replaces the model's text without recreating the editor.
 */
import { useEffect, useRef, useState } from 'react';
import type * as MonacoSetup from './monaco-setup';
import type { Monaco } from './monaco-setup';
import { watchColorScheme } from '../../../model/color-scheme';

type Editor = ReturnType<Monaco['editor']['create']>;
type DiffEditor = ReturnType<Monaco['editor']['createDiffEditor']>;

let loading: Promise<typeof MonacoSetup> | undefined;
const loadMonaco = () => (loading ??= import('./monaco-setup'));

export interface MonacoYamlProps {
  value: string;
  /** When set, a diff of `original` (left) against `value` (right). */
  original?: string;
  readOnly: boolean;
  onChange?: (value: string) => void;
  /** Names the editor for assistive technology (Monaco puts it on its textarea). */
  label: string;
  /** Server-side field errors to mark on the lines of their fields. */
  problems?: Array<{ field: string; message: string }>;
}

export function MonacoYaml({ value, original, readOnly, onChange, label, problems }: MonacoYamlProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<Editor | undefined>(undefined);
  const diff = useRef<DiffEditor | undefined>(undefined);
  const setupRef = useRef<typeof MonacoSetup | undefined>(undefined);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });
  const [failed, setFailed] = useState<string | undefined>();
  const [ready, setReady] = useState(false);
  const diffMode = original !== undefined;

  useEffect(() => {
    let disposed = false;
    let stopWatching: (() => void) | undefined;
    loadMonaco().then(
      (setup) => {
        const { monaco, monacoTheme } = setup;
        if (disposed || !host.current) return;
        setupRef.current = setup;
        const common = { automaticLayout: true, minimap: { enabled: false }, scrollBeyondLastLine: false, fontSize: 12, theme: monacoTheme(), ariaLabel: label, tabSize: 2 };
        if (diffMode) {
          const d = monaco.editor.createDiffEditor(host.current, { ...common, readOnly: true, originalEditable: false, renderSideBySide: host.current.clientWidth > 640 });
          d.setModel({ original: monaco.editor.createModel(original, 'yaml'), modified: monaco.editor.createModel(value, 'yaml') });
          diff.current = d;
        } else {
          const e = monaco.editor.create(host.current, { ...common, value, language: 'yaml', readOnly });
          e.onDidChangeModelContent(() => onChangeRef.current?.(e.getValue()));
          editor.current = e;
        }
        stopWatching = watchColorScheme(() => monaco.editor.setTheme(monacoTheme()));
        setReady(true);
      },
      (err: unknown) => setFailed(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      disposed = true;
      stopWatching?.();
      const d = diff.current;
      if (d) {
        const model = d.getModel();
        d.dispose();
        model?.original.dispose();
        model?.modified.dispose();
      }
      editor.current?.getModel()?.dispose();
      editor.current?.dispose();
      diff.current = undefined;
      editor.current = undefined;
      setReady(false);
    };
    // The editor is created once per mode; text and options follow in the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [diffMode]);

  useEffect(() => {
    const e = editor.current;
    if (e && e.getValue() !== value) e.setValue(value);
    const d = diff.current?.getModel();
    if (d) {
      if (d.modified.getValue() !== value) d.modified.setValue(value);
      if (original !== undefined && d.original.getValue() !== original) d.original.setValue(original);
    }
  }, [value, original, ready]);

  useEffect(() => {
    editor.current?.updateOptions({ readOnly });
  }, [readOnly, ready]);

  useEffect(() => {
    const setup = setupRef.current;
    const model = editor.current?.getModel();
    if (!setup || !model) return;
    const text = model.getValue();
    const markers = (problems ?? []).flatMap((p) => {
      const line = setup.lineOfField(text, p.field);
      return line ? [{ severity: setup.monaco.MarkerSeverity.Error, message: p.message, startLineNumber: line, endLineNumber: line, startColumn: 1, endColumn: model.getLineMaxColumn(line) }] : [];
    });
    setup.monaco.editor.setModelMarkers(model, 'loupe-server', markers);
  }, [problems, ready]);

  if (failed) return <p className="yaml-error">The editor could not load: {failed}</p>;
  return (
    <div ref={host} className={diffMode ? 'yaml-monaco yaml-monaco-diff' : 'yaml-monaco'} data-testid={diffMode ? 'yaml-diff' : 'yaml-editor'} aria-busy={!ready}>
      {!ready && <p className="empty-note">Loading the editor…</p>}
    </div>
  );
}
