import { describe, expect, it } from 'vitest';
import {
  normaliseName, normaliseAddress, houseNumber, normalisePhone, normaliseSiret, sirenOf, normaliseEmail,
  registrableDomain, normaliseInsee, normalisePostcode, checkCoordinates, fold, officeKind, audienceOfName, speller,
} from '../../matching/index.js';

describe('names', () => {
  it('expands the sigles and abbreviations producers use', () => {
    expect(normaliseName("Centre Communal d'Action Sociale de Saint-Denis")).toBe('ccas saint denis');
    expect(normaliseName('CCAS St Denis')).toBe('ccas saint denis');
    expect(normaliseName('C.I.A.S. du Pays de Redon')).not.toBe('');
    expect(normaliseName("Centre intercommunal d'action sociale Pays de Redon")).toBe('cias pays redon');
    expect(normaliseName('Mission Locale du Bassin Rennais')).toBe(normaliseName('ML Bassin Rennais'));
    expect(normaliseName('Pôle Emploi Rennes Nord')).toBe(normaliseName('France Travail - Rennes Nord'));
    expect(normaliseName('Asso. Les Restos du Cœur')).toBe('restosducoeur');
    // a legal form is not part of the name
    expect(normaliseName('Le Phare (association)')).toBe(normaliseName('Association Le Phare'));
    expect(normaliseName('SCIC Tremplin')).toBe('tremplin');
    // one kind of place, several names; a network's word for its local unit
    expect(normaliseName('Cyber-base de Lens')).toBe('epn lens');
    expect(normaliseName('Espace France Services de Lannion')).toBe(normaliseName('France Services Lannion'));
    expect(normaliseName('CSC Arc-en-Ciel')).toBe(normaliseName('Centre social et culturel Arc-en-Ciel'));
    expect(normaliseName('Espace de vie sociale Escale')).toBe(normaliseName('Maison de quartier Escale'));
    expect(normaliseName('Secours Catholique - Équipe de Lattes')).toBe('secourscatholique lattes');
    expect(normaliseName('Croix-Rouge française - Unité locale de Lunel')).toBe('croixrouge lunel');
    // the conseillers numériques programme's former name is not a France Services office
    expect(normaliseName('Conseiller numérique France Services - Crach')).toBe('conseillernumerique crach');
    expect(officeKind('Conseiller numérique France Services - Crach')).toBe('');
    expect(normaliseName('Les Restaurants du coeur')).toBe('restosducoeur');
  });
  it('collapses dotted sigles and maps the other names of one kind of office to one word', () => {
    expect(normaliseName('C.C.A.S. du Bouscat')).toBe(normaliseName('CCAS - Le Bouscat'));
    expect(normaliseName("Bureau d'aide sociale de Mutzig")).toBe('ccas mutzig');
    expect(normaliseName("Centre communal d'action sociale (CCAS) de Bruges")).toBe('ccas bruges');
    expect(normaliseName('G.E.I.Q. BTP')).toBe('geiq btp');
    expect(normaliseName('Hôtel de Ville de Pabu')).toBe(normaliseName('Mairie de Pabu'));
    expect(normaliseName('Commune de Pabu')).toBe('mairie pabu');
    expect(normaliseName('Centre Médico-Psychologique adultes')).toBe('cmp adultes');
    expect(normaliseName('SPF Dijon')).toBe(normaliseName('Secours populaire français Dijon'));
    expect(normaliseName('Agence France Travail de Sète')).toBe(normaliseName('FRANCE TRAVAIL SETE'));
  });
  it('reads the kind of office a name states', () => {
    expect(officeKind('Hôtel de Ville de Pabu')).toBe('mairie');
    expect(officeKind('C.C.A.S. de Pabu')).toBe('ccas');
    expect(officeKind('Maison France Services de Pabu')).toBe('franceservices');
    expect(officeKind('Pôle emploi Rennes')).toBe(officeKind('France Travail Rennes'));
    expect(officeKind('Multi-accueil Les Lutins')).toBe('creche');
    expect(officeKind('La Ruche Insertion')).toBe('');
  });
  it('reads kind words through one typo, never a short word that only looks like one', () => {
    expect(officeKind('Mairrie de Pabu')).toBe('mairie');
    expect(officeKind('Commjne de Lyon')).toBe('mairie');
    expect(officeKind('Misison Locale de Brest')).toBe('missionlocale');
    expect(officeKind('Frnace Services Pabu')).toBe('franceservices');
    expect(officeKind('Franc services - Saint-Germain-du-Plain')).toBe('franceservices');
    expect(normaliseName("Centre comunal d'action sociale de Pabu")).toBe('ccas pabu');
    expect(normaliseName('Secours popualire Dijon')).toBe(normaliseName('Secours populaire Dijon'));
    expect(officeKind('Maison Marie Curie')).toBe('');
    const fix = speller(['mairie', 'action', 'actions']);
    expect(fix('maiirie')).toBe('mairie');
    expect(fix('miarie')).toBe('mairie');
    expect(fix('marie')).toBe('marie');
    expect(fix('actiona')).toBe('actiona'); // one edit from two words: left alone
    expect(fix('actions')).toBe('actions');
  });
  it('reads the public a name states', () => {
    expect(audienceOfName(normaliseName('CMP ADULTES DE DENAIN'))).toBe('adultes');
    expect(audienceOfName(normaliseName('CMP infanto-juvénile de Denain'))).toBe('enfants');
    expect(audienceOfName(normaliseName('C.M.P. Saint-Seurin enfants et adolescents'))).toBe('enfants');
    expect(audienceOfName(normaliseName('CMP de Denain'))).toBe('');
    expect(audienceOfName(normaliseName('Maison des parents et des enfants, accueil adultes'))).toBe('');
  });
  it('folds accents, ligatures, case and punctuation', () => {
    expect(fold("L'ŒUVRE d’Orient — Épinal")).toBe('l oeuvre d orient epinal');
    expect(normaliseName('  ')).toBe('');
  });
});

