/** A drawer beside the active view showing one object: summary, describe and YAML, with its actions. */
import { kindInfo } from '../../../../shared/model/kinds';
import { INSPECTOR_TABS, useInspectorStore, type InspectorTab } from '../../stores/inspector-store';
import { ActionsBar } from './ActionsBar';
import { DescribeTab } from './DescribeTab';
import { SummaryTab } from './SummaryTab';
import { YamlTab } from './YamlTab';

export function Inspector() {
  const target = useInspectorStore((s) => s.target);
  const tab = useInspectorStore((s) => s.tab);
  const setTab = useInspectorStore((s) => s.setTab);
  const close = useInspectorStore((s) => s.close);
  if (!target) return null;
  const title = `${kindInfo(target.kind).kind} ${target.namespace ? `${target.namespace}/` : ''}${target.name}`;
  const onKey = (event: React.KeyboardEvent, current: InspectorTab) => {
    const i = INSPECTOR_TABS.findIndex((t) => t.id === current);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    setTab(INSPECTOR_TABS[(i + step + INSPECTOR_TABS.length) % INSPECTOR_TABS.length]!.id);
  };
  return (
    <aside className="inspector" aria-label={`Inspector: ${title}`}>
      <header className="inspector-header">
        <h2 className="inspector-title" title={`${title} in ${target.cluster}`}>
          {title}
          <span className="inspector-cluster">{target.cluster}</span>
        </h2>
        <button type="button" aria-label="Close inspector" onClick={close}>
          ×
        </button>
      </header>
      <ActionsBar target={target} />
      <div role="tablist" aria-label="Inspector tabs" className="inspector-tabs">
        {INSPECTOR_TABS.map((t) => (
          <button
            key={t.id}
            id={`inspector-tab-${t.id}`}
            role="tab"
            type="button"
            aria-selected={tab === t.id}
            aria-controls="inspector-panel"
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => onKey(e, t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div id="inspector-panel" className="inspector-panel" role="tabpanel" aria-labelledby={`inspector-tab-${tab}`}>
        {tab === 'summary' && <SummaryTab target={target} />}
        {tab === 'describe' && <DescribeTab target={target} />}
        {tab === 'yaml' && <YamlTab target={target} />}
      </div>
    </aside>
  );
}
