/**
 * Quality checks that are not schema errors: reported as warnings, never rejections.
 */

/** La Poste's SIREN: its establishments' SIRETs do not follow the Luhn rule. */
export const LA_POSTE_SIREN = '356000000';

/**
 * Luhn check of a SIRET (14 digits) or SIREN (9 digits); La Poste's SIRETs pass by exception.
 *
 * @example
 *   luhnValid('13003013300016') // true
 */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  if (digits.length === 14 && digits.startsWith(LA_POSTE_SIREN)) return true;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Webmail hosts where an address usually belongs to a person rather than to a structure. */
export const WEBMAIL_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'hotmail.com', 'hotmail.fr', 'live.fr', 'live.com', 'outlook.fr',
  'outlook.com', 'msn.com', 'yahoo.fr', 'yahoo.com', 'orange.fr', 'wanadoo.fr', 'free.fr',
  'laposte.net', 'sfr.fr', 'neuf.fr', 'icloud.com', 'me.com', 'aol.com', 'gmx.fr', 'gmx.com',
  'bbox.fr', 'numericable.fr', 'protonmail.com', 'proton.me',
]);

/**
 * Flags emails of the form firstname.lastname@webmail (or firstname.x@webmail) as personal data,
 * as the national pipeline does. Role addresses (contact@, accueil@, ccas.ville@…) are not flagged.
 *
 * @example
 *   looksPersonalEmail('marie.dupont@gmail.com') // true
 *   looksPersonalEmail('ccas@mairie-rennes.fr')   // false
 */
export function looksPersonalEmail(email: string): boolean {
  const at = email.lastIndexOf('@');
  if (at < 1) return false;
  const local = email.slice(0, at).toLowerCase();
  const domain = email.slice(at + 1).toLowerCase();
  if (!WEBMAIL_DOMAINS.has(domain)) return false;
  return /^[a-zà-ÿ]+([.\-_][a-zà-ÿ]+)*[.\-_][a-zà-ÿ0-9]+$/.test(local) && !ROLE_WORDS.test(local);
}

const ROLE_WORDS =
  /(^|[.\-_])(contact|accueil|info|infos|secretariat|ccas|cias|mairie|association|asso|direction|admin|bureau|service|services|social|emploi|mission|centre|epicerie|restos|secours)([.\-_]|$)/;

/** Today's date as `YYYY-MM-DD` in the process time zone (pin TZ in tests). */
export function isoToday(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
