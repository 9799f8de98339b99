/**
 * HTML descriptions (Soliguide, Agefiph, Réseau Alpha) to plain text.
 */
import { convert } from 'html-to-text';

/**
 * @example
 *   htmlToText('<p>Accueil <b>sans</b> rendez-vous</p>') // 'Accueil sans rendez-vous'
 */
export function htmlToText(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  if (!/[<&]/.test(value)) return value.trim();
  const text = convert(value, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
    ],
  }).replace(/\n{3,}/g, '\n\n').trim();
  return text === '' ? null : text;
}
