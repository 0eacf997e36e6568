/**
 * Walks every export of lax (with lax.linalg), nn, random and scipy and feeds each the misuse of issue 9:
 * unknown option keys, null options (which must mean "no options"), wrong operand types and
 * hostile shapes, keys and functions. The table says what each argument position is; an export
 * without an entry fails the walk, so a new function cannot skip these checks.
 */
import { describe, expect, it } from "vitest";
import { ArrayValue, lax, nn, np, random, scipy } from "../../index.js";
import { expectReadableError } from "./case.js";

/** What an argument position takes: only required positions are listed (undefined means "use the default" elsewhere). */
/** `axisOptions`: options whose place also takes a positional axis (a number or list), as `nn.softmax(x, 0)`. */
type Kind = "operand" | "array" | "options" | "axisOptions" | "requiredOptions" | "shape" | "key" | "fn" | "other";
interface Entry {
  readonly args: () => unknown[];
  readonly kinds: readonly Kind[];
}

const x = () => np.full([2, 3], 0.5);
const ints = () => np.array([[1, 2, 3], [4, 5, 6]], { dtype: "int32" });
const bools = () => np.array([true, false]);
const img = () => np.ones([1, 4, 4, 1]);
const kernel = () => np.ones([2, 2, 1, 1]);
const eye = () => np.eye(2);
const idx = () => np.array([0, 1], { dtype: "int32" });
const u32 = () => np.array([1, 2], { dtype: "uint32" });
const k = () => random.key(0);

const unary = ["neg", "exp", "exp2", "log", "log1p", "expm1", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "logistic", "sqrt", "rsqrt", "cbrt", "abs", "sign", "floor", "ceil", "erf", "erfc", "erfInv", "isFinite", "stopGradient"];
const binary = ["add", "sub", "mul", "div", "pow", "max", "min", "atan2", "rem", "nextAfter", "eq", "ne", "lt", "le", "gt", "ge"];
const integerBinary = ["and", "or", "xor", "shiftLeft", "shiftRightLogical", "shiftRightArithmetic"];

