/**
 * Carif-Oref: the regional training offer in LHEO XML → `formations.xml`, read as a stream
 * (saxes), one `//offres/formation` at a time. Each `action` of a formation is one raw row. The
 * structure is the action's `organisme-formateur` (id its `@numero`, else its SIRET), the service is
 * the action. Actions without organisme formateur or lieu de formation are dropped (the national
 * pipeline's filter); near-identical actions of one formation (same organisme, place, publics,
 * price and teaching mode) collapse into the one with the latest `@datemaj`.
 */
import type { Adapter, AdapterEvent, Origin } from './types.js';
import type { ImportContext } from './context.js';
import { rowError } from './lib/read.js';
import { child, childrenOf, textAt, xmlElements, type XmlNode } from './lib/xml.js';
import { compact, email, num, paragraphs, postalCode, siret, str, url } from './lib/values.js';
import { dateMaj, isoDate } from './lib/dates.js';
import { htmlToText } from './lib/html.js';
import { communeCode } from './lib/communes.js';
import { departementsOfRegion, name, rid, regionOfDepartement, telephone } from './lib/records.js';
import { mapList, type VocabTable, type Where } from './vocab/map.js';

const SOURCE = 'carif-oref';

/**
 * `code-FORMACODE` → v1 thematiques beyond `se-former--trouver-sa-formation` (which every action
 * gets). The FORMACODE referential is not in the project: codes are reported as unmapped until
 * this table names them.
 */
export const FORMACODES: VocabTable = {};

/** `code-public-vise` (FORMACODE publics) → v1 publics: same caveat, reported until named here. */
export const PUBLICS_VISES: VocabTable = {};

/** LHEO `modalites-enseignement`: 0 on site, 1 mixed, 2 remote. */
const MODES: Record<string, string[]> = { 0: ['en-presentiel'], 1: ['en-presentiel', 'a-distance'], 2: ['a-distance'] };

/** The place of a `coordonnees` element (LHEO `adresse` with `ligne`s, `codepostal`, `ville`, `geolocalisation`). */
function place(coord: XmlNode | undefined) {
  const adr = child(coord, 'adresse');
  const lignes = childrenOf(adr, 'ligne').map((l) => l.text).filter(Boolean);
  const cp = postalCode(textAt(adr, 'codepostal'));
  const ville = textAt(adr, 'ville');
  // the street is the line with a number; the others (a building, a school) complement it
  const street = lignes.find((l) => /^\d/.test(l)) ?? lignes[0];
  return {
    adresse: str(street),
    complement_adresse: str(lignes.filter((l) => l !== street).join(', ')),
    code_postal: cp,
    code_insee: communeCode(ville, cp),
    commune: ville,
    latitude: num(textAt(adr, 'geolocalisation', 'latitude')),
    longitude: num(textAt(adr, 'geolocalisation', 'longitude')),
  };
}

const phoneOf = (coord: XmlNode | undefined) => [textAt(coord, 'telfixe', 'numtel'), textAt(coord, 'portable', 'numtel')].filter(Boolean);

/** `code-perimetre-recrutement` (LHEO: 1 commune, 2 département, 3 région, 4 interrégion, 5 pays, 6 international). */
function zone(code: string | null, insee: unknown, cp: unknown): string[] | null {
  const c = str(cp);
  const dep = c ? (c.startsWith('97') ? c.slice(0, 3) : c.slice(0, 2)) : null;
  if (code === '1') return typeof insee === 'string' ? [insee] : null;
  if (code === '2') return dep ? [dep] : null;
  if (code === '3') {
    const region = dep ? regionOfDepartement(dep) : null;
    return region ? departementsOfRegion(region) : null;
  }
  if (code === '5' || code === '6') return ['france'];
  return null;
}

/** What makes two actions of one formation the same offer. */
function actionKey(a: XmlNode): string {
  const org = child(a, 'organisme-formateur');
  const lieu = child(child(a, 'lieu-de-formation'), 'coordonnees');
  return JSON.stringify([
    org?.attrs.numero ?? textAt(org, 'SIRET-formateur', 'SIRET'),
    textAt(lieu, 'adresse', 'codepostal'), childrenOf(child(lieu, 'adresse'), 'ligne').map((l) => l.text.toLowerCase()),
    childrenOf(a, 'code-public-vise').map((c) => c.text).sort(),
    num(textAt(a, 'prix-total-TTC')), textAt(a, 'modalites-enseignement'),
  ]);
}

function structure(org: XmlNode, ctx: ImportContext, where: Where, date: string | null): Record<string, unknown> {
  const coord = child(child(org, 'contact-formateur'), 'coordonnees');
  return compact({
    source: SOURCE,
    id: where.id,
    nom: name(textAt(org, 'raison-sociale-formateur'), ctx, where),
    siret: siret(textAt(org, 'SIRET-formateur', 'SIRET')),
    ...place(coord),
    telephone: telephone(phoneOf(coord), ctx, where),
    courriel: email(textAt(coord, 'courriel')),
    site_web: url(textAt(coord, 'web', 'urlweb')),
    date_maj: date,
  });
}

