import { useEffect } from 'react';
import { BottomDock } from './components/BottomDock';
import { ClusterRail } from './components/ClusterRail';
import { Inspector } from './components/inspector/Inspector';
import { SearchButton } from './components/search/SearchButton';
import { SearchPalette } from './components/search/SearchPalette';
import { StatusBar } from './components/StatusBar';
import { ViewTabs } from './components/ViewTabs';
import { useUiStore } from './stores/ui-store';
import { ViewPanel } from './views/ViewPanel';

export function App() {
  const theme = useUiStore((s) => s.theme);
  const toggleDock = useUiStore((s) => s.toggleDock);
  const searchOpen = useUiStore((s) => s.searchOpen);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'j') {
        event.preventDefault();
        toggleDock();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggleDock]);

  return (
    <div className="shell">
      <ClusterRail />
      <main className="main" aria-label="Main area">
        <div className="view-bar">
          <ViewTabs />
          <SearchButton />
        </div>
        <div className="workspace">
          <ViewPanel />
          <Inspector />
        </div>
        <BottomDock />
      </main>
      <StatusBar />
      {searchOpen && <SearchPalette />}
    </div>
  );
}
