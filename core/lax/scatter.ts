/**
 * The addressing of jax.lax's general scatter: `ScatterDimensionNumbers` checked against the
 * operand, indices and updates, and turned into one flat operand position per update element
 * (traced integer arithmetic, so indices may be traced), with JAX's out-of-bounds modes: "clip"
 * clamps each window's start so the window fits, "fill"/"drop" (the default) and
 * "promise_in_bounds" drop a window that does not fit (JAX on CPU does the same for the
 * latter). The combining happens in transforms/scatter.ts; addition here, through the
 * scatterAdd primitive.
 */
import { isInteger } from "../dtype.js";
import { describe, fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import type { ArrayValue } from "../ndarray.js";
import { setAt } from "../numpy/set-at.js";
import { scalar } from "../numpy/promote.js";
import { bool, describeValue, integerList, isPlainRecord, oneOf, readOptions, type OptionCheck } from "../validate.js";

/** JAX's ScatterDimensionNumbers, as a record (the batching dims default to none). */
export interface ScatterDimensionNumbers {
  /** The axes of `updates` that are window axes (the rest are the scatter axes, one per index). */
  readonly updateWindowDims: readonly number[];
  /** Operand axes that the windows do not cover (size 1, absent from the updates). */
  readonly insertedWindowDims: readonly number[];
  /** For each entry of an index vector, the operand axis it addresses. */
  readonly scatterDimsToOperandDims: readonly number[];
  readonly operandBatchingDims?: readonly number[];
  readonly scatterIndicesBatchingDims?: readonly number[];
}

/** What to do with a window that does not fit in the operand. */
export type ScatterMode = "clip" | "fill" | "drop" | "promise_in_bounds";

/** The options every scatter takes (JAX's keyword arguments). */
export interface ScatterOptions {
  /** A promise only (no effect here). */
  readonly indicesAreSorted?: boolean;
  /** A promise that no two windows overlap; scatterMul's gradient needs it, as JAX's. */
  readonly uniqueIndices?: boolean;
  /** Default "fill" (JAX's FILL_OR_DROP). */
  readonly mode?: ScatterMode | null;
}

/** A checked scatter: flat positions into the operand padded by one drop slot at the end. */
export interface ScatterPlan {
  /** int32 of the updates' shape: each element's flat operand position, or `size` when dropped. */
  readonly positions: ArrayValue;
  /** The operand's element count (the drop slot's position). */
  readonly size: number;
  readonly uniqueIndices: boolean;
}

const dimensionNumbersArg: OptionCheck<Required<ScatterDimensionNumbers>> = (op, name, value) => {
  if (!isPlainRecord(value)) fail(op, `${name} must be a record {updateWindowDims, insertedWindowDims, scatterDimsToOperandDims, operandBatchingDims?, scatterIndicesBatchingDims?}, got ${describeValue(value)}`);
  const d = readOptions(op, value, {
    updateWindowDims: integerList,
    insertedWindowDims: integerList,
    scatterDimsToOperandDims: integerList,
    operandBatchingDims: integerList,
    scatterIndicesBatchingDims: integerList,
  });
  for (const key of ["updateWindowDims", "insertedWindowDims", "scatterDimsToOperandDims"] as const) {
    if (d[key] === undefined) fail(op, `${name}.${key} is required`);
  }
  return {
    updateWindowDims: d.updateWindowDims!,
    insertedWindowDims: d.insertedWindowDims!,
    scatterDimsToOperandDims: d.scatterDimsToOperandDims!,
    operandBatchingDims: d.operandBatchingDims ?? [],
    scatterIndicesBatchingDims: d.scatterIndicesBatchingDims ?? [],
  };
};

const modeArg = oneOf<ScatterMode>(["clip", "fill", "drop", "promise_in_bounds"]);

/** Reads the scatter options (with any extra keys the caller allows). */
export function scatterOptions(op: string, options: unknown): { uniqueIndices: boolean; mode: ScatterMode } {
  const o = readOptions(op, options, { indicesAreSorted: bool, uniqueIndices: bool, mode: (p, n, v) => (v === null ? null : modeArg(p, n, v)) });
  return { uniqueIndices: o.uniqueIndices ?? false, mode: o.mode ?? "fill" };
}

/** The integer axes in `list` are sorted, distinct and in [0, rank). */
function sortedAxes(op: string, name: string, list: readonly number[], rank: number): void {
  list.forEach((a, i) => {
    if (a < 0 || a >= rank) fail(op, `${name} ${describeValue(list)} has axis ${a} out of range for rank ${rank}`);
    if (i > 0 && a <= list[i - 1]!) fail(op, `${name} must be sorted and distinct, got ${describeValue(list)}`);
  });
}

/**
 * Checks a scatter's arguments as JAX's shape rule does and computes where each update element
 * lands. `updatesShape` is the updates' shape (scatterApply has no updates array).
 */
export function planScatter(op: string, operand: ArrayValue, indices: ArrayValue, updatesShape: readonly number[], dimensionNumbers: unknown, mode: ScatterMode, uniqueIndices: boolean): ScatterPlan {
  const dn = dimensionNumbersArg(op, "dimensionNumbers", dimensionNumbers);
  const { updateWindowDims: windowDims, insertedWindowDims: inserted, scatterDimsToOperandDims: toOperand, operandBatchingDims: opBatch, scatterIndicesBatchingDims: idxBatch } = dn;
  if (!isInteger(indices.dtype)) fail(op, `scatterIndices must be an integer array, got ${describe(indices)}`);
  if (indices.ndim === 0) fail(op, "scatterIndices must have at least one axis (the last holds the index vectors)");
  const rank = operand.ndim;
  const batchRank = indices.ndim - 1;
  const vectorSize = indices.shape[batchRank]!;
  sortedAxes(op, "updateWindowDims", windowDims, updatesShape.length);
  sortedAxes(op, "insertedWindowDims", inserted, rank);
  sortedAxes(op, "operandBatchingDims", opBatch, rank);
  if (rank !== windowDims.length + inserted.length + opBatch.length) {
    fail(op, `the operand's rank ${rank} must equal len(updateWindowDims) + len(insertedWindowDims) + len(operandBatchingDims) = ${windowDims.length + inserted.length + opBatch.length}`);
  }
  if (inserted.some((a) => opBatch.includes(a))) fail(op, "insertedWindowDims and operandBatchingDims must not share an axis");
  if (toOperand.length !== vectorSize) fail(op, `scatterDimsToOperandDims has ${toOperand.length} entries but the index vectors (the last axis of scatterIndices ${describe(indices)}) have ${vectorSize}`);
  toOperand.forEach((a, i) => {
    if (a < 0 || a >= rank) fail(op, `scatterDimsToOperandDims has axis ${a} out of range for the operand's rank ${rank}`);
    if (toOperand.indexOf(a) !== i) fail(op, `scatterDimsToOperandDims must be distinct, got ${describeValue(toOperand)}`);
    if (opBatch.includes(a)) fail(op, `scatterDimsToOperandDims must not name an operand batching axis (${a})`);
  });
  if (opBatch.length !== idxBatch.length) fail(op, "operandBatchingDims and scatterIndicesBatchingDims must have the same length");
  idxBatch.forEach((a, j) => {
    if (a < 0 || a >= batchRank) fail(op, `scatterIndicesBatchingDims has axis ${a}; it must be an axis of scatterIndices other than the last`);
    if (idxBatch.indexOf(a) !== j) fail(op, `scatterIndicesBatchingDims must be distinct, got ${describeValue(idxBatch)}`);
    if (operand.shape[opBatch[j]!] !== indices.shape[a]) fail(op, `operand batching axis ${opBatch[j]} (size ${operand.shape[opBatch[j]!]}) and scatterIndices batching axis ${a} (size ${indices.shape[a]}) must have the same size`);
  });
  if (updatesShape.length !== windowDims.length + batchRank) {
    fail(op, `updates must have rank len(updateWindowDims) + rank(scatterIndices) - 1 = ${windowDims.length + batchRank}, got shape [${updatesShape.join(",")}]`);
  }
  const scatterAxes = updatesShape.map((_, i) => i).filter((i) => !windowDims.includes(i));
  scatterAxes.forEach((u, i) => {
    if (updatesShape[u] !== indices.shape[i]) fail(op, `updates axis ${u} (size ${updatesShape[u]}) must match scatterIndices axis ${i} (size ${indices.shape[i]})`);
  });
  const windowOperandAxes = operand.shape.map((_, d) => d).filter((d) => !inserted.includes(d) && !opBatch.includes(d));
  const windowSize = operand.shape.map(() => 1);
  windowOperandAxes.forEach((d, k) => {
    const size = updatesShape[windowDims[k]!]!;
    if (size > operand.shape[d]!) fail(op, `the window along operand axis ${d} has size ${size} (updates axis ${windowDims[k]}), larger than the operand's ${operand.shape[d]}`);
    windowSize[d] = size;
  });

  const shape = [...updatesShape];
  const i32 = (v: number) => scalar(v, "int32");
  const spread = (x: ArrayValue, dims: readonly number[]) => bind1("broadcastInDim", [x], { shape, broadcastDimensions: dims });
  const along = (axis: number) => bind1("iota", [], { dtype: "int32", shape, dimension: axis });
  const idx = indices.dtype === "int32" ? indices : bind1("convert", [indices], { dtype: "int32" });
  const zeros = spread(i32(0), []);
  let flat = zeros;
  let fits: ArrayValue | null = null;
  let stride = 1;
  for (let d = rank - 1; d >= 0; d--) {
    let start = zeros;
    const k = toOperand.indexOf(d);
    if (k >= 0) {
      const column = bind1("reshape", [bind1("slice", [idx], { start: idx.shape.map((_, a) => (a === batchRank ? k : 0)), limit: idx.shape.map((n, a) => (a === batchRank ? k + 1 : n)), strides: idx.shape.map(() => 1) })], { newShape: idx.shape.slice(0, batchRank) });
      start = spread(column, scatterAxes);
    }
    const j = opBatch.indexOf(d);
    if (j >= 0) start = along(scatterAxes[idxBatch[j]!]!);
    const limit = operand.shape[d]! - windowSize[d]!;
    if (mode === "clip") {
      start = bind1("min", [bind1("max", [start, zeros], {}), spread(i32(limit), [])], {});
    } else if (k >= 0) {
      const inside = bind1("and", [bind1("ge", [start, zeros], {}), bind1("le", [start, spread(i32(limit), [])], {})], {});
      fits = fits === null ? inside : bind1("and", [fits, inside], {});
    }
    const w = windowOperandAxes.indexOf(d);
    const position = w >= 0 ? bind1("add", [start, along(windowDims[w]!)], {}) : start;
    flat = bind1("add", [flat, bind1("mul", [position, spread(i32(stride), [])], {})], {});
    stride *= operand.shape[d]!;
  }
  const size = stride;
  const positions = fits === null ? flat : bind1("select", [fits, flat, spread(i32(size), [])], {});
  return { positions, size, uniqueIndices };
}

/** `combine`d updates: the operand flattened with the drop slot appended, and the updates flattened in order. */
export function flatOperands(operand: ArrayValue, updates: ArrayValue, plan: ScatterPlan): [ArrayValue, ArrayValue, ArrayValue] {
  const flatOperand = bind1("reshape", [operand], { newShape: [plan.size] });
  const padded = bind1("pad", [flatOperand, scalar(operand.dtype === "bool" ? false : 0, operand.dtype)], { config: [[0, 1, 0]] });
  const count = updates.size;
  return [padded, bind1("reshape", [plan.positions], { newShape: [count] }), bind1("reshape", [updates], { newShape: [count] })];
}

/** The operand back from its padded flat form (the drop slot removed). */
export function unflatten(padded: ArrayValue, operand: ArrayValue, size: number): ArrayValue {
  return bind1("reshape", [bind1("slice", [padded], { start: [0], limit: [size], strides: [1] })], { newShape: operand.shape });
}

/**
 * operand with `updates` written at the plan's positions, the last write to a position winning
 * (a stable sort of the positions and scatterAdds: n log n, where writing the updates one by one
 * would pass over the operand once per update).
 */
export function setPlanned(operand: ArrayValue, updates: ArrayValue, plan: ScatterPlan): ArrayValue {
  const flatOperand = bind1("reshape", [operand], { newShape: [plan.size] });
  const count = updates.size;
  const written = setAt(flatOperand, bind1("reshape", [plan.positions], { newShape: [count] }), bind1("reshape", [updates], { newShape: [count] }));
  return bind1("reshape", [written], { newShape: operand.shape });
}

/** operand with `updates` added at the plan's positions (the scatterAdd primitive on the flat operand). */
export function scatterAddPlanned(operand: ArrayValue, updates: ArrayValue, plan: ScatterPlan): ArrayValue {
  const [padded, positions, values] = flatOperands(operand, updates, plan);
  return unflatten(bind1("scatterAdd", [padded, positions, values], { axis: 0 }), operand, plan.size);
}
