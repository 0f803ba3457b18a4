/** Exec terminal tabs in the bottom dock (issue 7): one closable tab per session, and a "New" form. */
import '@xterm/xterm/css/xterm.css';
import './terminal.css';
import { useState } from 'react';
import { useTerminalsStore } from '../../stores/terminals-store';
import { NewSessionForm } from './NewSessionForm';
import { TerminalToolbar } from './TerminalToolbar';
import { TerminalView } from './TerminalView';

export function TerminalsPanel() {
  const tabs = useTerminalsStore((s) => s.tabs);
  const activeKey = useTerminalsStore((s) => s.activeKey);
  const { activate, close } = useTerminalsStore.getState();
  const [creating, setCreating] = useState(false);
  const active = tabs.find((t) => t.key === activeKey);

  return (
    <div className="terminals">
      <div className="terminal-tabs">
        <div role="tablist" aria-label="Terminal sessions">
          {tabs.map((tab) => (
            <button
              key={tab.key}
              type="button"
              role="tab"
              id={`terminal-tab-${tab.key}`}
              className={`terminal-tab ${tab.key === activeKey ? 'terminal-tab-active' : ''}`}
              aria-selected={tab.key === activeKey}
              aria-controls="terminal-panel"
              aria-label={tab.title}
              aria-keyshortcuts="Delete"
              title={`${tab.title} (Delete closes it)`}
              onClick={() => activate(tab.key)}
              onKeyDown={(e) => {
                if (e.key === 'Delete') close(tab.key);
              }}
            >
              <span className={`terminal-dot terminal-dot-${tab.state.phase}`} aria-hidden="true" />
              {tab.short}
              {/* A mouse shortcut; the keyboard has Delete and the toolbar's Close button. */}
              <span
                className="terminal-tab-close"
                aria-hidden="true"
                onClick={(e) => {
                  e.stopPropagation();
                  close(tab.key);
                }}
              >
                ×
              </span>
            </button>
          ))}
        </div>
        <button type="button" className="terminal-new-button" aria-expanded={creating} onClick={() => setCreating((c) => !c)}>
          New shell
        </button>
      </div>
      {creating && <NewSessionForm onDone={() => setCreating(false)} />}
      {active ? (
        <div id="terminal-panel" className="terminal-panel" role="tabpanel" aria-labelledby={`terminal-tab-${active.key}`}>
          <TerminalToolbar tab={active} />
          <TerminalView key={active.key} tab={active} />
        </div>
      ) : (
        !creating && <p className="empty-note">No terminal sessions. Open a shell from a pod, or choose “New shell”.</p>
      )}
    </div>
  );
}
