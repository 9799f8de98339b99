/**
 * Every adapter against its hand-written fixtures: the output must equal the committed golden
 * file (regenerate with UPDATE_GOLDEN=1 after a deliberate change, and review the diff), and the
 * counting invariant must hold.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importSource, SOURCE_SLUGS } from '../../adapters/index.js';
import { droppedTotal, FIXTURES, portable, TODAY } from './helpers.js';

const GOLDEN = join(import.meta.dirname, 'golden');

describe.each(SOURCE_SLUGS.filter((s) => existsSync(join(FIXTURES, s))))('%s fixtures', (slug) => {
  it('imports exactly the golden output', async () => {
    const res = portable(await importSource(slug, join(FIXTURES, slug), { today: TODAY }));
    const file = join(GOLDEN, `${slug}.json`);
    if (process.env.UPDATE_GOLDEN) writeFileSync(file, `${JSON.stringify(res, null, 2)}\n`);
    expect(existsSync(file), `missing ${file}: run UPDATE_GOLDEN=1 npx vitest run test/adapters/golden.test.ts`).toBe(true);
    expect(res).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });

  it('accounts for every raw row: imported + dropped by rule + rejected', async () => {
    const res = await importSource(slug, join(FIXTURES, slug), { today: TODAY });
    expect(res.rawRows).toBeGreaterThanOrEqual(5);
    expect(res.imported + droppedTotal(res) + res.rejected).toBe(res.rawRows);
    expect(res.structures.length).toBeGreaterThan(0);
    for (const r of [...res.structures, ...res.services]) {
      expect(r.source).toBe(slug);
      expect(r.id.startsWith(`${slug}--`)).toBe(true);
    }
    for (const s of res.services) expect(res.structures.some((st) => st.id === s.structure_id)).toBe(true);
    // every rejection names its source, field or rule, and where it was read
    for (const e of res.errors.filter((x) => x.severity === 'error')) {
      expect(e.source).toBe(slug);
      expect(e.rule).not.toBe('');
      expect(e.file).toBeTruthy();
    }
  });
});
