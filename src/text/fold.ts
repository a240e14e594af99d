/**
 * Folding for spelling comparison across languages: hipertensión, hypertension and hipertensiune are
 * compared after lower-casing and dropping diacritics, so cognates differ only in real letters.
 */

/** Letters that do not decompose under NFD but have an obvious base spelling. */
const SPECIAL: Record<string, string> = {
  ß: "ss",
  ø: "o",
  æ: "ae",
  œ: "oe",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
  ħ: "h",
};

const RE_MARKS = /\p{M}+/gu;
const RE_SPECIAL = /[ßøæœłđðþıħ]/g;

/**
 * Lower-cases a word and strips diacritics (NFD, combining marks removed), mapping ß->ss, ø->o,
 * æ->ae, œ->oe, ł->l, đ->d. Romanian ș/ş fold to s and ț/ţ to t in both comma and cedilla forms.
 *
 * @example
 * foldForMatch("Hipertensión"); // "hipertension"
 * foldForMatch("Ştiinţă"); // "stiinta"
 * foldForMatch("Straße"); // "strasse"
 */
export function foldForMatch(word: string): string {
  let ascii = true;
  for (let i = 0; i < word.length; i++) {
    if (word.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  const lower = word.toLowerCase();
  if (ascii) return lower;
  return lower
    .normalize("NFD")
    .replace(RE_MARKS, "")
    .replace(RE_SPECIAL, (ch) => SPECIAL[ch] ?? ch);
}
