/** Names of plugins, steps, guards, jobs and field types: lower snake case. */
export const namePattern = /^[a-z][a-z0-9_]*$/;
