/**
 * The kinds of real-world structures the corpus holds: how each is named (and misnamed), which
 * producers list it, which network carries it, how its SIREN is held, what it offers.
 */
import type { ReseauPorteur } from '../model/index.js';
import { cityName, deName, type Commune } from './geo.js';
import type { Rng } from './rng.js';
import type { ServiceKey } from './services-catalogue.js';
import type { SourceSlug } from './targets.js';
import { slugify } from './text.js';

/** What a name template sees. */
export interface NameCtx {
  c: Commune;
  rng: Rng;
  /** A made-up association or company name, drawn once per entity. */
  brand: string;
  /** "Nord", "Sud", "Centre"… for the second and third branch of a network in one city. */
  quartier?: string;
  /** For an antenna: its parent's commune. */
  parent?: Commune;
}

/** Names of one entity: `forms[0]` is the canonical name; `legacy` holds names it used to bear. */
export interface NameSet {
  forms: string[];
  legacy: string[];
}

/**
 * How the entity's SIREN is held: its commune's, its own, a network's per département, a
 * national body's, or a fixed one.
 */
export type SirenPolicy =
  | { kind: 'commune' }
  | { kind: 'own'; prefix: string }
  | { kind: 'dept'; network: string; prefix: string }
  | { kind: 'fixed'; siren: string };

export interface Kind {
  key: string;
  /** Relative number of such entities in the référentiel's world. */
  prior: number;
  /** Relative likelihood that each producer lists such an entity (absent = never). */
  sources: Partial<Record<SourceSlug, number>>;
  reseaux: ReseauPorteur[];
  siren: SirenPolicy;
  names(x: NameCtx): NameSet;
  /** Canonical website (null: none), and the email domain the entity writes from. */
  web(x: NameCtx): { site: string | null; domain: string; local: string };
  /** A national short number some producers give instead of the local one. */
  shortPhone?: string;
  services: ServiceKey[];
  /** Hosted in a public building with BP / CEDEX postal habits. */
  publicBody?: boolean;
  /** Such structures sit in towns of at least this many inhabitants (agencies, networks). */
  minPopulation?: number;
}

const de = (c: Commune) => deName(cityName(c), c.parentNom ? 0 : c.liaison);
const city = (c: Commune) => cityName(c);
const deDept = (c: Commune) => deName(c.departementNom, c.departementLiaison);
const cslug = (c: Commune) => slugify(city(c));

const townDomain = (c: Commune, rng: Rng) => {
  const s = cslug(c);
  return rng.pick([`${s}.fr`, `mairie-${s}.fr`, `ville-${s}.fr`]);
};
const brandDomain = (brand: string, rng: Rng) => {
  const s = slugify(brand, rng.chance(0.5) ? '' : '-');
  return rng.pick([`${s}.fr`, `${s}.org`, `asso-${s}.fr`, `${s}.com`]);
};
/** An association's webmail address: the name run together, or with a role word ("asso.", "contact."). */
const webmail = (name: string, rng: Rng) => {
  const s = slugify(name, '');
  const local = rng.pick([s, s, `asso.${s}`, `${s}.asso`, `contact.${s}`]);
  return { site: null, domain: rng.pick(['orange.fr', 'wanadoo.fr', 'gmail.com', 'free.fr', 'laposte.net']), local };
};

const BRAND_A = ['Tremplin', 'Passerelle', 'Horizon', 'Trait d’Union', 'Rebond', 'Envol', 'Alternative', 'Entraide', 'Escale', 'Relais', 'Boussole', 'Déclic', 'Élan', 'Parenthèse', 'Ricochet', 'Sésame', 'Archipel', 'Atout', 'Ancrage', 'Étape', 'Oasis', 'Avenir', 'Partage', 'Agir', 'Solidarités', 'Main Tendue', 'Fil d’Ariane', 'Boutons d’Or', 'Arc-en-Ciel', 'Cap Emploi Solidaire', 'Renouer', 'Pass’Age', 'Coup de Pouce', 'Le Pont', 'La Clé', 'L’Atelier', 'La Ruche', 'Les Compagnons', 'Le Phare', 'Tandem'];
const BRAND_B = ['', '', '', ' Insertion', ' Emploi', ' Services', ' Solidaire', ' Accueil', ' Plus', ' 2000'];

/** A made-up association / company name: "Tremplin Insertion", "Le Phare Solidaire". */
export function brandName(rng: Rng): string {
  return rng.pick(BRAND_A) + rng.pick(BRAND_B);
}

const asso = (name: string) => [`Association ${name}`, name, `${name} (association)`, `Asso ${name}`];
const list = (...xs: Array<string | false | undefined>) => xs.filter((x): x is string => typeof x === 'string');

