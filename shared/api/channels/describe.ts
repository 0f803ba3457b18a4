/** Describe channels: kubectl-equivalent text for one object, with links for the objects it names (issue 7). */
import { z } from 'zod';
import { request } from '../define';
import type { DescribeResult } from '../../describe/types';
import { objectRef } from '../params';

export const describeChannels = {
  /** `kubectl describe` text of the object, its events and related objects, in the host's time zone. */
  'describe.object': request<DescribeResult>()(z.object({ objectRef }).strict()),
} as const;
