/**
 * Walks every function exported from `np` and `np.linalg` and feeds it what it does not
 * understand: an unknown option key and `null` options (where it has an options parameter), a
 * string, null, undefined and a plain object in place of each operand, hostile shapes (negative,
 * fractional, BigInt, cyclic, too large) in place of a shape, a list given as junk or as a
 * concrete array, and one argument too many. Each must give a TesseraError with a readable
 * message, except `null` options, which must give the same result as no options.
 *
 * The table below lists each export's argument kinds; a new export without an entry fails the
 * first test, so every addition to `np` is walked too.
 */
import { describe, expect, it } from "vitest";
import { ArrayValue, np } from "../../index.js";
import { expectReadableError } from "./case.js";

const x = np.array([[1, 2, 3], [4, 5, 6]]);
const xT = np.array([[1, 4], [2, 5], [3, 6]]);
const v = np.array([1, 2, 3]);
const square = np.array([[2, 1], [1, 2]]);
const ints = np.array([1, 2, 3], { dtype: "int32" });

/** How one export is called, and which of its arguments are what. */
interface Entry {
  /** A valid call's arguments. */
  readonly args: () => unknown[];
  /** Positions of value arguments (arrays, scalars, required numbers) that must reject junk. */
  readonly operands?: readonly number[];
  /** Position of the options argument. */
  readonly options?: number;
  /** Position of a shape argument. */
  readonly shape?: number;
  /** Positions of list arguments that JAX also accepts as arrays. */
  readonly lists?: readonly number[];
  /** How many arguments it takes (Infinity for variadic functions). */
  readonly arity: number;
  /** The shape argument accepts -1 (reshape infers that axis). */
  readonly inferredAxis?: boolean;
}

const unary: Entry = { args: () => [x], operands: [0], arity: 1 };
const binary: Entry = { args: () => [x, v], operands: [0, 1], arity: 2 };
const intBinary: Entry = { args: () => [ints, ints], operands: [0, 1], arity: 2 };
const reduction: Entry = { args: () => [x], operands: [0], options: 1, arity: 2 };
const withOptions: Entry = { args: () => [x], operands: [0], options: 1, arity: 2 };

const unaryNames = [
  "abs", "absolute", "arccos", "arccosh", "arcsin", "arcsinh", "arctan", "arctanh", "cbrt", "ceil", "cos", "cosh", "erf", "erfc",
  "erfinv", "exp", "exp2", "expit", "expm1", "floor", "isfinite", "isinf", "isnan", "log", "log10", "log1p", "log2",
  "logicalNot", "negative", "positive", "reciprocal", "rint", "rsqrt", "sign", "sin", "sinh", "sqrt", "square", "tan", "tanh", "trunc",
];
const binaryNames = [
  "add", "arctan2", "divide", "equal", "floorDivide", "fmod", "greater", "greaterEqual", "hypot", "less", "lessEqual", "logaddexp",
  "logicalAnd", "logicalOr", "logicalXor", "maximum", "minimum", "mod", "multiply", "nextafter", "notEqual", "power", "remainder",
  "subtract", "trueDivide",
];
const reductionNames = [
  "all", "amax", "amin", "any", "argmax", "argmin", "argsort", "cumprod", "cumsum", "max", "mean", "median", "min", "prod", "ptp",
  "sort", "std", "sum", "var",
];

