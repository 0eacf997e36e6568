/**
 * Metrics: scores computed from concrete predictions, returning JS numbers (and number arrays for
 * per-class values, curves and matrices). They read values, so they are not differentiable and
 * not meant for jit; use a loss for training. Inputs are concrete arrays (`ArrayValue`) or
 * rectangular nested lists of numbers; every value must be finite (sklearn's check_array rejects
 * NaN and infinity too), and paired inputs must describe the same number of samples. Argument
 * order is sklearn's, truth first.
 *
 * Classification metrics take integer class labels 0..numClasses-1 (non-negative, at most
 * 2^31 - 1) and count every class in that range (as sklearn with `labels=range(numClasses)`);
 * numClasses defaults to the largest label seen plus one. Per-class tables are bounded by
 * tessera's array size limit, so a stray huge label is an error rather than a huge allocation.
 */
import { describe, fail } from "../core/errors.js";
import { ArrayValue, NdArray } from "../core/ndarray.js";
import { readNested } from "../core/numpy/nested.js";
import { bool, describeValue, finite, integer, isPlainRecord, oneOf, readOptions, refine, requireOptions, validShape } from "../core/validate.js";

/** A metric input: an array, or a list of numbers (a list of equal-length lists for 2-D values). */
export type MetricInput = ArrayValue | readonly number[] | readonly (readonly number[])[];

/** Flat values and shape of a metric input. */
interface Values {
  readonly data: readonly number[];
  readonly shape: readonly number[];
}

// ---------------------------------------------------------------------------------------------
// helpers

/**
 * The values and shape of a metric input: an array (read in full; a traced array is an error,
 * as metrics read values), or a rectangular nested list of numbers read by readNested (holes,
 * cycles, ragged rows and non-number leaves fail). Every value must be finite, as sklearn's
 * check_array requires ("Input contains NaN" / "infinity").
 */
function valuesOf(op: string, name: string, input: MetricInput): Values {
  let data: readonly number[];
  let shape: readonly number[];
  if (input instanceof ArrayValue) {
    input.assertLive(op);
    if (!(input instanceof NdArray)) fail(op, `${name} ${describe(input)} is traced; metrics read concrete values, so compute them outside jit, grad and vmap`);
    data = Array.from(input.toTypedArray(), Number);
    shape = input.shape;
  } else if (Array.isArray(input)) {
    const nested = readNested(op, input);
    const flag = nested.leaves.findIndex((v) => typeof v !== "number");
    if (flag >= 0) fail(op, `${name} must hold numbers, got ${describeValue(nested.leaves[flag])} at flat index ${flag} (write booleans as 0 and 1)`);
    data = nested.leaves as number[];
    shape = nested.shape;
  } else {
    return fail(op, `${name} must be an array or a list of numbers, got ${describeValue(input)}`);
  }
  const bad = data.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) fail(op, `${name} must hold finite numbers, got ${data[bad]} at flat index ${bad} of shape ${shapeText(shape)}`);
  return { data, shape };
}

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}

function vector(op: string, name: string, input: MetricInput): number[] {
  const v = valuesOf(op, name, input);
  if (v.shape.length !== 1) fail(op, `${name} must be 1-D, got shape ${shapeText(v.shape)}`);
  return [...v.data];
}

/** The largest class label: class tables are indexed by label, so labels stay in int32 range, as JAX's integer labels. */
const MAX_LABEL = 2 ** 31 - 1;

function checkLabels(op: string, name: string, labels: readonly number[]): void {
  const bad = labels.findIndex((v) => !Number.isInteger(v) || v < 0 || v > MAX_LABEL);
  if (bad >= 0) fail(op, `${name} must be class labels, non-negative integers up to 2^31 - 1, got ${labels[bad]} at index ${bad}`);
}

/** sklearn's check_consistent_length: every input describes the same samples. */
function sameLength(op: string, a: readonly number[], b: readonly number[], names: [string, string]): void {
  if (a.length !== b.length) fail(op, `found inputs with inconsistent numbers of samples: ${names[0]} has ${a.length} entries but ${names[1]} has ${b.length}`);
}