/** Every kind of structure the generator produces, by key. */
export const KINDS: Record<string, Kind> = {
  mairie: {
    key: 'mairie', prior: 4, sources: { 'mediation-numerique': 2, dora: 1, soliguide: 0.4, 'emplois-de-linclusion': 0.05 },
    reseaux: ['communes'], siren: { kind: 'commune' }, publicBody: true,
    names: ({ c }) => ({ forms: list(`Mairie ${de(c)}`, `Hôtel de Ville ${de(c)}`, `Mairie - ${city(c)}`, `Commune ${de(c)}`, `Ville ${de(c)}`), legacy: c.formerNames.map((f) => `Mairie annexe de ${f}`) }),
    web: ({ c, rng }) => { const d = townDomain(c, rng); return { site: `https://www.${d}`, domain: d, local: rng.pick(['mairie', 'accueil', 'contact']) }; },
    services: ['droits', 'demarchesEnLigne', 'accesInternet'],
  },
  ccas: {
    key: 'ccas', prior: 4, sources: { dora: 2, 'ma-boussole-aidants': 2.5, soliguide: 1.2, 'emplois-de-linclusion': 0.5, 'mediation-numerique': 0.3 },
    reseaux: ['ccas-cias'], siren: { kind: 'dept', network: 'ccas', prefix: '26' }, publicBody: true,
    names: ({ c }) => ({ forms: list(`CCAS ${de(c)}`, `Centre Communal d’Action Sociale ${de(c)}`, `C.C.A.S. ${de(c)}`, `CCAS - ${city(c)}`, `Centre communal d'action sociale (CCAS) ${de(c)}`), legacy: [`Bureau d’aide sociale ${de(c)}`] }),
    web: ({ c, rng }) => { const d = townDomain(c, rng); return { site: rng.chance(0.5) ? `https://www.${d}/ccas` : null, domain: d, local: 'ccas' }; },
    services: ['secours', 'droits', 'domiciliation', 'alimentaire', 'aidants', 'rsa'],
  },
  franceServices: {
    key: 'franceServices', minPopulation: 800, prior: 2.2, sources: { 'mediation-numerique': 3, dora: 1.5, soliguide: 0.4 },
    reseaux: ['france-service'], siren: { kind: 'commune' }, publicBody: true,
    names: ({ c, rng }) => ({ forms: list(`France Services ${city(c)}`, `Maison France Services ${de(c)}`, `Espace France Services ${de(c)}`, `France services - ${city(c)}`, rng.chance(0.3) && `France Services ${c.epciNom ?? city(c)}`), legacy: [`MSAP ${de(c)}`, `Maison de Services au Public ${de(c)}`] }),
    web: ({ c, rng }) => { const d = townDomain(c, rng); return { site: null, domain: d, local: rng.pick(['franceservices', 'france-services', 'maisonfranceservices']) }; },
    services: ['demarchesEnLigne', 'droits', 'ateliersNumeriques', 'prestations'],
  },
  missionLocale: {
    key: 'missionLocale', minPopulation: 8000, prior: 0.8, sources: { 'mission-locale': 3, dora: 2, 'emplois-de-linclusion': 2, soliguide: 0.3, 'mediation-numerique': 0.1 },
    reseaux: ['mission-locale'], siren: { kind: 'own', prefix: '3' },
    names: ({ c }) => ({ forms: list(`Mission Locale ${de(c)}`, `Mission Locale du Pays ${de(c)}`, `ML ${city(c)}`, `Mission locale pour l’emploi des jeunes ${de(c)}`, `MISSION LOCALE ${city(c)}`), legacy: [`PAIO ${de(c)}`] }),
    web: ({ c }) => ({ site: `https://www.mission-locale-${cslug(c)}.fr`, domain: `ml-${cslug(c)}.fr`, local: 'contact' }),
    services: ['jeunes', 'emploi', 'logement', 'mobilite', 'soins'],
  },
  missionLocaleAntenne: {
    key: 'missionLocaleAntenne', prior: 0, sources: { 'mission-locale': 3, dora: 1, 'emplois-de-linclusion': 0.5, soliguide: 0.2 },
    reseaux: ['mission-locale'], siren: { kind: 'own', prefix: '3' },
    names: ({ c, parent, quartier }) => {
      const p = parent ?? c;
      const here = quartier ? `${city(c)} ${quartier}` : city(c);
      return { forms: list(`Mission Locale ${city(p)} - Antenne ${quartier ? here : de(c)}`, `Antenne Mission Locale ${here}`, `Mission Locale ${de(p)} (${here})`, `ML ${city(p)} - ${here}`, `Mission Locale ${de(p)}`), legacy: [] };
    },
    web: ({ c, parent }) => ({ site: `https://www.mission-locale-${cslug(parent ?? c)}.fr`, domain: `ml-${cslug(parent ?? c)}.fr`, local: `antenne.${cslug(c)}` }),
    services: ['jeunes', 'emploi'],
  },
  franceTravail: {
    key: 'franceTravail', minPopulation: 8000, prior: 0.9, sources: { 'france-travail': 6, dora: 1.5, 'emplois-de-linclusion': 1.5, soliguide: 0.4 },
    reseaux: ['france-travail'], siren: { kind: 'fixed', siren: '130005481' }, shortPhone: '3949',
    names: ({ c, quartier }) => {
      const q = quartier ? ` ${quartier}` : '';
      return { forms: list(`France Travail ${city(c)}${q}`, `Agence France Travail ${de(c)}${q}`, `France Travail - ${city(c)}${q}`, `FRANCE TRAVAIL ${city(c).toUpperCase()}${q.toUpperCase()}`), legacy: [`Pôle emploi ${city(c)}${q}`, `Pôle Emploi - Agence ${de(c)}${q}`, `PE ${city(c)}${q}`, `Agence Pôle emploi ${de(c)}${q}`] };
    },
    web: ({ c, quartier }) => ({ site: 'https://www.francetravail.fr', domain: 'francetravail.fr', local: `ape.${cslug(c)}${quartier ? `-${slugify(quartier)}` : ''}` }),
    services: ['ftGlobal', 'ftIntensif', 'ftValoriser', 'ftCreation', 'emploi', 'cv', 'entretien', 'international'],
  },
  capEmploi: {
    key: 'capEmploi', prior: 0.15, sources: { dora: 2, 'emplois-de-linclusion': 2, agefiph: 0.2 },
    reseaux: ['cap-emploi-reseau-cheops'], siren: { kind: 'dept', network: 'cap-emploi', prefix: '4' },
    names: ({ c }) => ({ forms: list(`Cap emploi ${c.departementNom}`, `Cap Emploi ${c.departement}`, `CAP EMPLOI ${c.departementNom.toUpperCase()}`, `Cap emploi ${deDept(c)} - ${city(c)}`), legacy: [] }),
    web: ({ c }) => ({ site: `https://www.capemploi${c.departement}.fr`, domain: `capemploi${c.departement}.fr`, local: 'contact' }),
    services: ['handicap', 'emploi'],
  },
  caf: {
    key: 'caf', minPopulation: 10000, prior: 0.6, sources: { dora: 1, soliguide: 1.5, 'mediation-numerique': 0.3 },
    reseaux: ['caf'], siren: { kind: 'dept', network: 'caf', prefix: '7' }, shortPhone: '3230', publicBody: true,
    names: ({ c }) => ({ forms: list(`CAF ${deDept(c)} - Accueil ${de(c)}`, `Caisse d’Allocations Familiales ${deDept(c)}`, `Caf ${deDept(c)}`, `CAF ${city(c)}`, `Point d’accueil CAF ${de(c)}`), legacy: [] }),
    web: () => ({ site: 'https://www.caf.fr', domain: 'caf.fr', local: 'contact' }),
    services: ['prestations', 'droits', 'parentalite'],
  },
  cpam: {
    key: 'cpam', minPopulation: 10000, prior: 0.5, sources: { soliguide: 1.5, dora: 0.8 },
    reseaux: ['cpam'], siren: { kind: 'dept', network: 'cpam', prefix: '7' }, shortPhone: '3646', publicBody: true,
    names: ({ c }) => ({ forms: list(`CPAM ${deDept(c)} - Accueil ${de(c)}`, `Caisse Primaire d’Assurance Maladie ${deDept(c)}`, `Accueil CPAM ${city(c)}`, `Assurance Maladie - ${city(c)}`), legacy: [] }),
    web: () => ({ site: 'https://www.ameli.fr', domain: 'assurance-maladie.fr', local: 'accueil' }),
    services: ['soins', 'droits'],
  },
  restos: {
    key: 'restos', minPopulation: 2000, prior: 2, sources: { soliguide: 3, dora: 1, 'emplois-de-linclusion': 0.1, 'mediation-numerique': 0.05 },
    reseaux: ['restos-du-coeur'], siren: { kind: 'dept', network: 'restos', prefix: '4' },
    names: ({ c, rng }) => ({ forms: list(`Restos du Cœur - ${city(c)}`, `Les Restaurants du Cœur ${city(c)}`, `Restos du coeur ${city(c)}`, `Les Restos du Cœur`, `Restaurants du Cœur - Relais du Cœur ${de(c)}`, rng.chance(0.3) && `Centre Restos du Cœur ${de(c)}`), legacy: [] }),
    web: ({ c }) => ({ site: 'https://www.restosducoeur.org', domain: 'restosducoeur.org', local: `ad${c.departement.toLowerCase()}.${cslug(c)}` }),
    services: ['alimentaire', 'vestiaire', 'logement', 'benevolat'],
  },
  secoursPopulaire: {
    key: 'secoursPopulaire', minPopulation: 1500, prior: 1.8, sources: { soliguide: 3, dora: 1, 'mediation-numerique': 0.05 },
    reseaux: ['secours-populaire'], siren: { kind: 'dept', network: 'spf', prefix: '7' },
    names: ({ c }) => ({ forms: list(`Secours populaire français - Comité ${de(c)}`, `Secours Populaire ${city(c)}`, `SPF ${city(c)}`, `Secours populaire`, `Comité du Secours populaire ${de(c)}`), legacy: [] }),
    web: ({ c }) => ({ site: `https://www.secourspopulaire.fr/${c.departement.toLowerCase()}`, domain: `spf${c.departement.toLowerCase()}.org`, local: `comite.${cslug(c)}` }),
    services: ['alimentaire', 'vestiaire', 'loisirs', 'benevolat'],
  },
  secoursCatholique: {
    key: 'secoursCatholique', minPopulation: 1500, prior: 1.2, sources: { soliguide: 3, dora: 0.6 },
    reseaux: [], siren: { kind: 'fixed', siren: '775666696' },
    names: ({ c }) => ({ forms: list(`Secours Catholique - Équipe ${de(c)}`, `Secours catholique ${city(c)}`, `Secours Catholique Caritas France - ${city(c)}`, `Accueil Secours Catholique ${de(c)}`), legacy: [] }),
    web: ({ c }) => ({ site: 'https://www.secours-catholique.org', domain: 'secours-catholique.org', local: `equipe.${cslug(c)}` }),
    services: ['accueilJour', 'secours', 'fle', 'vestiaire'],
  },
  croixRouge: {
    key: 'croixRouge', minPopulation: 3000, prior: 1.2, sources: { soliguide: 2.5, dora: 1, 'emplois-de-linclusion': 0.1 },
    reseaux: ['croix-rouge'], siren: { kind: 'fixed', siren: '775672272' },
    names: ({ c }) => ({ forms: list(`Croix-Rouge française - Unité locale ${de(c)}`, `Croix Rouge ${city(c)}`, `Unité locale de la Croix-Rouge ${de(c)}`, `Vestiboutique Croix-Rouge ${city(c)}`, `CROIX ROUGE FRANCAISE ${city(c).toUpperCase()}`), legacy: [] }),
    web: ({ c }) => ({ site: 'https://www.croix-rouge.fr', domain: 'croix-rouge.fr', local: `ul.${cslug(c)}` }),
    services: ['alimentaire', 'vestiaire', 'accueilJour', 'benevolat'],
  },
  emmaus: {
    key: 'emmaus', minPopulation: 3000, prior: 0.5, sources: { soliguide: 1.5, 'emplois-de-linclusion': 1.5, dora: 1 },
    reseaux: ['emmaus'], siren: { kind: 'own', prefix: '3' },
    names: ({ c }) => ({ forms: list(`Communauté Emmaüs ${de(c)}`, `Emmaüs ${city(c)}`, `Emmaus ${city(c)}`, `Emmaüs - Bric à brac ${de(c)}`), legacy: [] }),
    web: ({ c }) => ({ site: `https://www.emmaus-${cslug(c)}.org`, domain: `emmaus-${cslug(c)}.org`, local: 'contact' }),
    services: ['hebergement', 'iae', 'vestiaire'],
  },
  epicerie: {
    key: 'epicerie', prior: 1.2, sources: { soliguide: 2, dora: 1, fredo: 0.5, cd35: 0.5 },
    reseaux: ['banques-alimentaires'], siren: { kind: 'own', prefix: '8' },
    names: ({ c, brand }) => ({ forms: list(`Épicerie solidaire ${brand}`, `Épicerie sociale ${de(c)}`, `Epicerie Solidaire ${city(c)}`, `${brand} - épicerie solidaire`, ...asso(brand)), legacy: [] }),
    web: ({ brand, rng }) => webmail(brand, rng),
    services: ['epicerie', 'budget'],
  },
  aci: {
    key: 'aci', prior: 3.5, sources: { 'emplois-de-linclusion': 5, dora: 1.5, soliguide: 0.2, 'mediation-numerique': 0.05 },
    reseaux: ['aci'], siren: { kind: 'own', prefix: '4' },
    names: ({ c, brand, rng }) => {
      const k = rng.int(5);
      const base = k === 0 ? `Jardins de Cocagne ${de(c)}` : k === 1 ? `Ressourcerie ${brand}` : k === 2 ? `Régie de quartier ${de(c)}` : k === 3 ? `Atelier Vélo ${brand}` : `${brand}`;
      return { forms: list(base, ...asso(base), `${base} - ACI`, `Chantier d’insertion ${base}`), legacy: [] };
    },
    web: ({ brand, rng }) => { const d = brandDomain(brand, rng); return rng.chance(0.3) ? webmail(brand, rng) : { site: `https://www.${d}`, domain: d, local: 'contact' }; },
    services: ['iae', 'emploi'],
  },
  ei: {
    key: 'ei', prior: 1.5, sources: { 'emplois-de-linclusion': 5, dora: 0.6 },
    reseaux: ['ei'], siren: { kind: 'own', prefix: '5' },
    names: ({ brand, c }) => ({ forms: list(`${brand}`, `SARL ${brand}`, `${brand} SAS`, `${brand} Insertion ${city(c)}`, `SCIC ${brand}`), legacy: [] }),
    web: ({ brand, rng }) => { const d = brandDomain(brand, rng); return { site: `https://www.${d}`, domain: d, local: rng.pick(['contact', 'accueil', 'rh']) }; },
    services: ['iae'],
  },
  etti: {
    key: 'etti', prior: 0.7, sources: { 'emplois-de-linclusion': 5, dora: 0.4 },
    reseaux: ['etti'], siren: { kind: 'own', prefix: '8' },
    names: ({ brand, c }) => ({ forms: list(`${brand} Intérim`, `ETTI ${brand}`, `${brand} Interim ${city(c)}`, `${brand} Intérim SAS`), legacy: [] }),
    web: ({ brand, rng }) => { const d = brandDomain(`${brand} interim`, rng); return { site: `https://www.${d}`, domain: d, local: 'agence' }; },
    services: ['iae', 'emploi'],
  },
  ai: {
    key: 'ai', prior: 0.7, sources: { 'emplois-de-linclusion': 5, dora: 0.6 },
    reseaux: ['ai'], siren: { kind: 'own', prefix: '3' },
    names: ({ brand, c }) => ({ forms: list(`${brand} Services`, `Association intermédiaire ${brand}`, `AI ${brand}`, `${brand} - AI ${city(c)}`), legacy: [] }),
    web: ({ brand, rng }) => { const d = brandDomain(brand, rng); return { site: `https://www.${d}`, domain: d, local: 'contact' }; },
    services: ['iae'],
  },
  geiq: {
    key: 'geiq', prior: 0.15, sources: { 'emplois-de-linclusion': 5, dora: 0.3 },
    reseaux: ['geiq'], siren: { kind: 'own', prefix: '4' },
    names: ({ c, rng }) => { const sector = rng.pick(['BTP', 'Propreté', 'Industrie', 'Transport Logistique', 'Sanitaire et Social']); return { forms: list(`GEIQ ${sector} ${c.departementNom}`, `Geiq ${sector} ${c.departement}`, `G.E.I.Q. ${sector}`), legacy: [] }; },
    web: ({ c }) => ({ site: null, domain: `geiq${c.departement.toLowerCase()}.fr`, local: 'contact' }),
    services: ['iae', 'formation'],
  },
  ea: {
    key: 'ea', prior: 0.5, sources: { 'emplois-de-linclusion': 4, dora: 0.4 },
    reseaux: ['ea'], siren: { kind: 'own', prefix: '4' },
    names: ({ brand }) => ({ forms: list(`Entreprise adaptée ${brand}`, `EA ${brand}`, `${brand}`), legacy: [] }),
    web: ({ brand, rng }) => { const d = brandDomain(brand, rng); return { site: `https://www.${d}`, domain: d, local: 'contact' }; },
    services: ['handicap', 'iae'],
  },
  esat: {
    key: 'esat', prior: 1, sources: { finess: 3, 'emplois-de-linclusion': 0.6, dora: 0.3 },
    reseaux: ['esat'], siren: { kind: 'own', prefix: '7' },
    names: ({ c, brand }) => ({ forms: list(`ESAT ${brand}`, `Établissement et Service d’Aide par le Travail ${brand}`, `ESAT ${de(c)}`, `ESAT ${brand} ${city(c)}`), legacy: [`CAT ${brand}`] }),
    web: ({ brand, rng }) => { const d = brandDomain(`esat ${brand}`, rng); return { site: `https://www.${d}`, domain: d, local: 'esat' }; },
    services: ['handicap'],
  },
  cmp: {
    key: 'cmp', minPopulation: 3000, prior: 1.4, sources: { finess: 3, soliguide: 0.4 },
    reseaux: ['cmp'], siren: { kind: 'dept', network: 'ch', prefix: '26' },
    names: ({ c, quartier }) => {
      const pub = quartier ?? 'adultes';
      return { forms: list(`CMP ${pub} ${de(c)}`, `Centre Médico-Psychologique ${pub} ${de(c)}`, `C.M.P. ${city(c)} ${pub}`, `CMP ${city(c)}`), legacy: [] };
    },
    web: ({ c }) => ({ site: null, domain: `ch-${cslug(c)}.fr`, local: 'cmp' }),
    services: ['santeMentale'],
  },
  centreSocial: {
    key: 'centreSocial', minPopulation: 3000, prior: 2, sources: { 'mediation-numerique': 1.5, dora: 1, soliguide: 0.8, cd35: 0.5 },
    reseaux: ['fcsf'], siren: { kind: 'own', prefix: '4' },
    names: ({ c, brand, rng }) => { const q = rng.pick(['', ' du Centre', ' des Quartiers Nord', ' Jean Moulin', ' Le Pont', ' des Bruyères']); return { forms: list(`Centre social ${brand}`, `Centre Social${q} ${de(c)}`, `Maison de quartier ${brand}`, `Espace de vie sociale ${brand}`, `CSC ${brand}`), legacy: [] }; },
    web: ({ brand, rng }) => { const d = brandDomain(`cs ${brand}`, rng); return { site: `https://www.${d}`, domain: d, local: 'accueil' }; },
    services: ['parentalite', 'ateliersNumeriques', 'loisirs', 'fle', 'droits'],
  },
  mediatheque: {
    key: 'mediatheque', prior: 1.8, sources: { 'mediation-numerique': 5, dora: 0.2 },
    reseaux: ['espaces-publics-numeriques'], siren: { kind: 'commune' }, publicBody: true,
    names: ({ c, rng }) => { const who = rng.pick(['Jules Verne', 'Victor Hugo', 'Louise Michel', 'Albert Camus', 'Simone Veil', 'George Sand', 'Jean de La Fontaine']); return { forms: list(`Médiathèque ${who}`, `Médiathèque ${de(c)}`, `Bibliothèque municipale ${de(c)}`, `Médiathèque ${who} - ${city(c)}`, `Mediatheque ${city(c)}`), legacy: [] }; },
    web: ({ c, rng }) => { const d = townDomain(c, rng); return { site: `https://mediatheque.${d}`, domain: d, local: 'mediatheque' }; },
    services: ['accesInternet', 'ateliersNumeriques'],
  },
  espaceNumerique: {
    key: 'espaceNumerique', prior: 3, sources: { 'mediation-numerique': 5, dora: 0.4, soliguide: 0.1 },
    reseaux: ['conseillers-numeriques'], siren: { kind: 'own', prefix: '8' },
    names: ({ c, brand }) => ({ forms: list(`Espace Public Numérique ${de(c)}`, `EPN ${city(c)}`, `Cyberbase ${city(c)}`, `Tiers-lieu numérique ${brand}`, `${brand} numérique`, `Conseiller numérique - ${city(c)}`), legacy: [`Conseiller numérique France Services - ${city(c)}`] }),
    web: ({ brand, rng }) => { const d = brandDomain(`${brand} numerique`, rng); return rng.chance(0.4) ? webmail(`epn ${brand}`, rng) : { site: `https://www.${d}`, domain: d, local: 'contact' }; },
    services: ['ateliersNumeriques', 'demarchesEnLigne', 'accesInternet'],
  },
  association: {
    key: 'association', prior: 4, sources: { dora: 2, soliguide: 1, 'mediation-numerique': 0.8, 'emplois-de-linclusion': 0.3, cd35: 1, fredo: 1.5, 'ma-boussole-aidants': 0.3 },
    reseaux: [], siren: { kind: 'own', prefix: '4' },
    names: ({ brand, c }) => ({ forms: list(...asso(brand), `${brand} ${city(c)}`, `ASSOCIATION ${brand.toUpperCase()}`), legacy: [] }),
    web: ({ brand, rng }) => { const d = brandDomain(brand, rng); return rng.chance(0.4) ? webmail(brand, rng) : { site: `https://www.${d}`, domain: d, local: rng.pick(['contact', 'accueil', 'secretariat']) }; },
    services: ['droits', 'accueilJour', 'loisirs', 'budget', 'logement', 'benevolat'],
  },
  fle: {
    key: 'fle', prior: 0.4, sources: { 'reseau-alpha': 5, dora: 0.5, soliguide: 0.4 },
    reseaux: [], siren: { kind: 'own', prefix: '4' },
    names: ({ brand, c }) => ({ forms: list(`${brand} - cours de français`, ...asso(brand), `ASTI ${city(c)}`, `Ateliers de français ${brand}`), legacy: [] }),
    web: ({ brand, rng }) => webmail(brand, rng),
    services: ['fle'],
  },
  organismeFormation: {
    key: 'organismeFormation', minPopulation: 3000, prior: 3, sources: { 'carif-oref': 5, dora: 0.15 },
    reseaux: [], siren: { kind: 'own', prefix: '5' },
    names: ({ c, brand, rng }) => {
      const k = rng.int(4);
      if (k === 0) return { forms: list(`AFPA ${city(c)}`, `Afpa - Centre ${de(c)}`, `Centre AFPA ${de(c)}`), legacy: [] };
      if (k === 1) return { forms: list(`GRETA ${c.departementNom}`, `Greta ${city(c)}`, `GRETA ${deDept(c)} - Agence ${de(c)}`), legacy: [] };
      return { forms: list(`${brand} Formation`, `Institut ${brand}`, `${brand} Formation SARL`, `CFA ${brand}`), legacy: [] };
    },
    web: ({ brand, rng }) => { const d = brandDomain(`${brand} formation`, rng); return { site: `https://www.${d}`, domain: d, local: 'formation' }; },
    services: ['formation', 'fle'],
  },
  creche: {
    key: 'creche', prior: 2, sources: { monenfant: 5, dora: 0.05 },
    reseaux: [], siren: { kind: 'commune' }, publicBody: true,
    names: ({ c, rng }) => { const n = rng.pick(['Les Petits Loups', 'Les Lutins', 'Pomme d’Api', 'Les Câlins', 'Les Diablotins', 'Arc-en-ciel', 'Les Bambins', 'Les P’tits Mousses']); return { forms: list(`Multi-accueil ${n}`, `Crèche ${n}`, `Crèche collective ${n} - ${city(c)}`, `Micro-crèche ${n}`, `MULTI ACCUEIL ${n.toUpperCase()}`), legacy: [] }; },
    web: ({ c, rng }) => { const d = townDomain(c, rng); return { site: null, domain: d, local: 'petite-enfance' }; },
    services: ['garde'],
  },
  mobilite: {
    key: 'mobilite', prior: 0.8, sources: { 'mes-aides': 5, dora: 0.5, fredo: 0.3 },
    reseaux: ['mobin'], siren: { kind: 'own', prefix: '8' },
    names: ({ c, brand, rng }) => { const k = rng.int(3); const base = k === 0 ? `Garage solidaire ${brand}` : k === 1 ? `Auto-école sociale ${brand}` : `Plateforme mobilité ${de(c)}`; return { forms: list(base, ...asso(base), `${base} ${city(c)}`), legacy: [] }; },
    web: ({ brand, rng }) => { const d = brandDomain(`${brand} mobilite`, rng); return { site: `https://www.${d}`, domain: d, local: 'contact' }; },
    services: ['garage', 'mobilite', 'permis'],
  },
  mds: {
    key: 'mds', minPopulation: 3000, prior: 1, sources: { 'ma-boussole-aidants': 3, cd35: 3, dora: 1, soliguide: 0.3 },
    reseaux: ['maisons-des-solidarites', 'departements'], siren: { kind: 'dept', network: 'departement', prefix: '22' }, publicBody: true,
    names: ({ c }) => ({ forms: list(`Maison Départementale des Solidarités ${de(c)}`, `MDS ${city(c)}`, `Espace Départemental des Solidarités ${de(c)}`, `Centre médico-social ${de(c)}`), legacy: [`CDAS ${de(c)}`, `Circonscription d’action sociale ${de(c)}`] }),
    web: ({ c }) => ({ site: null, domain: `departement${c.departement.toLowerCase()}.fr`, local: `mds.${cslug(c)}` }),
    services: ['rsa', 'parentalite', 'secours', 'logement', 'droits'],
  },
  mda: {
    key: 'mda', prior: 0.3, sources: { 'ma-boussole-aidants': 3, dora: 0.5 },
    reseaux: ['maison-departementale-de-lautonomie', 'mdph'], siren: { kind: 'dept', network: 'departement', prefix: '22' }, publicBody: true,
    names: ({ c }) => ({ forms: list(`Maison Départementale de l’Autonomie ${deDept(c)}`, `MDA ${c.departementNom}`, `MDA ${city(c)}`), legacy: [`MDPH ${deDept(c)}`, `Maison Départementale des Personnes Handicapées ${deDept(c)}`] }),
    web: ({ c }) => ({ site: null, domain: `departement${c.departement.toLowerCase()}.fr`, local: 'mda' }),
    services: ['mdph', 'aidants'],
  },
  plie: {
    key: 'plie', minPopulation: 10000, prior: 0.2, sources: { dora: 1.5, 'emplois-de-linclusion': 1 },
    reseaux: ['plie'], siren: { kind: 'own', prefix: '2' },
    names: ({ c }) => ({ forms: list(`PLIE ${c.epciNom ?? city(c)}`, `Plan Local pour l’Insertion et l’Emploi ${de(c)}`, `PLIE ${de(c)}`), legacy: [] }),
    web: ({ c }) => ({ site: null, domain: `plie-${cslug(c)}.fr`, local: 'contact' }),
    services: ['emploi', 'rsa'],
  },
  maisonEmploi: {
    key: 'maisonEmploi', minPopulation: 8000, prior: 0.3, sources: { dora: 1, 'emplois-de-linclusion': 0.5, 'mediation-numerique': 0.3 },
    reseaux: ['maisons-de-l-emploi'], siren: { kind: 'own', prefix: '2' },
    names: ({ c }) => ({ forms: list(`Maison de l’Emploi ${de(c)}`, `MDE ${city(c)}`, `Maison de l'emploi et de la formation ${de(c)}`), legacy: [] }),
    web: ({ c }) => ({ site: `https://www.mde-${cslug(c)}.fr`, domain: `mde-${cslug(c)}.fr`, local: 'accueil' }),
    services: ['emploi', 'cv', 'formation'],
  },
  chrs: {
    key: 'chrs', minPopulation: 5000, prior: 1, sources: { soliguide: 2, 'emplois-de-linclusion': 0.4, dora: 0.5, fredo: 0.5 },
    reseaux: ['chrs'], siren: { kind: 'own', prefix: '7' },
    names: ({ c, brand }) => ({ forms: list(`CHRS ${brand}`, `Centre d’Hébergement et de Réinsertion Sociale ${brand}`, `Accueil de jour ${brand}`, `Halte de nuit ${de(c)}`), legacy: [] }),
    web: ({ brand, rng }) => { const d = brandDomain(brand, rng); return { site: `https://www.${d}`, domain: d, local: 'chrs' }; },
    services: ['hebergement', 'accueilJour', 'domiciliation'],
  },
  fjt: {
    key: 'fjt', minPopulation: 10000, prior: 0.4, sources: { dora: 1, soliguide: 0.8 },
    reseaux: ['residences-fjt'], siren: { kind: 'own', prefix: '7' },
    names: ({ c, brand }) => ({ forms: list(`Résidence Habitat Jeunes ${brand}`, `Habitat Jeunes ${city(c)}`, `Résidence ${brand}`), legacy: [`Foyer de Jeunes Travailleurs ${brand}`, `FJT ${brand}`] }),
    web: ({ brand, rng }) => { const d = brandDomain(`hj ${brand}`, rng); return { site: `https://www.${d}`, domain: d, local: 'accueil' }; },
    services: ['logement', 'jeunes'],
  },
  pimms: {
    key: 'pimms', minPopulation: 10000, prior: 0.2, sources: { 'mediation-numerique': 2, dora: 1 },
    reseaux: ['pimms-mediation'], siren: { kind: 'own', prefix: '4' },
    names: ({ c }) => ({ forms: list(`PIMMS Médiation ${city(c)}`, `Pimms ${de(c)}`, `Point Information Médiation Multi Services ${de(c)}`), legacy: [] }),
    web: ({ c }) => ({ site: 'https://www.pimms.org', domain: 'pimms.org', local: cslug(c) }),
    services: ['droits', 'demarchesEnLigne', 'budget'],
  },
  pointJustice: {
    key: 'pointJustice', minPopulation: 5000, prior: 0.5, sources: { soliguide: 1.5, dora: 1, fredo: 0.3 },
    reseaux: ['points-justice'], siren: { kind: 'dept', network: 'cdad', prefix: '1' }, publicBody: true,
    names: ({ c }) => ({ forms: list(`Point-Justice ${de(c)}`, `Point Justice ${city(c)}`, `Maison de Justice et du Droit ${de(c)}`), legacy: [`Point d’Accès au Droit ${de(c)}`, `MJD ${city(c)}`] }),
    web: () => ({ site: 'https://www.justice.fr', domain: 'justice.fr', local: 'pad' }),
    services: ['justice', 'femmes'],
  },
  cidff: {
    key: 'cidff', minPopulation: 20000, prior: 0.3, sources: { dora: 1, soliguide: 1 },
    reseaux: ['cidff'], siren: { kind: 'dept', network: 'cidff', prefix: '7' },
    names: ({ c }) => ({ forms: list(`CIDFF ${deDept(c)}`, `Centre d’Information sur les Droits des Femmes et des Familles ${deDept(c)}`, `CIDFF ${c.departement} - permanence ${de(c)}`), legacy: [] }),
    web: ({ c }) => ({ site: `https://${c.departement.toLowerCase()}.cidff.info`, domain: 'cidff.info', local: `cidff${c.departement.toLowerCase()}` }),
    services: ['femmes', 'justice'],
  },
  pcb: {
    key: 'pcb', prior: 0.3, sources: { dora: 1, soliguide: 0.7, fredo: 0.5 },
    reseaux: ['points-conseil-budget'], siren: { kind: 'own', prefix: '4' },
    names: ({ c, brand }) => ({ forms: list(`Point Conseil Budget ${de(c)}`, `PCB ${city(c)}`, `Point conseil budget - ${brand}`), legacy: [] }),
    web: ({ brand, rng }) => { const d = brandDomain(brand, rng); return { site: null, domain: d, local: 'pcb' }; },
    services: ['budget'],
  },
  creation: {
    key: 'creation', minPopulation: 10000, prior: 0.4, sources: { dora: 1, 'emplois-de-linclusion': 0.3, 'carif-oref': 0.3 },
    reseaux: ['adie'], siren: { kind: 'fixed', siren: '352869698' },
    names: ({ c, rng }) => { const n = rng.pick(['Adie', 'BGE', 'Initiative']); return { forms: list(`${n} ${city(c)}`, `${n} - Agence ${de(c)}`, `${n} ${c.departementNom}`), legacy: [] }; },
    web: () => ({ site: 'https://www.adie.org', domain: 'adie.org', local: 'contact' }),
    services: ['creation'],
  },
  actionLogement: {
    key: 'actionLogement', minPopulation: 20000, prior: 0.1, sources: { 'action-logement': 5 },
    reseaux: ['action-logement'], siren: { kind: 'fixed', siren: '824541148' },
    names: ({ c }) => ({ forms: list(`Action Logement Services - ${city(c)}`, `Action Logement ${city(c)}`, `Agence Action Logement ${de(c)}`), legacy: [] }),
    web: () => ({ site: 'https://www.actionlogement.fr', domain: 'actionlogement.fr', local: 'contact' }),
    services: ['logement'],
  },
  agefiph: {
    key: 'agefiph', prior: 0.02, sources: { agefiph: 5 },
    reseaux: ['agefiph'], siren: { kind: 'fixed', siren: '316655158' },
    names: ({ c }) => ({ forms: list(`Agefiph - Délégation régionale ${de(c)}`, `Agefiph ${city(c)}`), legacy: [] }),
    web: () => ({ site: 'https://www.agefiph.fr', domain: 'agefiph.asso.fr', local: 'contact' }),
    services: ['handicap'],
  },
};

export const KIND_LIST: Kind[] = Object.values(KINDS);

/** Branch names for several agencies of one network in one city. */
export const QUARTIERS = ['Nord', 'Sud', 'Est', 'Ouest', 'Centre', 'Rive Gauche', 'Rive Droite'];
