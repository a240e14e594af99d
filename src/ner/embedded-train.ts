/**
 * Training of the embedded tagger. Per language unit (all documents pooled, or one unit per
 * language): tokenise, build the gazetteer of training mentions, extract features, then train one CRF
 * per label and tune its decoding on dev data.
 *
 * The gazetteer features of a training document come from a gazetteer built WITHOUT that document's
 * fold (k-fold jackknife): otherwise every training mention would hit the dictionary with a perfect
 * ratio and the CRF would learn to trust the dictionary far more than it deserves on new text.
 */
import type { ClinicalDocument } from "../core/document.ts";
import { ClinspanError } from "../core/error.ts";
import { evaluateSpans } from "../eval/index.ts";
import { type DiscontinuousMode, encodeBio } from "./bio.ts";
import { type CrfSequence, sentenceTags, trainCrf } from "./crf-train.ts";
import { objectiveScore, type TuneObjective, tuneDecoding } from "./decoding-tune.ts";
import {
  DEFAULT_DECODING,
  decodeCandidates,
  EmbeddedTagger,
  type LabelModel,
  type LanguageUnit,
} from "./embedded-tagger.ts";
import { hashFeature, templateSeed } from "./feature-hash.ts";
import { DEFAULT_FEATURE_CONFIG, extractFeatures, type FeatureConfig, type FeatureRows } from "./features.ts";
import { buildGazetteer, type GazetteerDocument } from "./gazetteer.ts";
import { type PreparedDocument, prepareDocument } from "./prepare.ts";
import { type PseudoLabelOptions, pseudoLabel } from "./self-training.ts";
import {
  annotatedPieces,
  goldForScoring,
  type NerTrainingGroup,
  type TrainingInstance,
  trainingInstances,
} from "./training-data.ts";
import { learnWordClusters, type WordClusterOptions, type WordClusters } from "./word-clusters.ts";

/** One multilingual model, or one per language. */
export type LanguageMode = "pooled" | "per-language";

