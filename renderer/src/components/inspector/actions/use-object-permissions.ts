/** The inspected object's allowed actions, asked again when the object, read-only mode or an action changes them. */
import { useEffect, useState } from 'react';
import type { ObjectPermissions } from '../../../../../shared/api/channels/objects';
import type { ObjectRef } from '../../../../../shared/model/object-ref';
import { errorText, objectsApi } from './objects-api';

export function useObjectPermissions(target: ObjectRef, readOnly: boolean, revision: number): { permissions?: ObjectPermissions; error?: string } {
  const [state, setState] = useState<{ object: string; permissions?: ObjectPermissions; error?: string }>({ object: '' });
  const object = JSON.stringify([target.cluster, target.kind, target.namespace ?? '', target.name]);
  const key = JSON.stringify([object, readOnly, revision]);
  useEffect(() => {
    let live = true;
    objectsApi()
      .permissions({ ref: target })
      .then(
        (permissions) => live && setState({ object, permissions }),
        (err: unknown) => live && setState({ object, error: errorText(err) }),
      );
    return () => {
      live = false;
    };
    // key stands for target, readOnly and revision.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  // Until the answer for this object arrives, keep the previous one only if it was for the same object.
  return state.object === object ? { ...(state.permissions ? { permissions: state.permissions } : {}), ...(state.error ? { error: state.error } : {}) } : {};
}
