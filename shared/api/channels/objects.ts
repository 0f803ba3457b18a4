/** Object channels: full YAML, dry run, apply, create and actions such as scale or drain (issue 7). */
export const objectsChannels = {} as const;