const laxTable: Record<string, Entry> = {
  ...Object.fromEntries(unary.map((n) => [n, { args: () => [x()], kinds: ["operand"] }])),
  not: { args: () => [bools()], kinds: ["operand"] },
  ...Object.fromEntries(binary.map((n) => [n, { args: () => [x(), x()], kinds: ["operand", "operand"] }])),
  ...Object.fromEntries(integerBinary.map((n) => [n, { args: () => [ints(), ints()], kinds: ["operand", "operand"] }])),
  round: { args: () => [x(), "toNearestEven"], kinds: ["operand", "other"] },
  integerPow: { args: () => [x(), 2], kinds: ["operand", "other"] },
  select: { args: () => [np.array([[true, false, true], [false, true, false]]), x(), x()], kinds: ["operand", "operand", "operand"] },
  convertElementType: { args: () => [x(), "int32"], kinds: ["operand", "other"] },
  ...Object.fromEntries(["reduceSum", "reduceMax", "reduceMin", "reduceProd"].map((n) => [n, { args: () => [x(), [0]], kinds: ["operand", "other"] }])),
  ...Object.fromEntries(["argmax", "argmin", "cumsum", "cumprod", "cummax", "cummin"].map((n) => [n, { args: () => [x(), 1], kinds: ["operand", "other"] }])),
  sort: { args: () => [[x()], { axis: 0 }], kinds: ["other", "options"] },
  topK: { args: () => [x(), 2], kinds: ["operand", "other"] },
  populationCount: { args: () => [ints()], kinds: ["operand"] },
  bitcastConvertType: { args: () => [x(), "int32"], kinds: ["operand", "other"] },
  clz: { args: () => [ints()], kinds: ["operand"] },
  mulhi: { args: () => [ints(), ints()], kinds: ["operand", "operand"] },
  reduceXor: { args: () => [ints(), [0]], kinds: ["operand", "other"] },
  cumlogsumexp: { args: () => [x(), 1], kinds: ["operand", "other"] },
  sortKeyVal: { args: () => [x(), x()], kinds: ["array", "array"] },
  broadcastShapes: { args: () => [[2, 1], [3]], kinds: ["shape", "shape"] },
  reshape: { args: () => [x(), [6]], kinds: ["operand", "shape"] },
  broadcastInDim: { args: () => [x(), [4, 2, 3], [1, 2]], kinds: ["operand", "shape", "other"] },
  transpose: { args: () => [x(), [1, 0]], kinds: ["operand", "other"] },
  slice: { args: () => [x(), [0, 0], [1, 2]], kinds: ["operand", "other", "other"] },
  dynamicSlice: { args: () => [x(), [0, 1], [1, 2]], kinds: ["operand", "other", "other"] },
  dynamicUpdateSlice: { args: () => [x(), np.zeros([1, 2]), [0, 1]], kinds: ["operand", "operand", "other"] },
  pad: { args: () => [x(), 0, [[1, 1, 0], [0, 0, 1]]], kinds: ["operand", "operand", "other"] },
  concatenate: { args: () => [[x(), x()], 0], kinds: ["other", "other"] },
  rev: { args: () => [x(), [0]], kinds: ["operand", "other"] },
  gather: { args: () => [x(), idx(), 1], kinds: ["array", "array", "other"] },
  scatterAdd: { args: () => [x(), idx(), np.ones([2, 2]), 1], kinds: ["array", "array", "array", "other"] },
  iota: { args: () => ["float32", [2, 3], 1], kinds: ["other", "shape", "other"] },
  broadcast: { args: () => [x(), [2]], kinds: ["operand", "shape"] },
  broadcastToRank: { args: () => [x(), 3], kinds: ["operand", "other"] },
  broadcastedIota: { args: () => ["int32", [2, 3], 1], kinds: ["other", "shape", "other"] },
  collapse: { args: () => [x(), 0, 2], kinds: ["operand", "other", "other"] },
  broadcastLike: { args: () => [np.array([1, 2, 3]), x()], kinds: ["operand", "operand"] },
  indexTake: { args: () => [x(), [np.array([1, 0], { dtype: "int32" })], [0]], kinds: ["array", "other", "other"] },
  sliceInDim: { args: () => [x(), 0, 2, 1, 1], kinds: ["operand", "other", "other", "other", "other"] },
  indexInDim: { args: () => [x(), 1, 1, false], kinds: ["operand", "other", "other", "other"] },
  dynamicSliceInDim: { args: () => [x(), 1, 2, 1], kinds: ["operand", "operand", "other", "other"] },
  dynamicIndexInDim: { args: () => [x(), 1, 1, false], kinds: ["operand", "operand", "other", "other"] },
  dynamicUpdateSliceInDim: { args: () => [x(), np.zeros([2, 1]), 1, 1], kinds: ["operand", "operand", "operand", "other"] },
  dynamicUpdateIndexInDim: { args: () => [x(), np.zeros([2]), 1, 1], kinds: ["operand", "operand", "operand", "other"] },
  unstack: { args: () => [x(), 1], kinds: ["operand", "other"] },
  threefry2x32: { args: () => [u32(), u32(), u32(), u32()], kinds: ["array", "array", "array", "array"] },
  dotGeneral: { args: () => [x(), x(), [[[1], [1]], [[], []]], { preferredElementType: "float32" }], kinds: ["array", "array", "other", "options"] },
  padtypeToPads: { args: () => [[7], [3], [2], "SAME"], kinds: ["shape", "shape", "other", "other"] },
  convDimensionNumbers: { args: () => [["NHWC", "HWIO", "NHWC"], 4], kinds: ["other", "other"] },
  convGeneralDilated: { args: () => [img(), kernel(), { padding: "SAME" }], kinds: ["array", "array", "options"] },
  conv: { args: () => [img(), kernel(), [1, 1], "SAME"], kinds: ["array", "array", "other", "other"] },
  reduceWindow: { args: () => [img(), "max", { windowDimensions: [1, 2, 2, 1] }], kinds: ["array", "other", "requiredOptions"] },
  convTranspose: { args: () => [img(), kernel(), [2, 2], "SAME", { transposeKernel: true }], kinds: ["array", "array", "other", "other", "options"] },
  convWithGeneralPadding: { args: () => [img(), kernel(), [1, 1], [[1, 0], [0, 1]], [1, 1], null], kinds: ["array", "array", "other", "other", "other", "other"] },
  convGeneralDilatedPatches: { args: () => [img(), [2, 2], [1, 1], "VALID", { rhsDilation: [1, 1] }], kinds: ["array", "shape", "other", "other", "options"] },
  convGeneralDilatedLocal: { args: () => [img(), np.ones([3, 3, 4, 1]), [1, 1], "VALID", [2, 2], { lhsDilation: [1, 1] }], kinds: ["array", "array", "other", "other", "shape", "options"] },
  convGeneralPermutations: { args: () => [["NHWC", "HWIO", "NHWC"]], kinds: ["other"] },
  convShapeTuple: { args: () => [[1, 1, 4, 4], [1, 1, 2, 2], [1, 1], "SAME", 1], kinds: ["shape", "shape", "other", "other", "other"] },
  convGeneralShapeTuple: { args: () => [[1, 4, 4, 1], [2, 2, 1, 1], [1, 1], "SAME", ["NHWC", "HWIO", "NHWC"]], kinds: ["shape", "shape", "other", "other", "other"] },
  convTransposeShapeTuple: { args: () => [[1, 4, 4, 1], [2, 2, 1, 1], [2, 2], "SAME", ["NHWC", "HWIO", "NHWC"]], kinds: ["shape", "shape", "other", "other", "other"] },
  reduceWindowShapeTuple: { args: () => [[4, 6], [2, 2], [1, 1], [[0, 0], [0, 0]], null, null], kinds: ["shape", "shape", "other", "other", "other", "other"] },
  raggedDot: { args: () => [np.ones([3, 2]), np.ones([2, 2, 2]), idx(), { preferredElementType: "float32" }], kinds: ["array", "array", "array", "options"] },
  raggedDotGeneral: {
    args: () => [np.ones([3, 2]), np.ones([2, 2, 2]), idx(), { dotDimensionNumbers: [[[1], [1]], [[], []]], lhsRaggedDimensions: [0], rhsGroupDimensions: [0] }, {}],
    kinds: ["array", "array", "array", "other", "options"],
  },
  maxPool: { args: () => [img(), [2, 2], { strides: [2, 2] }], kinds: ["array", "other", "options"] },
  avgPool: { args: () => [img(), [2, 2], { padding: "SAME" }], kinds: ["array", "other", "options"] },
  cond: { args: () => [true, (v: ArrayValue) => v.mul(2), (v: ArrayValue) => v, x()], kinds: ["other", "fn", "fn", "other"] },
  switch: { args: () => [1, [(v: ArrayValue) => v.mul(2), (v: ArrayValue) => v], x()], kinds: ["other", "other", "other"] },
  whileLoop: { args: () => [(c: ArrayValue) => c.lt(3), (c: ArrayValue) => c.add(1), np.array(0, { dtype: "int32" })], kinds: ["fn", "fn", "other"] },
  foriLoop: { args: () => [0, 3, (_i: ArrayValue, v: ArrayValue) => v.mul(2), x()], kinds: ["other", "other", "fn", "other"] },
  scan: { args: () => [(c: ArrayValue, v: ArrayValue) => [c.add(v), c], np.zeros([3]), x(), { reverse: true }], kinds: ["fn", "other", "other", "options"] },
  clamp: { args: () => [0, x(), 1], kinds: ["operand", "operand", "operand"] },
  dot: { args: () => [x(), np.ones([3, 2]), { preferredElementType: "float32" }], kinds: ["array", "array", "options"] },
  batchMatmul: { args: () => [np.ones([2, 2, 3]), np.ones([2, 3, 2])], kinds: ["array", "array"] },
  empty: { args: () => [[2, 3], "float32"], kinds: ["shape", "other"] },
  full: { args: () => [[2, 3], 1, "float32"], kinds: ["shape", "operand", "other"] },
  fullLike: { args: () => [x(), 1, "float32", [2]], kinds: ["array", "operand", "other", "other"] },
  reciprocal: { args: () => [x()], kinds: ["operand"] },
  square: { args: () => [x()], kinds: ["operand"] },
  reduceAnd: { args: () => [bools(), [0]], kinds: ["operand", "other"] },
  reduceOr: { args: () => [bools(), [0]], kinds: ["operand", "other"] },
  expandDims: { args: () => [x(), [0]], kinds: ["operand", "other"] },
  squeeze: { args: () => [np.ones([1, 3]), [0]], kinds: ["operand", "other"] },
  split: { args: () => [x(), [1, 2], 1], kinds: ["operand", "other", "other"] },
  stack: { args: () => [[x(), x()], 1], kinds: ["other", "other"] },
  tile: { args: () => [x(), [2, 1]], kinds: ["operand", "other"] },
  selectN: { args: () => [np.array(1, { dtype: "int32" }), x(), x()], kinds: ["operand", "operand", "operand"] },
  associativeScan: { args: () => [(a: ArrayValue, b: ArrayValue) => a.add(b), x(), { axis: 1 }], kinds: ["fn", "other", "options"] },
  ...Object.fromEntries(["scatter", "scatterSub", "scatterMul", "scatterMin", "scatterMax"].map((n) => [n, {
    args: () => [np.zeros([3]), np.array([[1]], { dtype: "int32" }), np.ones([1]), { updateWindowDims: [], insertedWindowDims: [0], scatterDimsToOperandDims: [0] }, { mode: "clip" }],
    kinds: ["array", "array", "array", "other", "options"],
  }])),
  scatterApply: {
    args: () => [np.zeros([3]), np.array([1], { dtype: "int32" }), (v: ArrayValue) => v.mul(2), { updateWindowDims: [], insertedWindowDims: [0], scatterDimsToOperandDims: [0] }, { updateShape: [] }],
    kinds: ["array", "array", "fn", "other", "options"],
  },
  reduce: { args: () => [x(), np.array(0), (a: ArrayValue, b: ArrayValue) => a.add(b), [1]], kinds: ["other", "other", "fn", "other"] },
  customLinearSolve: { args: () => [(v: ArrayValue) => v.mul(2), x(), (_mv: unknown, r: ArrayValue) => r.div(2), null, { symmetric: true }], kinds: ["fn", "other", "fn", "other", "options"] },
  customRoot: { args: () => [(v: ArrayValue) => v.sub(1), x(), (_f: unknown, x0: ArrayValue) => x0, (_g: unknown, y: ArrayValue) => y, { hasAux: false }], kinds: ["fn", "other", "fn", "fn", "options"] },
  map: { args: () => [(v: ArrayValue) => v.mul(2), x(), { batchSize: 1 }], kinds: ["fn", "other", "options"] },
  "linalg.cholesky": { args: () => [eye()], kinds: ["array"] },
  "linalg.triangularSolve": { args: () => [eye(), np.ones([2, 2]), { lower: true }], kinds: ["array", "array", "options"] },
  "linalg.lu": { args: () => [eye()], kinds: ["array"] },
  "linalg.qr": { args: () => [eye(), { fullMatrices: false }], kinds: ["array", "options"] },
  "linalg.eigh": { args: () => [eye()], kinds: ["array"] },
  "linalg.svd": { args: () => [eye(), { fullMatrices: false }], kinds: ["array", "options"] },
  "linalg.symmetricProduct": { args: () => [eye(), eye(), { alpha: 2 }], kinds: ["array", "array", "options"] },
  "linalg.luPivotsToPermutation": { args: () => [idx(), 3], kinds: ["array", "other"] },
  "linalg.householderProduct": { args: () => [eye(), np.array([1, 0])], kinds: ["array", "array"] },
  "linalg.ormqr": { args: () => [eye(), np.array([1, 0]), eye(), { transpose: true }], kinds: ["array", "array", "array", "options"] },
  "linalg.choleskyUpdate": { args: () => [eye(), np.array([1, 0])], kinds: ["array", "array"] },
  "linalg.hessenberg": { args: () => [eye()], kinds: ["array"] },
  "linalg.tridiagonal": { args: () => [eye(), { lower: false }], kinds: ["array", "options"] },
  "linalg.qdwh": { args: () => [eye(), { maxIterations: 3 }], kinds: ["array", "options"] },
  "linalg.schur": { args: () => [eye(), { computeSchurVectors: true }], kinds: ["array", "options"] },
  "linalg.tridiagonalSolve": { args: () => [np.array([0, 1]), np.array([2, 2]), np.array([1, 0]), eye(), {}], kinds: ["array", "array", "array", "array", "options"] },
  ...Object.fromEntries(["besselI0e", "besselI1e", "digamma", "lgamma"].map((n) => [n, { args: () => [x()], kinds: ["operand"] }])),
  ...Object.fromEntries(["igamma", "igammac", "igammaGradA", "polygamma", "zeta"].map((n) => [n, { args: () => [x(), x()], kinds: ["operand", "operand"] }])),
  betainc: { args: () => [x(), x(), x()], kinds: ["operand", "operand", "operand"] },
};

