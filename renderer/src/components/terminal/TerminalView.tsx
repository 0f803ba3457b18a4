/** Shows one tab's terminal; the engine outlives this view (see terminal-registry). */
import { useEffect, useRef } from 'react';
import { useTerminalsStore, type TerminalTab } from '../../stores/terminals-store';
import { terminalFor } from './terminal-registry';

export function TerminalView({ tab }: { tab: TerminalTab }) {
  const ref = useRef<HTMLDivElement>(null);
  const { key, request } = tab;

  useEffect(() => {
    const update = useTerminalsStore.getState().update;
    const engine = terminalFor(key, request, {
      state: (state) => update(key, { state }),
      container: (container) => update(key, { container }),
    });
    engine.attach(ref.current!);
    return () => engine.detach();
  }, [key, request]);

  return <div ref={ref} className="terminal-host" role="group" aria-label={`${tab.title} terminal`} />;
}
