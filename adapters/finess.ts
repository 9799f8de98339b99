/**
 * FINESS (etalab export of health and social establishments): CSV `;`, no header, a first line
 * `finess;etalab;…`, then 32 fixed columns per `structureet` line. Only ESAT and CMP categories
 * are kept; every other line is dropped by rule, counted by its category.
 */
import type { Adapter, AdapterEvent } from './types.js';
import { rawRows, rowError } from './lib/read.js';
import { compact, postalCode, siret, str } from './lib/values.js';
import { dateMaj } from './lib/dates.js';
import { name, rid, telephone } from './lib/records.js';
import { communeName } from './lib/communes.js';
import type { Where } from './vocab/map.js';

const SOURCE = 'finess';

/** The 32 columns of a `structureet` line, in order. */
export const FINESS_COLUMNS = [
  'section', 'nofinesset', 'nofinessej', 'rs', 'rslongue', 'complrs', 'compldistrib', 'numvoie', 'typvoie', 'voie',
  'compvoie', 'lieuditbp', 'commune', 'departement', 'libdepartement', 'ligneacheminement', 'telephone', 'telecopie',
  'categetab', 'libcategetab', 'categagretab', 'libcategagretab', 'siret', 'codeape', 'codemft', 'libmft', 'codesph',
  'libsph', 'dateouv', 'dateautor', 'datemaj', 'numuai',
] as const;

/** Kept categories: code → v1 reseau porteur. */
export const FINESS_KEPT: Record<string, string> = { '246': 'esat', '156': 'cmp' };

const VOIES: Record<string, string> = { R: 'rue', AV: 'avenue', BD: 'boulevard', PL: 'place', CHE: 'chemin', ALL: 'allée', RTE: 'route', IMP: 'impasse', QUAI: 'quai', CRS: 'cours' };

export const finess: Adapter = {
  slug: SOURCE,
  files: [{ name: 'etalab.csv', required: true, description: 'etalab-cs1100507-stock (structureet lines)' }],
  async *read(dir, ctx): AsyncGenerator<AdapterEvent> {
    for await (const ev of rawRows(dir, 'etalab.csv', SOURCE, { header: false, delimiter: ';', idField: '1' })) {
      if (ev.kind === 'error') { yield ev; continue; }
      // lines of several layouts share the file: columns are named only on `structureet` lines
      const r: Record<string, unknown> = Object.fromEntries(FINESS_COLUMNS.map((c, i) => [c, ev.row[String(i)]]));
      const section = str(r.section);
      if (section !== 'structureet') {
        yield { kind: 'drop', reason: section === 'finess' ? 'export header line' : `${section ?? 'empty'} line (not an establishment)`, origin: ev.origin };
        continue;
      }
      const width = Object.keys(ev.row).length;
      const nofiness = str(r.nofinesset);
      if (width !== FINESS_COLUMNS.length) {
        yield rowError(SOURCE, { ...ev.origin, ...(nofiness ? { id: nofiness } : {}) }, '', 'ragged_row', `a structureet line has ${width} fields, not ${FINESS_COLUMNS.length}`);
        continue;
      }
      const origin = { ...ev.origin, ...(nofiness ? { id: nofiness } : {}) };
      if (!nofiness) { yield rowError(SOURCE, origin, 'nofinesset', 'required', 'an establishment without nofinesset'); continue; }
      const cat = str(r.categetab) ?? '';
      if (!(cat in FINESS_KEPT)) {
        yield { kind: 'drop', reason: `category not kept (${cat} ${str(r.libcategetab) ?? ''})`.trim(), origin };
        continue;
      }
      const sw: Where = { id: rid(SOURCE, nofiness), resource: 'structure', file: origin.file, line: origin.line };
      const dep = str(r.departement) ?? '';
      const insee = dep && str(r.commune) ? `${dep}${str(r.commune)}`.slice(-5).padStart(5, '0') : null;
      const acheminement = str(r.ligneacheminement);
      const voie = [str(r.numvoie), str(r.compvoie), VOIES[str(r.typvoie) ?? ''] ?? str(r.typvoie), str(r.voie)].filter(Boolean).join(' ');
      yield {
        kind: 'structure', origin,
        record: compact({
          source: SOURCE, id: sw.id,
          nom: name(str(r.rslongue) ?? r.rs, ctx, sw),
          siret: siret(r.siret),
          adresse: str(voie),
          complement_adresse: str(r.compldistrib) ?? str(r.lieuditbp),
          code_postal: acheminement ? postalCode(acheminement.slice(0, 5)) : null,
          code_insee: insee,
          commune: communeName(insee) ?? (acheminement ? str(acheminement.slice(6)) : null),
          telephone: telephone(r.telephone, ctx, sw),
          reseaux_porteurs: [FINESS_KEPT[cat]],
          lien_source: `https://finess.esante.gouv.fr/fininter/jsp/actionDetailEtablissement.do?noFiness=${nofiness}`,
          date_maj: dateMaj(r.datemaj),
        }),
      };
    }
  },
};