const table: Record<string, Entry> = {
  ...Object.fromEntries(unaryNames.map((n) => [n, unary])),
  ...Object.fromEntries(binaryNames.map((n) => [n, binary])),
  ...Object.fromEntries(reductionNames.map((n) => [n, reduction])),
  bitwiseAnd: intBinary,
  bitwiseOr: intBinary,
  bitwiseXor: intBinary,
  leftShift: intBinary,
  rightShift: intBinary,
  bitwiseNot: { args: () => [ints], operands: [0], arity: 1 },
  invert: { args: () => [ints], operands: [0], arity: 1 },
  round: withOptions,
  clip: { args: () => [x, 2, 5], operands: [0], arity: 3 },
  where: { args: () => [np.array([true, false, true]), x, 0], operands: [0, 1, 2], arity: 3 },
  astype: { args: () => [x, "int32"], operands: [0, 1], arity: 2 },
  isclose: { args: () => [x, x], operands: [0, 1], options: 2, arity: 3 },
  allclose: { args: () => [x, x], operands: [0, 1], options: 2, arity: 3 },
  arrayEqual: { args: () => [x, x], operands: [0, 1], options: 2, arity: 3 },
  topK: { args: () => [x, 2], operands: [0, 1], arity: 2 },
  // creation
  array: { args: () => [[1, 2]], operands: [0], options: 1, arity: 2 },
  asarray: { args: () => [[1, 2]], operands: [0], options: 1, arity: 2 },
  zeros: { args: () => [[2, 3]], shape: 0, options: 1, arity: 2 },
  ones: { args: () => [[2, 3]], shape: 0, options: 1, arity: 2 },
  full: { args: () => [[2], 7], shape: 0, operands: [1], options: 2, arity: 3 },
  zerosLike: { args: () => [x], operands: [0], options: 1, arity: 2 },
  onesLike: { args: () => [x], operands: [0], options: 1, arity: 2 },
  fullLike: { args: () => [x, 2], operands: [0, 1], options: 2, arity: 3 },
  arange: { args: () => [0, 5, 1], operands: [0], options: 3, arity: 4 },
  linspace: { args: () => [0, 1, 5], operands: [0, 1], options: 3, arity: 4 },
  eye: { args: () => [3, 2], operands: [0], options: 2, arity: 3 },
  identity: { args: () => [3], operands: [0], options: 1, arity: 2 },
  fromFunction: { args: () => [(i: number, j: number) => i + j, [2, 2]], operands: [0], shape: 1, options: 2, arity: 3 },
  // movement
  reshape: { args: () => [x, [3, 2]], operands: [0], shape: 1, lists: [1], arity: 2, inferredAxis: true },
  ravel: { args: () => [x], operands: [0], arity: 1 },
  transpose: { args: () => [x, [1, 0]], operands: [0], lists: [1], arity: 2 },
  moveaxis: { args: () => [x, [0], [1]], operands: [0, 1, 2], lists: [1, 2], arity: 3 },
  swapaxes: { args: () => [x, 0, 1], operands: [0, 1, 2], arity: 3 },
  expandDims: { args: () => [x, [0, 2]], operands: [0, 1], lists: [1], arity: 2 },
  squeeze: { args: () => [np.zeros([1, 3])], operands: [0], options: 1, arity: 2 },
  broadcastTo: { args: () => [v, [2, 3]], operands: [0], shape: 1, lists: [1], arity: 2 },
  concatenate: { args: () => [[x, x]], operands: [0], options: 1, arity: 2 },
  stack: { args: () => [[x, x]], operands: [0], options: 1, arity: 2 },
  split: { args: () => [x, [1]], operands: [0, 1], lists: [1], options: 2, arity: 3 },
  tile: { args: () => [x, [2, 1]], operands: [0, 1], lists: [1], arity: 2 },
  repeat: { args: () => [v, [1, 2, 0]], operands: [0, 1], lists: [1], options: 2, arity: 3 },
  flip: withOptions,
  take: { args: () => [x, [0, 2]], operands: [0, 1], options: 2, arity: 3 },
  pad: { args: () => [x, [[1, 0], [0, 2]]], operands: [0, 1], lists: [1], options: 2, arity: 3 },
  triu: withOptions,
  tril: withOptions,
  diag: withOptions,
  diagonal: withOptions,
  trace: withOptions,
  slice: { args: () => [x, 0, [1, null]], operands: [0], arity: Infinity },
  at: { args: () => [x, 0], operands: [0], arity: Infinity },
  // products
  matmul: { args: () => [x, xT], operands: [0, 1], arity: 2 },
  dot: { args: () => [x, xT], operands: [0, 1], arity: 2 },
  vdot: { args: () => [x, x], operands: [0, 1], arity: 2 },
  inner: { args: () => [x, x], operands: [0, 1], arity: 2 },
  outer: { args: () => [v, v], operands: [0, 1], arity: 2 },
  tensordot: { args: () => [x, xT, [[0, 1], [1, 0]]], operands: [0, 1], lists: [2], arity: 3 },
  einsum: { args: () => ["ij->ji", x], operands: [0, 1], arity: Infinity },
  // more elementwise, numpy 2 aliases
  ...Object.fromEntries(["acos", "acosh", "asin", "asinh", "atan", "atanh", "deg2rad", "degrees", "rad2deg", "radians", "sinc", "signbit"].map((n) => [n, unary])),
  ...Object.fromEntries(["atan2", "copysign", "floatPower", "fmax", "fmin", "heaviside", "logaddexp2", "pow"].map((n) => [n, binary])),
  concat: { args: () => [[x, x]], operands: [0], options: 1, arity: 2 },
  permuteDims: { args: () => [x, [1, 0]], operands: [0], lists: [1], arity: 2 },
  matrixTranspose: unary,
  // manipulation
  roll: { args: () => [x, 1], operands: [0, 1], options: 2, arity: 3 },
  rot90: withOptions,
  diff: withOptions,
  kron: binary,
  vstack: { args: () => [[x, x]], operands: [0], arity: 1 },
  hstack: { args: () => [[x, x]], operands: [0], arity: 1 },
  dstack: { args: () => [[x, x]], operands: [0], arity: 1 },
  columnStack: { args: () => [[v, v]], operands: [0], arity: 1 },
  // building
  arraySplit: { args: () => [x, [1]], operands: [0, 1], lists: [1], options: 2, arity: 3 },
  hsplit: { args: () => [x, [1]], operands: [0, 1], lists: [1], arity: 2 },
  vsplit: { args: () => [x, 2], operands: [0, 1], arity: 2 },
  dsplit: { args: () => [np.ones([1, 1, 2]), 2], operands: [0, 1], arity: 2 },
  unstack: withOptions,
  broadcastArrays: { args: () => [x, v], operands: [0, 1], arity: Infinity },
  append: { args: () => [x, v], operands: [0, 1], options: 2, arity: 3 },
  tri: { args: () => [3, 2], operands: [0], options: 2, arity: 3 },
  diagflat: withOptions,
  vander: { args: () => [v, 2], operands: [0], options: 2, arity: 3 },
  logspace: { args: () => [0, 1, 5], operands: [0, 1], options: 3, arity: 4 },
  geomspace: { args: () => [1, 10, 5], operands: [0, 1], options: 3, arity: 4 },
  delete: { args: () => [x, [0]], operands: [0, 1], options: 2, arity: 3 },
  insert: { args: () => [x, [0], 7], operands: [0, 1, 2], options: 3, arity: 4 },
  resize: { args: () => [x, [3, 3]], operands: [0], shape: 1, lists: [1], arity: 2 },
  block: { args: () => [[x, x]], operands: [0], arity: 1 },
  trimZeros: withOptions,
  compress: { args: () => [np.array([true, false]), x], operands: [0, 1], options: 2, arity: 3 },
  fillDiagonal: { args: () => [x, 1], operands: [0, 1], options: 2, arity: 3 },
  extract: { args: () => [np.array([true, false]), x], operands: [0, 1], options: 2, arity: 3 },
  choose: { args: () => [np.array([0, 1, 0], { dtype: "int32" }), [v, v]], operands: [0, 1], options: 2, arity: 3 },
  fliplr: unary,
  flipud: unary,
  atleast1d: unary,
  atleast2d: unary,
  atleast3d: unary,
  // A trailing record or null is meshgrid's options, so only the first vector is walked.
  meshgrid: { args: () => [v, v], operands: [0], arity: Infinity },
  cross: { args: () => [x, x], operands: [0, 1], options: 2, arity: 3 },
  ...Object.fromEntries(["bartlett", "blackman", "hamming", "hanning"].map((n) => [n, { args: () => [5], operands: [0], options: 1, arity: 2 }])),
  kaiser: { args: () => [5, 8.6], operands: [0, 1], options: 2, arity: 3 },
  poly: { args: () => [v], operands: [0], arity: 1 },
  ...Object.fromEntries(["polyadd", "polysub", "polymul", "polyval"].map((n) => [n, { args: () => [v, v], operands: [0, 1], arity: 2 }])),
  // m and k have defaults (1 and 0), so only p is a required operand.
  polyder: { args: () => [v, 1], operands: [0], arity: 2 },
  polyint: { args: () => [v, 1, 0], operands: [0], arity: 3 },
  polydiv: { args: () => [v, np.array([1, 1])], operands: [0, 1], options: 2, arity: 3 },
  polyfit: { args: () => [v, v, 1], operands: [0, 1, 2], options: 3, arity: 4 },
  takeAlongAxis: { args: () => [x, np.array([[0], [2]], { dtype: "int32" }), 1], operands: [0, 1], arity: 3 },
  select: { args: () => [[np.array([true, false, true])], [v], 0], operands: [0, 1], arity: 3 },
  put: { args: () => [x, [0, 4], v], operands: [0, 1, 2], options: 3, arity: 4 },
  putAlongAxis: { args: () => [x, np.array([[0], [2]], { dtype: "int32" }), 1, 1], operands: [0, 1, 2], options: 4, arity: 5 },
  place: { args: () => [x, np.greater(x, 2), v], operands: [0, 1, 2], options: 3, arity: 4 },
  piecewise: { args: () => [v, [np.greater(v, 1)], [0, (t: ArrayValue) => np.negative(t)]], operands: [0, 1, 2], arity: 3 },
  applyAlongAxis: { args: () => [(r: ArrayValue) => np.sum(r), 1, x], operands: [0, 1, 2], arity: 3 },
  applyOverAxes: { args: () => [(a: ArrayValue, axis: number) => np.sum(a, axis), x, [0]], operands: [0, 1], arity: 3 },
  // statistics
  average: reduction,
  quantile: { args: () => [x, 0.5], operands: [0, 1], options: 2, arity: 3 },
  percentile: { args: () => [x, 50], operands: [0, 1], options: 2, arity: 3 },
  cov: withOptions,
  corrcoef: withOptions,
  countNonzero: reduction,
  nanquantile: { args: () => [x, 0.5], operands: [0, 1], options: 2, arity: 3 },
  nanpercentile: { args: () => [x, 50], operands: [0, 1], options: 2, arity: 3 },
  nanmedian: reduction,
  // NaN-ignoring reductions
  ...Object.fromEntries(
    ["nansum", "nanprod", "nanmax", "nanmin", "nanmean", "nanvar", "nanstd", "nanargmax", "nanargmin", "nancumsum", "nancumprod"].map((n) => [n, reduction]),
  ),
  // binning and sorted lookup
  searchsorted: { args: () => [v, x], operands: [0, 1], options: 2, arity: 3 },
  bincount: { args: () => [ints], operands: [0], options: 1, arity: 2 },
  histogram: withOptions,
  histogramdd: { args: () => [xT], operands: [0], options: 1, arity: 2 },
  frexp: unary,
  ldexp: { args: () => [x, ints], operands: [0, 1], arity: 2 },
  bitwiseCount: { args: () => [ints], operands: [0], arity: 1 },
  packbits: { args: () => [ints], operands: [0], options: 1, arity: 2 },
  unpackbits: { args: () => [np.array([3, 200], { dtype: "uint32" })], operands: [0], options: 1, arity: 2 },
  i0: unary,
  histogram2d: { args: () => [v, v], operands: [0, 1], options: 2, arity: 3 },
  interp: { args: () => [x, v, v], operands: [0, 1, 2], options: 3, arity: 4 },
  // value-dependent sizes
  nonzero: withOptions,
  flatnonzero: withOptions,
  argwhere: withOptions,
  unique: withOptions,
  // JAX's other names
  around: withOptions,
  fabs: unary,
  bitwiseInvert: { args: () => [ints], operands: [0], arity: 1 },
  bitwiseLeftShift: intBinary,
  bitwiseRightShift: intBinary,
  empty: { args: () => [[2, 3]], shape: 0, options: 1, arity: 2 },
  emptyLike: { args: () => [x], operands: [0], options: 1, arity: 2 },
  rollaxis: { args: () => [x, 1, 0], operands: [0, 1], arity: 3 },
  cumulativeSum: { args: () => [v], operands: [0], options: 1, arity: 2 },
  cumulativeProd: { args: () => [v], operands: [0], options: 1, arity: 2 },
  ...Object.fromEntries(["uniqueAll", "uniqueCounts", "uniqueInverse", "uniqueValues"].map((n) => [n, withOptions])),
  // index helpers
  diagIndices: { args: () => [3, 2], operands: [0], arity: 2 },
  diagIndicesFrom: { args: () => [square], operands: [0], arity: 1 },
  indices: { args: () => [[2, 3]], operands: [0], lists: [0], options: 1, arity: 2 },
  ix: { args: () => [ints, ints], operands: [0, 1], arity: Infinity },
  maskIndices: { args: () => [3, np.triu, 0], operands: [0, 1], options: 3, arity: 4 },
  trilIndices: { args: () => [3, 0, 4], operands: [0], arity: 3 },
  triuIndices: { args: () => [3, 0, 4], operands: [0], arity: 3 },
  trilIndicesFrom: { args: () => [x, 0], operands: [0], arity: 2 },
  triuIndicesFrom: { args: () => [x, 0], operands: [0], arity: 2 },
  ravelMultiIndex: { args: () => [[ints, ints], [4, 4]], operands: [0, 1], lists: [1], options: 2, arity: 3 },
  unravelIndex: { args: () => [ints, [2, 3]], operands: [0, 1], lists: [1], arity: 2 },
  // more arithmetic
  ...Object.fromEntries(["isposinf", "isneginf", "modf", "spacing"].map((n) => [n, unary])),
  ...Object.fromEntries(["divmod", "matvec"].map((n) => [n, { args: () => [x, v], operands: [0, 1], arity: 2 }])),
  gcd: intBinary,
  lcm: intBinary,
  nanToNum: withOptions,
  ediff1d: withOptions,
  trapezoid: withOptions,
  convolve: { args: () => [v, v], operands: [0, 1], options: 2, arity: 3 },
  correlate: { args: () => [v, v], operands: [0, 1], options: 2, arity: 3 },
  vecdot: { args: () => [x, v], operands: [0, 1], options: 2, arity: 3 },
  vecmat: { args: () => [np.array([1, 2]), x], operands: [0, 1], arity: 2 },
  arrayEquiv: { args: () => [x, v], operands: [0, 1], arity: 2 },
  broadcastShapes: { args: () => [[2, 1], [3]], arity: Infinity },
  unwrap: withOptions,
  gradient: withOptions,
  // sets and bins
  ...Object.fromEntries(["isin", "union1d", "intersect1d", "setdiff1d", "setxor1d"].map((n) => [n, { args: () => [x, v], operands: [0, 1], options: 2, arity: 3 }])),
  digitize: { args: () => [x, v], operands: [0, 1], options: 2, arity: 3 },
  partition: { args: () => [x, 1], operands: [0, 1], options: 2, arity: 3 },
  argpartition: { args: () => [x, 1], operands: [0, 1], options: 2, arity: 3 },
  lexsort: { args: () => [[v, v]], operands: [0], options: 1, arity: 2 },
  histogramBinEdges: withOptions,
};

