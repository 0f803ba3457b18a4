/** Describe channels: kubectl-equivalent text for one object (issue 7). */
export const describeChannels = {} as const;