describe('addresses', () => {
  it('canonicalises street types, repetition indexes, BP and CEDEX', () => {
    expect(normaliseAddress('12 B, av. Jean-Jaurès BP 45 CEDEX 3')).toBe('12 bis avenue jean jaures');
    expect(normaliseAddress('12bis Avenue Jean Jaures')).toBe('12 bis avenue jean jaures');
    expect(normaliseAddress('3 ter bd de la Liberté')).toBe('3 ter boulevard liberte');
    expect(normaliseAddress('5 imp. des Lilas')).toBe('5 impasse lilas');
    expect(normaliseAddress('8 chem. du Moulin')).toBe('8 chemin moulin');
    expect(normaliseAddress('1 r. de Paris')).toBe(normaliseAddress('1 rue de Paris'));
    expect(houseNumber(normaliseAddress('12 B av. Foch'))).toBe('12bis');
  });
  it('keeps the street of a one-line address, without its complement or its town', () => {
    expect(normaliseAddress('Porte 3, 2 Rue Voltaire, 75015 Paris')).toBe('2 rue voltaire');
    expect(normaliseAddress('26 Rue Charles de Gaulle, Immeuble Le Forum')).toBe('26 rue charles gaulle');
    expect(normaliseAddress('1er étage, rue de la Libération')).toBe('rue liberation');
    expect(normaliseAddress('7 Boulevard Carnot BP 901, 97430 Le Tampon')).toBe('7 boulevard carnot');
    expect(normaliseAddress('12 rue Pasteur 59000 Lille')).toBe('12 rue pasteur');
    expect(normaliseAddress('1 Rue du 11 Novembre 1918')).toBe('1 rue 11 novembre 1918');
  });
  it('reads a house number followed by a comma ("26, q. de la Mairie") with its street', () => {
    expect(normaliseAddress('26, q. de la Mairie')).toBe('26 quai mairie');
    expect(normaliseAddress('12, ch. du Moulin')).toBe('12 chemin moulin');
    expect(normaliseAddress('3, fg Carnot')).toBe('3 faubourg carnot');
    expect(normaliseAddress('7, boul. Carnot')).toBe('7 boulevard carnot');
    expect(normaliseAddress('3 bis, rue Foch')).toBe('3 bis rue foch');
    // q after a number is quater only when a street type follows
    expect(normaliseAddress('12 q rue Voltaire')).toBe('12 quater rue voltaire');
    expect(normaliseAddress('12 q. Voltaire')).toBe('12 quai voltaire');
  });
});

