/**
 * What every benchmark script shares: argument parsing, peak RSS, and one JSON result line.
 *
 * A benchmark is a standalone script `bench/<name>.ts` (compiled to `dist/bench/<name>.js`) that
 * accepts `--smoke` (a small, quick run for CI) and prints its figures, then calls `report()`:
 * `bench/run.ts` runs each in its own process (so peak RSS is that benchmark's own) and collects
 * the results into `bench/results/`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `--key value` and `--flag` arguments. */
export function args(argv = process.argv.slice(2)): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      out[a.slice(2)] = next;
      i++;
    } else out[a.slice(2)] = 'true';
  }
  return out;
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export const RESULT_PREFIX = 'BENCH_RESULT ';

/**
 * Prints a benchmark's figures as a table and as one JSON line that `bench/run.ts` collects;
 * with `--json FILE`, also writes them there.
 *
 * @example
 *   report('generate', { entities: 100000, records: 131000, seconds: 3.2, records_per_s: 40937, peak_rss_mb: 410 });
 */
export function report(name: string, figures: Record<string, number | string | boolean>): void {
  const result = { name, at: new Date().toISOString(), node: process.version, figures };
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(28)} ${v}`);
  console.log(RESULT_PREFIX + JSON.stringify(result));
  const out = args().json;
  if (out && out !== 'true') {
    mkdirSync(join(out, '..'), { recursive: true });
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  }
}
