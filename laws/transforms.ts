/**
 * Laws of the transforms as pure predicates: each takes a function of arrays (returning a pytree
 * of arrays), concrete arguments and directions, and says whether the law holds, with a message
 * naming what went wrong when it does not. They differentiate with respect to the float
 * arguments only (integer and bool arguments are held fixed), and compare results on the raw
 * data. fast-check runners over these live in `laws/transform-runners.ts`.
 *
 * Comparisons are normwise: each element must be within `atol + rtol * m`, where `m` is the
 * largest magnitude in either array, so sums that cancel to nearly zero are judged against the
 * size of what was summed.
 *
 * @example
 * const f = (x: ArrayValue) => np.sin(x);
 * const x = np.array([0.5, 1.5], { dtype: "float64" });
 * jvpMatchesFiniteDifferences(f, [x], [np.onesLike(x)]); // { ok: true }
 */
import { allocate, castScalar, isFloat, type DType } from "../core/dtype.js";
import { describe } from "../core/errors.js";
import { adoptBuffer, ArrayValue, NdArray, storageOf } from "../core/ndarray.js";
import * as np from "../core/numpy/index.js";
import { normalizeAxis, shapesEqual, sizeOf, type Shape } from "../core/shape.js";
import * as tree from "../core/tree.js";
import { grad, jvp, linearize, vjp } from "../transforms/autodiff.js";
import { vmap } from "../transforms/vmap.js";
import { hessian } from "../transforms/jacobian.js";
import { allHold, holds, violated, type LawResult, type Tolerance } from "./arrays.js";

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A function of arrays returning a pytree of arrays (or numbers): what the transform laws take. */
export type ArrayFunction = (...args: ArrayValue[]) => unknown;

/** Options of the finite-difference laws. */
export interface FiniteDifferenceOptions {
  /** The central-difference step, scaled by max(1, largest |input|) (default 1e-5). */
  readonly step?: number;
  /** Default `{ rtol: 1e-6, atol: 1e-7 }`, normwise. */
  readonly tol?: Tolerance;
}

/** Tolerance of the finite-difference laws. */
export const finiteDifferenceTolerance: Tolerance = { rtol: 1e-6, atol: 1e-7 };
/** Tolerance of the laws that compare two exact derivative computations (rounding only). */
export const derivativeTolerance: Tolerance = { rtol: 1e-9, atol: 1e-12 };

// -------------------------------------------------------------------------------------
// raw-data utilities (never through the transforms under test)
// -------------------------------------------------------------------------------------

/** The values of a concrete array as float64. */
export function valuesOf(x: ArrayValue): Float64Array {
  const data = x instanceof NdArray ? storageOf(x) : x.toTypedArray();
  return Float64Array.from(data as ArrayLike<number>, Number);
}

/** An array of `shape` and `dtype` holding `values` (rounded to the dtype). */
export function arrayFrom(values: ArrayLike<number>, shape: Shape, dtype: DType): NdArray {
  const data = allocate(dtype, values.length);
  for (let i = 0; i < values.length; i++) data[i] = castScalar(values[i]!, dtype);
  return adoptBuffer(data, shape, dtype);
}

/** The leaves of a function output as arrays (JS numbers become arrays). */
export function outputLeaves(out: unknown): ArrayValue[] {
  return tree.leaves(out).map((l) => (l instanceof ArrayValue ? l : np.array(l as number)));
}

/** The indices of the float arguments (the differentiable ones). */
export function floatArgumentIndices(args: readonly ArrayValue[]): number[] {
  return args.flatMap((a, i) => (isFloat(a.dtype) ? [i] : []));
}

/** `f` as a function of its float arguments only, the others fixed at `args`. */
export function ofFloatArguments(f: ArrayFunction, args: readonly ArrayValue[]): [ArrayFunction, ArrayValue[]] {
  const at = floatArgumentIndices(args);
  const g = (...floats: ArrayValue[]) => {
    const all = [...args];
    at.forEach((index, k) => (all[index] = floats[k]!));
    return f(...all);
  };
  return [g, at.map((i) => args[i]!)];
}

/** x + h * t elementwise, in x's dtype. */
function step(x: ArrayValue, t: ArrayValue, h: number): NdArray {
  const a = valuesOf(x);
  const b = valuesOf(t);
  return arrayFrom(a.map((v, i) => v + h * b[i]!), x.shape, x.dtype);
}

/**
 * The directional derivative of `g` at `xs` along `ts` by central differences with one
 * Richardson step, `(4 D(h/2) - D(h)) / 3`: truncation error O(h^4), so a step of 1e-5 keeps
 * both truncation and rounding near 1e-9 even for rapidly varying compositions. One float64
 * array of values per output leaf.
 */
