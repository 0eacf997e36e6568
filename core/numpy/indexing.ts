/**
 * numpy basic indexing, read (`slice`) and functional write (`at`). An index is a list of specs,
 * one per axis (fewer means the rest are whole, "..." stands for as many whole axes as needed):
 * an integer picks one element and drops the axis, `null` or ":" keeps the whole axis, and a
 * range `[start, stop, step]` or string "start:stop:step" follows python's slice rules,
 * including negative steps. Reads lower to rev + slice + reshape; writes place the update with
 * pad (interior padding spaces a strided region) and merge with select, so both stay pure and
 * transform-friendly.
 */
import type { DType } from "../dtype.js";
import { fail } from "../errors.js";
import { checkArity, describeValue } from "../validate.js";
import { bind1 } from "../interpreter.js";
import { ArrayValue, type ArrayOrScalar, type IndexSpec } from "../ndarray.js";
import { add, maximum, minimum, multiply, where } from "./elementwise.js";
import { broadcastTo } from "./movement.js";
import { cast, checkOperand, scalar, storedScalar } from "./promote.js";

/** Functional updates of the region `x.at(...index)` selects; each returns a new array and leaves x unchanged. */
export interface IndexUpdater<out D extends DType = DType> {
  /** The selected region (same as `x.slice(...index)`). */
  get(): ArrayValue<D>;
  /** x with the region replaced by v (broadcast to the region, converted to x's dtype). */
  set(v: ArrayOrScalar): ArrayValue<D>;
  /** x with v added to the region. */
  add(v: ArrayOrScalar): ArrayValue<D>;
  /** x with the region multiplied by v. */
  mul(v: ArrayOrScalar): ArrayValue<D>;
  /** x with the region replaced by its elementwise minimum with v. */
  min(v: ArrayOrScalar): ArrayValue<D>;
  /** x with the region replaced by its elementwise maximum with v. */
  max(v: ArrayOrScalar): ArrayValue<D>;
}

/** How one axis is indexed: `count` elements `start, start + step, ...`; `drop` for an integer index. */
interface AxisPlan {
  readonly start: number;
  readonly step: number;
  readonly count: number;
  readonly drop: boolean;
}

/** Python's `slice(start, stop, step).indices(n)` turned into start, step and element count. */
function pythonSlice(op: string, n: number, start: number | null, stop: number | null, step: number | null): AxisPlan {
  const s = step ?? 1;
  for (const v of [start, stop, step]) {
    if (v !== null && !Number.isInteger(v)) fail(op, `slice bounds must be integers or null, got ${describeValue([start, stop, step])}`);
  }
  if (s === 0) fail(op, "slice step cannot be zero");
  const norm = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v < 0 ? v + n : v));
  if (s > 0) {
    const b = start === null ? 0 : norm(start, 0, n);
    const e = stop === null ? n : norm(stop, 0, n);
    return { start: b, step: s, count: Math.max(0, Math.ceil((e - b) / s)), drop: false };
  }
  const b = start === null ? n - 1 : norm(start, -1, n - 1);
  const e = stop === null ? -1 : norm(stop, -1, n - 1);
  return { start: b, step: s, count: Math.max(0, Math.ceil((b - e) / -s)), drop: false };
}

/** Parses "start:stop:step" (any part may be empty). */
function parseSliceString(op: string, text: string): [number | null, number | null, number | null] {
  const parts = text.split(":");
  if (parts.length < 2 || parts.length > 3) fail(op, `cannot parse index ${describeValue(text)}; expected "start:stop:step" or "..."`);
  const values = parts.map((p) => {
    const t = p.trim();
    if (t === "") return null;
    if (!/^[+-]?\d+$/.test(t)) fail(op, `cannot parse index ${describeValue(text)}: ${describeValue(t)} is not an integer`);
    return Number(t);
  });
  return [values[0]!, values[1]!, values[2] ?? null];
}

/** One plan per axis of `shape`, or an error naming `op` for a bad or out-of-range index. */
function planIndex(op: string, x: unknown, index: readonly IndexSpec[]): AxisPlan[] {
  if (!(x instanceof ArrayValue)) fail(op, `expected an array to index, got ${describeValue(x)}`);
  const shape = x.shape;
  const ellipses = index.filter((s) => s === "...").length;
  if (ellipses > 1) fail(op, `an index can only have a single ellipsis ("..."), got ${describeValue(index)}`);
  const explicit = index.length - ellipses;
  if (explicit > shape.length) {
    fail(op, `too many indices for an array of shape [${shape.join(",")}]: ${explicit} were given (${describeValue(index)})`);
  }
  const specs: IndexSpec[] = [];
  for (const s of index) {
    if (s === "...") for (let i = 0; i < shape.length - explicit; i++) specs.push(null);
    else specs.push(s);
  }
  while (specs.length < shape.length) specs.push(null);
  return specs.map((spec, axis) => {
    const n = shape[axis]!;
    if (typeof spec === "number") {
      if (!Number.isInteger(spec)) fail(op, `index ${spec} on axis ${axis} is not an integer`);
      if (spec < -n || spec >= n) {
        fail(op, `index ${spec} is out of range for axis ${axis} of size ${n} (shape [${shape.join(",")}]); expected -${n} <= index < ${n}`);
      }
      return { start: spec < 0 ? spec + n : spec, step: 1, count: 1, drop: true };
    }
    if (spec === null) return { start: 0, step: 1, count: n, drop: false };
    if (typeof spec === "string") return pythonSlice(op, n, ...parseSliceString(op, spec));
    if (Array.isArray(spec) && spec.length >= 1 && spec.length <= 3 && spec.every((_, i) => i in spec)) {
      const [start, stop, step] = spec as readonly unknown[];
      for (const v of [start, stop, step]) {
        if (v !== null && v !== undefined && !Number.isSafeInteger(v)) {
          fail(op, `slice bounds must be integers or null, got ${describeValue(spec)} on axis ${axis}`);
        }
      }
      return pythonSlice(op, n, (start ?? null) as number | null, (stop ?? null) as number | null, (step ?? null) as number | null);
    }
    return fail(
      op,
      `unsupported index ${describeValue(spec)} on axis ${axis}; ` +
        `expected an integer, null, [start, stop, step], a "start:stop:step" string or "..."`,
    );
  });
}

