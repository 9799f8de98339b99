/**
 * Runs benchmarks, each in its own process, and writes their figures to `bench/results/*.json`.
 *
 *   npm run bench -- --smoke              every benchmark, small sizes (what CI runs)
 *   npm run bench -- generate match       the named ones, full sizes (see each script's flags)
 *   npm run bench -- match --records 100000 --threads 2   extra flags go to every named script
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESULT_PREFIX } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const names = argv.filter((a, i) => !a.startsWith('--') && (i === 0 || !argv[i - 1].startsWith('--') || argv[i - 1] === '--smoke'));
const flags = argv.filter((a) => !names.includes(a));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.js') && !['harness.js', 'run.js'].includes(f) && !f.startsWith('_'))
  .map((f) => f.replace(/\.js$/, ''))
  .sort();
const chosen = names.length ? names : available;
const unknown = chosen.filter((n) => !available.includes(n));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
const results: unknown[] = [];
let failed = 0;
for (const name of chosen) {
  console.log(`== bench ${name} ${flags.join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [join(here, `${name}.js`), ...flags], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith(RESULT_PREFIX)) results.push(JSON.parse(line.slice(RESULT_PREFIX.length)));
    else if (line) console.log(line);
  }
  if (r.status !== 0) {
    failed++;
    console.error(`bench ${name} failed with exit code ${r.status}`);
  }
  console.log(`   (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
const outDir = join(here, '..', '..', 'bench', 'results');
mkdirSync(outDir, { recursive: true });
const file = join(outDir, `${flags.includes('--smoke') ? 'smoke' : 'full'}-latest.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`figures written to ${file}`);
process.exit(failed ? 1 : 0);
