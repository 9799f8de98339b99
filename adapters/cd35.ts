/**
 * CD35, the Ille-et-Vilaine social directory: ArcGIS FeatureServer JSON (`features[].attributes`)
 * → `organisations.json`. One service per (organisation, thématique): id `cd35--<ID>--<thématique>`.
 */
import type { Adapter, AdapterEvent } from './types.js';
import { rawRows, rowError } from './lib/read.js';
import { compact, email, list, num, postalCode, str, url } from './lib/values.js';
import { dateMaj } from './lib/dates.js';
import { name, publics, rid, telephone } from './lib/records.js';
import { mapList, slugify, type VocabTable, type Where } from './vocab/map.js';

const SOURCE = 'cd35';

/** CD35 thématiques (labels, slugified) → v1 thematiques. */
export const CD35_THEMATIQUES: VocabTable = {
  'insertion-professionnelle': ['trouver-un-emploi--repondre-a-des-offres-demploi', 'preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi'],
  logement: ['logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement'],
  hebergement: ['logement-hebergement--rechercher-une-solution-dhebergement-temporaire'],
  sante: ['sante--acces-aux-soins'],
  'acces-aux-droits': ['difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits'],
  alimentation: ['equipement-et-alimentation--alimentation'],
  budget: ['difficultes-financieres--ameliorer-sa-gestion-budgetaire'],
  mobilite: ['mobilite--etre-accompagne-dans-son-parcours-mobilite'],
  numerique: ['numerique--maitriser-les-fondamentaux-du-numerique'],
  parentalite: ['famille--soutien-a-la-parentalite-et-a-leducation'],
  'aide-aux-aidants': ['famille--soutien-aidants'],
};

/** CD35 profils → v1 publics. */
export const CD35_PROFILS: VocabTable = {
  'tout-public': ['tous-publics'], jeunes: ['jeunes'], familles: ['familles'], 'personnes-agees': ['seniors'],
  'personnes-handicapees': ['personnes-en-situation-de-handicap'], 'demandeurs-d-emploi': ['demandeurs-emploi'],
  'demandeurs-demploi': ['demandeurs-emploi'], 'beneficiaires-du-rsa': ['beneficiaires-des-minimas-sociaux'], femmes: ['femmes'],
};

type Obj = Record<string, unknown>;

export const cd35: Adapter = {
  slug: SOURCE,
  files: [{ name: 'organisations.json', required: true, description: 'ArcGIS FeatureServer query (`features[].attributes`)' }],
  async *read(dir, ctx): AsyncGenerator<AdapterEvent> {
    for await (const ev of rawRows(dir, 'organisations.json', SOURCE)) {
      if (ev.kind === 'error') { yield ev; continue; }
      const a = (ev.row.attributes && typeof ev.row.attributes === 'object' ? ev.row.attributes : ev.row) as Obj;
      const nativeId = str(a.ID);
      const origin = { ...ev.origin, ...(nativeId ? { id: nativeId } : {}) };
      if (!nativeId) { yield rowError(SOURCE, origin, 'ID', 'required', 'a feature without ID'); continue; }
      const sw: Where = { id: rid(SOURCE, nativeId), resource: 'structure', file: origin.file, line: origin.line };
      const nom = str(a.NOM) && str(a.SIGLE) && !String(a.NOM).includes(String(a.SIGLE)) ? `${str(a.NOM)} (${str(a.SIGLE)})` : a.NOM;
      const place = {
        adresse: str(a.ADRESSE), complement_adresse: str(a.COMPLEMENT_ADRESSE), code_postal: postalCode(a.CODE_POSTAL),
        code_insee: postalCode(a.CODE_INSEE), commune: str(a.COMMUNE), latitude: num(a.LATITUDE), longitude: num(a.LONGITUDE),
      };
      const structure = compact({
        source: SOURCE, id: sw.id, nom: name(nom, ctx, sw), description: str(a.PRESENTATION_DETAIL), ...place,
        telephone: telephone(a.TELEPHONE, ctx, sw), courriel: email(a.COURRIEL), site_web: url(a.SITE_WEB),
        lien_source: url(a.LIEN_SOURCE), horaires_accueil: str(a.HORAIRES_OUVERTURE), date_maj: dateMaj(a.DATE_MAJ),
      });
      yield { kind: 'structure', record: structure, origin };
      const themes = list(a.THEMATIQUE, /[;,|]/);
      for (const theme of themes) {
        const vw: Where = { id: `${sw.id}--${slugify(theme)}`, resource: 'service', file: origin.file, line: origin.line };
        yield {
          kind: 'service', origin,
          record: compact({
            source: SOURCE, id: vw.id, structure_id: sw.id,
            nom: name(`${theme} — ${String(structure.nom ?? '')}`, ctx, vw),
            description: structure.description ?? `${theme} : accueil et orientation par ${String(structure.nom ?? 'la structure')}.`,
            thematiques: mapList(CD35_THEMATIQUES, [theme], 'THEMATIQUE', ctx, vw, slugify),
            publics: publics(mapList(CD35_PROFILS, list(a.PROFIL, /[;,|]/), 'PROFIL', ctx, vw, slugify)),
            ...place, telephone: structure.telephone, courriel: structure.courriel,
            horaires_accueil: structure.horaires_accueil, lien_source: structure.lien_source, date_maj: structure.date_maj,
          }),
        };
      }
    }
  },
};