const nnTable: Record<string, Entry> = {
  ...Object.fromEntries(["relu", "relu6", "sigmoid", "softplus", "logSigmoid", "silu", "swish", "selu", "hardTanh",
    "hardSigmoid", "hardSilu", "hardSwish", "mish", "softSign", "sparsePlus", "sparseSigmoid", "log1mexp", "identity"].map((n) => [n, { args: () => [x()], kinds: ["operand"] }])),
  gelu: { args: () => [x(), { approximate: false }], kinds: ["operand", "options"] },
  elu: { args: () => [x(), { alpha: 2 }], kinds: ["operand", "options"] },
  leakyRelu: { args: () => [x(), { negativeSlope: 0.2 }], kinds: ["operand", "options"] },
  celu: { args: () => [x(), { alpha: 0.5 }], kinds: ["operand", "options"] },
  squareplus: { args: () => [x(), { b: 1 }], kinds: ["operand", "options"] },
  glu: { args: () => [np.ones([2, 4]), { axis: -1 }], kinds: ["operand", "options"] },
  logsumexp: { args: () => [x(), { axis: 0 }], kinds: ["operand", "axisOptions"] },
  logmeanexp: { args: () => [x(), { axis: 0 }], kinds: ["operand", "axisOptions"] },
  dotProductAttention: { args: () => [np.ones([1, 2, 1, 3]), np.ones([1, 2, 1, 3]), np.ones([1, 2, 1, 3]), { isCausal: true }], kinds: ["array", "array", "array", "options"] },
  softmax: { args: () => [x(), { axis: 0 }], kinds: ["operand", "axisOptions"] },
  logSoftmax: { args: () => [x(), { axis: 0 }], kinds: ["operand", "axisOptions"] },
  standardize: { args: () => [x(), { epsilon: 1e-3 }], kinds: ["operand", "options"] },
  oneHot: { args: () => [idx(), 3, { dtype: "int32" }], kinds: ["operand", "other", "options"] },
};

