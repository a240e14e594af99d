/**
 * Request and response schemas of the HTTP API (zod 4, through zod 3.25's `zod/v4`). Every route
 * validates its request with these and checks its response before sending it; `/openapi.json` is
 * generated from the same objects, so the document cannot drift from the code.
 */
import { z } from "zod/v4";

/** The registry of named schemas: `/openapi.json` lists exactly these under components. */
export const apiSchemas = z.registry<{ id: string }>();

const MAX_TEXT = 2_000_000;
const MAX_SPANS = 20_000;

/** A document sent in a request. */
export const DocumentIn = z
  .object({
    id: z.string().min(1).max(200).optional().describe("document id (file stem); default `doc`"),
    text: z.string().max(MAX_TEXT),
    lang: z.string().min(2).max(8).optional().describe("ISO language code (es, en, it, nl, sv, ro, cz)"),
  })
  .register(apiSchemas, { id: "DocumentIn" });

/** A span sent in a request; `text` is taken from the document when absent. */
export const SpanIn = z
  .object({
    docId: z.string().max(200).optional(),
    label: z.string().min(1).max(100),
    start: z.number().int().min(0).describe("first character, UTF-16 index"),
    end: z.number().int().min(1).describe("last character + 1 (exclusive)"),
    text: z.string().optional(),
  })
  .register(apiSchemas, { id: "SpanIn" });

/** A span in a response. */
export const SpanOut = z
  .object({
    docId: z.string(),
    label: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    text: z.string(),
    score: z.number().optional().describe("confidence in [0, 1] where a model produced the span"),
    attrs: z.record(z.string(), z.string()).optional(),
  })
  .register(apiSchemas, { id: "SpanOut" });

/** A token with its character offsets. */
export const TokenOut = z
  .object({ text: z.string(), start: z.number().int(), end: z.number().int() })
  .register(apiSchemas, { id: "Token" });

/** The error body of every non-2xx answer. */
export const ErrorOut = z
  .object({
    code: z.string().describe("ClinspanError code (E_OFFSETS, ...) or server code (E_BUSY, ...)"),
    message: z.string(),
    fix: z.string().describe("what to do about it"),
  })
  .register(apiSchemas, { id: "Error" });

/** Which two collections of --data a projection's model is trained on. */
export const CorpusRef = z
  .object({ src: z.string().min(1), tgt: z.string().min(1) })
  .describe("collection ids from /v1/data/collections; the model is trained on all their common documents")
  .register(apiSchemas, { id: "CorpusRef" });

export const ProjectRequest = z
  .object({
    src: DocumentIn,
    tgt: DocumentIn,
    spans: z.array(SpanIn).max(MAX_SPANS).describe("source spans to carry into the target"),
    support: z.array(SpanIn).max(MAX_SPANS).optional().describe("target NER spans that may support decoding"),
    explain: z.boolean().optional().describe("add tokens, heatmap rows and decoding decisions"),
    corpus: CorpusRef.optional(),
  })
  .register(apiSchemas, { id: "ProjectRequest" });

/** The explanation of one source span, in the order of the request's spans. */
export const SpanExplainOut = z
  .object({
    source: SpanOut,
    sourceTokens: z.array(z.number().int()).describe("indexes into srcTokens"),
    row: z
      .array(z.tuple([z.number().int(), z.number()]))
      .describe("the span's row of the alignment matrix: [target token index, mass], summed over its tokens"),
    target: z
      .object({
        start: z.number().int(),
        end: z.number().int(),
        text: z.string(),
        score: z.number(),
        fallback: z.boolean(),
      })
      .nullable(),
    reason: z.string().optional().describe("why the span was not projected"),
    candidates: z
      .array(
        z.object({ token: z.string(), start: z.number().int(), end: z.number().int(), score: z.number() }),
      )
      .describe("best target tokens by the decoder's scores, best first"),
    bead: z.object({ src: z.array(z.number().int()), tgt: z.array(z.number().int()) }).nullable(),
    edges: z
      .array(
        z.object({
          rule: z.string(),
          before: z.tuple([z.number().int(), z.number().int()]),
          after: z.tuple([z.number().int(), z.number().int()]),
          text: z.string(),
        }),
      )
      .describe(
        "the named edge rules that moved the decoded span, in pipeline order: target offsets before and after",
      ),
  })
  .register(apiSchemas, { id: "SpanExplain" });