function finiteDifference(g: ArrayFunction, xs: readonly ArrayValue[], ts: readonly ArrayValue[], h: number): Float64Array[] {
  const at = (s: number) => outputLeaves(g(...xs.map((x, i) => step(x, ts[i]!, s)))).map(valuesOf);
  const central = (s: number) => {
    const plus = at(s);
    const minus = at(-s);
    return plus.map((p, k) => p.map((v, i) => (v - minus[k]![i]!) / (2 * s)));
  };
  const coarse = central(h);
  const fine = central(h / 2);
  return fine.map((f, k) => f.map((v, i) => (4 * v - coarse[k]![i]!) / 3));
}

/** The step for `xs`: `step` scaled by max(1, largest |x|). */
function stepFor(xs: readonly ArrayValue[], step = 1e-5): number {
  return step * Math.max(1, ...xs.map((x) => maxAbs(valuesOf(x))));
}

/** Σ a_i b_i and Σ |a_i b_i| over float64 values. */
function inner(a: ArrayValue, b: ArrayValue): [number, number] {
  const x = valuesOf(a);
  const y = valuesOf(b);
  let sum = 0;
  let magnitude = 0;
  for (let i = 0; i < x.length; i++) {
    sum += x[i]! * y[i]!;
    magnitude += Math.abs(x[i]! * y[i]!);
  }
  return [sum, magnitude];
}

function maxAbs(values: Float64Array): number {
  let m = 0;
  for (const v of values) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  return m;
}

/**
 * Same shape, and every element within `atol + rtol * m` (m: the largest finite magnitude in either
 * array); NaN must meet NaN and infinities must match.
 */
export function closeNormwise(actual: ArrayValue, expected: ArrayValue, tol: Tolerance, what: string): LawResult {
  if (!shapesEqual(actual.shape, expected.shape)) return violated(`${what} is ${describe(actual)}, expected shape [${expected.shape.join(",")}]`);
  const a = valuesOf(actual);
  const b = valuesOf(expected);
  const rtol = tol.rtol ?? 1e-9;
  const atol = tol.atol ?? 1e-12;
  const bound = atol + rtol * Math.max(maxAbs(a), maxAbs(b));
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const ok = Number.isNaN(x) || Number.isNaN(y) ? Number.isNaN(x) && Number.isNaN(y) : !Number.isFinite(x) || !Number.isFinite(y) ? x === y : Math.abs(x - y) <= bound;
    if (!ok) return violated(`${what} differs at flat index ${i}: ${x} versus ${y} (allowed ${bound.toExponential(2)}; rtol ${rtol}, atol ${atol})`);
  }
  return holds;
}

function closeLeaves(actual: readonly ArrayValue[], expected: readonly ArrayValue[], tol: Tolerance, what: string): LawResult {
  if (actual.length !== expected.length) return violated(`${what}: ${actual.length} leaves versus ${expected.length}`);
  return allHold(...actual.map((a, i) => closeNormwise(a, expected[i]!, tol, `${what}, output leaf ${i}`)));
}

/** a * x + b * y elementwise (float64 arithmetic, x's dtype). */
function combine(a: number, x: ArrayValue, b: number, y: ArrayValue): NdArray {
  const u = valuesOf(x);
  const v = valuesOf(y);
  return arrayFrom(u.map((value, i) => a * value + b * v[i]!), x.shape, x.dtype);
}

function isFloatLeaf(x: ArrayValue): boolean {
  return isFloat(x.dtype);
}

/** Zeros shaped like `x` (raw). */
function zerosOf(x: ArrayValue): NdArray {
  return arrayFrom(new Float64Array(x.size), x.shape, x.dtype);
}

/** The output's cotangent pytree: `cotangents` at the float leaves (in order), zeros elsewhere. */
function cotangentTree(out: unknown, cotangents: readonly ArrayValue[]): unknown {
  const [leaves, def] = tree.flatten(out);
  let k = 0;
  const arrays = leaves.map((l) => {
    const leaf = l instanceof ArrayValue ? l : np.array(l as number);
    return isFloatLeaf(leaf) ? cotangents[k++]! : zerosOf(leaf);
  });
  return tree.unflatten(def, arrays);
}

// -------------------------------------------------------------------------------------
// laws
// -------------------------------------------------------------------------------------