const randomTable: Record<string, Entry> = {
  key: { args: () => [7], kinds: ["other"] },
  split: { args: () => [k(), 3], kinds: ["key", "other"] },
  foldIn: { args: () => [k(), 5], kinds: ["key", "other"] },
  bits: { args: () => [k(), [2]], kinds: ["key", "shape"] },
  ...Object.fromEntries(["uniform", "normal", "gumbel", "exponential", "laplace"].map((n) => [n, { args: () => [k(), [2, 2], { dtype: "float64" }], kinds: ["key", "shape", "options"] }])),
  truncatedNormal: { args: () => [k(), -1, 1, [3], { dtype: "float32" }], kinds: ["key", "operand", "operand", "shape", "options"] },
  bernoulli: { args: () => [k(), 0.3, [4]], kinds: ["key", "other", "shape"] },
  categorical: { args: () => [k(), x(), { axis: 0 }], kinds: ["key", "array", "options"] },
  randint: { args: () => [k(), [3], 0, 5, { dtype: "int32" }], kinds: ["key", "shape", "operand", "operand", "options"] },
  permutation: { args: () => [k(), 5, { independent: false }], kinds: ["key", "other", "options"] },
  choice: { args: () => [k(), 5, { shape: [2], replace: false }], kinds: ["key", "other", "options"] },
  gamma: { args: () => [k(), 2, [3], { dtype: "float64" }], kinds: ["key", "operand", "shape", "options"] },
  loggamma: { args: () => [k(), 2, [3], { dtype: "float64" }], kinds: ["key", "operand", "shape", "options"] },
  poisson: { args: () => [k(), 2, [3], { dtype: "int32" }], kinds: ["key", "operand", "shape", "options"] },
  binomial: { args: () => [k(), 20, 0.3, [3], { dtype: "float64" }], kinds: ["key", "operand", "operand", "shape", "options"] },
  multinomial: { args: () => [k(), 10, np.array([0.2, 0.8]), { shape: [3, 2], dtype: "float64" }], kinds: ["key", "operand", "array", "options"] },
  ball: { args: () => [k(), 3, 2, [2], { dtype: "float64" }], kinds: ["key", "other", "other", "shape", "options"] },
  beta: { args: () => [k(), 2, 3, [3], { dtype: "float64" }], kinds: ["key", "operand", "operand", "shape", "options"] },
  dirichlet: { args: () => [k(), x(), [2], { dtype: "float64" }], kinds: ["key", "array", "shape", "options"] },
  ...Object.fromEntries(["rademacher", "cauchy", "logistic", "maxwell"].map((n) => [n, { args: () => [k(), [2, 2], { dtype: "float64" }], kinds: ["key", "shape", "options"] }])),
  ...Object.fromEntries(
    ["pareto", "rayleigh", "wald", "t", "chisquare"].map((n) => [n, { args: () => [k(), 2, [3], { dtype: "float64" }], kinds: ["key", "operand", "shape", "options"] }]),
  ),
  ...Object.fromEntries(
    ["f", "doubleSidedMaxwell", "weibullMin"].map((n) => [n, { args: () => [k(), 2, 3, [3], { dtype: "float64" }], kinds: ["key", "operand", "operand", "shape", "options"] }]),
  ),
  // sigma defaults to 1, as in JAX, so undefined is accepted.
  lognormal: { args: () => [k(), 2, [3], { dtype: "float64" }], kinds: ["key", "other", "shape", "options"] },
  triangular: { args: () => [k(), 0, 1, 3, [3], { dtype: "float64" }], kinds: ["key", "operand", "operand", "operand", "shape", "options"] },
  geometric: { args: () => [k(), 0.3, [3]], kinds: ["key", "operand", "shape"] },
  orthogonal: { args: () => [k(), 3, [2], { dtype: "float64" }], kinds: ["key", "other", "shape", "options"] },
  generalizedNormal: { args: () => [k(), 1.5, [3], { dtype: "float64" }], kinds: ["key", "other", "shape", "options"] },
  multivariateNormal: {
    args: () => [k(), np.zeros([2]), np.eye(2), [3], { method: "cholesky" }],
    kinds: ["key", "array", "array", "shape", "options"],
  },
};

