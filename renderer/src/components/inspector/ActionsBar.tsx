import type { ObjectRef } from '../../../../shared/model/object-ref';

/** The inspected object's actions: Logs, Shell, scale, restart, delete… (issue 7). */
export function ActionsBar({ target }: { target: ObjectRef }) {
  void target;
  return null;
}
