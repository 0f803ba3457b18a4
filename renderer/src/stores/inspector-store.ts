/** Which object the inspector shows, and on which tab. Topology, tables and search open it. */
import { create } from 'zustand';
import type { ObjectRef } from '../../../shared/model/object-ref';

export const INSPECTOR_TABS = [
  { id: 'summary', label: 'Summary' },
  { id: 'describe', label: 'Describe' },
  { id: 'yaml', label: 'YAML' },
] as const;
export type InspectorTab = (typeof INSPECTOR_TABS)[number]['id'];

export interface InspectorState {
  target?: ObjectRef;
  tab: InspectorTab;
  open(target: ObjectRef, tab?: InspectorTab): void;
  setTab(tab: InspectorTab): void;
  close(): void;
}

export const useInspectorStore = create<InspectorState>()((set) => ({
  tab: 'summary',
  open: (target, tab) => set((s) => ({ target, tab: tab ?? s.tab })),
  setTab: (tab) => set({ tab }),
  close: () => set({ target: undefined }),
}));