/**
 * Checks that `rows` tables of `classes` numbers each (a confusion matrix is `classes` rows)
 * stay within tessera's size limit for one array, so a stray huge label fails at once instead
 * of allocating for minutes.
 */
function checkTable(op: string, classes: number, rows: number, what: string): void {
  try {
    validShape(op, [rows, classes], "float64");
  } catch {
    fail(op, `${what} for ${classes} classes (labels 0..${classes - 1}) would be too large to build; labels must number the classes from 0, and numClasses must be their count`);
  }
}

/** Integer labels of truth and prediction, checked, with the class count. */
function labelPair(op: string, yTrue: MetricInput, yPred: MetricInput, numClasses?: number): { t: number[]; p: number[]; classes: number } {
  const t = vector(op, "yTrue", yTrue);
  const p = vector(op, "yPred", yPred);
  sameLength(op, t, p, ["yTrue", "yPred"]);
  if (t.length === 0) fail(op, "needs at least one example, got none");
  checkLabels(op, "yTrue", t);
  checkLabels(op, "yPred", p);
  const largest = [...t, ...p].reduce((m, v) => Math.max(m, v), -1);
  const classes = numClasses ?? largest + 1;
  if (!Number.isInteger(classes) || classes < 1) fail(op, `numClasses must be a positive integer, got ${classes}`);
  if (largest >= classes) fail(op, `label ${largest} is outside the ${classes} classes 0..${classes - 1} given by numClasses`);
  return { t, p, classes };
}

function argmaxRows(data: readonly number[], rows: number, cols: number): number[] {
  return Array.from({ length: rows }, (_, r) => {
    let best = 0;
    for (let c = 1; c < cols; c++) if (data[r * cols + c]! > data[r * cols + best]!) best = c;
    return best;
  });
}

// ---------------------------------------------------------------------------------------------
// classification

/**
 * The fraction of predictions equal to the true labels. `yPred` may also be scores of shape
 * [n, classes] (logits or probabilities): the predicted class is then each row's argmax (the first on ties).
 */
export function accuracy(yTrue: MetricInput, yPred: MetricInput): number {
  const op = "accuracy";
  const t = vector(op, "yTrue", yTrue);
  checkLabels(op, "yTrue", t);
  const pred = valuesOf(op, "yPred", yPred);
  if (pred.shape.length !== 1 && pred.shape.length !== 2) fail(op, `yPred must be labels [n] or scores [n, classes], got shape ${shapeText(pred.shape)}`);
  if (pred.shape.length === 2 && pred.shape[1] === 0) fail(op, `yPred scores ${shapeText(pred.shape)} have no classes to choose from`);
  const p = pred.shape.length === 2 ? argmaxRows(pred.data, pred.shape[0]!, pred.shape[1]!) : [...pred.data];
  if (pred.shape.length === 1) checkLabels(op, "yPred", p);
  sameLength(op, t, p, ["yTrue", "yPred"]);
  if (t.length === 0) fail(op, "needs at least one prediction, got none");
  return t.filter((v, i) => v === p[i]).length / t.length;
}

/** The confusion matrix C[i][j]: how many examples of true class i were predicted as class j (sklearn's layout). */
export function confusionMatrix(yTrue: MetricInput, yPred: MetricInput, options?: { readonly numClasses?: number }): number[][] {
  return confusion("confusionMatrix", yTrue, yPred, readOptions("confusionMatrix", options, { numClasses }).numClasses);
}

function confusion(op: string, yTrue: MetricInput, yPred: MetricInput, numClasses: number | undefined): number[][] {
  const { t, p, classes } = labelPair(op, yTrue, yPred, numClasses);
  checkTable(op, classes, classes, "a confusion matrix");
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  t.forEach((label, i) => matrix[label]![p[i]!]!++);
  return matrix;
}

/** Per-class precision, recall, F1 and support (the number of true examples of each class). */
export interface PerClassScores {
  readonly precision: number[];
  readonly recall: number[];
  readonly f1: number[];
  readonly support: number[];
}

