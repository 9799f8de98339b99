/** The queues a worker process may serve, apart from the worker so that the command line can list them cheaply. */
export type Role = 'consolidate' | 'import' | 'shard';
export const ROLES: readonly Role[] = ['consolidate', 'import', 'shard'];