/**
 * jvp agrees with central finite differences: `jvp(f)(x; t) ≈ (f(x + h t) - f(x - h t)) / 2h`
 * (refined by one Richardson step) for every output leaf (integer outputs: both zero).
 * `tangents` has one entry per float argument.
 */
export function jvpMatchesFiniteDifferences(f: ArrayFunction, args: readonly ArrayValue[], tangents: readonly ArrayValue[], options: FiniteDifferenceOptions = {}): LawResult {
  const [g, xs] = ofFloatArguments(f, args);
  const [, outTangent] = jvp(g, xs, [...tangents]);
  const outs = outputLeaves(outTangent);
  const differences = finiteDifference(g, xs, tangents, stepFor(xs, options.step)).map((d, k) => arrayFrom(d, outs[k]!.shape, "float64"));
  return closeLeaves(outputLeaves(outTangent), differences, options.tol ?? finiteDifferenceTolerance, "jvp versus finite differences");
}

/**
 * grad agrees with central finite differences for a scalar `f`: along each direction `d` (one
 * array per float argument; default every standard basis vector), `<grad f(x), d> ≈ (f(x + h d) - f(x - h d)) / 2h`.
 */
export function gradMatchesFiniteDifferences(
  f: ArrayFunction,
  args: readonly ArrayValue[],
  options: FiniteDifferenceOptions & { readonly directions?: readonly (readonly ArrayValue[])[] } = {},
): LawResult {
  const [g, xs] = ofFloatArguments(f, args);
  const grads = grad(g, { argnums: xs.map((_, i) => i) })(...xs) as ArrayValue[];
  const directions = options.directions ?? standardBasis(xs);
  const h = stepFor(xs, options.step);
  const analytic = directions.map((d) => d.reduce((sum, di, i) => sum + inner(grads[i]!, di)[0], 0));
  const numeric = directions.map((d) => finiteDifference(g, xs, d, h)[0]![0]!);
  const shape = [directions.length];
  return closeNormwise(arrayFrom(analytic, shape, "float64"), arrayFrom(numeric, shape, "float64"), options.tol ?? finiteDifferenceTolerance, "grad versus finite differences (one entry per direction)");
}

/** Every standard basis direction of a list of arrays (one list of arrays per direction). */
export function standardBasis(xs: readonly ArrayValue[]): NdArray[][] {
  return xs.flatMap((x, i) =>
    Array.from({ length: x.size }, (_, j) =>
      xs.map((y, k) => {
        const values = new Float64Array(y.size);
        if (k === i) values[j] = 1;
        return arrayFrom(values, y.shape, y.dtype);
      }),
    ),
  );
}

/** jvp is linear in the tangent: `f'(x)(a u + b v) = a f'(x) u + b f'(x) v`. */
export function jvpIsLinear(
  f: ArrayFunction,
  args: readonly ArrayValue[],
  u: readonly ArrayValue[],
  v: readonly ArrayValue[],
  a: number,
  b: number,
  tol: Tolerance = derivativeTolerance,
): LawResult {
  const [g, xs] = ofFloatArguments(f, args);
  const tangent = (ts: readonly ArrayValue[]) => outputLeaves(jvp(g, xs, [...ts])[1]);
  const ju = tangent(u);
  const jv = tangent(v);
  const combined = tangent(u.map((ui, i) => combine(a, ui, b, v[i]!)));
  return closeLeaves(combined, ju.map((x, k) => combine(a, x, b, jv[k]!)), tol, `jvp of ${a} u + ${b} v versus ${a} jvp(u) + ${b} jvp(v)`);
}

/**
 * The dot-product test between reverse and forward mode: `<u, J t> = <J^T u, t>` for tangents
 * `t` (one per float argument) and cotangents `u` (one per float output leaf).
 */
export function vjpMatchesJvp(
  f: ArrayFunction,
  args: readonly ArrayValue[],
  tangents: readonly ArrayValue[],
  cotangents: readonly ArrayValue[],
  tol: Tolerance = derivativeTolerance,
): LawResult {
  const [g, xs] = ofFloatArguments(f, args);
  const [out, outTangent] = jvp(g, xs, [...tangents]);
  const floatTangents = outputLeaves(outTangent).filter((_, k) => isFloatLeaf(outputLeaves(out)[k]!));
  const [, pullback] = vjp(g, ...xs);
  const inCotangents = pullback(cotangentTree(out, cotangents) as never) as ArrayValue[];
  const [left, leftMagnitude] = floatTangents.reduce(([s, m], jt, k) => {
    const [a, b] = inner(cotangents[k]!, jt);
    return [s + a, m + b];
  }, [0, 0]);
  const [right, rightMagnitude] = inCotangents.reduce(([s, m], ct, i) => {
    const [a, b] = inner(ct, tangents[i]!);
    return [s + a, m + b];
  }, [0, 0]);
  const rtol = tol.rtol ?? 1e-9;
  const atol = tol.atol ?? 1e-12;
  const bound = atol + rtol * Math.max(leftMagnitude, rightMagnitude);
  return Math.abs(left - right) <= bound ? holds : violated(`<u, J t> = ${left} but <J^T u, t> = ${right} (allowed ${bound.toExponential(2)})`);
}

