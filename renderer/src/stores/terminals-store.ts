/** Terminal sessions in the bottom dock (issue 7 fills this in). */
import { create } from 'zustand';

export interface ShellTarget {
  cluster: string;
  namespace: string;
  pod: string;
  /** Absent: the pod's default container (kubectl.kubernetes.io/default-container, else the first). */
  container?: string;
}

export interface TerminalsState {
  /** Opens a new shell tab in the dock on this container. */
  openShell(target: ShellTarget): void;
}

export const useTerminalsStore = create<TerminalsState>()(() => ({
  openShell: () => {},
}));