const linalgTable: Record<string, Entry> = {
  cholesky: { args: () => [square], operands: [0], options: 1, arity: 2 },
  qr: { args: () => [x], operands: [0], options: 1, arity: 2 },
  svd: { args: () => [x], operands: [0], options: 1, arity: 2 },
  eigh: { args: () => [square], operands: [0], options: 1, arity: 2 },
  eigvalsh: { args: () => [square], operands: [0], options: 1, arity: 2 },
  solve: { args: () => [square, np.array([1, 2])], operands: [0, 1], arity: 2 },
  inv: { args: () => [square], operands: [0], arity: 1 },
  tensorinv: { args: () => [np.reshape(np.eye(4), [2, 2, 4])], operands: [0], options: 1, arity: 2 },
  tensorsolve: { args: () => [square, np.array([1, 2])], operands: [0, 1], options: 2, arity: 3 },
  det: { args: () => [square], operands: [0], arity: 1 },
  slogdet: { args: () => [square], operands: [0], arity: 1 },
  matrixPower: { args: () => [square, 3], operands: [0, 1], arity: 2 },
  lstsq: { args: () => [xT, v], operands: [0, 1], options: 2, arity: 3 },
  pinv: { args: () => [x], operands: [0], options: 1, arity: 2 },
  matrixRank: { args: () => [x], operands: [0], options: 1, arity: 2 },
  norm: { args: () => [x], operands: [0], options: 1, arity: 2 },
  vectorNorm: { args: () => [x], operands: [0], options: 1, arity: 2 },
  matrixNorm: { args: () => [x], operands: [0], options: 1, arity: 2 },
  svdvals: { args: () => [x], operands: [0], arity: 1 },
  cond: { args: () => [square], operands: [0], arity: 2 },
  multiDot: { args: () => [[x, xT, np.array([1, 2])]], operands: [0], arity: 1 },
  cross: { args: () => [np.ones([2, 3]), np.ones([3])], operands: [0, 1], options: 2, arity: 3 },
  diagonal: { args: () => [x], operands: [0], options: 1, arity: 2 },
  matmul: { args: () => [x, xT], operands: [0, 1], arity: 2 },
  matrixTranspose: { args: () => [x], operands: [0], arity: 1 },
  outer: { args: () => [v, v], operands: [0, 1], arity: 2 },
  tensordot: { args: () => [x, x], operands: [0, 1], options: 2, arity: 3 },
  trace: { args: () => [x], operands: [0], options: 1, arity: 2 },
  vecdot: { args: () => [x, v], operands: [0, 1], options: 2, arity: 3 },
};