describe('phones', () => {
  it('writes French numbers in E.164, overseas prefixes first', () => {
    expect(normalisePhone('01 23 45 67 89')).toBe('+33123456789');
    expect(normalisePhone('01.23.45.67.89')).toBe('+33123456789');
    expect(normalisePhone('+33 (0)1 23 45 67 89')).toBe('+33123456789');
    expect(normalisePhone('0033 1 23 45 67 89')).toBe('+33123456789');
    expect(normalisePhone('0262 12 34 56')).toBe('+262262123456'); // La Réunion
    expect(normalisePhone('06 92 12 34 56')).toBe('+262692123456'); // Réunion mobile
    expect(normalisePhone('05 90 12 34 56')).toBe('+590590123456'); // Guadeloupe
    expect(normalisePhone('0596 12 34 56')).toBe('+596596123456'); // Martinique
    expect(normalisePhone('0594 12 34 56')).toBe('+594594123456'); // Guyane
    expect(normalisePhone('0269 61 23 45')).toBe('+262269612345'); // Mayotte
  });
  it('keeps short numbers, drops several numbers in one string', () => {
    expect(normalisePhone('3631')).toBe('3631');
    expect(normalisePhone('115')).toBe('115');
    expect(normalisePhone('01 23 45 67 89 / 06 12 34 56 78')).toBe('');
    expect(normalisePhone('')).toBe('');
  });
  it('uses the default country for other national formats', () => {
    expect(normalisePhone('310/246-1501', 'US')).toBe('+13102461501');
    expect(normalisePhone('310-246-1501', 'US')).toBe('+13102461501');
  });
});

describe('identifiers', () => {
  it('keeps Luhn-valid 14-digit SIRETs and derives the SIREN', () => {
    expect(normaliseSiret('130 030 133 00016')).toBe('13003013300016');
    expect(normaliseSiret('13003013300017')).toBe(''); // Luhn fails
    expect(normaliseSiret('00000000000000')).toBe('');
    expect(normaliseSiret('1300301330001')).toBe('');
    expect(normaliseSiret('35600000000048')).toBe('35600000000048'); // La Poste
    expect(sirenOf('13003013300016')).toBe('130030133');
  });
  it('normalises emails and registrable domains, excluding generic hosts', () => {
    expect(normaliseEmail(' Contact@CCAS-Rennes.fr ')).toBe('contact@ccas-rennes.fr');
    expect(normaliseEmail('pas un email')).toBe('');
    expect(normaliseEmail('APE.Brest@pole-emploi.fr')).toBe(normaliseEmail('ape.brest@francetravail.fr'));
    expect(normaliseEmail('contact@pole-emploi.fr.example.org')).toBe('contact@pole-emploi.fr.example.org');
    expect(registrableDomain('https://www.ccas-rennes.fr/contact?x=1')).toBe('ccas-rennes.fr');
    expect(registrableDomain('http://accueil.ccas-rennes.fr')).toBe('ccas-rennes.fr');
    expect(registrableDomain('contact@ccas-rennes.fr')).toBe('ccas-rennes.fr');
    expect(registrableDomain('https://www.facebook.com/ccasrennes')).toBe('');
    expect(registrableDomain('https://monasso.wixsite.com/accueil')).toBe('');
    expect(registrableDomain('marie.dupont@gmail.com')).toBe('');
  });
  it('folds Paris, Lyon and Marseille arrondissements', () => {
    expect(normaliseInsee('75112')).toBe('75056');
    expect(normaliseInsee('75101')).toBe('75056');
    expect(normaliseInsee('69385')).toBe('69123');
    expect(normaliseInsee('13216')).toBe('13055');
    expect(normaliseInsee('35238')).toBe('35238');
    expect(normaliseInsee('2A004')).toBe('2A004');
    expect(normaliseInsee('abc')).toBe('');
    expect(normalisePostcode('6000')).toBe('06000');
  });
  it('drops impossible coordinates', () => {
    expect(checkCoordinates(48.11, -1.68)).toEqual([48.11, -1.68]);
    expect(checkCoordinates(-20.88, 55.45)).toEqual([-20.88, 55.45]); // La Réunion
    expect(checkCoordinates(0, 0)).toBeNull();
    expect(checkCoordinates(NaN, 2)).toBeNull();
    expect(checkCoordinates(-1.68, 48.11)).toBeNull(); // swapped
    expect(checkCoordinates(40.7, -74)).toBeNull(); // New York
  });
});
