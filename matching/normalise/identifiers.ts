/**
 * Identifiers: SIRET/SIREN, emails, web domains, INSEE codes with arrondissements folded, postal codes.
 */
import { luhnValid } from '../../src/model/checks.js';

/**
 * A SIRET as 14 Luhn-valid digits (La Poste excepted), or ''.
 *
 * @example
 *   normaliseSiret('130 030 133 00016') // "13003013300016"
 *   normaliseSiret('00000000000000')    // ""
 */
export function normaliseSiret(value: string): string {
  const d = value.replace(/[\s.\-]/g, '');
  if (!/^\d{14}$/.test(d) || /^0+$/.test(d)) return '';
  return luhnValid(d) ? d : '';
}

/**
 * The SIREN (first 9 digits) of a normalised SIRET, or ''.
 *
 * @example
 *   sirenOf('13003013300016') // "130030133"
 */
export function sirenOf(siret: string): string {
  return siret.length === 14 ? siret.slice(0, 9) : '';
}

/** Mail domains a network renamed, old → new: one mailbox, both spellings still published. */
const RENAMED_MAIL_DOMAINS: Record<string, string> = {
  // Pôle emploi became France Travail on 1 January 2024, its agencies' mailboxes with it
  'pole-emploi.fr': 'francetravail.fr',
};

/**
 * An email in lower case when it looks like one (a renamed network's old domain replaced by its
 * new one), else ''.
 *
 * @example
 *   normaliseEmail(' Contact@CCAS-Rennes.fr ')          // "contact@ccas-rennes.fr"
 *   normaliseEmail('ape.brest@pole-emploi.fr')          // "ape.brest@francetravail.fr"
 */
export function normaliseEmail(value: string): string {
  const s = value.trim().toLowerCase().replace(/^mailto:/, '');
  if (!/^[^\s@,;]+@[^\s@,;]+\.[a-z]{2,}$/.test(s)) return '';
  const at = s.lastIndexOf('@');
  const renamed = RENAMED_MAIL_DOMAINS[s.slice(at + 1)];
  return renamed ? s.slice(0, at + 1) + renamed : s;
}

/** Hosts shared by thousands of unrelated organisations: their domain says nothing. */
export const GENERIC_HOSTS = new Set([
  'facebook.com', 'fb.com', 'fb.me', 'instagram.com', 'twitter.com', 'x.com', 'linkedin.com', 'youtube.com',
  'wixsite.com', 'wix.com', 'jimdo.com', 'jimdofree.com', 'jimdosite.com', 'over-blog.com', 'overblog.com',
  'blogspot.com', 'blogspot.fr', 'wordpress.com', 'e-monsite.com', 'sitew.com', 'sitew.fr', 'google.com',
  'sites.google.com', 'free.fr', 'orange.fr', 'wanadoo.fr', 'gmail.com', 'hotmail.fr', 'hotmail.com',
  'yahoo.fr', 'laposte.net', 'helloasso.com', 'linktr.ee', 'business.site', 'pagesjaunes.fr', 'webnode.fr',
  'gouv.fr', 'service-public.fr', 'francetravail.fr', 'pole-emploi.fr', 'caf.fr', 'ameli.fr', 'dora.fr',
  'soliguide.fr', 'monenfant.fr', 'lesrestosducoeur.org', 'restosducoeur.org', 'secourspopulaire.fr',
  'secours-catholique.org', 'croix-rouge.fr', 'emmaus-france.org', 'mission-locale.fr', 'unml.info',
]);

/** Second-level public suffixes seen in French web addresses. */
const TWO_LEVEL = new Set(['gouv.fr', 'asso.fr', 'com.fr', 'co.uk', 'org.uk', 'nom.fr', 'tm.fr']);

/**
 * The registrable domain of a website or an email, or '' when generic (social networks, site
 * builders, webmails, national networks' portals).
 *
 * @example
 *   registrableDomain('https://www.ccas-rennes.fr/contact') // "ccas-rennes.fr"
 *   registrableDomain('https://monasso.wixsite.com/accueil') // ""
 */
export function registrableDomain(value: string): string {
  let s = value.trim().toLowerCase();
  if (!s) return '';
  const at = s.lastIndexOf('@');
  if (at >= 0) s = s.slice(at + 1);
  s = s.replace(/^[a-z][a-z0-9+.\-]*:\/\//, '').replace(/[/?#:].*$/, '').replace(/\.$/, '');
  if (!/^[a-z0-9.\-]+\.[a-z]{2,}$/.test(s)) return '';
  const parts = s.split('.');
  const last2 = parts.slice(-2).join('.');
  const domain = TWO_LEVEL.has(last2) && parts.length >= 3 ? parts.slice(-3).join('.') : last2;
  if (GENERIC_HOSTS.has(domain) || GENERIC_HOSTS.has(s) || GENERIC_HOSTS.has(last2)) return '';
  return domain;
}

/**
 * An INSEE commune code with Paris, Lyon and Marseille arrondissements folded into their commune.
 *
 * @example
 *   normaliseInsee('75112') // "75056"
 *   normaliseInsee('2A004') // "2A004"
 */
export function normaliseInsee(value: string): string {
  const s = value.trim().toUpperCase();
  if (!/^(\d{5}|2[AB]\d{3}|97\d{3})$/.test(s)) return '';
  if (/^751(0[1-9]|1\d|20)$/.test(s)) return '75056';
  if (/^6938[1-9]$/.test(s)) return '69123';
  if (/^132(0[1-9]|1[0-6])$/.test(s)) return '13055';
  return s;
}

/**
 * A 5-digit French postal code (leading zero restored), or the folded value for other countries.
 *
 * @example
 *   normalisePostcode('6000')  // "06000"
 *   normalisePostcode('75 011') // "75011"
 */
export function normalisePostcode(value: string): string {
  const s = value.replace(/\s+/g, '');
  if (/^\d{4}$/.test(s)) return '0' + s;
  return /^[0-9A-Za-z\-]{3,10}$/.test(s) ? s.toUpperCase() : '';
}

/**
 * A coordinate pair kept only when it is a real place in metropolitan or overseas France.
 * Returns [lat, lon] or null (NaN, 0/0, swapped or out-of-range values).
 *
 * @example
 *   checkCoordinates(48.11, -1.68) // [48.11, -1.68]
 *   checkCoordinates(0, 0)         // null
 */
export function checkCoordinates(lat: number, lon: number, anywhere = false): [number, number] | null {
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  if (lat === 0 && lon === 0) return null;
  if (anywhere) return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? [lat, lon] : null;
  for (const [a, b, c, d] of FRANCE_BOXES) if (lat >= a && lat <= b && lon >= c && lon <= d) return [lat, lon];
  return null;
}

/** [minLat, maxLat, minLon, maxLon] of metropolitan France and each overseas territory. */
const FRANCE_BOXES: [number, number, number, number][] = [
  [41.3, 51.2, -5.3, 9.7], // métropole + Corse
  [15.8, 18.2, -63.2, -60.8], // Guadeloupe, Saint-Martin, Saint-Barthélemy
  [14.3, 15, -61.3, -60.7], // Martinique
  [2, 6, -54.7, -51.5], // Guyane
  [-21.5, -20.8, 55.1, 56], // La Réunion
  [-13.1, -12.5, 44.9, 45.4], // Mayotte
  [46.7, 47.2, -56.5, -56], // Saint-Pierre-et-Miquelon
  [-23, -19, 163, 169], // Nouvelle-Calédonie
  [-28, -7, -155, -134], // Polynésie
  [-14.5, -13, -178.3, -176], // Wallis-et-Futuna
];