/** Options of the precision/recall/F1 family: the class count and the value of an undefined ratio. */
export interface ScoreOptions {
  readonly numClasses?: number;
  /**
   * The value of a ratio whose denominator is 0 (sklearn's zero_division): precision of a class
   * never predicted, recall of a class never true, F1 of a class neither true nor predicted.
   * 0 (default; sklearn's "warn" also gives 0), 1, or NaN (then left out of the averages).
   */
  readonly zeroDivision?: number;
}

/** How per-class scores are combined: sklearn's "binary" (the positive class alone), "micro", "macro" and "weighted". */
export type Average = "binary" | "micro" | "macro" | "weighted";

/** Options of the averaged scores. */
export interface AverageOptions extends ScoreOptions {
  readonly average: Average;
  /** The class "binary" reports (default 1). */
  readonly positiveLabel?: number;
}

function ratio(numerator: number, denominator: number, zeroDivision: number): number {
  return denominator === 0 ? zeroDivision : numerator / denominator;
}

/** The class count option: a positive integer. */
const numClasses = refine(integer, (n) => n >= 1, "a positive integer");

/** The options of the per-class scores. */
const scoreSpec = { numClasses, zeroDivision: oneOf([0, 1, NaN]) };

/** The options of the averaged scores. */
const averageSpec = { ...scoreSpec, average: oneOf<Average>(["binary", "micro", "macro", "weighted"]), positiveLabel: integer };

/** True positives, predicted and true counts per class. */
interface Counts {
  readonly tp: number[];
  readonly predicted: number[];
  readonly actual: number[];
}

function counts(op: string, yTrue: MetricInput, yPred: MetricInput, numClasses?: number): Counts {
  // Counted straight from the labels: the per-class tables are [classes], never [classes, classes].
  const { t, p, classes } = labelPair(op, yTrue, yPred, numClasses);
  // tp, predicted and actual counts, then precision, recall, F1 and their pairs for the averages.
  checkTable(op, classes, 8, "the per-class scores");
  const tp = new Array<number>(classes).fill(0);
  const predicted = new Array<number>(classes).fill(0);
  const actual = new Array<number>(classes).fill(0);
  t.forEach((label, i) => {
    actual[label]!++;
    predicted[p[i]!]!++;
    if (label === p[i]) tp[label]!++;
  });
  return { tp, predicted, actual };
}

/** F-beta=1 as sklearn computes it: 2 tp / (2 tp + fn + fp), undefined only when a class is neither true nor predicted. */
function scores(tp: number, predicted: number, actual: number, zeroDivision: number): [number, number, number] {
  return [ratio(tp, predicted, zeroDivision), ratio(tp, actual, zeroDivision), ratio(2 * tp, predicted + actual, zeroDivision)];
}

/** Precision tp/(tp+fp), recall tp/(tp+fn) and F1 for every class, as sklearn's precision_recall_fscore_support(average=None). */
export function precisionRecallF1PerClass(yTrue: MetricInput, yPred: MetricInput, options?: ScoreOptions): PerClassScores {
  const op = "precisionRecallF1PerClass";
  const read = readOptions(op, options, scoreSpec);
  return perClass(counts(op, yTrue, yPred, read.numClasses), read.zeroDivision ?? 0);
}

function perClass({ tp, predicted, actual }: Counts, zeroDivision: number): PerClassScores {
  const per = tp.map((v, i) => scores(v, predicted[i]!, actual[i]!, zeroDivision));
  return { precision: per.map((s) => s[0]), recall: per.map((s) => s[1]), f1: per.map((s) => s[2]), support: actual };
}

/**
 * The mean of `values` weighted by `weights`, skipping NaN entries, as sklearn's _nanaverage:
 * NaN when every entry is NaN, the unweighted mean when the remaining weights sum to 0.
 */
function weightedMean(values: readonly number[], weights: readonly number[]): number {
  const kept = values.map((v, i) => [v, weights[i]!] as const).filter(([v]) => !Number.isNaN(v));
  if (kept.length === 0) return NaN;
  const weight = kept.reduce((s, [, w]) => s + w, 0);
  if (weight === 0) return kept.reduce((s, [v]) => s + v, 0) / kept.length;
  return kept.reduce((s, [v, w]) => s + v * w, 0) / weight;
}

