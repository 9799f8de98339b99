/**
 * Each producer's own rule from SOURCES.md, on its fixtures: what is dropped (counted by reason),
 * collapsed or crossed, and how its vocabulary is mapped or reported.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importSource, type ImportResult } from '../../adapters/index.js';
import { FIXTURES, TODAY } from './helpers.js';

const load = (slug: string): Promise<ImportResult> => importSource(slug, join(FIXTURES, slug), { today: TODAY });

describe('action-logement', () => {
  it('drops the rows flagged __ignore__ and crosses the catalogue with every valid agency', async () => {
    const res = await load('action-logement');
    expect(res.dropped).toEqual([{ reason: 'flagged __ignore__ by the producer', count: 2 }]);
    expect(res.structures.map((s) => s.id)).not.toContain('action-logement--AL-35-TEST');
    expect(res.services.some((s) => s.id.endsWith('-al-brouillon'))).toBe(false);
    // 5 valid catalogue rows × 5 valid agencies
    expect(res.services).toHaveLength(25);
    const visale = res.services.find((s) => s.id === 'action-logement--AL-56-VANNES-al-visale');
    expect(visale).toMatchObject({ structure_id: 'action-logement--AL-56-VANNES', commune: 'Vannes', code_insee: '56260' });
    // publics_al adds to publics; tous-publics gives way to the specific ones
    expect(visale?.publics).toEqual(['actifs', 'jeunes']);
    expect(res.unmapped).toContainEqual({ field: 'publics_al', value: 'Saisonniers', count: 1 });
  });
});

describe('fredo', () => {
  it('gives one service per services[] value, named after it, with the structure as its place', async () => {
    const res = await load('fredo');
    expect(res.services.filter((s) => s.structure_id === 'fredo--1042').map((s) => [s.id, s.nom, s.type])).toEqual([
      ['fredo--1042-aide-financiere', 'Aide financière', 'aide-financiere'],
      ['fredo--1042-accompagnement-dans-les-demarches', 'Accompagnement dans les démarches', 'accompagnement'],
      ['fredo--1042-information-orientation', 'Information et orientation', 'information'],
    ]);
    // La Réunion: numbers in +262, eligibility the département, last_update read as a date
    const ccas = res.structures.find((s) => s.id === 'fredo--1042');
    expect(ccas).toMatchObject({ telephone: '+262262400404', date_maj: '2025-10-14', code_insee: '97411' });
    expect(res.services[0].zone_eligibilite).toEqual(['974']);
    // a structure without services is a structure only; an unknown service value keeps its name and is reported
    expect(res.structures.some((s) => s.id === 'fredo--1048')).toBe(false); // its 13-digit SIRET is rejected
    const creole = res.services.find((s) => s.id === 'fredo--1045-cours-de-creole');
    expect(creole).toMatchObject({ nom: 'Cours de créole', modes_accueil: ['a-distance'], frais_precisions: 'adhésion 10 € par an' });
    expect(creole?.type ?? null).toBeNull();
    expect(res.unmapped).toContainEqual({ field: 'services', value: 'cours de créole', count: 1 });
    // an impossible last_update rejects the structure and its service with the producer's value
    expect(res.errors.filter((e) => e.rule === 'format:date').map((e) => [e.id, e.value])).toEqual([
      ['fredo--1047', '2025-02-30 10:15:00'], ['fredo--1047-information-orientation', '2025-02-30 10:15:00'],
    ]);
  });
});

describe('ma-boussole-aidants', () => {
  it('keeps CCAS, MDA and MDS only, and groups services per (structure, sous-thématique)', async () => {
    const res = await load('ma-boussole-aidants');
    expect(res.dropped).toEqual([{ reason: 'structure type not kept (only CCAS 15, MDA 53, MDS 127)', count: 2 }]);
    expect(res.structures.map((s) => [s.id, s.reseaux_porteurs])).toEqual([
      ['ma-boussole-aidants--6a1f0c52-2001', ['ccas-cias']],
      ['ma-boussole-aidants--6a1f0c52-2002', ['maisons-des-solidarites']],
      ['ma-boussole-aidants--6a1f0c52-2003', ['maison-departementale-de-lautonomie']],
      ['ma-boussole-aidants--6a1f0c52-2006', ['ccas-cias']],
      ['ma-boussole-aidants--6a1f0c52-2009', ['ccas-cias']],
    ]);
    // four entries, three sous-thématiques: "Premiers contacts" twice, once remote → one service, remote too
    const ccas = res.services.filter((s) => s.structure_id === 'ma-boussole-aidants--6a1f0c52-2001');
    expect(ccas.map((s) => [s.id, s.nom, s.modes_accueil])).toEqual([
      ['ma-boussole-aidants--6a1f0c52-2001-1', 'Premiers contacts', ['en-presentiel', 'a-distance']],
      ['ma-boussole-aidants--6a1f0c52-2001-2', 'Démarches complémentaires', ['en-presentiel']],
      ['ma-boussole-aidants--6a1f0c52-2001-8', 'Portage de repas', ['en-presentiel']],
    ]);
    expect(ccas[0]).toMatchObject({ zone_eligibilite: ['35238'], publics: ['seniors'], telephone: '+33223621940', frais: 'gratuit' });
    // an unknown sous-thématique is reported, and its service (no name, no description) rejected
    expect(res.unmapped).toEqual([{ field: 'idSousthematiqueSolutions', value: '99', count: 1 }]);
    expect(res.errors.filter((e) => e.id === 'ma-boussole-aidants--6a1f0c52-2006-99' && e.severity === 'error').map((e) => e.field)).toEqual(['description', 'nom']);
  });
});

describe('mes-aides', () => {
  it('gives one structure and one service with the same id per aide or garage, offline rows dropped', async () => {
    const res = await load('mes-aides');
    expect(res.dropped).toEqual([{ reason: 'not online (En ligne = non)', count: 2 }]);
    for (const s of res.services) expect(res.structures.find((st) => st.id === s.id)?.id).toBe(s.structure_id);
    expect(res.structures).toHaveLength(8);
    // an aide's structure is its Organisme, at the Organisme's address (the Mission Locale of the other sources)
    const permis = res.structures.find((s) => s.id === 'mes-aides--recA1x7Kp2LmN01');
    expect(permis).toMatchObject({ nom: "Mission Locale du Bassin d'Emploi de Rennes", telephone: '+33299784140', code_insee: '35238', date_maj: '2025-09-03' });
    // garages: spaces in SIRET removed, the first of "LAT, LAT", services as thematiques
    const garage = res.services.find((s) => s.id === 'mes-aides--recG9f3Qw8ZtR01');
    expect(garage).toMatchObject({ latitude: 48.0921, type: 'aide-materielle', thematiques: ['mobilite--entretenir-reparer-son-vehicule', 'mobilite--acceder-a-un-vehicule'] });
    expect(res.structures.find((s) => s.id === 'mes-aides--recG9f3Qw8ZtR01')?.siret).toBe('82345678500018');
    expect(res.services.find((s) => s.id === 'mes-aides--recA1x7Kp2LmN03')?.zone_eligibilite).toEqual(['france']);
    expect(res.unmapped.map((u) => u.value).sort()).toEqual(['Carrosserie', 'Chèque', 'Par courrier', 'Se téléporter']);
  });
});

describe('agefiph', () => {
  it('keeps the regional offices only and crosses the solutions with them, across JSON:API pages', async () => {
    const res = await load('agefiph');
    expect(res.dropped).toEqual([
      { reason: 'not a regional office (contact type: Partenaire)', count: 1 },
      { reason: 'not a regional office (contact type: Presse)', count: 1 },
    ]);
    // two pages of contacts (links.next followed): the Normandie office is on the second
    expect(res.structures.map((s) => s.nom)).toEqual(['Délégation régionale Bretagne', 'Délégation régionale Pays de la Loire', 'Délégation régionale Normandie']);
    // a contact type absent from `included` is an error, not a guess
    expect(res.errors.find((e) => e.rule === 'term_not_included')?.id).toBe('agefiph--c0a80101-2b3c-4d5e-8f60-000000000107');
    // 4 describable solutions × 3 valid offices
    expect(res.services).toHaveLength(12);
    const s = res.services.find((x) => x.id === 'agefiph--c0a80101-2b3c-4d5e-8f60-000000000105-a1b2c3d4-0001-4000-8000-000000000001');
    expect(s).toMatchObject({ structure_id: 'agefiph--c0a80101-2b3c-4d5e-8f60-000000000105', type: 'aide-financiere', commune: 'Rouen', zone_eligibilite: ['14', '27', '50', '61', '76'] });
    expect(s?.description).toMatch(/^Financement des aménagements techniques, organisationnels ou humains/);
    expect(res.unmapped.map((u) => `${u.field}=${u.value}`)).toEqual(['field_profil_associe=Employeur', 'field_thematique=Se loger', 'field_type_de_solution=Webinaire']);
  });
});

describe('carif-oref', () => {
  it('reads the LHEO stream (ISO-8859-1): organisme formateur → structure, action → service, near-identical actions collapsed', async () => {
    const res = await load('carif-oref');
    expect(res.dropped).toEqual([
      { reason: 'action without organisme formateur or lieu de formation', count: 1 },
      { reason: 'near-identical action of the same formation (the latest datemaj is kept)', count: 1 },
    ]);
    // _1 (datemaj 2025-09-10) is kept over _2 (2025-01-15); _3 is elsewhere, so another offer
    expect(res.services.map((s) => s.id)).toEqual([
      'carif-oref--14_AF_0001234_1', 'carif-oref--14_AF_0001234_3', 'carif-oref--14_AF_0002001_1', 'carif-oref--14_AF_0003050_1',
    ]);
    const cleunay = res.structures.find((s) => s.id === 'carif-oref--14_OF_0000501');
    expect(cleunay).toMatchObject({ nom: 'CENTRE SOCIAL CLEUNAY', siret: '44012345600038', telephone: '+33299673200', date_maj: '2025-09-10' });
    const ran = res.services.find((s) => s.id === 'carif-oref--14_AF_0002001_1');
    expect(ran).toMatchObject({
      nom: 'Remise à niveau : compétences de base et numérique', frais: 'payant', modes_accueil: ['en-presentiel', 'a-distance'],
      adresse: '7 avenue Georges Graff', complement_adresse: 'Lycée Bréquigny', zone_eligibilite: ['22', '29', '35', '56'],
    });
    // FORMACODE codes have no table in the project: counted, never guessed
    expect(res.unmapped).toContainEqual({ field: 'code-FORMACODE', value: '15043', count: 3 });
    expect(res.errors.find((e) => e.rule === 'required' && e.field === 'action')?.line).toBe(187);
  });

  it('a truncated XML file keeps the formations before the break and reports the break once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'recoupe-carif-'));
    try {
      const xml = readFileSync(join(FIXTURES, 'carif-oref', 'formations.xml'));
      const cut = xml.indexOf(Buffer.from('<formation numero="14_FOR_0003050"'));
      writeFileSync(join(dir, 'formations.xml'), xml.subarray(0, cut + 60));
      const res = await importSource('carif-oref', dir, { today: TODAY });
      expect(res.services.map((s) => s.id)).toEqual(['carif-oref--14_AF_0001234_1', 'carif-oref--14_AF_0001234_3', 'carif-oref--14_AF_0002001_1']);
      expect(res.errors.filter((e) => e.rule === 'malformed_xml')).toHaveLength(1);
      expect(res.imported + res.dropped.reduce((n, d) => n + d.count, 0) + res.rejected).toBe(res.rawRows);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reseau-alpha', () => {
  it('one service per formation; date_maj from the structure page, or the extraction day with a warning', async () => {
    const res = await load('reseau-alpha');
    expect(res.structures.map((s) => [s.id, s.date_maj])).toEqual([
      ['reseau-alpha--3120', '2025-10-14'], ['reseau-alpha--3121', '2025-03-01'], ['reseau-alpha--3122', TODAY], ['reseau-alpha--3125', TODAY],
    ]);
    expect(res.errors.filter((e) => e.rule === 'date_maj_from_extraction').map((e) => e.id)).toEqual(['reseau-alpha--3122', 'reseau-alpha--3125']);
    // "31 septembre 2025" is not a date: the structure and its formation are rejected with the page's text
    expect(res.errors.filter((e) => e.rule === 'format:date').map((e) => [e.id, e.value])).toEqual([
      ['reseau-alpha--3123', '31 septembre 2025'], ['reseau-alpha--8105', '31 septembre 2025'],
    ]);
    expect(res.services.map((s) => [s.id, s.structure_id])).toEqual([
      ['reseau-alpha--8101', 'reseau-alpha--3120'], ['reseau-alpha--8102', 'reseau-alpha--3120'],
      ['reseau-alpha--8103', 'reseau-alpha--3121'], ['reseau-alpha--8104', 'reseau-alpha--3122'],
    ]);
    const asl = res.services[0];
    expect(asl).toMatchObject({ horaires_accueil: 'Mo 09:30-11:30; Th 09:30-11:30', nombre_semaines: 41, frais: 'gratuit', publics: ['femmes'], contact_nom_prenom: 'Anne Le Gall' });
    // publics given as nested arrays are read; an unknown one is reported
    expect(res.services[2].publics).toEqual(['personnes-exilees']);
    expect(res.unmapped).toEqual([{ field: 'publicsSpecifiques', value: 'Grands débutants', count: 1 }]);
    // a formation without id is an error row of its structure's raw row, which is still imported
    expect(res.errors.find((e) => e.field === 'id' && e.resource === 'service')?.value).toBe("Atelier d'écriture (brouillon)");
    // the place of a formation: its own address, else its structure's
    expect(res.services[3]).toMatchObject({ adresse: '4 rue Saint-Malo', frais: 'payant', frais_precisions: '20 € par an' });
  });
});

describe('mes-aides in latin-1', () => {
  it('reads accented French headers and values from a latin-1 export', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'recoupe-mes-aides-'));
    try {
      for (const f of ['aides.csv', 'garages.csv']) {
        writeFileSync(join(dir, f), Buffer.from(readFileSync(join(FIXTURES, 'mes-aides', f), 'utf8'), 'latin1'));
      }
      const utf8 = await load('mes-aides');
      const res = await importSource('mes-aides', dir, { today: TODAY });
      expect(res.services.map((s) => [s.id, s.nom, s.date_maj])).toEqual(utf8.services.map((s) => [s.id, s.nom, s.date_maj]));
      expect(res.services.find((s) => s.id === 'mes-aides--recA1x7Kp2LmN02')?.nom).toBe('Aide facultative mobilité');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