const kdeData = () => np.array([0, 1, 1.5, 3, 4]);
const kde = () => scipy.stats.gaussianKde(kdeData());

/** `n` operands (each the 2x3 array of 0.5), then `rest` as given. */
const operands = (n: number, ...rest: [unknown, Kind][]): Entry => ({
  args: () => [...Array.from({ length: n }, x), ...rest.map(([value]) => value)],
  kinds: [...Array<Kind>(n).fill("operand"), ...rest.map(([, kind]) => kind)],
});
const scipyTable: Record<string, Entry> = {
  ...Object.fromEntries(
    ["gammaln", "digamma", "gamma", "gammasgn", "loggamma", "entr", "logit", "expit", "erf", "erfc", "erfinv", "ndtr", "ndtri", "i0e", "i0", "i1e", "i1", "erfcx", "dawsn", "expi", "exp1", "sici", "spence", "fresnel"].map((n) => [`special.${n}`, operands(1)]),
  ),
  ...Object.fromEntries(["betaln", "beta", "xlogy", "xlog1py", "relEntr", "klDiv", "boxcox", "boxcox1p", "zeta", "gammainc", "gammaincc", "expn", "poch", "owensT"].map((n) => [`special.${n}`, operands(2)])),
  "special.comb": operands(2, [{ repetition: true }, "options"]),
  "special.factorial": operands(1, [{ exact: false }, "options"]),
  "special.logNdtr": operands(1, [{ seriesOrder: 2 }, "options"]),
  "special.softmax": operands(1, [{ axis: 0 }, "options"]),
  "special.logSoftmax": operands(1, [{ axis: 0 }, "options"]),
  "special.logsumexp": operands(1, [{ axis: 0 }, "axisOptions"]),
  "special.betainc": operands(3),
  "special.hyp1f1": operands(3),
  "special.hyp2f1": operands(4),
  "special.besselJn": operands(1, [{ v: 2 }, "requiredOptions"]),
  "special.multigammaln": operands(1, [2, "other"]),
  "special.polygamma": { args: () => [1, x()], kinds: ["other", "operand"] },
  "special.bernoulli": { args: () => [4, { dtype: "float64" }], kinds: ["other", "options"] },
  "stats.poisson.entropy": operands(1),
  "stats.multinomial.logpmf": { args: () => [np.array([1, 2], { dtype: "int32" }), 3, np.array([0.4, 0.6])], kinds: ["operand", "operand", "operand"] },
  "stats.multinomial.pmf": { args: () => [np.array([1, 2], { dtype: "int32" }), 3, np.array([0.4, 0.6])], kinds: ["operand", "operand", "operand"] },
  "stats.dirichlet.logpdf": { args: () => [np.array([0.2, 0.3, 0.5]), np.array([1, 2, 3])], kinds: ["operand", "operand"] },
  "stats.dirichlet.pdf": { args: () => [np.array([0.2, 0.3, 0.5]), np.array([1, 2, 3])], kinds: ["operand", "operand"] },
  "stats.multivariateNormal.logpdf": { args: () => [x(), np.zeros([3]), np.eye(3)], kinds: ["operand", "operand", "operand"] },
  "stats.multivariateNormal.pdf": { args: () => [x(), np.zeros([3]), np.eye(3)], kinds: ["operand", "operand", "operand"] },
  "stats.mode": operands(1, [{ axis: 1, keepdims: true }, "options"]),
  "stats.rankdata": operands(1, [{ method: "min", axis: 0 }, "options"]),
  "stats.sem": operands(1, [{ axis: 1, ddof: 0, nanPolicy: "omit" }, "options"]),
  // The estimator record is checked like an array argument (an object that is not one fails).
  "stats.gaussianKde": { args: () => [kdeData(), { bwMethod: "silverman", weights: np.ones([5]) }], kinds: ["array", "options"] },
  ...Object.fromEntries(["evaluate", "pdf", "logpdf"].map((n) => [`stats.gaussianKde.${n}`, { args: () => [kde(), np.array([0.5, 1])], kinds: ["array", "operand"] }])),
  "stats.gaussianKde.integrateGaussian": { args: () => [kde(), 0.5, 1], kinds: ["array", "operand", "operand"] },
  "stats.gaussianKde.integrateBox1d": { args: () => [kde(), 0, 1], kinds: ["array", "operand", "operand"] },
  "stats.gaussianKde.integrateBox": { args: () => [kde(), np.zeros([1]), np.ones([1])], kinds: [] },
  "stats.gaussianKde.integrateKde": { args: () => [kde(), kde()], kinds: ["array", "array"] },
  "stats.gaussianKde.resample": { args: () => [kde(), k(), [3]], kinds: ["array", "key", "shape"] },
  "stats.gaussianKde.setBandwidth": { args: () => [kde(), "silverman"], kinds: ["array", "other"] },
};
/** Exports that always fail, naming what to use instead (JAX leaves them unimplemented too). */
const UNIMPLEMENTED = new Set(["stats.gaussianKde.integrateBox"]);
/** The distributions' functions: how many operands each requires (the rest default, as loc and scale). */
const REQUIRED_OPERANDS: Readonly<Record<string, number>> = {
  t: 2, gamma: 2, chi2: 2, poisson: 2, bernoulli: 2, geom: 2, pareto: 2, gennorm: 2, vonmises: 2, wrapcauchy: 2, beta: 3, binom: 3, nbinom: 3, truncnorm: 3, betabinom: 4,
};
for (const [distribution, functions] of Object.entries(scipy.stats)) {
  for (const name of Object.keys(functions)) {
    scipyTable[`stats.${distribution}.${name}`] ??= operands(REQUIRED_OPERANDS[distribution] ?? 1);
  }
}