type Fn = (...args: unknown[]) => unknown;
const exportsOf = (ns: object): [string, Fn][] =>
  Object.entries(ns).filter((e): e is [string, Fn] => typeof e[1] === "function");
const all: [string, Fn, Entry | undefined][] = [
  ...exportsOf(np).map(([name, f]): [string, Fn, Entry | undefined] => [name, f, table[name]]),
  ...exportsOf(np.linalg).map(([name, f]): [string, Fn, Entry | undefined] => [`linalg.${name}`, f, linalgTable[name]]),
];


/** A comparable form of a result: arrays as dtype, shape and values; tuples element by element. */
function plain(value: unknown): unknown {
  if (value instanceof ArrayValue) return { dtype: value.dtype, shape: value.shape, values: value.toArray() };
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object" && value !== null) return Object.keys(value).sort();
  return value;
}

const withArg = (args: unknown[], i: number, value: unknown): unknown[] => {
  const out = [...args];
  while (out.length <= i) out.push(undefined);
  out[i] = value;
  return out;
};

const cyclicShape: unknown[] = [2];
cyclicShape.push(cyclicShape);
const hostileShapes: [string, unknown][] = [
  ["[-1]", [-1]],
  ["[-2]", [-2]],
  ["[1.5]", [1.5]],
  ["[1n]", [1n]],
  ["a cyclic list", cyclicShape],
  ["[2**32]", [2 ** 32]],
  ["[0, 1e300]", [0, 1e300]],
  ['"abc"', "abc"],
];
const junkOperands: [string, unknown][] = [
  ['"abc"', "abc"],
  ["null", null],
  ["undefined", undefined],
  ["{}", {}],
];

