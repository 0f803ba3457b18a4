/** Parameter schemas that several channel modules share, so each is validated the same way. */
import { z } from 'zod';
import { KIND_IDS, type KindId } from '../model/kinds';

export const contextName = z.string().min(1).max(512);
export const kindId = z.enum(KIND_IDS as [KindId, ...KindId[]]);
export const k8sName = z.string().min(1).max(253);

/** One object in one cluster; the namespace is absent for cluster-scoped kinds. */
export const objectRef = z
  .object({ cluster: contextName, kind: kindId, namespace: k8sName.optional(), name: k8sName })
  .strict();
