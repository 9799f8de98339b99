/**
 * Where the package lives, whether running from `src/` (tsx, vitest) or from `dist/`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The folder holding recoupe's package.json. */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const p = join(dir, 'package.json');
    if (existsSync(p) && (JSON.parse(readFileSync(p, 'utf8')) as { name?: string }).name === 'recoupe') {
      cached = dir;
      return dir;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the recoupe package root');
    dir = up;
  }
}

/** A path inside the package (fixtures, schema). */
export const fromRoot = (...parts: string[]): string => join(packageRoot(), ...parts);
