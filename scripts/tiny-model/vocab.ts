/**
 * The tiny models' Unigram vocabulary (~300 pieces): XLM-R's special tokens at ids 0-3, clinical stems
 * and suffixes in the seven MultiClinNER languages, function words, and single characters so that most
 * European text segments without <unk>. `<mask>` comes last, as in XLM-R.
 */

/** XLM-R special tokens and their fixed ids. */
export const SPECIAL_TOKENS = ["<s>", "<pad>", "</s>", "<unk>"] as const;

const WORDS = [
  // clinical stems and words (es, en, it, nl, sv, ro, cs)
  "hiper",
  "hyper",
  "iper",
  "tensión",
  "tension",
  "tensione",
  "tensie",
  "tensiune",
  "tenze",
  "toni",
  "diabetes",
  "diabete",
  "mellitus",
  "insuficiencia",
  "insufficiency",
  "cardiaca",
  "cardíaca",
  "cardiac",
  "renal",
  "arterial",
  "arteriale",
  "dolor",
  "pain",
  "dolore",
  "pijn",
  "smärta",
  "durere",
  "bolest",
  "fiebre",
  "fever",
  "febbre",
  "koorts",
  "feber",
  "febră",
  "horečka",
  "tos",
  "cough",
  "tosse",
  "hoest",
  "hosta",
  "tuse",
  "kašel",
  "neumonía",
  "pneumonia",
  "polmonite",
  "longontsteking",
  "lunginflammation",
  "pneumonie",
  "paciente",
  "patient",
  "paziente",
  "pacient",
  "pacientul",
  "torácico",
  "abdominal",
  "cirugía",
  "surgery",
  "biopsia",
  "biopsy",
  "ecografía",
  "resonancia",
  "tomografía",
  "fractura",
  "fracture",
  "infarto",
  "infarct",
  "agudo",
  "crónica",
  "crónico",
  "chronic",
  "grave",
  "leve",
  "cefalea",
  "headache",
  "disnea",
  "dyspnea",
  "náuseas",
  "vómitos",
  "edema",
  "anemia",
  "cáncer",
  "cancer",
  "tumor",
  "mg",
  "dosis",
  "dose",
  "años",
  "years",
  "anni",
  "jaar",
  "år",
  "ani",
  "let",
  // function words
  "de",
  "la",
  "el",
  "en",
  "con",
  "sin",
  "por",
  "que",
  "del",
  "los",
  "las",
  "una",
  "un",
  "y",
  "a",
  "the",
  "of",
  "and",
  "with",
  "in",
  "to",
  "di",
  "il",
  "con",
  "het",
  "van",
  "een",
  "med",
  "och",
  "på",
  "cu",
  "și",
  "în",
  "se",
  "s",
  "na",
  "v",
  "Paciente",
  "Patient",
  "El",
  "La",
  "The",
];

const SUFFIXES = [
  "tensión",
  "tension",
  "tensione",
  "tensie",
  "tensiune",
  "tenze",
  "betes",
  "itis",
  "osis",
  "emia",
  "algia",
  "ectomía",
  "ectomy",
  "grafía",
  "scopia",
  "logía",
  "ción",
  "sión",
  "zione",
  "tion",
  "mente",
  "ado",
  "ada",
  "ido",
  "ida",
  "oso",
  "osa",
  "ico",
  "ica",
  "es",
  "os",
  "as",
  "ing",
  "ed",
  "er",
  "en",
  "ul",
  "ie",
  "ia",
  "ía",
  "ón",
];

const LETTERS = "abcdefghijklmnopqrstuvwxyz";
const SINGLES = [
  ...LETTERS,
  ...LETTERS.toUpperCase(),
  ..."0123456789",
  ..."áéíóúñüàèìòùçăâîșțšžčřýůěäöåø",
  ..."., ;:()-/%'\"?!+=".replace(" ", ""),
];

/**
 * The vocabulary as [piece, log-probability] pairs in id order, ending with `<mask>`. Longer pieces
 * score higher per character so that the Unigram model prefers whole stems over letters.
 *
 * @example
 * const vocab = tinyVocabulary(); vocab[0]; // ["<s>", 0]
 */
export function tinyVocabulary(): [string, number][] {
  const out: [string, number][] = SPECIAL_TOKENS.map((t) => [t, 0]);
  const seen = new Set<string>(SPECIAL_TOKENS);
  const add = (piece: string, score: number) => {
    if (seen.has(piece)) return;
    seen.add(piece);
    out.push([piece, score]);
  };
  add("▁", -6);
  WORDS.forEach((w, i) => {
    add(`▁${w}`, -4 - i * 0.005);
  });
  SUFFIXES.forEach((s, i) => {
    add(s, -5 - i * 0.005);
  });
  for (const c of LETTERS) add(`▁${c}`, -8);
  SINGLES.forEach((c, i) => {
    add(c, -10 - i * 0.001);
  });
  add("<mask>", 0);
  return out;
}
