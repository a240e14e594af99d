/**
 * The model's subword tokenizer, read from `tokenizer.json` with the Hugging Face `tokenizers`
 * binding. Texts are tokenized without special tokens; the special prefix and suffix (`<s>` ... `</s>`
 * for XLM-R, `[CLS]` ... `[SEP]` for BERT) are learned once from the file's post-processor and added
 * around every window. Truncation and padding stored in the file are switched off: windows handle
 * long texts, batching handles padding.
 */
import { readFile } from "node:fs/promises";
import type { Tokenizer } from "tokenizers";
import { ClinspanError } from "../core/error.ts";
import { codePointToUtf16, toUtf16, trimTokenRange } from "./offsets.ts";
import type { EncoderToken } from "./types.ts";

/** A text's subword tokens (no special tokens) with UTF-16 offsets into the text. */
export interface TokenizedText {
  readonly text: string;
  readonly ids: Int32Array;
  readonly tokens: readonly EncoderToken[];
}

/** A loaded subword tokenizer. */
export interface SubwordTokenizer {
  /** Ids put before every sequence (e.g. `<s>`). */
  readonly prefix: readonly number[];
  /** Ids put after every sequence (e.g. `</s>`). */
  readonly suffix: readonly number[];
  readonly padId: number;
  /** Ids that never carry lexical weight: prefix, suffix, pad, unk. */
  readonly specialIds: ReadonlySet<number>;
  readonly vocabSize: number;
  /** Tokenizes texts (in parallel threads inside the binding). */
  tokenize(texts: readonly string[]): Promise<TokenizedText[]>;
  /** The piece of an id, e.g. `▁hiper`. */
  piece(id: number): string;
}

interface TokenizerJson {
  model?: { unk_id?: number | null; unk_token?: string };
  pre_tokenizer?: unknown;
  padding?: { pad_id?: number } | null;
}

/**
 * Loads `tokenizer.json`.
 *
 * @example
 * const tok = await loadSubwordTokenizer("model/tokenizer.json", 1);
 * const [t] = await tok.tokenize(["hipertensión"]); t.tokens[0]; // { id, piece: "▁hiper", start: 0, end: 5 }
 */
export async function loadSubwordTokenizer(file: string, padId?: number): Promise<SubwordTokenizer> {
  let content: string;
  let json: TokenizerJson;
  let tokenizer: Tokenizer;
  try {
    content = await readFile(file, "utf8");
    json = JSON.parse(content) as TokenizerJson;
    // loaded on first use: importing Clinspan must not load the native binding
    const { Tokenizer } = await import("tokenizers");
    tokenizer = Tokenizer.fromString(content);
  } catch (error) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: `cannot load the tokenizer: ${error instanceof Error ? error.message : String(error)}`,
      file,
      fix: "Use the tokenizer.json saved with the model (a Hugging Face fast tokenizer file).",
      cause: error,
    });
  }
  tokenizer.disableTruncation();
  tokenizer.disablePadding();
  const marker = metaspaceReplacement(json.pre_tokenizer);
  const [prefix, suffix] = await learnSpecials(tokenizer, file);
  const unkId =
    typeof json.model?.unk_id === "number"
      ? json.model.unk_id
      : json.model?.unk_token !== undefined
        ? tokenizer.tokenToId(json.model.unk_token)
        : null;
  const pad =
    padId ?? json.padding?.pad_id ?? tokenizer.tokenToId("<pad>") ?? tokenizer.tokenToId("[PAD]") ?? 0;
  const specialIds = new Set<number>([...prefix, ...suffix, pad]);
  if (unkId !== null && unkId !== undefined) specialIds.add(unkId);
  const pieces = new Map<number, string>();
  const piece = (id: number) => {
    let p = pieces.get(id);
    if (p === undefined) {
      p = tokenizer.idToToken(id) ?? "";
      pieces.set(id, p);
    }
    return p;
  };

  return {
    prefix,
    suffix,
    padId: pad,
    specialIds,
    vocabSize: tokenizer.getVocabSize(true),
    piece,
    async tokenize(texts) {
      if (texts.length === 0) return [];
      const encodings = await tokenizer.encodeBatch([...texts], { addSpecialTokens: false });
      return encodings.map((enc, t) => {
        const text = texts[t];
        const ids = Int32Array.from(enc.getIds());
        const offsets = enc.getOffsets();
        const pieceList = enc.getTokens();
        const table = codePointToUtf16(text);
        const tokens: EncoderToken[] = new Array(ids.length);
        for (let i = 0; i < ids.length; i++) {
          const p = pieceList[i];
          const markerOnly = marker !== null && isMarkerOnly(p, marker);
          const [start, end] = trimTokenRange(
            text,
            toUtf16(table, offsets[i][0]),
            toUtf16(table, offsets[i][1]),
            markerOnly,
          );
          tokens[i] = { id: ids[i], piece: p, start, end };
        }
        coverCombiningMarks(text, tokens);
        return { text, ids, tokens };
      });
    },
  };
}

const MARK = /\p{M}/u;

/** True for a piece made only of the Metaspace replacement (`▁`, `▁▁`). */
function isMarkerOnly(piece: string, marker: string): boolean {
  if (piece.length === 0) return false;
  for (let i = 0; i < piece.length; i += marker.length) if (!piece.startsWith(marker, i)) return false;
  return true;
}

/**
 * NFKC composes `e` + U+0301 into `é` but the binding aligns the token to the `e` alone; extend a
 * token over combining marks that follow it when no other token starts there.
 */
function coverCombiningMarks(text: string, tokens: EncoderToken[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.end === t.start || t.end >= text.length || !MARK.test(text[t.end])) continue;
    const limit = i + 1 < tokens.length ? Math.max(tokens[i + 1].start, t.end) : text.length;
    let end = t.end;
    while (end < limit && MARK.test(text[end])) end++;
    tokens[i] = { ...t, end };
  }
}

/** The special ids the post-processor puts before and after a single sequence. */
async function learnSpecials(tokenizer: Tokenizer, file: string): Promise<[number[], number[]]> {
  const probe = "a";
  const plain = (await tokenizer.encode(probe, null, { addSpecialTokens: false })).getIds();
  const full = (await tokenizer.encode(probe, null, { addSpecialTokens: true })).getIds();
  for (let k = 0; k + plain.length <= full.length; k++) {
    if (plain.every((id, i) => full[k + i] === id)) {
      return [full.slice(0, k), full.slice(k + plain.length)];
    }
  }
  throw new ClinspanError({
    code: "E_MODEL",
    message: "cannot find where the tokenizer's post-processor puts the text between its special tokens",
    value: full,
    file,
    fix: "Use a tokenizer.json whose post_processor is TemplateProcessing, RobertaProcessing or BertProcessing.",
  });
}

/** The Metaspace replacement character (`▁`), searched in nested pre-tokenizer sequences. */
function metaspaceReplacement(node: unknown): string | null {
  if (node === null || typeof node !== "object") return null;
  const obj = node as { type?: string; replacement?: string; pretokenizers?: unknown[] };
  if (obj.type === "Metaspace") return obj.replacement ?? "\u2581";
  if (Array.isArray(obj.pretokenizers)) {
    for (const child of obj.pretokenizers) {
      const found = metaspaceReplacement(child);
      if (found !== null) return found;
    }
  }
  return null;
}
