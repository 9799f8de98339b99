/**
 * France Travail: agencies from the OAuth2 REST API (`agences.json`), and the national catalogue
 * of services as a CSV export already in v1 columns (`services.csv`). Services = catalogue ×
 * agencies: id `france-travail--<agence code>-<service id>`; these near-identical services are
 * the same offer in each agency, by design, not duplicates.
 */
import type { Adapter, AdapterEvent, Origin } from './types.js';
import type { ImportContext } from './context.js';
import { allRows, rowError } from './lib/read.js';
import { compact, email, num, postalCode, siret, str } from './lib/values.js';
import { isoToday } from '../src/model/index.js';
import { communeName } from './lib/communes.js';
import { osmHours } from './lib/hours.js';
import { name, rid, telephone } from './lib/records.js';
import { v1Record } from './lib/v1.js';
import type { Where } from './vocab/map.js';

const SOURCE = 'france-travail';
const JOURS = ['1', '2', '3', '4', '5', '6', '7'];

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** `horaires[]` ({jour 1–7, ouvertureMatin, fermetureMatin, ouvertureApresMidi, fermetureApresMidi, horaireFerme}) → OSM. */
function horaires(value: unknown): string | null {
  if (!Array.isArray(value)) return null;
  const byDay = new Map(value.map((h) => [String(obj(h).jour), obj(h)]));
  return osmHours(JOURS.map((j) => {
    const h = byDay.get(j);
    if (!h || h.horaireFerme === 'O') return [];
    const slots = [{ start: h.ouvertureMatin, end: h.fermetureMatin }];
    if (h.ouvertureApresMidi) slots.push({ start: h.ouvertureApresMidi, end: h.fermetureApresMidi });
    return slots;
  }));
}

function agence(r: Obj, ctx: ImportContext, where: Where, today: string): Obj {
  const a = obj(r.adressePrincipale);
  const contact = obj(r.contact);
  const insee = postalCode(a.communeImplantation);
  return compact({
    source: SOURCE,
    id: where.id,
    nom: name(r.libelleEtendu ?? r.libelle, ctx, where),
    siret: siret(r.siret),
    adresse: str(a.ligne4),
    complement_adresse: str(a.ligne3),
    code_postal: postalCode(a.bureauDistributeur),
    code_insee: insee,
    commune: communeName(insee) ?? str(a.ligne6)?.replace(/^\d{5}\s*/, '') ?? null,
    latitude: num(a.gpsLat),
    longitude: num(a.gpsLon),
    telephone: telephone(contact.telephonePublic, ctx, where),
    courriel: email(contact.email),
    site_web: 'https://www.francetravail.fr',
    horaires_accueil: horaires(r.horaires),
    reseaux_porteurs: ['france-travail'],
    // the API gives no modification date: the day of the extraction
    date_maj: today,
  });
}

export const franceTravail: Adapter = {
  slug: SOURCE,
  files: [
    { name: 'agences.json', required: true, description: 'GET /partenaire/referentielagences (OAuth2)' },
    { name: 'services.csv', required: true, description: 'the national catalogue of services, in v1 columns' },
  ],
  async *read(dir, ctx): AsyncGenerator<AdapterEvent> {
    const today = ctx.options.today ?? isoToday();
    const agences: Obj[] = [];
    const ag = await allRows(dir, 'agences.json', SOURCE, { idField: 'code' });
    yield* ag.errors;
    for (const { row, origin: o } of ag.rows) {
      const code = str(row.code);
      const origin: Origin = { ...o, ...(code ? { id: code } : {}) };
      if (!code) { yield rowError(SOURCE, origin, 'code', 'required', 'an agency without code'); continue; }
      const where: Where = { id: rid(SOURCE, code), resource: 'structure', file: origin.file, line: origin.line };
      const record = agence(row, ctx, where, today);
      agences.push(record);
      yield { kind: 'structure', record, origin };
    }
    const cat = await allRows(dir, 'services.csv', SOURCE);
    yield* cat.errors;
    for (const { row, origin: o } of cat.rows) {
      const sid = str(row.id);
      const origin: Origin = { ...o, ...(sid ? { id: sid } : {}) };
      if (!sid) { yield rowError(SOURCE, origin, 'id', 'required', 'a catalogue service without id'); continue; }
      if (agences.length === 0) { yield rowError(SOURCE, origin, 'structure_id', 'no_agency', 'no agency to offer this catalogue service'); continue; }
      // mapped once (vocabulary reports count catalogue rows, not catalogue rows × agencies)
      const base = v1Record(row, 'service', SOURCE, ctx, { id: rid(SOURCE, sid), resource: 'service', file: origin.file, line: origin.line });
      for (const a of agences) {
        const code = String(a.id).slice(SOURCE.length + 2);
        const record = compact({
          ...base,
          id: rid(SOURCE, `${code}-${sid}`),
          structure_id: a.id,
          adresse: a.adresse, complement_adresse: a.complement_adresse, code_postal: a.code_postal, code_insee: a.code_insee,
          commune: a.commune, latitude: a.latitude, longitude: a.longitude,
          telephone: base.telephone ?? a.telephone, courriel: base.courriel ?? a.courriel,
          horaires_accueil: base.horaires_accueil ?? a.horaires_accueil,
          date_maj: base.date_maj ?? today,
        });
        yield { kind: 'service', record, origin };
      }
    }
  },
};