/**
 * Precision, recall and F1 averaged as sklearn's precision_recall_fscore_support: "micro" pools
 * the counts of every class, "macro" is the unweighted mean over classes, "weighted" the mean
 * weighted by support, "binary" the positive class's scores (at most two classes).
 */
export function precisionRecallF1(yTrue: MetricInput, yPred: MetricInput, options: AverageOptions): { precision: number; recall: number; f1: number } {
  const op = "precisionRecallF1";
  const read = requireOptions(op, readOptions(op, options, averageSpec), ["average"]);
  const zeroDivision = read.zeroDivision ?? 0;
  const classCounts = counts(op, yTrue, yPred, read.numClasses);
  const { tp, predicted, actual } = classCounts;
  const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);
  switch (read.average) {
    case "micro": {
      const [precision, recall, f1] = scores(sum(tp), sum(predicted), sum(actual), zeroDivision);
      return { precision, recall, f1 };
    }
    case "binary": {
      const positive = read.positiveLabel ?? 1;
      if (tp.length > 2) fail(op, `average "binary" needs at most two classes, got ${tp.length}; choose "micro", "macro" or "weighted"`);
      if (!Number.isInteger(positive) || positive < 0 || positive > 1) fail(op, `positiveLabel must be 0 or 1, got ${positive}`);
      const [precision, recall, f1] = scores(tp[positive] ?? 0, predicted[positive] ?? 0, actual[positive] ?? 0, zeroDivision);
      return { precision, recall, f1 };
    }
    case "macro":
    case "weighted": {
      const per = perClass(classCounts, zeroDivision);
      const weights = read.average === "macro" ? per.support.map(() => 1) : per.support;
      return {
        precision: weightedMean(per.precision, weights),
        recall: weightedMean(per.recall, weights),
        f1: weightedMean(per.f1, weights),
      };
    }
  }
}

/** Precision tp / (tp + fp), averaged as `options.average` says (see precisionRecallF1). */
export function precision(yTrue: MetricInput, yPred: MetricInput, options: AverageOptions): number {
  return precisionRecallF1(yTrue, yPred, options).precision;
}

/** Recall tp / (tp + fn), averaged as `options.average` says (see precisionRecallF1). */
export function recall(yTrue: MetricInput, yPred: MetricInput, options: AverageOptions): number {
  return precisionRecallF1(yTrue, yPred, options).recall;
}

/** F1 = 2 tp / (2 tp + fp + fn), averaged as `options.average` says (see precisionRecallF1). */
export function f1(yTrue: MetricInput, yPred: MetricInput, options: AverageOptions): number {
  return precisionRecallF1(yTrue, yPred, options).f1;
}

// ---------------------------------------------------------------------------------------------
// ranking

/** A ROC curve: false and true positive rates at each threshold (thresholds decreasing, the first +Infinity). */
export interface RocCurve {
  readonly fpr: number[];
  readonly tpr: number[];
  readonly thresholds: number[];
}

/**
 * The ROC curve of scores against binary truth (an example is positive when its label equals
 * `positiveLabel`, default 1), as sklearn's roc_curve: one point per distinct score, from the
 * highest down, after a first point (0, 0) at threshold +Infinity. Every point is kept by default
 * (sklearn's drop_intermediate=False); `dropIntermediate: true` drops collinear points as sklearn's
 * default does. A rate is NaN when its class is absent (sklearn warns and does the same).
 * Without `positiveLabel`, yTrue must hold labels in {0, 1} or {-1, 1} (sklearn's rule for
 * pos_label=None); with it, any integer labels, the others counting as negatives.
 */
