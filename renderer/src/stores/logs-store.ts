/** The Logs view's state: what is followed and the lines received (issue 6 fills this in). */
import { create } from 'zustand';
import type { ObjectRef } from '../../../shared/model/object-ref';

export interface LogsState {
  /** Opens the Logs view following this object (a pod, or a workload's pods). */
  openFor(ref: ObjectRef): void;
}

export const useLogsStore = create<LogsState>()(() => ({
  openFor: () => {},
}));
