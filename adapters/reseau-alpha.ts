/**
 * Réseau Alpha (French-language learning in Île-de-France and beyond): `cartographie.json`, an
 * array of structures with their nested `formations[]`, `adresses[]` and contacts, plus an optional
 * scraped page per structure, `pages/<id>.html`, whose "Date de dernière modification : 14 octobre
 * 2025" gives `date_maj`. Without a page the day of the extraction is used, with a warning.
 * Service = formation (id `reseau-alpha--<formation id>`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Adapter, AdapterEvent } from './types.js';
import type { ImportContext } from './context.js';
import { rawRows, rowError } from './lib/read.js';
import { compact, email, num, paragraphs, postalCode, str, url } from './lib/values.js';
import { dateMaj, isoDate } from './lib/dates.js';
import { htmlToText } from './lib/html.js';
import { osmHours } from './lib/hours.js';
import { communeCode } from './lib/communes.js';
import { name, publics, rid, telephone } from './lib/records.js';
import { mapList, slugify, type VocabTable, type Where } from './vocab/map.js';
import { errorRow, isoToday } from '../src/model/index.js';

const SOURCE = 'reseau-alpha';
const MONTHS = ['janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre'];
const DAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

/** `publicsSpecifiques[].publicSpecifique` (slugified) → v1 publics. */
export const ALPHA_PUBLICS: VocabTable = {
  femmes: ['femmes'], jeunes: ['jeunes'], 'jeunes-16-25-ans': ['jeunes'], seniors: ['seniors'], 'personnes-agees': ['seniors'],
  'demandeurs-demploi': ['demandeurs-emploi'], salaries: ['actifs'], parents: ['familles'], familles: ['familles'],
  'personnes-en-situation-de-handicap': ['personnes-en-situation-de-handicap'], 'refugies-et-demandeurs-dasile': ['personnes-exilees'],
  'demandeurs-dasile': ['personnes-exilees'], refugies: ['personnes-exilees'], 'beneficiaires-du-rsa': ['beneficiaires-des-minimas-sociaux'],
};

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);

/**
 * The "Date de dernière modification : 14 octobre 2025" of a structure page: the ISO date, the raw
 * text when it is not a date (validation reports it), or undefined when the page has none.
 *
 * @example
 *   pageDate('<div>Date de dernière modification : 3 mars 2025</div>') // '2025-03-03'
 */
export function pageDate(html: string): string | undefined {
  const text = htmlToText(html) ?? '';
  const m = /derni[èe]re modification\s*:\s*([^\n]+)/i.exec(text);
  if (!m) return undefined;
  const raw = m[1].trim();
  const d = /^(\d{1,2})(?:er)?\s+(\S+)\s+(\d{4})$/.exec(slugify(raw).replace(/-/g, ' '));
  const month = d ? MONTHS.indexOf(d[2]) + 1 : 0;
  return (d && month ? isoDate(`${d[3]}-${String(month).padStart(2, '0')}-${d[1].padStart(2, '0')}`) : null) ?? raw;
}

function address(a: Obj | undefined) {
  if (!a) return {};
  const cp = postalCode(a.codePostal);
  const ville = str(a.ville);
  return {
    adresse: str([str(a.numero), str(a.voie)].filter(Boolean).join(' ')),
    code_postal: cp, code_insee: communeCode(ville, cp), commune: ville,
    latitude: num(a.latitude), longitude: num(a.longitude),
  };
}

/** `joursHorairesDetails[{jour, dateDebut: 'HH:MM', dateFin}]` → OSM opening hours. */
function hours(details: Obj[]): string | null {
  const days: { start: unknown; end: unknown }[][] = DAYS.map(() => []);
  for (const d of details) {
    const i = DAYS.indexOf(slugify(str(d.jour) ?? ''));
    if (i >= 0) days[i].push({ start: d.dateDebut, end: d.dateFin });
  }
  return osmHours(days);
}

function weeks(from: unknown, to: unknown): number | null {
  const a = isoDate(from);
  const b = isoDate(to);
  if (!a || !b || b < a) return null;
  return Math.max(1, Math.ceil((Date.parse(b) - Date.parse(a)) / (7 * 86400000)));
}

