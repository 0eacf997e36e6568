/**
 * The primitive set: every operation tessera knows is one of these names, with its static
 * parameters typed by `ParamsOf`. Arrays travel positionally through `bind`; everything that is
 * not an array (axes, shapes, flags) is a param. Rule tables (`core/rules/*`) are keyed by these
 * names and typed so that a primitive without a rule is a compile error.
 */
import type { DType } from "./dtype.js";
import type { ClosedJaxpr } from "./jaxpr.js";
import type { ArrayValue, NdArray } from "./ndarray.js";
import type { Shape } from "./shape.js";

/** No parameters. */
export type NoParams = Readonly<Record<string, never>>;

/** Elementwise functions of one array. */
export type UnaryPrim =
  | "neg" | "exp" | "exp2" | "log" | "log1p" | "expm1"
  | "sin" | "cos" | "tan" | "asin" | "acos" | "atan"
  | "sinh" | "cosh" | "tanh" | "asinh" | "acosh" | "atanh"
  | "logistic" | "sqrt" | "rsqrt" | "cbrt" | "abs" | "sign"
  | "floor" | "ceil" | "erf" | "erfc" | "erfInv" | "isFinite" | "not";

/** Elementwise functions of two arrays, broadcasting like numpy; both operands share a dtype. */
export type BinaryPrim =
  | "add" | "sub" | "mul" | "div" | "pow" | "max" | "min" | "atan2" | "rem" | "nextAfter"
  | "and" | "or" | "xor" | "shiftLeft" | "shiftRightLogical" | "shiftRightArithmetic";

/** Elementwise comparisons: two operands of one dtype, a bool result. */
export type ComparePrim = "eq" | "ne" | "lt" | "le" | "gt" | "ge";

/** Every elementwise primitive (fusable as one expression per element). */
export type ElementwisePrim = UnaryPrim | BinaryPrim | ComparePrim | "round" | "integerPow" | "select" | "convert";

/** Reductions, scans and sorts. */
export type ReducePrim =
  | "reduceSum" | "reduceMax" | "reduceMin" | "reduceProd" | "argmax" | "argmin"
  | "cumsum" | "cumprod" | "cummax" | "cummin" | "sort" | "topK";

/** Data movement: reshaping, slicing, indexing. */
export type MovementPrim =
  | "reshape" | "broadcastInDim" | "transpose" | "slice" | "dynamicSlice" | "dynamicUpdateSlice"
  | "pad" | "concatenate" | "rev" | "gather" | "scatterAdd" | "iota";

/** Contractions and convolutions. */
export type ContractPrim = "dotGeneral" | "convGeneralDilated" | "reduceWindowSum" | "reduceWindowMax" | "reduceWindowMin";

/** Dense linear algebra, batched over leading axes. */
export type LinalgPrim = "cholesky" | "triangularSolve" | "lu" | "qr" | "eigh" | "svd" | "schur";

/** Random bit generation. */
export type RandomPrim = "threefry2x32" | "randomGamma" | "randomGammaGrad" | "randomPoisson" | "randomBinomial";

/** Reinterpreting an array's bits as another dtype. */
export type BitcastPrim = "bitcastConvertType";

/** Primitives that exist for differentiation: the identity that blocks derivatives. */
export type AutodiffPrim = "stopGradient";

/** Primitives with an effect: they run for what they do, return nothing, and are never removed or merged. */
export type EffectPrim = "debugCallback";

/** Higher-order primitives: they carry jaxprs (or functions) in their params. */
export type HigherOrderPrim = "customJvpCall" | "customVjpCall" | "customLinear" | "checkpoint" | "scan" | "cond" | "whileLoop" | "jit";

/** A jaxpr compiled to run on concrete arrays. */
export type CompiledProgram = (args: readonly NdArray[]) => NdArray[];

/**
 * A host function a `debugCallback` calls with the concrete values of its operands (fresh copies:
 * it may keep them). Its return value is ignored.
 */
export type HostCallback = (args: readonly NdArray[]) => void;

/** A flat function of arrays, as custom rules are given to their primitives. */
export type FlatFunction = (args: readonly ArrayValue[]) => ArrayValue[];

/**
 * Primitives linear in some of their operands, so reverse mode can transpose them: each has a
 * `transpose` rule (enforced by the type of the rule table).
 */