/** linearize's linear function equals jvp's tangent output (and its primal output equals f's). */
export function linearizeMatchesJvp(f: ArrayFunction, args: readonly ArrayValue[], tangents: readonly ArrayValue[], tol: Tolerance = derivativeTolerance): LawResult {
  const [g, xs] = ofFloatArguments(f, args);
  const [out, outTangent] = jvp(g, xs, [...tangents]);
  const [linOut, fJvp] = linearize(g, ...xs);
  return allHold(
    closeLeaves(outputLeaves(linOut), outputLeaves(out), tol, "linearize's output versus jvp's"),
    closeLeaves(outputLeaves(fJvp(...tangents)), outputLeaves(outTangent), tol, "linearize's linear function versus jvp's tangent"),
  );
}

/**
 * Transposing a linear function twice gives it back: with L = the derivative of `f` at `args`
 * (t -> float output tangents), the vjp of L's vjp pullback (L^T^T) applied to `tangents`
 * equals L(tangents). `cotangents` (one per float output leaf) is where L^T is linearized.
 */
export function transposeTwiceIsIdentity(
  f: ArrayFunction,
  args: readonly ArrayValue[],
  tangents: readonly ArrayValue[],
  cotangents: readonly ArrayValue[],
  tol: Tolerance = derivativeTolerance,
): LawResult {
  const [g, xs] = ofFloatArguments(f, args);
  const linear = (...ts: ArrayValue[]): ArrayValue[] => {
    const [out, outTangent] = jvp(g, xs, ts);
    const outs = outputLeaves(out);
    return outputLeaves(outTangent).filter((_, k) => isFloatLeaf(outs[k]!));
  };
  const [, transposed] = vjp(linear, ...tangents.map(zerosOf));
  const [, twice] = vjp((cts: ArrayValue[]) => transposed(cts), cotangents.map(zerosOf));
  const back = (twice([...tangents]) as ArrayValue[][])[0]!;
  return closeLeaves(outputLeaves(back), linear(...tangents), tol, "(L^T)^T t versus L t");
}

/** An axis of a batched array: `null` when the argument is not mapped. */
export type InAxis = number | null;

/** Stacks same-shaped arrays along a new axis `axis` (raw). */
export function stackRaw(xs: readonly ArrayValue[], axis: number): NdArray {
  const first = xs[0]!;
  const shape = [...first.shape];
  shape.splice(axis, 0, xs.length);
  const out = new Float64Array(sizeOf(shape));
  const block = sizeOf(first.shape.slice(axis));
  const outer = sizeOf(first.shape.slice(0, axis));
  xs.forEach((x, b) => {
    const values = valuesOf(x);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < block; i++) out[(o * xs.length + b) * block + i] = values[o * block + i]!;
    }
  });
  return arrayFrom(out, shape, first.dtype);
}

/**
 * vmap agrees with a loop: `vmap(f, {inAxes, outAxes})` of the examples stacked along `inAxes`
 * (null: the first example's argument, shared) equals `f` of each example stacked along
 * `outAxes` (one axis for every output leaf, or one per leaf in flattening order).
 */
