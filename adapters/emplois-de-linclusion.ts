/**
 * Les emplois de l'inclusion: REST JSON `?type=orga` → `organisations.json`, `?type=siae` →
 * `siaes.json`. Structures only; `kind` → reseaux_porteurs.
 */
import type { Adapter, AdapterEvent } from './types.js';
import { rawRows, rowError } from './lib/read.js';
import { compact, email, num, postalCode, siret, str, url } from './lib/values.js';
import { dateMaj } from './lib/dates.js';
import { name, rid, telephone } from './lib/records.js';
import { communeCode } from './lib/communes.js';
import { mapList, type VocabTable, type Where } from './vocab/map.js';
import { TYPOLOGIE_TO_RESEAUX } from './vocab/v0.js';

const SOURCE = 'emplois-de-linclusion';

/** Les emplois' `kind` values: the v0 typologies plus their own codes. */
export const EMPLOIS_KINDS: VocabTable = {
  ...TYPOLOGIE_TO_RESEAUX,
  PE: ['france-travail'], OCASF: [], OTHER: [], DEPT_BRSA: ['departements'], PREVENTION: [], ESAT: ['esat'],
};

export const emploisDeLinclusion: Adapter = {
  slug: SOURCE,
  files: [
    { name: 'organisations.json', required: true, description: 'GET /api/v1/structures/?type=orga' },
    { name: 'siaes.json', required: true, description: 'GET /api/v1/structures/?type=siae' },
  ],
  async *read(dir, ctx): AsyncGenerator<AdapterEvent> {
    for (const file of ['organisations.json', 'siaes.json']) {
      for await (const ev of rawRows(dir, file, SOURCE)) {
        if (ev.kind === 'error') { yield ev; continue; }
        const r = ev.row;
        const nativeId = str(r.id);
        const origin = { ...ev.origin, ...(nativeId ? { id: nativeId } : {}) };
        if (!nativeId) { yield rowError(SOURCE, origin, 'id', 'required', 'a structure without id'); continue; }
        const where: Where = { id: rid(SOURCE, nativeId), resource: 'structure', file: origin.file, line: origin.line };
        const codePostal = postalCode(r.code_postal);
        const record = compact({
          source: SOURCE,
          id: where.id,
          nom: name(r.nom, ctx, where),
          siret: siret(r.siret),
          description: str(r.description),
          adresse: str(r.adresse),
          complement_adresse: str(r.complement_adresse),
          code_postal: codePostal,
          code_insee: communeCode(str(r.commune), codePostal),
          commune: str(r.commune),
          latitude: num(r.latitude),
          longitude: num(r.longitude),
          telephone: telephone(r.telephone, ctx, where),
          courriel: email(r.courriel),
          site_web: url(r.site_web),
          lien_source: url(r.lien_source),
          reseaux_porteurs: mapList(EMPLOIS_KINDS, str(r.kind) ? [str(r.kind)!] : [], 'kind', ctx, where),
          date_maj: dateMaj(r.date_maj),
        });
        yield { kind: 'structure', record, origin };
      }
    }
  },
};