/** Options of {@link trainEmbeddedTagger}; every field has a default. */
export interface EmbeddedTrainOptions {
  /** Passes over the training data (default 12); with dev data the best epoch is kept. */
  readonly epochs?: number;
  readonly features?: Partial<FeatureConfig>;
  /** "pooled" (default): one model for all languages; "per-language": one per document language. */
  readonly languageMode?: LanguageMode;
  /** How discontinuous spans are learnt and dev gold is scored (default "fragments", see {@link DiscontinuousMode}). */
  readonly discontinuous?: DiscontinuousMode;
  /** AdaGrad step (default 0.1). */
  readonly learningRate?: number;
  /** L2 per touched weight and step (default 1e-3). */
  readonly l2?: number;
  /** Weight averaging (default true). */
  readonly average?: boolean;
  readonly seed?: number;
  /** Folds of the gazetteer jackknife (default 5; 1 turns it off). */
  readonly gazetteerFolds?: number;
  /** What dev tuning maximises (default "mean": mean of strict and character F1). */
  readonly objective?: TuneObjective;
  /** Longest gazetteer entry in tokens (default 8). */
  readonly gazetteerMaxLength?: number;
  /**
   * Raw texts (no annotations) that, with the training texts, teach the word clusters; in
   * per-language mode each unit reads the documents of its language.
   */
  readonly unlabeled?: readonly ClinicalDocument[];
  /** Options of the word clusters (features.clusters turns them on or off). */
  readonly clusterOptions?: WordClusterOptions;
  /**
   * Self-training (see self-training.ts): train, tag these raw texts, add the sentences the tagger is
   * sure of as machine-labelled training data, train again. Off by default.
   */
  readonly selfTraining?: SelfTrainingOptions;
  /**
   * After tuning on `dev`, train once more on train + dev, each label for its best epoch, keeping the
   * decoding tuned in the first round (default false here; `clinspan ner train` turns it on when it
   * has dev data). The dev share then teaches the final model too: the tagger is data-bound (3-fold CV
   * on the shared-task dev split: +0.009 char F1, +0.012 strict), at about twice the training time.
   * The model's dev scores stay those of the first round.
   */
  readonly refit?: boolean;
  /** Gradient weight of machine-labelled (`pseudo`) training groups (default 1). */
  readonly pseudoWeight?: number;
  /** After each epoch of each label tagger. */
  readonly onEpoch?: (info: EpochInfo) => void;
  /** A stage starts ("features", "train DISEASE", "tune DISEASE"). */
  readonly onStage?: (stage: string) => void;
  /** Progress within the current stage. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What {@link EmbeddedTrainOptions.selfTraining} reads. */
export interface SelfTrainingOptions extends PseudoLabelOptions {
  /** Raw texts to pseudo-label (documents with `lang` for per-language or multilingual units). */
  readonly texts: readonly ClinicalDocument[];
  /** Gradient weight of the pseudo-labelled sentences in the second round (default 1). */
  readonly weight?: number;
}

/** Reported after every epoch. */
export interface EpochInfo {
  readonly label: string;
  readonly lang: string;
  readonly epoch: number;
  readonly epochs: number;
  /** Training negative log-likelihood per token. */
  readonly loss: number;
  /** Dev strict / character F1 with default decoding, when dev data was given. */
  readonly devStrictF1?: number;
  readonly devCharF1?: number;
}

interface PreparedInstance {
  readonly instance: TrainingInstance;
  readonly prep: PreparedDocument;
  rows?: FeatureRows;
}

/**
 * Trains the embedded tagger on annotated groups, tuning decoding on `dev` when given.
 *
 * @example
 * const tagger = trainEmbeddedTagger([{ documents, spans, labels: ["DISEASE"] }], undefined, { epochs: 8 });
 * tagger.tagSync({ id: "new", text: "Diagnóstico: neumonía." });
 */
export function trainEmbeddedTagger(
  train: readonly NerTrainingGroup[],
  dev: readonly NerTrainingGroup[] | undefined,
  options: EmbeddedTrainOptions = {},
  /** Internal (refit): take each label's epochs and decoding from this tagger instead of tuning. */
  tuned?: EmbeddedTagger,
): EmbeddedTagger {
  if (options.refit && dev && dev.length > 0 && !options.selfTraining) {
    const first = trainEmbeddedTagger(train, dev, { ...options, refit: false });
    options.onStage?.("refit on train + dev");
    const second = trainEmbeddedTagger([...train, ...dev], undefined, { ...options, refit: false }, first);
    return new EmbeddedTagger(second.units, {
      ...second.info,
      training: { ...second.info.training, refit: true, firstRoundSeconds: first.info.training.seconds },
    });
  }
  if (options.selfTraining) {
    const { texts, weight, ...pseudoOptions } = options.selfTraining;
    const base = { ...options, selfTraining: undefined };
    options.onStage?.("self-training: first round");
    const first = trainEmbeddedTagger(train, dev, { ...base, refit: false });
    options.onStage?.(`self-training: tagging ${texts.length} texts`);
    const extra = pseudoLabel(first, texts, pseudoOptions);
    options.onStage?.("self-training: second round");
    const second = trainEmbeddedTagger([...train, ...extra], dev, { ...base, pseudoWeight: weight ?? 1 });
    const pseudoSentences = Object.fromEntries(extra.map((g) => [g.labels[0], g.documents.length]));
    return new EmbeddedTagger(second.units, {
      ...second.info,
      training: {
        ...second.info.training,
        selfTraining: { ...pseudoOptions, texts: texts.length, weight, pseudoSentences },
      },
    });
  }
  const started = Date.now();
  const features: FeatureConfig = { ...DEFAULT_FEATURE_CONFIG, ...options.features };
  const mode = options.discontinuous ?? "fragments";
  const languageMode = options.languageMode ?? "pooled";
  const epochs = options.epochs ?? 12;
  const objective = options.objective ?? "mean";
  const instances = trainingInstances(train);
  const devInstances = dev ? trainingInstances(dev) : [];
  if (instances.length === 0) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "there are no training documents",
      value: 0,
      fix: "Give unlabeled texts as a folder of .txt files, or annotated data (a MultiClinAI tree or a brat folder).",
    });
  }
  const unitKey = (lang: string | undefined, what: string): string => {
    if (languageMode === "pooled") return "*";
    if (lang === undefined) {
      throw new ClinspanError({
        code: "E_USAGE",
        message: `per-language training needs the language of every ${what} document`,
        value: "(no language)",
        fix: "Give the language (`lang`), or read a MultiClinAI tree (languages come from folder names).",
      });
    }
    return lang;
  };
  const byUnit = new Map<string, TrainingInstance[]>();
  for (const inst of instances) push(byUnit, unitKey(inst.lang, "training"), inst);
  const devByUnit = new Map<string, TrainingInstance[]>();
  for (const inst of devInstances) {
    const key = unitKey(inst.lang, "dev");
    if (byUnit.has(key)) push(devByUnit, key, inst);
  }

  const units = new Map<string, LanguageUnit>();
  const summary: Record<string, unknown> = {};
  for (const [lang, unitInstances] of byUnit) {
    const labels = [...new Set(unitInstances.flatMap((inst) => inst.labels))].sort();
    options.onStage?.(`features${lang === "*" ? "" : ` ${lang}`}`);
    const prepared = unitInstances.map((instance) => ({
      instance,
      prep: prepareDocument(instance.doc, lang === "*" ? instance.lang : lang),
    })) as PreparedInstance[];
    let clusters: WordClusters | undefined;
    if (features.clusters) {
      options.onStage?.(`word clusters${lang === "*" ? "" : ` ${lang}`}`);
      const seen = new Set<string>();
      const sentences: string[][] = [];
      const addSentences = (prep: PreparedDocument) => {
        for (const s of prep.sentences) sentences.push(prep.folded.slice(s.first, s.end));
      };
      for (const p of prepared) {
        // machine-labelled sentences are cut from texts the clusters may read anyway
        if (p.instance.pseudo) continue;
        // the copies of one text (one per entity type) count once
        const key = `${p.instance.doc.id}\u0000${p.instance.doc.text.length}`;
        if (seen.has(key)) continue;
        seen.add(key);
        addSentences(p.prep);
      }
      for (const doc of options.unlabeled ?? []) {
        if (lang !== "*" && doc.lang !== undefined && doc.lang !== lang) continue;
        addSentences(prepareDocument(doc, lang === "*" ? doc.lang : lang));
      }
      clusters = learnWordClusters(sentences, options.clusterOptions);
    }
    // the gazetteer counts gold texts only: the tagger's own guesses would vouch for themselves
    const gazDocs: (GazetteerDocument | undefined)[] = prepared.map((p) =>
      p.instance.pseudo
        ? undefined
        : {
            words: p.prep.folded,
            pieces: annotatedPieces(p.prep, p.instance.spans, mode),
            key: `${p.instance.doc.id}\u0000${p.instance.doc.text}`,
          },
    );
    const maxLength = options.gazetteerMaxLength ?? 8;
    const stem = features.gazetteer ? features.stemGazetteer : 0;
    const gazetteersOf = (all: (GazetteerDocument | undefined)[]) => {
      const docs = all.filter((d) => d !== undefined);
      return stem > 0
        ? [buildGazetteer(docs, maxLength), buildGazetteer(docs, maxLength, stem)]
        : [buildGazetteer(docs, maxLength)];
    };
    const gazetteers = gazetteersOf(gazDocs);
    const folds = Math.max(1, Math.min(options.gazetteerFolds ?? 5, prepared.length));
    // fold by document id, so the copies of one text (one per entity type) share a fold
    const foldOf = prepared.map((p) =>
      folds === 1 ? 0 : hashFeature(FOLD_SEED, p.instance.doc.id, 0x7fffffff) % folds,
    );
    for (let k = 0; k < folds; k++) {
      const foldGaz = folds === 1 ? gazetteers : gazetteersOf(gazDocs.filter((_, i) => foldOf[i] !== k));
      prepared.forEach((p, i) => {
        if (foldOf[i] === k) p.rows = extractFeatures(p.prep, foldGaz, labels, features, clusters);
      });
      options.onProgress?.(k + 1, folds);
    }
    const devPrepared = (devByUnit.get(lang) ?? []).map((instance) => {
      const prep = prepareDocument(instance.doc, lang === "*" ? instance.lang : lang);
      return { instance, prep, rows: extractFeatures(prep, gazetteers, labels, features, clusters) };
    });

    const models = new Map<string, LabelModel>();
    const labelSummary: Record<string, unknown> = {};
    for (const label of labels) {
      const own = prepared.filter((p) => p.instance.labels.includes(label));
      const sequences: CrfSequence[] = [];
      let dropped = 0;
      let spanCount = 0;
      for (const p of own) {
        const spans = p.instance.spans.filter((s) => s.label === label);
        spanCount += spans.length;
        const enc = encodeBio(p.prep.tokens, spans, { discontinuous: mode });
        dropped += enc.dropped;
        for (const s of p.prep.sentences) {
          sequences.push({
            rows: p.rows!,
            first: s.first,
            end: s.end,
            tags: sentenceTags(enc.tags, s.first, s.end),
            ...(p.instance.pseudo && options.pseudoWeight !== undefined
              ? { weight: options.pseudoWeight }
              : {}),
          });
        }
      }
      const devOwn = devPrepared.filter((p) => p.instance.labels.includes(label));
      const devTexts = new Map(devOwn.map((p) => [p.instance.doc.id, p.instance.doc.text]));
      const devGold = goldForScoring(
        devOwn.flatMap((p) => p.instance.spans.filter((s) => s.label === label)),
        (docId, start, end) => devTexts.get(docId)?.slice(start, end) ?? "",
        mode,
      );
      options.onStage?.(`train ${label}${lang === "*" ? "" : ` (${lang})`}`);
      const fixed = tuned?.units.get(lang)?.models.get(label);
      const result = trainCrf(sequences, {
        hashBits: features.hashBits,
        epochs: fixed ? fixed.bestEpoch : epochs,
        learningRate: options.learningRate ?? 0.1,
        l2: options.l2 ?? 1e-3,
        average: options.average ?? true,
        seed: options.seed ?? 13,
        onProgress: options.onProgress,
        onEpoch: (epoch, weights, loss) => {
          if (devOwn.length === 0) {
            options.onEpoch?.({ label, lang, epoch, epochs, loss });
            return undefined;
          }
          const pred = devOwn.flatMap((p) => decodeCandidates(p.prep, p.rows, label, weights, [0])[0]);
          const report = evaluateSpans(devGold, pred, { labels: [label] }).labels[label];
          options.onEpoch?.({
            label,
            lang,
            epoch,
            epochs,
            loss,
            devStrictF1: report.strict.f1,
            devCharF1: report.char.f1,
          });
          return objectiveScore(report, objective);
        },
      });
      let model: LabelModel = {
        label,
        weights: result.weights,
        decoding: DEFAULT_DECODING,
        bestEpoch: result.bestEpoch,
      };
      if (fixed) {
        model = {
          ...model,
          decoding: fixed.decoding,
          bestEpoch: fixed.bestEpoch,
          ...(fixed.dev ? { dev: fixed.dev } : {}),
        };
      } else if (devOwn.length > 0) {
        options.onStage?.(`tune ${label}${lang === "*" ? "" : ` (${lang})`}`);
        const tuned = tuneDecoding(devOwn, devGold, label, result.weights, objective);
        model = { ...model, decoding: tuned.decoding, dev: tuned.dev };
      }
      models.set(label, model);
      labelSummary[label] = {
        documents: own.length,
        spans: spanCount,
        piecesDroppedAsOverlapping: dropped,
        sentences: sequences.length,
        bestEpoch: result.bestEpoch,
        devDocuments: devOwn.length,
      };
    }
    units.set(lang, { lang, gazetteers, featureLabels: labels, models, ...(clusters ? { clusters } : {}) });
    summary[lang] = {
      documents: new Set(prepared.map((p) => p.instance.doc.id)).size,
      tokens: prepared.reduce((n, p) => n + p.prep.tokens.length, 0),
      gazetteerEntries: gazetteers[0].size,
      ...(clusters ? { clusterVocabulary: clusters.words.length, clusterSizes: clusters.sizes } : {}),
      labels: labelSummary,
    };
  }
  return new EmbeddedTagger(units, {
    features,
    discontinuous: mode,
    training: {
      units: summary,
      epochs,
      languageMode,
      objective,
      learningRate: options.learningRate ?? 0.1,
      l2: options.l2 ?? 1e-3,
      gazetteerFolds: options.gazetteerFolds ?? 5,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    },
  });
}

const FOLD_SEED = templateSeed("fold");

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
