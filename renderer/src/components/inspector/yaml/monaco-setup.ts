/**
 * The slim Monaco build (shared/STACK.md): the editor API, YAML highlighting and the few
 * contributions an object editor needs, with one editor worker — 3.8 MB instead of the 15 MB of
 * every language. Only ever imported dynamically, so the main bundle does not carry it.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/contrib/find/browser/findController';
import 'monaco-editor/editor/contrib/folding/browser/folding';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations';
import 'monaco-editor/editor/contrib/comment/browser/comment';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { isDarkScheme } from '../../../model/color-scheme';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

window.MonacoEnvironment = { getWorker: () => new EditorWorker() };

/** The app's light or dark theme, as the user set it (not only the system's). */
export function monacoTheme(): string {
  return isDarkScheme() ? 'vs-dark' : 'vs';
}

export { monaco };
/** Here, not in the tab, so the YAML parser rides in the lazy chunk too. */
export { lineOfField } from './field-lines';
export type Monaco = typeof monaco;