describe("every np export is in the table", () => {
  it("has an entry for each exported function, and none for removed ones", () => {
    const missing = all.filter(([, , entry]) => entry === undefined).map(([name]) => name);
    expect(missing, "add these exports to the table in test/misuse/exports-np.test.ts").toEqual([]);
    const exported = new Set(all.map(([name]) => name));
    const stale = [...Object.keys(table), ...Object.keys(linalgTable).map((n) => `linalg.${n}`)].filter((n) => !exported.has(n));
    expect(stale).toEqual([]);
  });
});

describe("np exports reject what they do not understand", () => {
  for (const [name, f, entry] of all) {
    if (entry === undefined) continue;
    describe(name, () => {
      it("runs on its valid arguments", () => {
        expect(() => f(...entry.args())).not.toThrow();
      });
      if (entry.arity !== Infinity) {
        it("rejects an extra argument", () => {
          expectReadableError(() => f(...withArg(entry.args(), entry.arity, 7)), "takes at most");
        });
      }
      if (entry.options !== undefined) {
        const at = entry.options;
        it("rejects an unknown option key with a hint", () => {
          expectReadableError(() => f(...withArg(entry.args(), at, { bogusKey: 1 })), 'unknown option "bogusKey"');
        });
        it("treats null options as no options", () => {
          expect(plain(f(...withArg(entry.args(), at, null)))).toEqual(plain(f(...entry.args())));
        });
        it("rejects options that are not a record", () => {
          expectReadableError(() => f(...withArg(entry.args(), at, Symbol("opts"))));
        });
      }
      for (const i of entry.operands ?? []) {
        for (const [label, junk] of junkOperands) {
          it(`rejects ${label} as argument ${i}`, () => {
            expectReadableError(() => f(...withArg(entry.args(), i, junk)));
          });
        }
      }
      if (entry.shape !== undefined) {
        const at = entry.shape;
        for (const [label, shape] of hostileShapes) {
          if (entry.inferredAxis && label === "[-1]") continue;
          it(`rejects the shape ${label}`, () => {
            expectReadableError(() => f(...withArg(entry.args(), at, shape)));
          });
        }
      }
      for (const i of entry.lists ?? []) {
        it(`accepts argument ${i} as a concrete array, as JAX does`, () => {
          const args = entry.args();
          const asArray = withArg(args, i, np.array(args[i] as never, { dtype: "int32" }));
          expect(plain(f(...asArray))).toEqual(plain(f(...args)));
        });
        it(`rejects a string, an object and a bool array as argument ${i}`, () => {
          for (const junk of ["1", { length: 1 }, np.array([true])]) expectReadableError(() => f(...withArg(entry.args(), i, junk)));
        });
      }
    });
  }
});
