/**
 * Reading nested JS lists (for np.array and index lists): the structure is checked before any
 * value is read or any buffer allocated, so a hole, a cycle, a ragged row or a string leaf is a
 * TesseraError instead of shifted data, a process-killing stack overflow or a NaN.
 */
import { fail } from "../errors.js";
import { ArrayValue } from "../ndarray.js";
import { describeValue, validShape } from "../validate.js";

/** How deeply lists may nest (as many as an array may have axes). */
const MAX_DEPTH = 64;

/** Describes a position in a nested list: `[1][0]`, or "the top level". */
const at = (path: readonly number[]): string => (path.length === 0 ? "the top level" : path.map((i) => `[${i}]`).join(""));

/**
 * Reads a nested list: checks its structure before anything is allocated (depth, holes, cycles,
 * ragged rows, leaves that are not numbers or booleans) and returns its shape, its leaves in
 * row-major order, and whether every leaf is a boolean. Numbers and booleans may mix (a boolean
 * counts as 0 or 1, as in JAX).
 */
export function readNested(op: string, value: unknown): { shape: number[]; leaves: (number | boolean)[]; allBooleans: boolean } {
  // The shape follows the first entry down; the walk below checks every other entry against it.
  const shape: number[] = [];
  const chain = new Set<unknown>();
  for (let v: unknown = value; Array.isArray(v); v = v[0]) {
    if (chain.has(v)) fail(op, `the nested list contains itself (at depth ${shape.length}); a cyclic list has no shape`);
    if (shape.length >= MAX_DEPTH) fail(op, `the nested list is more than ${MAX_DEPTH} levels deep; arrays have at most ${MAX_DEPTH} axes`);
    chain.add(v);
    shape.push(v.length);
    if (v.length === 0 || !(0 in v)) break;
  }
  validShape(op, shape);
  const leaves: (number | boolean)[] = [];
  let allBooleans = true;
  const path: number[] = [];
  const visit = (v: unknown, axis: number): void => {
    if (axis === shape.length) {
      if (typeof v === "boolean") leaves.push(v);
      else if (typeof v === "number") {
        leaves.push(v);
        allBooleans = false;
      } else if (v instanceof ArrayValue) {
        fail(op, `element at ${at(path)} is an array ${v.dtype}[${v.shape.join(",")}] inside a list; use np.stack to join arrays`);
      } else if (Array.isArray(v)) {
        fail(op, `ragged nested input: ${at(path)} is a list where a number is expected (shape so far [${shape.join(",")}])`);
      } else {
        fail(op, `element at ${at(path)} is ${describeValue(v)}; expected a number or a boolean`);
      }
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[axis]) {
      fail(op, `ragged nested input: ${at(path)} has ${Array.isArray(v) ? `length ${v.length}` : `the value ${describeValue(v)}`} where axis ${axis} needs length ${shape[axis]} (shape so far [${shape.join(",")}])`);
    }
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      if (!(i in v)) fail(op, `the nested list has a hole at ${at(path)} (a sparse array such as [1, , 3] or new Array(n)); fill every entry`);
      visit(v[i], axis + 1);
      path.pop();
    }
  };
  visit(value, 0);
  return { shape, leaves, allBooleans: allBooleans && leaves.length > 0 };
}