const cyclic: unknown[] = [2];
cyclic.push(cyclic);
const badOperands: readonly [string, unknown][] = [["a string", "abc"], ["null", null], ["undefined", undefined], ["an object", { a: 1 }], ["a bigint", 3n]];
const hostileShapes: readonly [string, unknown][] = [["[-1]", [-1]], ["[1.5]", [1.5]], ["[1n]", [1n]], ['"abc"', "abc"], ["[1e300]", [1e300]], ["[NaN]", [NaN]], ["[2**31]", [2 ** 31]], ["[1e5, 1e5]", [1e5, 1e5]], ["a cycle", cyclic], ["[{}]", [{}]]];
const badKeys: readonly [string, unknown][] = [["null", null], ["a number", 0], ["a float array", np.ones([2])], ["a batch of keys", random.split(random.key(0), 2)], ["a string", "key"]];
const badFunctions: readonly [string, unknown][] = [["null", null], ["a string", "x => x"], ["an object", {}]];

/** A comparable plain form of any result (arrays as dtype, shape and values). */
function plain(v: unknown): unknown {
  if (v instanceof ArrayValue) return { dtype: v.dtype, shape: v.shape, values: (v as { toArray(): unknown }).toArray() };
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([key, value]) => [key, plain(value)]));
  return v;
}


