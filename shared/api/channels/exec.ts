/** Exec channels: interactive terminal sessions in containers (issue 7). */
export const execChannels = {} as const;