/** The shape of the selected region with every axis kept (integer-indexed axes have size 1). */
const regionShape = (plan: readonly AxisPlan[]): number[] => plan.map((p) => p.count);

/** Axes read backwards (a negative step selecting something). */
const reversedAxes = (plan: readonly AxisPlan[]): number[] => plan.flatMap((p, a) => (p.step < 0 && p.count > 1 ? [a] : []));

/** The lowest index each axis touches (the region in ascending order). */
const lowest = (p: AxisPlan): number => (p.step > 0 ? p.start : p.start + (p.count - 1) * p.step);

/** numpy basic indexing `x[index]`: `slice(x, 0, [1, null, 2], "::-1")` is `x[0, 1::2, ::-1]`. */
export function slice<D extends DType>(x: ArrayValue<D>, ...index: IndexSpec[]): ArrayValue<D>;
export function slice(x: ArrayValue, ...index: IndexSpec[]): ArrayValue {
  // A whole-array index binds nothing, so liveness is checked here.
  if (x instanceof ArrayValue) x.assertLive("slice");
  const plan = planIndex("slice", x, index);
  let y = x;
  const whole = plan.every((p, a) => p.count === x.shape[a] && (p.step === 1 || p.count <= 1));
  if (!whole) {
    const strided = bind1("slice", [x], {
      start: plan.map((p) => (p.count === 0 ? 0 : lowest(p))),
      limit: plan.map((p) => (p.count === 0 ? 0 : lowest(p) + (p.count - 1) * Math.abs(p.step) + 1)),
      strides: plan.map((p) => Math.abs(p.step)),
    });
    const rev = reversedAxes(plan);
    y = rev.length === 0 ? strided : bind1("rev", [strided], { axes: rev });
  }
  if (plan.some((p) => p.drop)) y = bind1("reshape", [y], { newShape: plan.filter((p) => !p.drop).map((p) => p.count) });
  return y;
}

/** Functional index updates on `x[index]`: `at(x, 0).set(5)` is a copy of x with row 0 set to 5. */
export function at<D extends DType>(x: ArrayValue<D>, ...index: IndexSpec[]): IndexUpdater<D> {
  // An update of an empty region binds nothing, so liveness is checked here.
  if (x instanceof ArrayValue) x.assertLive("at");
  const plan = planIndex("at", x, index);
  const region = regionShape(plan);
  const empty = region.includes(0);
  const config = plan.map((p, a) => {
    const step = Math.abs(p.step);
    const low = p.count === 0 ? 0 : lowest(p);
    const high = p.count === 0 ? 0 : x.shape[a]! - (low + (p.count - 1) * step + 1);
    return [low, high, step - 1] as const;
  });

  /** v broadcast to the indexed region, reordered ascending and spread over x's shape (zeros elsewhere). */
  const spread = (op: string, v: ArrayOrScalar): ArrayValue => {
    const indexedShape = plan.filter((p) => !p.drop).map((p) => p.count);
    checkOperand(`at.${op}`, v);
    const value = v instanceof ArrayValue ? cast(v, x.dtype) : storedScalar(`at.${op}`, v, x.dtype);
    const offset = indexedShape.length - value.ndim;
    if (offset < 0 || value.shape.some((d, i) => d !== 1 && d !== indexedShape[offset + i])) {
      fail(`at.${op}`, `cannot broadcast a value of shape [${value.shape.join(",")}] to the indexed region of shape [${indexedShape.join(",")}]`);
    }
    let u = broadcastTo(value, indexedShape);
    u = bind1("reshape", [u], { newShape: region });
    const rev = reversedAxes(plan);
    if (rev.length > 0) u = bind1("rev", [u], { axes: rev });
    return bind1("pad", [u, scalar(0, x.dtype)], { config });
  };
  const mask = (): ArrayValue => {
    const ones = bind1("broadcastInDim", [scalar(true, "bool")], { shape: region, broadcastDimensions: [] });
    return bind1("pad", [ones, scalar(false, "bool")], { config });
  };
  /** x with `combine(x, spread v)` on the region and x elsewhere. */
  const update = (op: string, v: ArrayOrScalar, combine: (old: ArrayValue, placed: ArrayValue) => ArrayValue): ArrayValue => {
    const placed = spread(op, v);
    if (empty) return x;
    return where(mask(), combine(x, placed), x);
  };
  /** One updater method, taking exactly one value (a second argument would be silently dropped). */
  // Every update converts v to x's dtype first (spread), so each result has x's dtype D.
  const method = (op: string, combine: (old: ArrayValue, placed: ArrayValue) => ArrayValue) =>
    function (v: ArrayOrScalar): ArrayValue<D> {
      checkArity(`at.${op}`, arguments, 1);
      return update(op, v, combine) as ArrayValue<D>;
    };
  return {
    get() {
      checkArity("at.get", arguments, 0);
      return slice(x, ...index);
    },
    set: method("set", (_old, placed) => placed),
    add: method("add", (old, placed) => add(old, placed)),
    mul: method("mul", (old, placed) => multiply(old, placed)),
    min: method("min", (old, placed) => minimum(old, placed)),
    max: method("max", (old, placed) => maximum(old, placed)),
  };
}
