/**
 * A Hugging Face `tokenizer.json` shaped like XLM-R's: Unigram model, Metaspace pre-tokenizer,
 * <s> ... </s> template, NFKC + whitespace normalisation (XLM-R uses a precompiled nmt_nfkc charsmap;
 * NFKC plus the same space collapsing is the closest hand-writable equivalent). Truncation and padding
 * are set, as in many published files, so the runtime must switch them off itself.
 */

/**
 * Builds the tokenizer.json object for a vocabulary from {@link tinyVocabulary}.
 *
 * @example
 * const json = tinyTokenizerJson(tinyVocabulary(), 128);
 */
export function tinyTokenizerJson(vocab: readonly [string, number][], maxLength: number): object {
  const special = (id: number, content: string, lstrip = false) => ({
    id,
    content,
    single_word: false,
    lstrip,
    rstrip: false,
    normalized: false,
    special: true,
  });
  const maskId = vocab.length - 1;
  const bos = { SpecialToken: { id: "<s>", type_id: 0 } };
  const eos = { SpecialToken: { id: "</s>", type_id: 0 } };
  const metaspace = { type: "Metaspace", replacement: "▁", prepend_scheme: "always", split: true };
  return {
    version: "1.0",
    truncation: { direction: "Right", max_length: maxLength, strategy: "LongestFirst", stride: 0 },
    padding: {
      strategy: "BatchLongest",
      direction: "Right",
      pad_to_multiple_of: null,
      pad_id: 1,
      pad_type_id: 0,
      pad_token: "<pad>",
    },
    added_tokens: [
      special(0, "<s>"),
      special(1, "<pad>"),
      special(2, "</s>"),
      special(3, "<unk>"),
      special(maskId, "<mask>", true),
    ],
    normalizer: {
      type: "Sequence",
      normalizers: [
        { type: "NFKC" },
        { type: "Replace", pattern: { Regex: "[\\t\\n\\r]" }, content: " " },
        { type: "Replace", pattern: { Regex: " {2,}" }, content: " " },
      ],
    },
    pre_tokenizer: metaspace,
    post_processor: {
      type: "TemplateProcessing",
      single: [bos, { Sequence: { id: "A", type_id: 0 } }, eos],
      pair: [
        bos,
        { Sequence: { id: "A", type_id: 0 } },
        eos,
        eos,
        { Sequence: { id: "B", type_id: 0 } },
        eos,
      ],
      special_tokens: {
        "<s>": { id: "<s>", ids: [0], tokens: ["<s>"] },
        "</s>": { id: "</s>", ids: [2], tokens: ["</s>"] },
      },
    },
    decoder: metaspace,
    model: { type: "Unigram", unk_id: 3, vocab, byte_fallback: false },
  };
}