export function vmapMatchesStacking(
  f: ArrayFunction,
  examples: readonly (readonly ArrayValue[])[],
  inAxes: readonly InAxis[],
  outAxes: number | readonly number[],
  tol: Tolerance = derivativeTolerance,
): LawResult {
  const size = examples.length;
  const first = examples[0]!;
  const batched = first.map((x, i) => {
    const axis = inAxes[i];
    if (axis === null || axis === undefined) return x;
    return stackRaw(examples.map((e) => e[i]!), normalizeAxis("vmapMatchesStacking", axis, x.ndim + 1));
  });
  const perExample = examples.map((e) => outputLeaves(f(...e.map((x, i) => (inAxes[i] === null ? first[i]! : x)))));
  const [outLeaves, outDef] = tree.flatten(f(...first));
  const axes = outLeaves.map((_, k) => (typeof outAxes === "number" ? outAxes : outAxes[k]!));
  const spec = typeof outAxes === "number" ? outAxes : tree.unflatten(outDef, axes);
  const mapped = inAxes.some((a) => a !== null);
  const got = outputLeaves(vmap(f, { inAxes: [...inAxes], outAxes: spec, ...(mapped ? {} : { axisSize: size }) })(...batched));
  const expected = perExample[0]!.map((leaf, k) => stackRaw(perExample.map((p) => p[k]!), normalizeAxis("vmapMatchesStacking", axes[k]!, leaf.ndim + 1)));
  return allHold(
    ...got.map((g, k) => (g.dtype === expected[k]!.dtype ? holds : violated(`vmap output leaf ${k} is ${describe(g)}, expected dtype ${expected[k]!.dtype}`))),
    closeLeaves(got, expected, tol, `vmap(inAxes ${JSON.stringify(inAxes)}, outAxes ${JSON.stringify(outAxes)}) versus stacking`),
  );
}

/**
 * Hessians are symmetric: for a scalar `f` of its float arguments, the block for (i, j) is the
 * transpose of the block for (j, i).
 */
export function hessianIsSymmetric(f: ArrayFunction, args: readonly ArrayValue[], tol: Tolerance = { rtol: 1e-8, atol: 1e-10 }): LawResult {
  const [g, xs] = ofFloatArguments(f, args);
  const h = hessian(g, { argnums: xs.map((_, i) => i) })(...xs) as ArrayValue[][];
  const results: LawResult[] = [];
  xs.forEach((xi, i) =>
    xs.forEach((xj, j) => {
      const block = h[i]![j]!;
      const mirror = h[j]![i]!;
      const expectedShape = [...xi.shape, ...xj.shape];
      if (!shapesEqual(block.shape, expectedShape)) {
        results.push(violated(`hessian block (${i}, ${j}) is ${describe(block)}, expected shape [${expectedShape.join(",")}]`));
        return;
      }
      const m = valuesOf(mirror);
      const transposed = new Float64Array(xi.size * xj.size);
      for (let a = 0; a < xi.size; a++) for (let b = 0; b < xj.size; b++) transposed[a * xj.size + b] = m[b * xi.size + a]!;
      results.push(closeNormwise(block, arrayFrom(transposed, block.shape, "float64"), tol, `hessian block (${i}, ${j}) versus block (${j}, ${i}) transposed`));
    }),
  );
  return allHold(...results);
}

/**
 * The chain rule: for `outer ∘ inner` (inner returns the list of intermediate arrays outer
 * takes), jvp of the composition equals jvp of outer along jvp of inner, and the vjp of the
 * composition equals inner's vjp of outer's vjp. `cotangents` has one entry per float output leaf.
 */
export function chainRuleHolds(
  inner: (...args: ArrayValue[]) => ArrayValue[],
  outer: ArrayFunction,
  args: readonly ArrayValue[],
  tangents: readonly ArrayValue[],
  cotangents: readonly ArrayValue[],
  tol: Tolerance = derivativeTolerance,
): LawResult {
  const composed = (...a: ArrayValue[]) => outer(...inner(...a));
  const [g, xs] = ofFloatArguments(composed, args);
  const [gInner] = ofFloatArguments((...a) => inner(...a), args);
  const [out, outTangent] = jvp(g, xs, [...tangents]);
  const [mids, midTangents] = jvp(gInner, xs, [...tangents]) as [ArrayValue[], ArrayValue[]];
  const [gOuter, floatMids] = ofFloatArguments(outer, mids);
  const floatMidTangents = midTangents.filter((_, k) => isFloatLeaf(mids[k]!));
  const [, chained] = jvp(gOuter, floatMids, floatMidTangents);
  const [, pullComposed] = vjp(g, ...xs);
  const [, pullOuter] = vjp(gOuter, ...floatMids);
  const [, pullInner] = vjp(gInner, ...xs);
  const ctTree = cotangentTree(out, cotangents);
  const midCts = pullOuter(ctTree as never) as ArrayValue[];
  let k = 0;
  const innerCts = mids.map((m) => (isFloatLeaf(m) ? midCts[k++]! : zerosOf(m)));
  return allHold(
    closeLeaves(outputLeaves(outTangent), outputLeaves(chained), tol, "jvp(outer ∘ inner) versus jvp(outer) of jvp(inner)"),
    closeLeaves(pullComposed(ctTree as never) as ArrayValue[], pullInner(innerCts as never) as ArrayValue[], tol, "vjp(outer ∘ inner) versus vjp(inner) of vjp(outer)"),
  );
}
