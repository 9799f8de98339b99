/** Hand-made schema v1 structures for the engine tests (synthetic). */
export const base = { source: 'test', date_maj: '2025-01-01' };

export function structures(): Record<string, unknown>[] {
  return [
    // same SIRET
    { ...base, id: 'siret-a', nom: 'Association Alpha', siret: '13003013300016', code_insee: '35238' },
    { ...base, id: 'siret-b', nom: 'Alpha insertion', siret: '130 030 133 00016', code_insee: '29019' },
    // same SIREN, same commune (different establishments)
    { ...base, id: 'siren-a', nom: 'Beta nord', siret: '73282932000074', code_insee: '44109' },
    { ...base, id: 'siren-b', nom: 'Gamma sud', siret: '73282932000132', code_insee: '44109' },
    // same phone
    { ...base, id: 'tel-a', nom: 'Delta', telephone: '02 99 11 22 33', code_insee: '56260' },
    { ...base, id: 'tel-b', nom: 'Epsilon', telephone: '+33 2 99 11 22 33', code_insee: '22278' },
    // same email
    { ...base, id: 'mail-a', nom: 'Zeta', courriel: 'accueil@zeta-asso.fr', code_insee: '14118' },
    { ...base, id: 'mail-b', nom: 'Eta', courriel: 'Accueil@Zeta-Asso.fr', code_insee: '50129' },
    // same website domain
    { ...base, id: 'web-a', nom: 'Theta', site_web: 'https://www.theta-solidaire.org/contact', code_insee: '76540' },
    { ...base, id: 'web-b', nom: 'Iota', site_web: 'http://theta-solidaire.org', code_insee: '27229' },
    // same commune × shared rare name token
    { ...base, id: 'commune-a', nom: 'Épicerie solidaire Kappaville', code_insee: '31555' },
    { ...base, id: 'commune-b', nom: 'Kappaville épicerie', code_insee: '31555' },
    // spatial neighbours × shared token (different communes, no identifiers)
    { ...base, id: 'near-a', nom: 'Lambdaccueil de jour', latitude: 45.7640, longitude: 4.8357, code_insee: '69381' },
    { ...base, id: 'near-b', nom: 'Accueil Lambdaccueil', latitude: 45.7648, longitude: 4.8362, code_insee: '69100' },
    // nothing comparable
    { ...base, id: 'empty-1' },
    { ...base, id: 'empty-2', nom: '' },
  ];
}
