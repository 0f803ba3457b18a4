import { DOCK_TABS, useUiStore } from '../stores/ui-store';
import { TerminalsPanel } from './terminal/TerminalsPanel';

/** The Lens-like bottom dock for terminal sessions; collapsible, Ctrl+J toggles it. */
export function BottomDock() {
  const open = useUiStore((s) => s.dockOpen);
  const tab = useUiStore((s) => s.dockTab);
  const toggle = useUiStore((s) => s.toggleDock);
  const openDock = useUiStore((s) => s.openDock);

  return (
    <section className={`dock ${open ? 'dock-open' : ''}`} aria-label="Bottom dock">
      <div className="dock-bar">
        <div role="tablist" aria-label="Dock tabs">
          {DOCK_TABS.map((t) => (
            <button
              key={t.id}
              id={`dock-tab-${t.id}`}
              role="tab"
              type="button"
              aria-selected={open && tab === t.id}
              aria-controls="dock-panel"
              onClick={() => openDock(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="dock-toggle"
          aria-expanded={open}
          aria-controls="dock-panel"
          aria-label={open ? 'Collapse dock' : 'Expand dock'}
          title="Toggle dock (Ctrl+J)"
          onClick={toggle}
        >
          {open ? '▾' : '▴'}
        </button>
      </div>
      {open && (
        <div id="dock-panel" className="dock-panel" role="tabpanel" aria-labelledby={`dock-tab-${tab}`}>
          <TerminalsPanel />
        </div>
      )}
    </section>
  );
}