export function rocCurve(yTrue: MetricInput, scores: MetricInput, rocOptions?: { readonly positiveLabel?: number; readonly dropIntermediate?: boolean }): RocCurve {
  const op = "rocCurve";
  const options = readOptions(op, rocOptions, { positiveLabel: finite, dropIntermediate: bool });
  const t = vector(op, "yTrue", yTrue);
  const s = vector(op, "scores", scores);
  sameLength(op, t, s, ["yTrue", "scores"]);
  if (t.length === 0) fail(op, "needs at least one example, got none");
  const notLabel = t.findIndex((v) => !Number.isInteger(v));
  if (notLabel >= 0) fail(op, `yTrue must be integer class labels, got ${t[notLabel]} at index ${notLabel}`);
  const classes = [...new Set(t)].sort((a, b) => a - b);
  if (options.positiveLabel === undefined && !classes.every((v) => v === 0 || v === 1) && !classes.every((v) => v === -1 || v === 1)) {
    fail(op, `yTrue takes the values {${classes.slice(0, 8).join(", ")}${classes.length > 8 ? ", ..." : ""}}; without positiveLabel it must be binary labels in {0, 1} or {-1, 1} (as sklearn), or pass positiveLabel to say which value is positive`);
  }
  const positive = options.positiveLabel ?? 1;
  const order = s.map((_, i) => i).sort((a, b) => s[b]! - s[a]! || a - b);
  let tps: number[] = [];
  let fps: number[] = [];
  let thresholds: number[] = [];
  let truePositives = 0;
  order.forEach((index, rank) => {
    if (t[index] === positive) truePositives++;
    const next = order[rank + 1];
    if (next !== undefined && s[next] === s[index]) return;
    tps.push(truePositives);
    fps.push(rank + 1 - truePositives);
    thresholds.push(s[index]!);
  });
  if (options.dropIntermediate === true && tps.length > 2) {
    const corner = (v: readonly number[], i: number) => v[i - 1]! - 2 * v[i]! + v[i + 1]! !== 0;
    const keep = tps.map((_, i) => i === 0 || i === tps.length - 1 || corner(tps, i) || corner(fps, i));
    [tps, fps, thresholds] = [tps, fps, thresholds].map((v) => v.filter((_, i) => keep[i]));
  }
  const positives = tps[tps.length - 1]!;
  const negatives = fps[fps.length - 1]!;
  return {
    fpr: [0, ...fps].map((v) => (negatives > 0 ? v / negatives : NaN)),
    tpr: [0, ...tps].map((v) => (positives > 0 ? v / positives : NaN)),
    thresholds: [Infinity, ...thresholds],
  };
}

/** The area under a curve by the trapezoidal rule, as sklearn's auc: x must be monotonic (either direction). */
export function auc(x: MetricInput, y: MetricInput): number {
  const xs = vector("auc", "x", x);
  const ys = vector("auc", "y", y);
  sameLength("auc", xs, ys, ["x", "y"]);
  if (xs.length < 2) fail("auc", `needs at least 2 points, got ${xs.length}`);
  const steps = xs.slice(1).map((v, i) => v - xs[i]!);
  let direction = 1;
  if (steps.some((d) => d < 0)) {
    if (!steps.every((d) => d <= 0)) fail("auc", "x is neither increasing nor decreasing");
    direction = -1;
  }
  return direction * steps.reduce((area, dx, i) => area + (dx * (ys[i]! + ys[i + 1]!)) / 2, 0);
}

/** The area under the ROC curve of `scores` against binary truth (both classes must be present, as in sklearn's roc_auc_score). */
export function rocAucScore(yTrue: MetricInput, scores: MetricInput, options?: { readonly positiveLabel?: number }): number {
  const curve = rocCurve(yTrue, scores, readOptions("rocAucScore", options, { positiveLabel: finite }));
  if (curve.fpr.some(Number.isNaN) || curve.tpr.some(Number.isNaN)) {
    fail("rocAucScore", "needs both positive and negative examples in yTrue; the ROC AUC is undefined with one class");
  }
  return auc(curve.fpr, curve.tpr);
}

// ---------------------------------------------------------------------------------------------
// regression and calibration

/**
 * The coefficient of determination 1 - SS_res / SS_tot, as sklearn's r2_score: for 2-D values
 * [n, outputs] the mean over outputs; a constant truth scores 1 when predicted exactly, else 0;
 * NaN with fewer than two samples.
 */
