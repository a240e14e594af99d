/**
 * Clinical cognates: a spelling key that makes hipertensión, hypertension, ipertensione, hypertensie,
 * hipertensiune and hypertenze meet, and a similarity between two keys.
 *
 * The key folds case and diacritics, rewrites spelling variants that differ between the languages
 * (ph/f, th/t, y/i, k/c, ae/e, x/cs, z/s, silent h, double letters) and strips one suffix family
 * (-itis/-ite/-itida, -ción/-zione/-tie/-ție/-ce, -ía/-ie/-ii, -ismo/-isme, -osis/-oza, adjective and
 * case endings). Keys are compared by character trigram Dice, common prefix and edit ratio; a short
 * word inside a long one (a Swedish, Dutch or German compound) scores by trigram containment.
 */
import { foldForMatch } from "../../text/fold.ts";

/**
 * Lower case and strip diacritics (the text layer's folding).
 *
 * @example
 * foldWord("Hipertensión"); // "hipertension"
 */
export const foldWord: (word: string) => string = foldForMatch;

// Applied in order to the folded word: spelling variants that carry no meaning across languages.
const REWRITES: readonly [RegExp, string][] = [
  [/ph/g, "f"],
  [/th/g, "t"],
  [/rh/g, "r"],
  [/ch/g, "c"],
  [/ck/g, "c"],
  [/qu/g, "c"],
  [/ae|oe/g, "e"],
  [/h/g, ""],
  [/y/g, "i"],
  [/k/g, "c"],
  [/w/g, "v"],
  [/x/g, "cs"],
  [/z/g, "s"],
  [/ij/g, "i"],
  [/([a-z])\1+/g, "$1"],
];

// Suffix families, longest first; each maps to a canonical ending (often nothing) so that the
// language-specific inflection of one clinical term gives one key.
const SUFFIX_LIST: readonly [string, string][] = [
  // adjectives -ic / -ico / -isch / -isk / -ický
  ["iscen", "ic"],
  ["iscas", "ic"],
  ["iscos", "ic"],
  ["icos", "ic"],
  ["icas", "ic"],
  ["isce", "ic"],
  ["isca", "ic"],
  ["isc", "ic"],
  ["icarea", "ic"],
  ["icala", "ic"],
  ["icale", "ic"],
  ["icali", "ic"],
  ["ical", "ic"],
  ["ico", "ic"],
  ["ica", "ic"],
  ["ici", "ic"],
  ["ice", "ic"],
  ["icu", "ic"],
  ["ic", "ic"],
  // -itis / -ite / -ită / -itida (inflammation)
  ["itidis", "it"],
  ["itida", "it"],
  ["itis", "it"],
  ["itei", "it"],
  ["ite", "it"],
  ["ita", "it"],
  // -ción / -tion / -zione / -tie / -ție / -ce (cz) / -sion / -sie / -ze (cz)
  ["ciones", ""],
  ["siones", ""],
  ["tiones", ""],
  ["tioner", ""],
  ["tionen", ""],
  ["tiunea", ""],
  ["siunea", ""],
  ["tiune", ""],
  ["siune", ""],
  ["sioni", ""],
  ["sione", ""],
  ["tions", ""],
  ["cion", ""],
  ["sion", ""],
  ["tion", ""],
  ["ties", ""],
  ["sies", ""],
  ["tiei", ""],
  ["tii", ""],
  ["tie", ""],
  ["sie", ""],
  ["ce", ""],
  ["se", ""],
  // -osis / -osi / -ose / -oza
  ["osis", "os"],
  ["osi", "os"],
  ["ose", "os"],
  ["osa", "os"],
  // -ismo / -ism / -isme / -ismus
  ["ismus", "ism"],
  ["ismo", "ism"],
  ["isme", "ism"],
  // -al / -ale / -aal / -ální
  ["alni", "al"],
  ["ales", "al"],
  ["ale", "al"],
  ["ala", "al"],
  // -oma / -om / -omu
  ["omas", "om"],
  ["oma", "om"],
  ["omu", "om"],
  // -ina / -ine / -in
  ["inas", "in"],
  ["ina", "in"],
  ["ine", "in"],
  ["inu", "in"],
  // -ía / -ia / -ie / -ii / -y / -i, plurals and case endings
  ["iile", ""],
  ["ilor", ""],
  ["ului", ""],
  ["ami", ""],
  ["ech", ""],
  ["ias", ""],
  ["ies", ""],
  ["ia", ""],
  ["ie", ""],
  ["ii", ""],
  ["ul", ""],
  ["um", ""],
  ["us", ""],
  ["os", ""],
  ["as", ""],
  ["es", ""],
  ["en", ""],
  ["er", ""],
  ["ou", ""],
  ["em", ""],
  ["a", ""],
  ["e", ""],
  ["i", ""],
  ["o", ""],
  ["u", ""],
  ["s", ""],
];

const SUFFIXES = [...SUFFIX_LIST].sort((a, b) => b[0].length - a[0].length);

/** A stem shorter than this keeps its ending: short words are too ambiguous to strip. */
const MIN_STEM = 4;

