/**
 * Typos in the words that name a kind of office ("Maiirie", "Misison locale", "Centre comunal
 * d'action sociale"): a name whose kind word is misspelt states no kind, so the veto that keeps a
 * town hall apart from the CCAS it hosts never fires. Words of the office vocabulary are restored
 * when a folded token is one edit away (insertion, deletion, substitution or adjacent transposition).
 */
import { distance } from 'fastest-levenshtein';

/** Tokens shorter than this are never corrected ("marie" is a first name, not a typo of "mairie"). */
const MIN_LENGTH = 6;

/** Corrections remembered per speller (a few MB at most). */
const MEMO_SIZE = 100_000;

/**
 * Builds a corrector over a vocabulary (folded words, {@link MIN_LENGTH}+ letters): an index of each
 * word and of its one-letter deletions finds the candidates, an edit distance check confirms them.
 * A token is corrected only when exactly one word is within one edit.
 *
 * @example
 *   const fix = speller(['mairie', 'services']);
 *   fix('maiirie')  // "mairie"
 *   fix('marie')    // "marie" (too short to correct)
 */
export function speller(vocabulary: Iterable<string>): (token: string) => string {
  const words = new Set<string>();
  for (const w of vocabulary) if (w.length >= MIN_LENGTH) words.add(w);
  const index = new Map<string, Set<string>>();
  const add = (key: string, w: string) => {
    let s = index.get(key);
    if (!s) index.set(key, (s = new Set()));
    s.add(w);
  };
  for (const w of words) {
    add(w, w);
    for (let i = 0; i < w.length; i++) add(w.slice(0, i) + w.slice(i + 1), w);
  }
  const oneEdit = (t: string, w: string): boolean => {
    const d = distance(t, w);
    if (d <= 1) return true;
    if (d !== 2 || t.length !== w.length) return false;
    // an adjacent transposition counts as one edit
    let i = 0;
    while (t[i] === w[i]) i++;
    return t[i] === w[i + 1] && t[i + 1] === w[i] && t.slice(i + 2) === w.slice(i + 2);
  };
  const correct = (t: string): string => {
    const found = new Set<string>();
    const look = (key: string) => {
      const s = index.get(key);
      if (s) for (const w of s) if (oneEdit(t, w)) found.add(w);
    };
    look(t);
    for (let i = 0; i < t.length; i++) look(t.slice(0, i) + t.slice(i + 1));
    return found.size === 1 ? [...found][0] : t;
  };
  // tokens repeat across names (communes, "association", "solidarite"…): each is looked up once,
  // the memo emptied when it holds MEMO_SIZE tokens
  const memo = new Map<string, string>();
  return (t: string): string => {
    if (t.length < MIN_LENGTH || words.has(t)) return t;
    let fixed = memo.get(t);
    if (fixed === undefined) {
      if (memo.size >= MEMO_SIZE) memo.clear();
      memo.set(t, (fixed = correct(t)));
    }
    return fixed;
  };
}
