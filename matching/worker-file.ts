/** Where the worker modules are: next to this file, compiled or (under tsx) as sources. */

/**
 * A worker module next to this file: compiled `.js` from dist, or `.ts` (via tsx) from sources.
 *
 * @example
 *   const pool = new Piscina({ ...workerFile('engine-worker'), maxThreads: 2 });
 */
export function workerFile(name: string): { filename: string; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return { filename: new URL(`./${name}.ts`, here).href, execArgv: ['--import', 'tsx'] };
  return { filename: new URL(`./${name}.js`, here).href, execArgv: [] };
}
