/**
 * A quality score per record in the spirit of data·inclusion's `score_qualite`: how much of what a
 * user needs is there, well formed and recent. In [0, 1].
 */
const WEIGHTS: [string, number][] = [
  ['siret', 0.1], ['telephone', 0.15], ['courriel', 0.15], ['adresse', 0.1], ['code_insee', 0.05],
  ['code_postal', 0.05], ['site_web', 0.05], ['description', 0.1], ['horaires_accueil', 0.05],
];

const filled = (v: unknown) => v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '') && !(Array.isArray(v) && v.length === 0);

/**
 * @param today `YYYY-MM-DD`, so the freshness part is reproducible.
 * @example
 *   qualityScore({ nom: 'CCAS', telephone: '+33299000000', date_maj: '2026-01-01' }, '2026-06-01') // 0.3
 */
export function qualityScore(r: Record<string, unknown>, today: string): number {
  let s = 0;
  for (const [field, w] of WEIGHTS) if (filled(r[field])) s += w;
  if (typeof r.latitude === 'number' && typeof r.longitude === 'number') s += 0.1;
  if (typeof r.date_maj === 'string') {
    const age = (Date.parse(today) - Date.parse(r.date_maj)) / 86_400_000;
    if (age <= 365) s += 0.1;
    else if (age <= 730) s += 0.05;
  }
  return Math.round(s * 1000) / 1000;
}

export { filled };
