/**
 * Emails and websites as producers write them, including the personal addresses the national
 * pipeline flags and the legacy domains of renamed bodies.
 */
import type { Rng } from './rng.js';

const FIRST = ['marie', 'nathalie', 'isabelle', 'sophie', 'sandrine', 'celine', 'julie', 'camille', 'pierre', 'nicolas', 'thomas', 'julien', 'david', 'christophe', 'laurent', 'karim', 'fatima', 'sarah', 'lea', 'manon'];
const LAST = ['martin', 'bernard', 'dubois', 'thomas', 'robert', 'richard', 'petit', 'durand', 'leroy', 'moreau', 'simon', 'laurent', 'lefebvre', 'michel', 'garcia', 'david', 'bertrand', 'roux', 'vincent', 'fournier'];
const WEBMAIL = ['gmail.com', 'orange.fr', 'hotmail.fr', 'yahoo.fr', 'wanadoo.fr', 'free.fr', 'laposte.net', 'outlook.fr'];

/** "firstname.lastname@webmail": what a worker leaves in a form, and the pipeline flags. */
export function personalEmail(rng: Rng): string {
  const f = rng.pick(FIRST);
  const l = rng.pick(LAST);
  const local = rng.chance(0.7) ? `${f}.${l}` : rng.chance(0.5) ? `${f}-${l}` : `${f}.${l[0]}`;
  return `${local}@${rng.pick(WEBMAIL)}`;
}

/** A person's name for `contact_nom_prenom`. */
export function personName(rng: Rng): string {
  const cap = (s: string) => s[0]?.toUpperCase() + s.slice(1);
  return rng.chance(0.5) ? `${cap(rng.pick(FIRST))} ${cap(rng.pick(LAST))}` : `${rng.pick(LAST).toUpperCase()} ${cap(rng.pick(FIRST))}`;
}

/**
 * Writes an email: usually as given, sometimes capitalised, with another role address of the same
 * domain, or the legacy domain.
 */
export function renderEmail(local: string, domain: string, rng: Rng, legacyDomain: string | null): string {
  let l = local;
  let d = domain;
  if (legacyDomain && rng.chance(0.8)) d = legacyDomain;
  if (rng.chance(0.1)) l = rng.pick(['contact', 'accueil', 'secretariat', 'info']);
  let email = `${l}@${d}`;
  if (rng.chance(0.06)) email = email[0]?.toUpperCase() + email.slice(1);
  else if (rng.chance(0.03)) email = email.toUpperCase();
  return email;
}

/** Writes a website: scheme, www and trailing slash vary; some point to a page of the site. */
export function renderSite(site: string, rng: Rng): string {
  let s = site;
  if (rng.chance(0.2)) s = s.replace('https://', 'http://');
  if (rng.chance(0.15)) s = s.replace('://www.', '://');
  if (rng.chance(0.15)) s += '/';
  else if (rng.chance(0.05)) s += rng.pick(['/contact', '/nous-trouver', '/accueil.html']);
  return s;
}