function service(f: XmlNode, a: XmlNode, structureId: string, ctx: ImportContext, where: Where): Record<string, unknown> {
  const lieu = child(child(a, 'lieu-de-formation'), 'coordonnees');
  const p = place(lieu);
  const prix = num(textAt(a, 'prix-total-TTC')?.replace(',', '.'));
  const codes = childrenOf(child(f, 'domaine-formation'), 'code-FORMACODE').map((c) => c.text).filter(Boolean);
  const themes = mapList(FORMACODES, codes, 'code-FORMACODE', ctx, where) ?? [];
  const publics = mapList(PUBLICS_VISES, childrenOf(a, 'code-public-vise').map((c) => c.text).filter(Boolean), 'code-public-vise', ctx, where);
  const modes = MODES[textAt(a, 'modalites-enseignement') ?? ''] ?? null;
  const lien = url(textAt(a, 'url-action', 'urlweb')) ?? url(textAt(f, 'url-formation', 'urlweb'));
  const orgCoord = child(child(child(a, 'organisme-formateur'), 'contact-formateur'), 'coordonnees');
  return compact({
    source: SOURCE,
    id: where.id,
    structure_id: structureId,
    nom: name(textAt(f, 'intitule-formation'), ctx, where),
    description: paragraphs(htmlToText(textAt(f, 'objectif-formation')), htmlToText(textAt(f, 'contenu-formation'))),
    type: 'formation',
    thematiques: ['se-former--trouver-sa-formation', ...themes.filter((t) => t !== 'se-former--trouver-sa-formation')],
    publics,
    publics_precisions: htmlToText(textAt(a, 'info-public-vise')),
    conditions_acces: htmlToText(textAt(a, 'conditions-specifiques')),
    frais: prix === null ? null : prix > 0 ? 'payant' : 'gratuit',
    frais_precisions: paragraphs(
      prix !== null && prix > 0 ? `Prix total TTC : ${textAt(a, 'prix-total-TTC')} €` : null,
      textAt(a, 'prise-en-charge-frais-possible') === '1' ? 'Prise en charge des frais possible' : null,
      htmlToText(textAt(a, 'detail-conditions-prise-en-charge')),
    ),
    modes_accueil: modes,
    lien_mobilisation: lien,
    modes_mobilisation: lien ? ['utiliser-lien-mobilisation'] : null,
    mobilisable_par: lien ? ['usagers', 'professionnels'] : null,
    ...p,
    telephone: telephone([...phoneOf(lieu), ...phoneOf(orgCoord)], ctx, where),
    courriel: email(textAt(lieu, 'courriel') ?? textAt(orgCoord, 'courriel')),
    zone_eligibilite: zone(textAt(a, 'code-perimetre-recrutement'), p.code_insee, p.code_postal),
    lien_source: lien,
    date_maj: dateMaj(a.attrs.datemaj ?? f.attrs.datemaj),
  });
}

export const carifOref: Adapter = {
  slug: SOURCE,
  files: [{ name: 'formations.xml', required: true, description: 'the LHEO export of the regional training offer (`//offres/formation`)' }],
  async *read(dir, ctx): AsyncGenerator<AdapterEvent> {
    const structures = new Set<string>();
    for await (const ev of xmlElements(dir, 'formations.xml', 'formation', SOURCE)) {
      if (ev.kind === 'error') {
        yield { kind: 'error', error: ev.error, origin: { file: ev.error.file ?? dir, line: ev.error.line ?? 0 } };
        continue;
      }
      const f = ev.node;
      const file = `${dir}/formations.xml`;
      const actions = childrenOf(f, 'action');
      if (actions.length === 0) {
        yield rowError(SOURCE, { file, line: f.line, ...(f.attrs.numero ? { id: f.attrs.numero } : {}) }, 'action', 'required', 'a formation without action');
        continue;
      }
      // the near-identical actions of this formation: the latest datemaj wins (first on ties)
      const best = new Map<string, XmlNode>();
      for (const a of actions) {
        if (!child(a, 'organisme-formateur') || !child(a, 'lieu-de-formation')) continue;
        const k = actionKey(a);
        const cur = best.get(k);
        if (!cur || (isoDate(a.attrs.datemaj) ?? '') > (isoDate(cur.attrs.datemaj) ?? '')) best.set(k, a);
      }
      for (const a of actions) {
        const numero = str(a.attrs.numero);
        const origin: Origin = { file, line: a.line, ...(numero ? { id: numero } : {}) };
        if (!child(a, 'organisme-formateur') || !child(a, 'lieu-de-formation')) {
          yield { kind: 'drop', reason: 'action without organisme formateur or lieu de formation', origin };
          continue;
        }
        if (best.get(actionKey(a)) !== a) {
          yield { kind: 'drop', reason: 'near-identical action of the same formation (the latest datemaj is kept)', origin };
          continue;
        }
        if (!numero) { yield rowError(SOURCE, origin, 'numero', 'required', 'an action without @numero'); continue; }
        const org = child(a, 'organisme-formateur')!;
        const orgId = str(org.attrs.numero) ?? siret(textAt(org, 'SIRET-formateur', 'SIRET'));
        if (!orgId) { yield rowError(SOURCE, origin, 'organisme-formateur', 'required', 'an organisme formateur without @numero nor SIRET'); continue; }
        const sid = rid(SOURCE, orgId);
        if (!structures.has(sid)) {
          structures.add(sid);
          const sw: Where = { id: sid, resource: 'structure', file, line: org.line };
          yield { kind: 'structure', record: structure(org, ctx, sw, dateMaj(a.attrs.datemaj ?? f.attrs.datemaj)), origin };
        }
        const vw: Where = { id: rid(SOURCE, numero), resource: 'service', file, line: a.line };
        yield { kind: 'service', record: service(f, a, sid, ctx, vw), origin };
      }
    }
  },
};