/** Every function export of a namespace (nested namespaces as `name.fn`). */
function functionsOf(namespace: object, prefix = ""): [string, (...args: unknown[]) => unknown][] {
  return Object.entries(namespace).flatMap(([name, value]): [string, (...args: unknown[]) => unknown][] => {
    // A function may carry functions of its own (scipy.stats.gaussianKde and its methods).
    if (typeof value === "function") return [[prefix + name, value as (...args: unknown[]) => unknown], ...functionsOf(value, `${prefix}${name}.`)];
    if (value !== null && typeof value === "object" && !(value instanceof ArrayValue)) return functionsOf(value, `${prefix}${name}.`);
    return [];
  });
}

function walk(area: string, namespace: object, table: Record<string, Entry>): void {
  describe(`${area}: every export rejects what it does not understand`, () => {
    const exported = functionsOf(namespace);
    it("has a table entry for every export (and none for a removed one)", () => {
      expect(exported.map(([name]) => name).filter((name) => table[name] === undefined), "exports without an entry").toEqual([]);
      const names = new Set(exported.map(([name]) => name));
      expect(Object.keys(table).filter((name) => !names.has(name)), "entries without an export").toEqual([]);
    });
    for (const [name, f] of exported) {
      const entry = table[name];
      if (entry === undefined) continue;
      describe(`${area}.${name}`, () => {
        it("accepts its valid call", () => {
          if (UNIMPLEMENTED.has(name)) return expectReadableError(() => f(...entry.args()));
          expect(() => f(...entry.args())).not.toThrow();
        });
        it("rejects an extra positional argument", () => {
          const args = entry.args();
          if (name === "cond" || name === "switch") return; // operands are variadic, as in JAX
          while (args.length < f.length) args.push(undefined);
          expectReadableError(() => f(...args, ...new Array(Math.max(0, 12 - args.length)).fill(undefined), "extra"));
        });
        entry.kinds.forEach((kind, position) => {
          const withArg = (value: unknown) => {
            const args = entry.args();
            args[position] = value;
            return () => f(...args);
          };
          if (kind === "options" || kind === "axisOptions" || kind === "requiredOptions") {
            it(`rejects an unknown option key at argument ${position}`, () => {
              const given = entry.args()[position] as object;
              expectReadableError(withArg({ ...given, bogusKey: 1 }));
              // A list is a positional axis where one is taken: then a list that is no axis list fails.
              expectReadableError(withArg(kind === "axisOptions" ? [0.5] : [1]));
              expectReadableError(withArg("options"));
            });
          }
          if (kind === "options" || kind === "axisOptions") {
            it(`treats null options at argument ${position} as no options`, () => {
              expect(plain(withArg(null)())).toEqual(plain(withArg(undefined)()));
            });
          }
          if (kind === "operand" || kind === "array") {
            for (const [what, bad] of badOperands) it(`rejects ${what} as argument ${position}`, () => expectReadableError(withArg(bad)));
          }
          if (kind === "array") it(`rejects a JS list as argument ${position}`, () => expectReadableError(withArg([1, 2])));
          if (kind === "shape") {
            for (const [what, bad] of hostileShapes) it(`rejects the shape ${what} as argument ${position}`, () => expectReadableError(withArg(bad)));
          }
          if (kind === "key") {
            for (const [what, bad] of badKeys) it(`rejects ${what} as the key`, () => expectReadableError(withArg(bad)));
          }
          if (kind === "fn") {
            for (const [what, bad] of badFunctions) it(`rejects ${what} as the function at argument ${position}`, () => expectReadableError(withArg(bad)));
          }
        });
      });
    }
  });
}

walk("lax", lax, laxTable);
walk("nn", nn, nnTable);
walk("random", random, randomTable);
walk("scipy", scipy, scipyTable);