/**
 * The cognate key of a word: folded, spelling-normalised, one suffix family stripped.
 *
 * @example
 * cognateKey("hipertensión") === cognateKey("ipertensione"); // true ("iperten")
 */
export function cognateKey(word: string): string {
  let w = foldWord(word);
  for (const [pattern, replacement] of REWRITES) w = w.replace(pattern, replacement);
  for (const [suffix, canonical] of SUFFIXES) {
    if (w.length - suffix.length >= MIN_STEM && w.endsWith(suffix)) {
      w = w.slice(0, w.length - suffix.length) + canonical;
      break;
    }
  }
  return w;
}

/**
 * Similarity of two cognate keys in [0, 1]: the best of trigram Dice (with word boundaries), common
 * prefix share and edit ratio. Identical keys score 1.
 *
 * @example
 * keySimilarity("iperten", "iperton"); // ~0.86 (edit ratio)
 */
export function keySimilarity(a: string, b: string): number {
  return gramKeySimilarity(a, keyGrams(a), b, keyGrams(b));
}

/**
 * {@link keySimilarity} with the keys' sorted trigram ids given (from {@link keyGrams}), so the hot
 * loop of the spelling view allocates nothing and rejects pairs with no shared trigram at once.
 *
 * @example
 * gramKeySimilarity("iperten", keyGrams("iperten"), "iperton", keyGrams("iperton"));
 */
export function gramKeySimilarity(a: string, ga: Int32Array, b: string, gb: Int32Array): number {
  if (a === b) return a.length > 0 ? 1 : 0;
  const short = Math.min(a.length, b.length);
  if (short < 3) return 0;
  let p = 0;
  let q = 0;
  let shared = 0;
  while (p < ga.length && q < gb.length) {
    if (ga[p] === gb[q]) {
      shared++;
      p++;
      q++;
    } else if (ga[p] < gb[q]) p++;
    else q++;
  }
  if (shared === 0) return 0;
  const long = Math.max(a.length, b.length);
  const dice = (2 * shared) / (ga.length + gb.length);
  let lcp = 0;
  while (lcp < short && a.charCodeAt(lcp) === b.charCodeAt(lcp)) lcp++;
  const prefix = lcp >= 4 ? lcp / long : 0;
  let best = Math.max(dice, prefix);
  if (best >= 0.25 && long - short <= 3) {
    // Edit ratio only means something for words of some length; it is softened below 5 characters.
    const edit = 1 - editDistance(a, b) / long;
    const editScore = short >= 5 ? edit : edit * 0.8;
    if (editScore > 0.65 && editScore > best) best = editScore;
  }
  return best;
}

const GRAM_IDS = new Map<string, number>();

/**
 * The sorted ids of the trigrams of `^key$` (repeats kept), interned process-wide.
 *
 * @example
 * keyGrams("anem").length; // 4: ^an ane nem em$
 */
export function keyGrams(key: string): Int32Array {
  const padded = `^${key}$`;
  const out = new Int32Array(Math.max(0, padded.length - 2));
  for (let p = 0; p + 3 <= padded.length; p++) {
    const g = padded.slice(p, p + 3);
    let id = GRAM_IDS.get(g);
    if (id === undefined) {
      id = GRAM_IDS.size;
      GRAM_IDS.set(g, id);
    }
    out[p] = id;
  }
  return out.sort();
}

/**
 * How much of the short key `part` occurs inside the long key `whole` (a compound): the share of
 * part's inner trigrams found in whole, or 0 when `part` is too short or not much shorter.
 *
 * @example
 * compoundContainment("calci", "calciumtecort"); // 1
 */
export function compoundContainment(part: string, whole: string): number {
  if (part.length < 4 || whole.length < part.length + 3) return 0;
  if (whole.includes(part)) return 1;
  let hit = 0;
  let total = 0;
  for (let p = 0; p + 3 <= part.length; p++) {
    total++;
    if (whole.includes(part.slice(p, p + 3))) hit++;
  }
  // Require the start of the part to occur: compounds keep their members' beginnings.
  if (!whole.includes(part.slice(0, 3))) return 0;
  return total > 0 ? hit / total : 0;
}

/**
 * Cognate similarity of two surface words (their keys compared by {@link keySimilarity}).
 *
 * @example
 * cognateSimilarity("hipertensión", "hypertenze") > 0.8; // true
 * cognateSimilarity("hipertensión", "fiebre") < 0.3; // true
 */
export function cognateSimilarity(a: string, b: string): number {
  return keySimilarity(cognateKey(a), cognateKey(b));
}

const editRow = new Int32Array(256);

/**
 * Levenshtein distance (one reused row; keys are short).
 *
 * @example
 * editDistance("iperten", "iperton"); // 1
 */
export function editDistance(a: string, b: string): number {
  if (a.length > 250 || b.length > 250) return Math.max(a.length, b.length);
  const m = b.length;
  for (let j = 0; j <= m; j++) editRow[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = editRow[0];
    editRow[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const up = editRow[j];
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      editRow[j] = Math.min(up + 1, editRow[j - 1] + 1, diag + cost);
      diag = up;
    }
  }
  return editRow[m];
}