export const ProjectResponse = z
  .object({
    spans: z.array(SpanOut),
    unprojected: z.array(z.object({ span: SpanOut, reason: z.string() })),
    explain: z
      .object({
        srcTokens: z.array(TokenOut),
        tgtTokens: z.array(TokenOut),
        spans: z.array(SpanExplainOut),
      })
      .optional(),
    model: z.object({ trainedOn: z.number().int().describe("document pairs"), cached: z.boolean() }),
  })
  .register(apiSchemas, { id: "ProjectResponse" });

export const AlignRequest = z
  .object({
    src: DocumentIn,
    tgt: DocumentIn,
    threshold: z.number().min(0).max(1).optional().describe("hard-link threshold (default 0.3)"),
    minMass: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe("matrix cells below this are left out (default 0.001)"),
    corpus: CorpusRef.optional(),
  })
  .register(apiSchemas, { id: "AlignRequest" });

export const AlignResponse = z
  .object({
    srcTokens: z.array(TokenOut),
    tgtTokens: z.array(TokenOut),
    beads: z.array(
      z.object({
        srcStart: z.number().int(),
        srcEnd: z.number().int(),
        tgtStart: z.number().int(),
        tgtEnd: z.number().int(),
      }),
    ),
    matrix: z.object({
      rows: z.number().int(),
      cols: z.number().int(),
      cells: z.array(z.tuple([z.number().int(), z.number().int(), z.number()])).describe("[row, col, mass]"),
    }),
    links: z.array(z.tuple([z.number().int(), z.number().int()])).describe("hard links [src, tgt]"),
  })
  .register(apiSchemas, { id: "AlignResponse" });

export const NerTagRequest = z
  .object({
    document: DocumentIn,
    labels: z.array(z.string()).optional().describe("only these labels"),
  })
  .register(apiSchemas, { id: "NerTagRequest" });

export const NerTagResponse = z
  .object({
    spans: z.array(SpanOut),
    labels: z.array(z.string()).describe("labels the loaded model tags"),
    kind: z.string(),
  })
  .register(apiSchemas, { id: "NerTagResponse" });

export const EvalRequest = z
  .object({
    gold: z.array(SpanIn).max(200_000),
    pred: z.array(SpanIn).max(200_000),
    labels: z.array(z.string()).optional(),
  })
  .register(apiSchemas, { id: "EvalRequest" });

const StrictOut = z.object({
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  tp: z.number(),
  fp: z.number(),
  fn: z.number(),
});
const CharOut = z.object({
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  n_gold: z.number(),
  n_pred: z.number(),
});
const MacroOut = z.object({ strict_f1: z.number(), char_f1: z.number(), n_docs: z.number() });

export const EvalResponse = z
  .object({
    strict: StrictOut,
    char: CharOut,
    macro: MacroOut,
    labels: z.record(z.string(), z.object({ strict: StrictOut, char: CharOut, macro: MacroOut })),
  })
  .register(apiSchemas, { id: "EvalResponse" });

export const EncodeRequest = z
  .object({
    texts: z.array(z.string().max(200_000)).min(1).max(64),
    output: z.enum(["states", "colbert"]).optional(),
    vectors: z.boolean().optional().describe("include the vectors (default true)"),
  })
  .register(apiSchemas, { id: "EncodeRequest" });

export const EncodeResponse = z
  .object({
    dim: z.number().int(),
    results: z.array(
      z.object({
        tokens: z.array(z.object({ piece: z.string(), start: z.number().int(), end: z.number().int() })),
        vectors: z.array(z.array(z.number())).optional(),
      }),
    ),
  })
  .register(apiSchemas, { id: "EncodeResponse" });

