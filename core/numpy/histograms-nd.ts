/**
 * Histograms of several variables, after JAX: `histogramdd` (samples as the rows of an [N, D]
 * array) and `histogram2d` (two 1-D arrays). Each dimension gets its edges as `histogram` makes
 * them (`histogramBinEdges`), each sample its bin along each dimension by `searchsorted`, and the
 * bins are counted with one scatterAdd over the flattened grid, so they work under jit and vmap
 * (with static bin counts) and differentiate in the weights.
 */
import { fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import { ArrayValue, type ArrayOrScalar } from "../ndarray.js";
import { anyValue, bool, checkArity, describeValue, readOptions } from "../validate.js";
import { add, divide, equal, multiply, subtract, where } from "./elementwise.js";
import { searchsorted } from "./histograms.js";
import { reshape, stack } from "./movement.js";
import { cast, checkOperand, promoteToFloat, scalar } from "./promote.js";
import { sum } from "./reductions.js";
import { histogramBinEdges } from "./sets.js";
import { array } from "./creation.js";

const shapeText = (shape: readonly number[]): string => `[${shape.join(",")}]`;

/** One dimension's bins: a count of equal-width bins, or the edges (a 1-D array or list). */
export type BinSpec = number | ArrayValue | readonly number[];

/** Options of histogramdd and histogram2d. */
export interface HistogramddOptions {
  /** A bin count for every dimension (default 10), or one BinSpec per dimension. */
  readonly bins?: number | readonly BinSpec[];
  /** Per dimension, [low, high] for equal-width bins, or null for the data's range. */
  readonly range?: readonly (readonly [number, number] | null)[] | null;
  /** One weight per sample (the counts become weight sums, of the weights' float dtype). */
  readonly weights?: ArrayOrScalar | null;
  /** Normalize so that the histogram integrates to 1 over the grid. */
  readonly density?: boolean | null;
}

/** `x[start:limit]` along `axis`. */
function sliceAxis(x: ArrayValue, axis: number, start: number, limit: number): ArrayValue {
  return bind1("slice", [x], { start: x.shape.map((_, i) => (i === axis ? start : 0)), limit: x.shape.map((d, i) => (i === axis ? limit : d)), strides: x.shape.map(() => 1) });
}

const readHistogramOptions = (op: string, options: unknown) =>
  readOptions(op, options, { bins: anyValue, range: anyValue, weights: anyValue, density: (o, n, v) => (v === null ? null : bool(o, n, v)) });

/** The multidimensional histogram of `sample` ([N, D]) and each dimension's edges, sample and weights float already. */
function histogramOf(op: string, sample: ArrayValue, weights: ArrayValue | null, binsOption: unknown, rangeOption: unknown, density: boolean): [ArrayValue, ArrayValue[]] {
  const [n, d] = sample.shape as [number, number];
  if (d === 0) fail(op, `sample must have at least one dimension (column), got shape ${shapeText(sample.shape)}`);
  let bins: unknown[];
  if (binsOption === undefined || typeof binsOption === "number") bins = new Array<unknown>(d).fill(binsOption ?? 10);
  else if (Array.isArray(binsOption)) bins = binsOption;
  else return fail(op, `bins must be a bin count or a list of one bin count or edge array per dimension, got ${describeValue(binsOption)}`);
  if (bins.length !== d) fail(op, `bins must give one entry per dimension (${d}), got ${bins.length}`);
  let ranges: unknown[] = new Array<unknown>(d).fill(null);
  if (rangeOption !== undefined && rangeOption !== null) {
    if (!Array.isArray(rangeOption) || rangeOption.length !== d) fail(op, `for a sample of shape ${shapeText(sample.shape)}, range must be a list of ${d} pairs or nulls, got ${describeValue(rangeOption)}`);
    ranges = rangeOption;
  }
  const edges: ArrayValue[] = [];
  let flat: ArrayValue = scalar(0, "int32");
  const grid: number[] = [];
  for (let i = 0; i < d; i++) {
    const column = reshape(sliceAxis(sample, 1, i, i + 1), [n]);
    const b = bins[i];
    if (typeof b !== "number" && !(b instanceof ArrayValue) && !Array.isArray(b)) fail(op, `bins[${i}] must be a bin count or a 1-D array of edges, got ${describeValue(b)}`);
    // A JS list of edges becomes an array (numbers only, as histogram's edges).
    if (Array.isArray(b) && !b.every((v) => typeof v === "number")) fail(op, `bins[${i}] must be a bin count or a list of numeric edges, got ${describeValue(b)}`);
    const spec = Array.isArray(b) ? array(b as number[], { dtype: sample.dtype }) : b;
    const e = histogramBinEdges(column, { bins: spec as number, range: (ranges[i] ?? null) as [number, number] | null });
    if (e.ndim !== 1 || e.shape[0]! < 1) fail(op, `bins[${i}] must be a bin count or a 1-D array of edges, got shape ${shapeText(e.shape)}`);
    const count = e.shape[0]!;
    const last = reshape(sliceAxis(e, 0, count - 1, count), []);
    // Bin k + 1 holds edge_k <= v < edge_k+1 (0 and count + 1... are outside); the last edge joins the last bin.
    const index = searchsorted(e, column, "right");
    const bin = where(equal(column, last), subtract(index, 1), index);
    flat = add(multiply(flat, count + 1), bin);
    grid.push(count + 1);
    edges.push(e);
  }
  const total = grid.reduce((p, g) => p * g, 1);
  const counted = weights ?? bind1("broadcastInDim", [scalar(1, "int32")], { shape: [n], broadcastDimensions: [] });
  const zeros = bind1("broadcastInDim", [scalar(0, counted.dtype)], { shape: [total], broadcastDimensions: [] });
  let hist = reshape(bind1("scatterAdd", [zeros, reshape(flat, [n]), counted], { axis: 0 }), grid);
  // Drop the bins outside the edges on every side.
  grid.forEach((g, i) => (hist = sliceAxis(hist, i, 1, g - 1)));
  if (density) {
    hist = cast(hist, sample.dtype);
    hist = divide(hist, sum(hist));
    edges.forEach((e, i) => {
      const widths = subtract(sliceAxis(e, 0, 1, e.shape[0]!), sliceAxis(e, 0, 0, e.shape[0]! - 1));
      hist = divide(hist, reshape(widths, hist.shape.map((s, k) => (k === i ? s : 1))));
    });
  }
  return [hist, edges];
}

/** The float sample and weights of a histogram, checked. */
function floatOperands(op: string, sample: unknown, weights: unknown, n: (s: ArrayValue) => number): [ArrayValue, ArrayValue | null] {
  if (weights === undefined || weights === null) return [promoteToFloat(op, checkOperand(op, sample))[0]!, null];
  const [s, w] = promoteToFloat(op, checkOperand(op, sample), checkOperand(op, weights, 1));
  if (w!.ndim !== 1 || w!.shape[0] !== n(s!)) fail(op, `weights must have one weight per sample (shape [${n(s!)}]), got ${shapeText(w!.shape)}`);
  return [s!, w!];
}

/**
 * The histogram of the rows of `sample` (shape [N, D]) over a D-dimensional grid of bins, and
 * each dimension's edges: `[hist, edges]`. Bins are half-open except the last along each
 * dimension; samples outside the edges are not counted. Counts are int32 (as JAX), weighted sums
 * and densities float.
 *
 * @example np.histogramdd(np.array([[0, 0], [1, 1], [1, 0]]), { bins: 2 })[0] // array([[1, 0], [1, 1]], dtype=int32)
 */
export function histogramdd(sample: ArrayOrScalar, options?: HistogramddOptions | null): [ArrayValue, ArrayValue[]] {
  const op = "histogramdd";
  checkArity(op, arguments, 2);
  const o = readHistogramOptions(op, options);
  const [s, w] = floatOperands(op, sample, o.weights, (a) => a.shape[0] ?? 0);
  if (s.ndim !== 2) fail(op, `sample must be 2-D (N samples of D dimensions), got shape ${shapeText(s.shape)}`);
  return histogramOf(op, s, w, o.bins, o.range, o.density ?? false);
}

/** Options of histogram2d: bins per axis (a count, [bx, by], or one edge array for both), ranges, weights, density. */
export interface Histogram2dOptions {
  readonly bins?: number | ArrayValue | readonly BinSpec[];
  readonly range?: readonly (readonly [number, number] | null)[] | null;
  readonly weights?: ArrayOrScalar | null;
  readonly density?: boolean | null;
}

/**
 * The 2-D histogram of the points (x[i], y[i]) and the edges along x and y: `[hist, xEdges,
 * yEdges]`, as histogramdd of the stacked columns. `bins` is a count for both axes, `[bx, by]`
 * (counts or edge arrays), or one edge array (not of length 2) used for both.
 *
 * @example np.histogram2d(np.array([0, 1, 1]), np.array([0, 1, 0]), { bins: 2 })[0] // array([[1, 0], [1, 1]], dtype=int32)
 */
export function histogram2d(x: ArrayOrScalar, y: ArrayOrScalar, options?: Histogram2dOptions | null): [ArrayValue, ArrayValue, ArrayValue] {
  const op = "histogram2d";
  checkArity(op, arguments, 3);
  const o = readHistogramOptions(op, options);
  const w0 = o.weights === undefined || o.weights === null ? null : checkOperand(op, o.weights, 2);
  const operands = [checkOperand(op, x, 0), checkOperand(op, y, 1), ...(w0 === null ? [] : [w0])];
  const [a, b, w] = promoteToFloat(op, ...operands);
  if (a!.ndim !== 1 || b!.ndim !== 1 || a!.shape[0] !== b!.shape[0]) fail(op, `x and y must be 1-D of one length, got shapes ${shapeText(a!.shape)} and ${shapeText(b!.shape)}`);
  const n = a!.shape[0]!;
  if (w !== undefined && (w.ndim !== 1 || w.shape[0] !== n)) fail(op, `weights must have one weight per point (shape [${n}]), got ${shapeText(w.shape)}`);
  // JAX's reading of bins: a count, a pair (one spec per axis), or edges shared by both axes.
  let bins: unknown = o.bins ?? 10;
  const length = bins instanceof ArrayValue ? (bins.ndim === 0 ? 1 : bins.shape[0]!) : Array.isArray(bins) ? bins.length : 1;
  if (length === 2 && bins instanceof ArrayValue) bins = [reshape(sliceAxis(bins, 0, 0, 1), []), reshape(sliceAxis(bins, 0, 1, 2), [])].map((c) => c.item());
  else if (length !== 1 && length !== 2) bins = [bins, bins];
  else if (length === 1 && typeof bins !== "number") fail(op, `bins must be a count, [bx, by], or an edge array for both axes, got ${describeValue(bins)}`);
  const [hist, edges] = histogramOf(op, stack([a!, b!], { axis: 1 }), w ?? null, bins, o.range, o.density ?? false);
  return [hist, edges[0]!, edges[1]!];
}