export type LinearPrim =
  | "neg" | "add" | "sub" | "mul" | "div" | "convert" | "select" | "reduceSum" | "cumsum"
  | "reshape" | "broadcastInDim" | "transpose" | "slice" | "dynamicSlice" | "dynamicUpdateSlice"
  | "pad" | "concatenate" | "rev" | "gather" | "scatterAdd"
  | "dotGeneral" | "convGeneralDilated" | "reduceWindowSum" | "triangularSolve"
  | "customLinear" | "scan" | "cond" | "jit";

/** Padding for each spatial axis of a window op: `[low, high]` element counts. */
export type WindowPadding = readonly (readonly [number, number])[];

/**
 * Which axis of each operand is which in a convolution (JAX's ConvDimensionNumbers):
 * lhs `[batch, feature, ...spatial]`, rhs `[outFeature, inFeature, ...spatial]`,
 * out `[batch, feature, ...spatial]`, each an axis index of that array.
 */
export interface ConvDimensionNumbers {
  readonly lhs: readonly number[];
  readonly rhs: readonly number[];
  readonly out: readonly number[];
}

/** Static parameters of every primitive. */
export type ParamsOf = { readonly [P in UnaryPrim | BinaryPrim | ComparePrim]: NoParams } & {
  /** `awayFromZero` is lax.round's default; numpy's `round` uses `toNearestEven`. */
  readonly round: { readonly method: "awayFromZero" | "toNearestEven" };
  /** `x ** y` for a static integer `y` (better derivatives than `pow`). */
  readonly integerPow: { readonly y: number };
  /** `select(pred, onTrue, onFalse)`, broadcasting all three; pred is bool. */
  readonly select: NoParams;
  readonly convert: { readonly dtype: DType };

  /** Reduce the listed axes (sorted, distinct) away. */
  readonly reduceSum: { readonly axes: readonly number[] };
  readonly reduceMax: { readonly axes: readonly number[] };
  readonly reduceMin: { readonly axes: readonly number[] };
  readonly reduceProd: { readonly axes: readonly number[] };
  /** Index of the first maximal element along `axis` (removed from the shape); NaN counts as maximal. */
  readonly argmax: { readonly axis: number; readonly indexDtype: "int32" };
  readonly argmin: { readonly axis: number; readonly indexDtype: "int32" };
  readonly cumsum: { readonly axis: number; readonly reverse: boolean };
  readonly cumprod: { readonly axis: number; readonly reverse: boolean };
  readonly cummax: { readonly axis: number; readonly reverse: boolean };
  readonly cummin: { readonly axis: number; readonly reverse: boolean };
  /**
   * Sorts several same-shaped operands along `axis` by the first `numKeys` of them (lexicographic,
   * stable, NaNs last), returning every operand permuted the same way. argsort is sort of
   * `[x, iota]`.
   */
  readonly sort: { readonly axis: number; readonly numKeys: number; readonly descending: boolean };
  /** The `k` largest entries along the last axis, descending: `[values, indices(int32)]`. */
  readonly topK: { readonly k: number };

  readonly reshape: { readonly newShape: Shape };
  /** Operand axis i becomes output axis `broadcastDimensions[i]`; other output axes are broadcast. */
  readonly broadcastInDim: { readonly shape: Shape; readonly broadcastDimensions: readonly number[] };
  /** Output axis i is operand axis `permutation[i]`. */
  readonly transpose: { readonly permutation: readonly number[] };
  /** Static strided slice; `limit` is exclusive; strides are positive. */
  readonly slice: { readonly start: readonly number[]; readonly limit: readonly number[]; readonly strides: readonly number[] };
  /** Args: operand, then one int32 scalar start per axis (clamped so the slice fits, as in JAX). */
  readonly dynamicSlice: { readonly sliceSizes: Shape };
  /** Args: operand, update, then one int32 scalar start per axis (clamped as in JAX). */
  readonly dynamicUpdateSlice: NoParams;
  /** Args: operand, scalar padding value. Per axis `[low, high, interior]`; low/high may be negative. */
  readonly pad: { readonly config: readonly (readonly [number, number, number])[] };
  readonly concatenate: { readonly axis: number };
  readonly rev: { readonly axes: readonly number[] };
  /**
   * numpy `take` along `axis`: args operand, int32 indices. Output shape is
   * `operand.shape[:axis] + indices.shape + operand.shape[axis+1:]`. Out-of-range indices are an error.
   */
  readonly gather: { readonly axis: number };
  /** Args operand, indices, updates (shaped as gather's output): adds each update at its index. */
  readonly scatterAdd: { readonly axis: number };
  /** 0, 1, 2, ... along `dimension` of an array of `shape`. */
  readonly iota: { readonly dtype: DType; readonly shape: Shape; readonly dimension: number };

  /**
   * Contraction: output axes are batch axes, then lhs free axes, then rhs free axes (JAX's order).
   * `preferredDtype` null keeps the operands' dtype.
   */
  readonly dotGeneral: {
    readonly contracting: readonly [readonly number[], readonly number[]];
    readonly batch: readonly [readonly number[], readonly number[]];
    readonly preferredDtype: DType | null;
  };
  readonly convGeneralDilated: {
    readonly windowStrides: readonly number[];
    readonly padding: WindowPadding;
    readonly lhsDilation: readonly number[];
    readonly rhsDilation: readonly number[];
    readonly dimensionNumbers: ConvDimensionNumbers;
    readonly featureGroupCount: number;
    readonly batchGroupCount: number;
  };
  readonly reduceWindowSum: ReduceWindowParams;
  readonly reduceWindowMax: ReduceWindowParams;
  readonly reduceWindowMin: ReduceWindowParams;

  /** Lower Cholesky factor of each symmetric positive-definite matrix (last two axes). */
  readonly cholesky: NoParams;
  /**
   * Args a (triangular, [..., m, m]), b. Solves `op(a) x = b` (leftSide) or `x op(a) = b`,
   * where op transposes when `transposeA`.
   */
  readonly triangularSolve: {
    readonly leftSide: boolean;
    readonly lower: boolean;
    readonly transposeA: boolean;
    readonly unitDiagonal: boolean;
  };
  /** Partial-pivot LU: `[lu, pivots(int32), permutation(int32)]` as jax.lax.linalg.lu. */
  readonly lu: NoParams;
  /** Householder QR: `[q, r]`, reduced unless `fullMatrices`. */
  readonly qr: { readonly fullMatrices: boolean };
  /** Symmetric eigendecomposition: `[eigenvalues ascending, eigenvectors as columns]`. */
  readonly eigh: NoParams;
  /** `[u, s, vt]` with s descending (or `[s]` alone when `computeUv` is false). */
  readonly svd: { readonly fullMatrices: boolean; readonly computeUv: boolean };
  /** Real Schur form: `[t, z]` with a = z t zᵀ (or `[t]` alone when `computeSchurVectors` is false). */
  readonly schur: { readonly computeSchurVectors: boolean };

  /** Args k1, k2, x1, x2 (uint32, broadcast): the Threefry-2x32 block cipher, two uint32 outputs. */
  readonly threefry2x32: NoParams;
  /**
   * Args key (uint32 [...batch, 2]) and a (float [...batch, ...rest]): Gamma(a) samples, or their
   * logs with `logSpace` (JAX's random_gamma_p); each key draws the whole `rest` block.
   */
  readonly randomGamma: { readonly logSpace: boolean };
  /**
   * Args a and x (same shape and float dtype): the derivative dx/da of Gamma(a) samples x at fixed
   * noise (JAX's random_gamma_grad), which makes randomGamma differentiable in a.
   */
  readonly randomGammaGrad: NoParams;
  /**
   * Args key (uint32 [...batch, 2]) and lam (float32 [...batch, ...rest]): int32 Poisson(lam)
   * samples (JAX's poisson); each key draws the whole `rest` block.
   */
  readonly randomPoisson: NoParams;
  /**
   * The same bits read as `dtype`: 32-bit dtypes one for one; float64 to a 32-bit dtype adds a
   * trailing axis of 2 (low word first), a 32-bit dtype to float64 removes one.
   */
  readonly bitcastConvertType: { readonly dtype: DType };
  /**
   * Args key (uint32 [...batch, 2]), count and q (one float dtype, [...batch, ...rest]; q in
   * [0, 1/2]): Binomial(floor(count), q) samples in that dtype (the loops of JAX's binomial, before
   * its fix-ups for invalid parameters); each key draws the whole `rest` block.
   */
  readonly randomBinomial: NoParams;

  /** The identity whose derivative is zero. */
  readonly stopGradient: NoParams;

  /**
   * Calls `callback` on the concrete operands where the program reaches it (every iteration of
   * a loop body, once per example under vmap, the primal values under differentiation); no
   * results. `fmt` is the format string of a `debug.print`, shown when a jaxpr is printed (null
   * for `debug.callback`).
   */
  readonly debugCallback: { readonly callback: HostCallback; readonly fmt: string | null };

  /**
   * Calls `fun` (args: the `numConsts` values it closes over, then its inputs); forward mode uses
   * `jvp` instead of differentiating `fun`: `jvp([...primals, ...tangents])` (inputs only)
   * returns `[...outs, ...outTangents]`.
   */
  readonly customJvpCall: { readonly fun: ClosedJaxpr; readonly jvp: FlatFunction; readonly numConsts: number };
  /**
   * Calls `fun` (args: closed-over values, then inputs); reverse mode uses
   * `fwd(primals) -> [...outs, ...residuals]` and `bwd([...residuals, ...outCotangents]) ->
   * inputCotangents` (inputs only) instead of differentiating `fun`.
   */
  readonly customVjpCall: {
    readonly fun: ClosedJaxpr;
    readonly fwd: FlatFunction;
    readonly bwd: FlatFunction;
    readonly numResiduals: number;
    readonly numConsts: number;
  };
  /**
   * A map linear in its tangent args: args are residuals then input tangents; its transpose calls
   * `bwd`. Made by a customVjp function inside a linearized program, where it cannot be evaluated
   * forward (as JAX); with `forward` (the implicit solves' tangent solve), it evaluates as
   * `forward(args)` and differentiates as `forward` does.
   */
  readonly customLinear: { readonly bwd: FlatFunction; readonly numResiduals: number; readonly outAvals: readonly { readonly shape: Shape; readonly dtype: DType }[]; readonly forward?: FlatFunction };
  /** Calls `jaxpr`; reverse mode recomputes its intermediates instead of saving them. */
  readonly checkpoint: { readonly jaxpr: ClosedJaxpr };
  /**
   * A compiled call of `jaxpr` (constants hoisted into operands), as made by `jit`: `program`
   * runs it on concrete arrays (fused kernels, compiled on first use).
   */
  readonly jit: { readonly jaxpr: ClosedJaxpr; readonly program: CompiledProgram };
  /**
   * A loop over the leading axis of the `xs` operands. Args: consts, then carries, then xs;
   * `body(consts, carry, x) -> [carry, y]`; results: final carries, then stacked ys.
   */
  readonly scan: {
    readonly body: ClosedJaxpr;
    readonly numConsts: number;
    readonly numCarry: number;
    readonly length: number;
    readonly reverse: boolean;
  };
  /** Args: an int32 scalar index (clamped), then operands; runs `branches[index]` on the operands. */
  readonly cond: { readonly branches: readonly ClosedJaxpr[] };
  /**
   * Args: cond consts, body consts, then carries. Repeats `carry = body(carry)` while
   * `cond(carry)` (a bool scalar) holds.
   */
  readonly whileLoop: { readonly cond: ClosedJaxpr; readonly body: ClosedJaxpr; readonly condNumConsts: number; readonly bodyNumConsts: number };
};

/** Parameters of the window reductions used for pooling. */
export interface ReduceWindowParams {
  readonly windowDimensions: readonly number[];
  readonly windowStrides: readonly number[];
  readonly padding: WindowPadding;
  readonly baseDilation: readonly number[];
  readonly windowDilation: readonly number[];
}

/** Every primitive name. */
export type Prim = ElementwisePrim | ReducePrim | MovementPrim | ContractPrim | LinalgPrim | RandomPrim | BitcastPrim | AutodiffPrim | EffectPrim | HigherOrderPrim;

// A compile-time check that ParamsOf covers exactly the primitives.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const paramsCoverEveryPrimitive: Exactly<keyof ParamsOf, Prim> = true;
void paramsCoverEveryPrimitive;