export const SearchRequest = z
  .object({
    query: z.string().min(1).max(10_000),
    k: z.number().int().min(1).max(100).optional(),
    explain: z.boolean().optional(),
  })
  .register(apiSchemas, { id: "SearchRequest" });

/** Why a hit matched: for each query token, its best document token (MaxSim) and its share. */
export const MatchLine = z
  .object({
    query: TokenOut,
    doc: TokenOut,
    contribution: z.number(),
  })
  .register(apiSchemas, { id: "MatchLine" });

export const SearchResponse = z
  .object({
    hits: z.array(
      z.object({
        docId: z.string(),
        score: z.number(),
        text: z.string().optional().describe("the document text (or the passage) for display"),
        explain: z.object({ matches: z.array(MatchLine) }).optional(),
      }),
    ),
    concepts: z
      .array(z.object({ code: z.string(), term: z.string(), score: z.number() }))
      .optional()
      .describe("nearest concepts of the query, when the index has a concept table"),
  })
  .register(apiSchemas, { id: "SearchResponse" });

export const CodeRequest = z
  .object({ text: z.string().min(1).max(MAX_TEXT), k: z.number().int().min(1).max(50).optional() })
  .register(apiSchemas, { id: "CodeRequest" });

export const CodeResponse = z
  .object({
    codes: z.array(
      z.object({
        code: z.string(),
        term: z.string().optional(),
        score: z.number(),
        start: z.number().int().optional(),
        end: z.number().int().optional(),
      }),
    ),
  })
  .register(apiSchemas, { id: "CodeResponse" });

export const HealthResponse = z
  .object({
    status: z.literal("ok"),
    uptimeSeconds: z.number(),
    inFlight: z.number().int(),
    features: z.object({
      data: z.boolean(),
      ner: z.boolean(),
      encoder: z.boolean(),
      search: z.boolean(),
      code: z.boolean(),
    }),
    ner: z
      .object({ kind: z.string(), labels: z.array(z.string()) })
      .optional()
      .describe("the loaded NER model"),
  })
  .register(apiSchemas, { id: "HealthResponse" });

export const VersionResponse = z
  .object({ name: z.literal("clinspan"), version: z.string(), api: z.literal("v1") })
  .register(apiSchemas, { id: "VersionResponse" });

export const CollectionOut = z
  .object({
    id: z.string().describe("the folder, relative to --data"),
    kind: z.enum(["multiclinai", "brat", "text-tsv"]),
    lang: z.string().optional(),
    split: z.string().optional(),
    labels: z.array(z.string()),
    documents: z.array(z.string()),
  })
  .register(apiSchemas, { id: "Collection" });

export const CollectionsResponse = z
  .object({ root: z.string(), collections: z.array(CollectionOut) })
  .register(apiSchemas, { id: "CollectionsResponse" });

export const DocumentResponse = z
  .object({
    collection: z.string(),
    id: z.string(),
    lang: z.string().optional(),
    text: z.string(),
    spans: z.array(SpanOut),
    warnings: z.array(z.string()),
  })
  .register(apiSchemas, { id: "DocumentResponse" });

export const SaveRequest = z
  .object({
    collection: z.string().min(1).describe("the target collection the document belongs to"),
    doc: z.string().min(1).max(200),
    text: z.string().max(MAX_TEXT),
    spans: z.array(SpanIn).max(MAX_SPANS),
    format: z.enum(["tsv", "brat"]),
    dir: z
      .string()
      .max(500)
      .optional()
      .describe("output folder relative to --data (default clinspan-review/<collection>)"),
  })
  .register(apiSchemas, { id: "SaveRequest" });

export const SaveResponse = z
  .object({
    files: z.array(z.string()).describe("written files, relative to --data"),
    spans: z.number().int(),
  })
  .register(apiSchemas, { id: "SaveResponse" });

export const FileResponse = z
  .object({ path: z.string(), text: z.string() })
  .register(apiSchemas, { id: "FileResponse" });