export function r2Score(yTrue: MetricInput, yPred: MetricInput): number {
  const t = valuesOf("r2Score", "yTrue", yTrue);
  const p = valuesOf("r2Score", "yPred", yPred);
  if (t.shape.length < 1 || t.shape.length > 2 || t.shape.length !== p.shape.length || t.shape.some((d, i) => d !== p.shape[i])) {
    fail("r2Score", `yTrue ${shapeText(t.shape)} and yPred ${shapeText(p.shape)} must have the same 1-D or 2-D shape`);
  }
  const n = t.shape[0]!;
  const outputs = t.shape[1] ?? 1;
  if (n < 2) return NaN;
  let total = 0;
  for (let o = 0; o < outputs; o++) {
    const at = (v: Values, i: number) => v.data[i * outputs + o]!;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += at(t, i);
    mean /= n;
    let residual = 0;
    let spread = 0;
    for (let i = 0; i < n; i++) {
      residual += (at(t, i) - at(p, i)) ** 2;
      spread += (at(t, i) - mean) ** 2;
    }
    total += spread !== 0 ? 1 - residual / spread : residual === 0 ? 1 : 0;
  }
  return total / outputs;
}

/**
 * The expected calibration error with `bins` equal-width confidence bins (default 10):
 * ECE = sum over bins b of (|b| / n) * |accuracy(b) - confidence(b)|, where an example's
 * confidence is its largest class probability, its prediction that class (the first on ties),
 * and bin b = 1..B holds confidences in ((b-1)/B, b/B] (the first also holds 0). `probs` is
 * [n, classes], or [n] probabilities of class 1 in a binary problem (read as [1 - p, p]). The bin count
 * is a number or `{bins}`.
 */
export function expectedCalibrationError(probs: MetricInput, labels: MetricInput, binning: number | { readonly bins?: number } = 10): number {
  const op = "expectedCalibrationError";
  // A number, or options {bins} (null meaning none); anything else is not understood.
  const positiveBins = refine(integer, (b) => b >= 1, "a positive integer");
  const bins = binning === null || isPlainRecord(binning) ? (readOptions(op, binning, { bins: positiveBins }).bins ?? 10) : positiveBins(op, "bins", binning);
  const given = valuesOf(op, "probs", probs);
  const y = vector(op, "labels", labels);
  checkLabels(op, "labels", y);
  const binary = given.shape.length === 1;
  if (!binary && given.shape.length !== 2) fail(op, `probs must be [n, classes] or [n], got shape ${shapeText(given.shape)}`);
  const n = given.shape[0]!;
  if (n !== y.length) fail(op, `found inputs with inconsistent numbers of samples: probs has ${n} rows but labels has ${y.length} entries`);
  if (n === 0) fail(op, "needs at least one example, got none");
  const classes = binary ? 2 : given.shape[1]!;
  const outside = y.findIndex((label) => label >= classes);
  if (outside >= 0) fail(op, `label ${y[outside]} at index ${outside} is not one of the ${classes} classes of probs ${shapeText(given.shape)}${binary ? " (1-D probs are binary: labels 0 and 1)" : ""}`);
  const notProbability = given.data.findIndex((p) => p < 0 || p > 1);
  if (notProbability >= 0) fail(op, `probabilities must lie in [0, 1], got ${given.data[notProbability]} at flat index ${notProbability} of probs ${shapeText(given.shape)}`);
  const data = binary ? given.data.flatMap((p) => [1 - p, p]) : given.data;
  const predicted = argmaxRows(data, n, classes);
  const count = new Array<number>(bins).fill(0);
  const correct = new Array<number>(bins).fill(0);
  const confidence = new Array<number>(bins).fill(0);
  predicted.forEach((label, i) => {
    const c = data[i * classes + label]!;
    if (!(c >= 0 && c <= 1)) fail(op, `probabilities must lie in [0, 1], got ${c} in row ${i}`);
    // The bin whose interval ((b-1)/B, b/B] holds c, compared against the same boundaries as written.
    let b = Math.min(bins - 1, Math.max(0, Math.ceil(c * bins) - 1));
    while (b > 0 && c <= b / bins) b--;
    while (b < bins - 1 && c > (b + 1) / bins) b++;
    count[b]!++;
    confidence[b]! += c;
    if (label === y[i]) correct[b]!++;
  });
  return count.reduce((sum, k, b) => (k === 0 ? sum : sum + (k / n) * Math.abs(correct[b]! / k - confidence[b]! / k)), 0);
}
