/**
 * Ma Boussole Aidants (the caregivers' directory): REST JSON pages → `structures.json`. Only three
 * structure types are kept — CCAS (15), MDA (53), MDS (127) — the others are dropped by rule. One
 * service per (structure, sous-thématique): id `ma-boussole-aidants--<idStructure>-<idSousthematique>`,
 * named and described by the national list of "solutions"; it is remote too when any of its
 * entries is `isDistanciel`.
 */
import type { Adapter, AdapterEvent } from './types.js';
import type { ImportContext } from './context.js';
import { rawRows, rowError } from './lib/read.js';
import { compact, email, num, paragraphs, postalCode, siret, str, url } from './lib/values.js';
import { dateMaj } from './lib/dates.js';
import { name, publics, rid, telephone } from './lib/records.js';
import { communeName } from './lib/communes.js';
import { mapList, type VocabTable, type Where } from './vocab/map.js';
import { SOLUTIONS } from './vocab/ma-boussole-aidants.js';

const SOURCE = 'ma-boussole-aidants';

/** The kept `typeStructure.idTypeStructure` values → v1 reseaux_porteurs. */
export const KEPT_TYPES: Readonly<Record<string, readonly string[]>> = {
  15: ['ccas-cias'],
  53: ['maison-departementale-de-lautonomie'],
  127: ['maisons-des-solidarites'],
};

/** `situations[].idProfil` → v1 publics (1 young people, 2 working age, 3 older people). */
export const PROFILS: VocabTable = { 1: ['jeunes'], 2: ['actifs', 'demandeurs-emploi'], 3: ['seniors'] };

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);

/** `rayonAction` → v1 zone_eligibilite: a commune, a département, or the whole country. */
function zone(rayon: unknown, codeCommune: string | null, departement: string | null): string[] | null {
  const r = str(obj(rayon).nomRayonAction)?.toLowerCase() ?? null;
  if (r === 'communal') return codeCommune ? [codeCommune] : null;
  if (r === 'départemental' || r === 'departemental' || r === 'local') return departement ? [departement] : null;
  if (r === 'national') return ['france'];
  return departement ? [departement] : null;
}

function ages(min: unknown, max: unknown): string | null {
  const a = num(min);
  const b = num(max);
  const parts = [
    a !== null && a > 0 && a < 120 ? `Âge minimum : ${a} ans` : null,
    b !== null && b > 0 && b < 120 ? `Âge maximum : ${b} ans` : null,
  ];
  return paragraphs(...parts);
}

function structure(r: Obj, ctx: ImportContext, where: Where, reseaux: readonly string[]): Obj {
  const a = obj(r.adresse);
  const ville = obj(r.ville);
  const insee = postalCode(a.codeCommune ?? ville.codeCommune);
  return compact({
    source: SOURCE,
    id: where.id,
    nom: name(r.nomStructure, ctx, where),
    siret: siret(r.siret),
    adresse: str(a.ligneAdresse),
    code_postal: postalCode(a.codePostal),
    code_insee: insee,
    commune: str(a.nomVille ?? ville.nomVille) ?? communeName(insee),
    latitude: num(a.latitude),
    longitude: num(a.longitude),
    telephone: telephone(r.telephone1, ctx, where),
    courriel: email(r.email),
    site_web: url(r.siteWeb),
    reseaux_porteurs: [...reseaux],
    date_maj: dateMaj(r.lastModifiedDate),
  });
}

export const maBoussoleAidants: Adapter = {
  slug: SOURCE,
  files: [{ name: 'structures.json', required: true, description: 'GET /structures (pages, `content`)' }],
  async *read(dir, ctx): AsyncGenerator<AdapterEvent> {
    for await (const ev of rawRows(dir, 'structures.json', SOURCE)) {
      if (ev.kind === 'error') { yield ev; continue; }
      const r = ev.row;
      const nativeId = str(r.idStructure);
      const origin = { ...ev.origin, ...(nativeId ? { id: nativeId } : {}) };
      if (!nativeId) { yield rowError(SOURCE, origin, 'idStructure', 'required', 'a structure without idStructure'); continue; }
      const type = str(obj(r.typeStructure).idTypeStructure);
      const reseaux = type !== null && Object.prototype.hasOwnProperty.call(KEPT_TYPES, type) ? KEPT_TYPES[type] : undefined;
      if (!reseaux) {
        yield { kind: 'drop', reason: 'structure type not kept (only CCAS 15, MDA 53, MDS 127)', origin };
        continue;
      }
      const sw: Where = { id: rid(SOURCE, nativeId), resource: 'structure', file: origin.file, line: origin.line };
      const s = structure(r, ctx, sw, reseaux);
      yield { kind: 'structure', record: s, origin };

      // services grouped per sous-thématique: remote when any entry is
      const groups = new Map<string, boolean>();
      for (const e of arr(r.services)) {
        const code = str(e.idSousthematiqueSolutions);
        if (code === null) continue;
        groups.set(code, (groups.get(code) ?? false) || e.isDistanciel === true);
      }
      if (groups.size === 0) continue;
      const vw: Where = { ...sw, resource: 'service' };
      const pub = publics(mapList(PROFILS, arr(r.situations).map((x) => str(x.idProfil)).filter((x): x is string => x !== null), 'situations.idProfil', ctx, vw));
      const departement = str(obj(r.departement).codeDepartement) ?? (s.code_insee ? String(s.code_insee).slice(0, String(s.code_insee).startsWith('97') ? 3 : 2) : null);
      const modes = [...(s.telephone ? ['telephoner'] : []), ...(s.courriel ? ['envoyer-un-courriel'] : [])];
      for (const [code, distanciel] of groups) {
        const id = rid(SOURCE, `${nativeId}-${code}`);
        const w: Where = { ...vw, id };
        const solution = Object.prototype.hasOwnProperty.call(SOLUTIONS, code) ? SOLUTIONS[code] : undefined;
        if (!solution) ctx.unmapped('idSousthematiqueSolutions', code, w);
        const service = compact({
          source: SOURCE,
          id,
          structure_id: s.id,
          nom: solution?.label ?? null,
          description: solution?.description ?? null,
          type: solution?.type ?? null,
          thematiques: solution ? [...solution.thematiques] : null,
          publics: pub,
          publics_precisions: ages(r.ageMin, r.ageMax),
          frais: 'gratuit',
          modes_accueil: distanciel ? ['en-presentiel', 'a-distance'] : ['en-presentiel'],
          modes_mobilisation: modes.length ? modes : ['se-presenter'],
          mobilisable_par: ['usagers', 'professionnels'],
          telephone: s.telephone, courriel: s.courriel,
          zone_eligibilite: zone(r.rayonAction, (s.code_insee as string | null) ?? null, departement),
          adresse: s.adresse, code_postal: s.code_postal, code_insee: s.code_insee, commune: s.commune,
          latitude: s.latitude, longitude: s.longitude,
          date_maj: s.date_maj,
        });
        yield { kind: 'service', record: service, origin };
      }
    }
  },
};