function formation(f: Obj, s: Obj, ctx: ImportContext, where: Where): Obj {
  // publicsSpecifiques mixes objects and arrays of objects
  const publicsRaw = (Array.isArray(f.publicsSpecifiques) ? f.publicsSpecifiques : []).flatMap((p) => (Array.isArray(p) ? p : [p])).map(obj);
  const labels = publicsRaw.map((p) => str(p.publicSpecifique)).filter((p): p is string => p !== null);
  const objectifs = (Array.isArray(f.objectifsVises) ? f.objectifsVises : []).map((o) => str(o) ?? str(obj(o).objectifVise)).filter(Boolean);
  const cout = str(f.cout)?.toLowerCase() ?? null;
  const gratuit = cout !== null && /^(0|0 ?€|gratuit)$/.test(cout);
  const contact = obj(f.contact);
  const tel = telephone([contact.telephone1, contact.telephone2].filter((v) => str(v)), ctx, where) ?? s.telephone;
  const courriel = email(contact.email) ?? s.courriel;
  const place = f.adresses !== undefined && arr(f.adresses).length ? address(arr(f.adresses)[0]) : {
    adresse: s.adresse, code_postal: s.code_postal, code_insee: s.code_insee, commune: s.commune, latitude: s.latitude, longitude: s.longitude,
  };
  return compact({
    source: SOURCE,
    id: where.id,
    structure_id: s.id,
    nom: name(f.nom, ctx, where),
    description: paragraphs(
      htmlToText(f.presentationPublique), str(f.activite) ? `Activité : ${str(f.activite)}` : null,
      objectifs.length ? `Objectifs : ${objectifs.join(', ')}.` : null,
    ),
    type: 'formation',
    thematiques: ['lecture-ecriture-calcul--maitriser-le-francais'],
    publics: publics(mapList(ALPHA_PUBLICS, labels, 'publicsSpecifiques', ctx, where, slugify)),
    publics_precisions: paragraphs(...publicsRaw.map((p) => str(p.publicSpecifiqueDescription))),
    frais: cout === null ? null : gratuit ? 'gratuit' : 'payant',
    frais_precisions: cout !== null && !gratuit ? str(f.cout) : null,
    modes_accueil: ['en-presentiel'],
    modes_mobilisation: [...(tel ? ['telephoner'] : []), ...(courriel ? ['envoyer-un-courriel'] : []), 'se-presenter'],
    mobilisable_par: ['usagers', 'professionnels'],
    contact_nom_prenom: str([str(contact.prenom), str(contact.nom)].filter(Boolean).join(' ')),
    telephone: tel,
    courriel,
    horaires_accueil: hours(arr(f.joursHorairesDetails)),
    nombre_semaines: weeks(f.dateDebut, f.dateFin),
    ...place,
    lien_source: url(f.url),
    date_maj: s.date_maj,
  });
}

export const reseauAlpha: Adapter = {
  slug: SOURCE,
  files: [
    { name: 'cartographie.json', required: true, description: 'the structures of the cartographie, with their formations' },
    { name: 'pages/<id>.html', required: false, description: 'the scraped structure pages (date of last modification)' },
  ],
  async *read(dir, ctx): AsyncGenerator<AdapterEvent> {
    const today = ctx.options.today ?? isoToday();
    for await (const ev of rawRows(dir, 'cartographie.json', SOURCE)) {
      if (ev.kind === 'error') { yield ev; continue; }
      const r = ev.row;
      const nativeId = str(r.id);
      const origin = { ...ev.origin, ...(nativeId ? { id: nativeId } : {}) };
      if (!nativeId) { yield rowError(SOURCE, origin, 'id', 'required', 'a structure without id'); continue; }
      const sw: Where = { id: rid(SOURCE, nativeId), resource: 'structure', file: origin.file, line: origin.line };
      const page = join(dir, 'pages', `${nativeId}.html`);
      let date: string | null | undefined = existsSync(page) ? pageDate(readFileSync(page, 'utf8')) : undefined;
      if (date === undefined) {
        ctx.warn(sw, 'date_maj', 'date_maj_from_extraction', existsSync(page)
          ? `pages/${nativeId}.html gives no date of last modification: the day of the extraction is used`
          : `no pages/${nativeId}.html: the day of the extraction is used`, today);
        date = today;
      }
      const contacts = [...arr(r.contacts), ...arr(obj(r.lieux).contacts)];
      const s = compact({
        source: SOURCE,
        id: sw.id,
        nom: name(r.nom, ctx, sw),
        description: htmlToText(r.description),
        ...address(arr(r.adresses)[0]),
        telephone: telephone(contacts.flatMap((c) => [c.telephone1, c.telephone2]).filter(Boolean), ctx, sw),
        courriel: email(contacts.map((c) => str(c.email)).filter(Boolean)),
        site_web: url(r.siteWeb),
        lien_source: url(r.url),
        date_maj: dateMaj(date),
      });
      yield { kind: 'structure', record: s, origin };
      for (const f of arr(r.formations)) {
        const fid = str(f.id);
        const w: Where = { id: rid(SOURCE, fid ?? `${nativeId}-sans-id`), resource: 'service', file: origin.file, line: origin.line };
        if (!fid) {
          yield {
            kind: 'error', origin,
            error: errorRow({ source: SOURCE, id: '', resource: 'service', file: origin.file, line: origin.line, field: 'id', rule: 'required', message: `a formation of structure ${nativeId} without id`, value: str(f.nom) ?? '' }),
          };
          continue;
        }
        yield { kind: 'service', record: formation(f, s, ctx, w), origin };
      }
    }
  },
};
