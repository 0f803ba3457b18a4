/** Layout and preferences of the shell; persisted locally, never sent to the host. */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export const VIEWS = [
  { id: 'topology', label: 'Topology' },
  { id: 'workloads', label: 'Workloads' },
  { id: 'nodes', label: 'Nodes' },
  { id: 'events', label: 'Events' },
  { id: 'logs', label: 'Logs' },
] as const;
export type ViewId = (typeof VIEWS)[number]['id'];

export const DOCK_TABS = [
  { id: 'terminals', label: 'Terminals' },
] as const;
export type DockTabId = (typeof DOCK_TABS)[number]['id'];

/** The Workloads view's sub-tabs: each is one kind's table. */
export const WORKLOAD_TABS = [
  { id: 'pods', label: 'Pods' },
  { id: 'deployments', label: 'Deployments' },
  { id: 'statefulsets', label: 'StatefulSets' },
  { id: 'daemonsets', label: 'DaemonSets' },
  { id: 'jobs', label: 'Jobs' },
  { id: 'cronjobs', label: 'CronJobs' },
  { id: 'services', label: 'Services' },
] as const;
export type WorkloadTabId = (typeof WORKLOAD_TABS)[number]['id'];

export type ThemePreference = 'system' | 'light' | 'dark';
const THEME_ORDER: ThemePreference[] = ['system', 'light', 'dark'];

export interface UiState {
  view: ViewId;
  dockOpen: boolean;
  dockTab: DockTabId;
  theme: ThemePreference;
  workloadTab: WorkloadTabId;
  searchOpen: boolean;
  setView(view: ViewId): void;
  toggleDock(): void;
  openDock(tab: DockTabId): void;
  cycleTheme(): void;
  setWorkloadTab(tab: WorkloadTabId): void;
  setSearchOpen(open: boolean): void;
}

export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      view: 'topology',
      dockOpen: false,
      dockTab: 'terminals',
      theme: 'system',
      workloadTab: 'pods',
      searchOpen: false,
      setView: (view) => set({ view }),
      toggleDock: () => set((s) => ({ dockOpen: !s.dockOpen })),
      openDock: (tab) => set({ dockOpen: true, dockTab: tab }),
      cycleTheme: () => set((s) => ({ theme: THEME_ORDER[(THEME_ORDER.indexOf(s.theme) + 1) % THEME_ORDER.length]! })),
      setWorkloadTab: (workloadTab) => set({ workloadTab }),
      setSearchOpen: (searchOpen) => set({ searchOpen }),
    }),
    {
      name: 'loupe.ui',
      version: 2,
      partialize: (s) => ({ view: s.view, dockOpen: s.dockOpen, dockTab: s.dockTab, theme: s.theme, workloadTab: s.workloadTab }),
    },
  ),
);
