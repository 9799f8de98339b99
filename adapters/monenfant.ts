/**
 * monenfant.fr: scraped JSON, one object per crèche → `creches.json`. Scraped results overlap:
 * one crèche per `structureId` (the most recent `modifiedDate`, `DD/MM/YYYY`, is kept). One crèche
 * → one structure + one service with the same id.
 */
import type { Adapter, AdapterEvent, Origin } from './types.js';
import { allRows, rowError } from './lib/read.js';
import { compact, email, paragraphs, postalCode, str, url } from './lib/values.js';
import { dateMaj, isoDate } from './lib/dates.js';
import { name, rid, telephone } from './lib/records.js';
import { communeCode } from './lib/communes.js';
import type { Where } from './vocab/map.js';

const SOURCE = 'monenfant';
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

export const monenfant: Adapter = {
  slug: SOURCE,
  files: [{ name: 'creches.json', required: true, description: 'scraped crèche pages, one object per crèche' }],
  async *read(dir, ctx): AsyncGenerator<AdapterEvent> {
    const { rows, errors } = await allRows(dir, 'creches.json', SOURCE, { idField: 'structureId' });
    yield* errors;
    const best = new Map<string, { row: Obj; origin: Origin }>();
    const all: { row: Obj; origin: Origin; key: string }[] = [];
    for (const { row, origin: o } of rows) {
      const key = str(row.structureId);
      const origin = { ...o, ...(key ? { id: key } : {}) };
      if (!key) { yield rowError(SOURCE, origin, 'structureId', 'required', 'a crèche without structureId'); continue; }
      all.push({ row, origin, key });
      const cur = best.get(key);
      if (!cur || (isoDate(row.modifiedDate) ?? '') > (isoDate(cur.row.modifiedDate) ?? '')) best.set(key, { row, origin });
    }
    for (const { row, origin, key } of all) {
      if (best.get(key)!.origin !== origin) {
        yield { kind: 'drop', reason: 'same structureId scraped twice (the most recent is kept)', origin };
        continue;
      }
      const c = obj(row.coordonnees);
      const d = obj(row.description);
      const sw: Where = { id: rid(SOURCE, key), resource: 'structure', file: origin.file, line: origin.line };
      const cp = postalCode(c.codePostal);
      const commune = str(c.commune);
      const place = {
        adresse: str([str(c.numeroVoie), str(c.typeVoie), str(c.nomVoie)].filter(Boolean).join(' ')),
        code_postal: cp, commune, code_insee: communeCode(commune, cp),
      };
      const description = paragraphs(d.description1, d.description2, d.description3, d.description4, d.description5, d.description6);
      const tel = telephone([c.telephone, c.telephone2], ctx, sw);
      const avip = obj(row.serviceCommun).avip === true;
      const structure = compact({
        source: SOURCE, id: sw.id, nom: name(row.structureName, ctx, sw), description, ...place,
        telephone: tel, courriel: email(c.adresseMail), site_web: url(c.siteInternet),
        horaires_accueil: str(obj(obj(row.serviceCommun).calendrier).joursHorairesText),
        lien_source: `https://monenfant.fr/que-recherchez-vous/${encodeURIComponent(key)}`,
        reseaux_porteurs: avip ? ['creches-avip'] : null,
        date_maj: dateMaj(row.modifiedDate),
      });
      yield { kind: 'structure', record: structure, origin };
      const handicap = obj(row.serviceAccueil).handicap === true;
      yield {
        kind: 'service', origin,
        record: compact({
          source: SOURCE, id: sw.id, structure_id: sw.id,
          nom: name(`${str(row.structureType) ?? 'Crèche'} — ${String(structure.nom ?? '')}`, ctx, { ...sw, resource: 'service' }),
          description: description ?? `Accueil collectif de jeunes enfants (${str(row.structureType) ?? 'crèche'}), géré par ${str(row.gestionnaire) ?? 'un gestionnaire non précisé'}.`,
          type: 'accompagnement',
          thematiques: ['famille--garde-denfants'],
          publics: handicap ? ['familles', 'personnes-en-situation-de-handicap'] : ['familles'],
          publics_precisions: avip ? 'Crèche à vocation d’insertion professionnelle (AVIP) : places réservées aux parents en recherche d’emploi.' : null,
          modes_accueil: ['en-presentiel'],
          ...place, telephone: structure.telephone, courriel: structure.courriel, horaires_accueil: structure.horaires_accueil,
          lien_source: structure.lien_source, date_maj: structure.date_maj,
        }),
      };
    }
  },
};
