/**
 * Each producer's own rule from SOURCES.md, on its fixtures: what is dropped (counted by reason),
 * collapsed or crossed, and how its vocabulary is mapped or reported.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { importSource, type ImportResult } from '../../adapters/index.js';
import { FIXTURES, TODAY } from './helpers.js';

const load = (slug: string): Promise<ImportResult> => importSource(slug, join(FIXTURES, slug), { today: TODAY });

describe('action-logement', () => {
  it('drops the rows flagged __ignore__ and crosses the catalogue with every valid agency', async () => {
    const res = await load('action-logement');
    expect(res.dropped).toEqual([{ reason: 'flagged __ignore__ by the producer', count: 2 }]);
    expect(res.structures.map((s) => s.id)).not.toContain('action-logement--AL-35-TEST');
    expect(res.services.some((s) => s.id.endsWith('-al-brouillon'))).toBe(false);
    // 5 valid catalogue rows × 5 valid agencies
    expect(res.services).toHaveLength(25);
    const visale = res.services.find((s) => s.id === 'action-logement--AL-56-VANNES-al-visale');
    expect(visale).toMatchObject({ structure_id: 'action-logement--AL-56-VANNES', commune: 'Vannes', code_insee: '56260' });
    // publics_al adds to publics; tous-publics gives way to the specific ones
    expect(visale?.publics).toEqual(['actifs', 'jeunes']);
    expect(res.unmapped).toContainEqual({ field: 'publics_al', value: 'Saisonniers', count: 1 });
  });
});
