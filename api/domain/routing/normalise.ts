/**
 * Stage 1 — normalise: turn a raw customer message into comparable tokens.
 *
 * Unicode NFKC, case folding, diacritics stripped, typographic apostrophes unified, English
 * contractions expanded (with and without the apostrophe, as people type them in chat),
 * punctuation turned into spaces, then a light suffix stemmer. Pure and deterministic.
 */

export interface Normalised {
  /** The cleaned text: lower case, single spaces, no punctuation. */
  text: string;
  /** Surface tokens (after contraction expansion). */
  tokens: string[];
  /** Light stems of `tokens`, same length and order. */
  stems: string[];
}

const APOSTROPHES = /[\u2018\u2019\u02BC\u0060\u00B4\u2032]/g;
const COMBINING_MARKS = /\p{M}+/gu;
const NON_WORD = /[^\p{L}\p{N}']+/gu;

/** Contractions, in order (specific forms before the generic suffixes). */
const CONTRACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bwon't\b/g, 'will not'],
  [/\bcan't\b/g, 'can not'],
  [/\bcannot\b/g, 'can not'],
  [/\bshan't\b/g, 'shall not'],
  [/\bain't\b/g, 'is not'],
  [/n't\b/g, ' not'],
  [/'re\b/g, ' are'],
  [/'m\b/g, ' am'],
  [/'ll\b/g, ' will'],
  [/'ve\b/g, ' have'],
  [/'d\b/g, ' would'],
  [/'s\b/g, ''],
  [/'/g, ' '],
];

/** Apostrophe-less contractions commonly typed in chat. Only unambiguous ones. */
const BARE_CONTRACTIONS: Readonly<Record<string, string>> = {
  dont: 'do not',
  doesnt: 'does not',
  didnt: 'did not',
  cant: 'can not',
  isnt: 'is not',
  arent: 'are not',
  wasnt: 'was not',
  werent: 'were not',
  havent: 'have not',
  hasnt: 'has not',
  hadnt: 'had not',
  couldnt: 'could not',
  wouldnt: 'would not',
  shouldnt: 'should not',
  im: 'i am',
  ive: 'i have',
  youre: 'you are',
  theyre: 'they are',
  whats: 'what',
  thats: 'that',
};

const ASCII_WORD = /^[a-z]+$/;
const VOWEL = /[aeiouy]/;

/** Drop one of a doubled final consonant (running → runn → run), except l, s, z. */
function undouble(w: string): string {
  const n = w.length;
  if (n >= 3 && w[n - 1] === w[n - 2] && !'aeioulsz'.includes(w[n - 1])) return w.slice(0, -1);
  return w;
}

/**
 * A light English suffix stemmer (plural -s/-es/-ies, -ing, -ed, final -e). It only needs to
 * map the variants of a word to the same key, not to produce a dictionary word.
 */
export function stem(word: string): string {
  if (word.length <= 3 || !ASCII_WORD.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5 && VOWEL.test(w.slice(0, -3))) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4 && VOWEL.test(w.slice(0, -2))) w = undouble(w.slice(0, -2));
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** Case-fold, strip marks and punctuation, expand contractions; returns the cleaned text. */
export function cleanText(raw: string): string {
  let t = raw.normalize('NFKC').toLowerCase().replace(APOSTROPHES, "'");
  t = t.normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC');
  t = t.replace(NON_WORD, ' ');
  for (const [re, rep] of CONTRACTIONS) t = t.replace(re, rep);
  const words = t.split(' ').filter((w) => w.length > 0);
  const out: string[] = [];
  for (const w of words) out.push(BARE_CONTRACTIONS[w] ?? w);
  return out.join(' ');
}

export function normalise(raw: string): Normalised {
  const text = cleanText(raw);
  const tokens = text.length > 0 ? text.split(' ') : [];
  return { text, tokens, stems: tokens.map(stem) };
}
