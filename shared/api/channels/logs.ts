/** Log-following and rollout-tracking channels (issue 6). */
export const logsChannels = {} as const;
