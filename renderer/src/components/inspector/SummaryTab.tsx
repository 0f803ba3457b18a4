import type { ObjectRef } from '../../../../shared/model/object-ref';

export function SummaryTab({ target }: { target: ObjectRef }) {
  return <p className="empty-note">{target.name}</p>;
}
