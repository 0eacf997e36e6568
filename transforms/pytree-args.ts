/**
 * Pytree plumbing shared by the public transforms: flattening selected arguments into array
 * leaves and rebuilding the call, and matching an axis-spec prefix (vmap's inAxes/outAxes)
 * against a tree.
 */
import { isWeak } from "../core/aval.js";
import { isFloat } from "../core/dtype.js";
import { describe, fail } from "../core/errors.js";
import { ArrayValue } from "../core/ndarray.js";
import * as np from "../core/numpy/index.js";
import { scalar } from "../core/numpy/promote.js";
import * as tree from "../core/tree.js";
import { flattenTree } from "../core/tree-walk.js";
import { bool, describeValue, integer, isPlainRecord, listOf, type OptionCheck } from "../core/validate.js";

/** The arguments at `argnums` flattened to array leaves, and how to rebuild the full argument list. */
export interface FlatArgs {
  readonly leaves: ArrayValue[];
  /** The leaves as given (JS numbers still numbers), in the same order. */
  readonly raw: readonly unknown[];
  /** For each leaf, whether it is weakly typed (a JS number staged as a weak scalar, or a weak scalar tracer). */
  readonly weak: readonly boolean[];
  /** The argument list with the selected arguments rebuilt from `leaves`. */
  rebuild(leaves: readonly unknown[]): unknown[];
  /** The selected arguments' structures, in argnums order, with their leaf ranges. */
  readonly defs: readonly { readonly def: tree.TreeDef; readonly start: number; readonly count: number }[];
}

/**
 * The argnums option: an integer or a non-empty list of integers (JAX rejects an empty tuple).
 * Whether each is in range is checked when the function is called (`normalizeArgnums`).
 */
export const argnumsOption: OptionCheck<number | number[]> = (op, name, value) =>
  typeof value === "number" ? integer(op, name, value) : listOf(integer, { min: 1 })(op, name, value);

/** The options of grad, valueAndGrad, jacfwd, jacrev and hessian. */
export const differentiationOptions = { argnums: argnumsOption, hasAux: bool };

/**
 * An axis spec of vmap (inAxes, outAxes): an integer, null, or a list or plain record whose
 * entries are axis specs. Checked when vmap is called; matched against the arguments (and the
 * axes against their ranks) when the mapped function is applied.
 */
export const axisSpecOption: OptionCheck<unknown> = (op, name, value) => {
  checkAxisSpec(op, name, value, new Set());
  return value;
};

function checkAxisSpec(op: string, name: string, spec: unknown, ancestors: Set<object>): void {
  if (spec === null) return;
  if (typeof spec === "number") {
    integer(op, name, spec);
    return;
  }
  const isList = Array.isArray(spec);
  if (!isList && !isPlainRecord(spec)) {
    fail(op, `${name} must be an integer axis, null, or a list or record of them (a pytree prefix of the arguments), got ${describeValue(spec)}`);
  }
  if (ancestors.has(spec as object)) fail(op, `${name} contains a cycle`);
  ancestors.add(spec as object);
  if (isList) {
    const list = spec as unknown[];
    for (let i = 0; i < list.length; i++) {
      if (!(i in list)) fail(op, `${name} has a hole at index ${i}`);
      checkAxisSpec(op, `${name}[${i}]`, list[i], ancestors);
    }
  } else {
    for (const [key, entry] of Object.entries(spec as Record<string, unknown>)) checkAxisSpec(op, `${name}.${key}`, entry, ancestors);
  }
  ancestors.delete(spec as object);
}

/** Normalizes argnums (a number or a list) against the number of arguments. */
export function normalizeArgnums(op: string, argnums: number | readonly number[], numArgs: number): number[] {
  const list = typeof argnums === "number" ? [argnums] : [...argnums];
  for (const a of list) {
    if (!Number.isInteger(a) || a < -numArgs || a >= numArgs) {
      fail(op, `argnums ${describeValue(a)} is out of range for a function called with ${numArgs} argument(s)`);
    }
  }
  const out = list.map((a) => (a < 0 ? a + numArgs : a));
  if (new Set(out).size !== out.length) fail(op, `argnums ${describeValue(list)} repeats an argument`);
  return out;
}

/**
 * How a transform takes the JS number leaves of its arguments:
 * - "weak" (jit, makeJaxpr): a weakly typed scalar that promotes like the JS number itself: an
 *   integer value (other than -0) a weak int32, any other a weak float64 that keeps the double
 *   exactly (it becomes float32 where it meets an integer array or only other JS numbers, as eager
 *   code rounds a JS number); weak scalar tracers stay weak.
 * - "float32" (the differentiating transforms): a float32 scalar, as np.array gives; a weak scalar
 *   tracer (a JS number an enclosing jit staged) becomes float32 too, so `grad` sees the same
 *   dtype under jit as outside it.
 * - "unchanged" (vmap): a float32 placeholder (the caller passes the number itself on); weak
 *   scalar tracers stay weak.
 */
export type NumberLeaves = "weak" | "float32" | "unchanged";

const INT32_LIMIT = 2 ** 31;

/** A JS number as a weakly typed scalar (see `NumberLeaves`). */
function weakNumber(op: string, value: number, where: string): ArrayValue {
  if (!Number.isInteger(value) || Object.is(value, -0)) return scalar(value, "float64");
  if (value < -INT32_LIMIT || value >= INT32_LIMIT) {
    fail(
      op,
      `${where} is the JS number ${value}, an integer outside int32; ${op} stages a JS integer as a weakly typed int32 scalar, ` +
        `which cannot hold it (JAX raises OverflowError here). Pass an array instead (np.array(${value}) for float32, ` +
        `or with { dtype: "float64" }), or close over the number`,
    );
  }
  return scalar(value, "int32");
}

/** A leaf as an array, checked to be live (a tracer leaked from a finished transform is an error). */
function leafArray(op: string, leaf: unknown, where: string, numbers: NumberLeaves): ArrayValue {
  if (leaf instanceof ArrayValue) {
    leaf.assertLive(op);
    return numbers === "float32" && isWeak(leaf) ? np.astype(leaf, "float32") : leaf;
  }
  if (typeof leaf === "number") return numbers === "weak" ? weakNumber(op, leaf, where) : np.array(leaf);
  return fail(op, `${where} is ${typeof leaf}; expected arrays or numbers`);
}

/** Whether a leaf is weakly typed once taken as `numbers` says. */
function leafIsWeak(leaf: unknown, numbers: NumberLeaves): boolean {
  if (numbers === "float32") return false;
  return leaf instanceof ArrayValue ? isWeak(leaf) : numbers === "weak" && typeof leaf === "number";
}

/**
 * True for a loop's initial-carry leaf that is weakly typed: a JS number, or a weak scalar tracer
 * (a JS number an enclosing jit staged). Such a carry takes the dtype the loop body gives it.
 */
export function isWeakLeaf(leaf: unknown): boolean {
  return typeof leaf === "number" || (leaf instanceof ArrayValue && isWeak(leaf));
}

/**
 * A staged function's outputs with weak floats made float32: a JS non-integer returned as it
 * came is float32, as np.array makes it (weak int32 stays int32, as in JAX).
 */
export function canonicalOutputs(outs: readonly ArrayValue[]): ArrayValue[] {
  return outs.map((o) => (isWeak(o) && o.dtype === "float64" ? np.astype(o, "float32") : o));
}

/**
 * Flattens the arguments at `argnums`; `check` validates each leaf (e.g. float dtype for grad);
 * `numbers` says how JS numbers are taken (default float32, for the differentiating transforms).
 * Every array leaf is checked to be live.
 */
export function flattenArgs(
  op: string,
  args: readonly unknown[],
  argnums: readonly number[],
  check?: (leaf: ArrayValue, where: string) => void,
  numbers: NumberLeaves = "float32",
): FlatArgs {
  const leaves: ArrayValue[] = [];
  const raw: unknown[] = [];
  const weak: boolean[] = [];
  const defs = argnums.map((a) => {
    const [argLeaves, def] = flattenTree(op, args[a], `argument ${a}`);
    const start = leaves.length;
    argLeaves.forEach((leaf, i) => {
      const where = `argument ${a}${argLeaves.length > 1 ? ` (leaf ${i})` : ""}`;
      const x = leafArray(op, leaf, where, numbers);
      check?.(x, where);
      leaves.push(x);
      raw.push(leaf);
      weak.push(leafIsWeak(leaf, numbers));
    });
    return { def, start, count: argLeaves.length };
  });
  return {
    leaves,
    raw,
    weak,
    defs,
    rebuild: (newLeaves) => {
      const out = [...args];
      argnums.forEach((a, k) => {
        const { def, start, count } = defs[k]!;
        out[a] = tree.unflatten(def, newLeaves.slice(start, start + count));
      });
      return out;
    },
  };
}

/** Flattens a pytree (a result, a carry, a cotangent) to array leaves; JS numbers and booleans become scalar arrays. */
export function arrayLeaves(op: string, what: string, x: unknown): [ArrayValue[], tree.TreeDef] {
  const [leaves, def] = flattenTree(op, x, what);
  const arrays = leaves.map((l, i) => {
    if (l instanceof ArrayValue) return l;
    if (typeof l === "number" || typeof l === "boolean") return np.array(l);
    return fail(op, `${what} leaf ${i} is ${typeof l}; expected arrays or numbers`);
  });
  return [arrays, def];
}

/** A leaf check for differentiation: the leaf must be a float array. */
export function requireFloat(op: string): (x: ArrayValue, where: string) => void {
  return (x, where) => {
    if (!isFloat(x.dtype)) {
      fail(op, `cannot differentiate with respect to ${where}: it has dtype ${x.dtype} (${describe(x)}); ${op} needs float inputs (convert with astype, or leave this argument out of argnums)`);
    }
  };
}

/** Splits a function's result into [output, aux] (aux empty unless `hasAux`, which requires a pair). */
export function splitAux(op: string, result: unknown, hasAux: boolean | undefined): [unknown, unknown] {
  if (!hasAux) return [result, []];
  if (!Array.isArray(result) || result.length !== 2) fail(op, "with hasAux the function must return [output, aux]");
  return [result[0], result[1]];
}

/** An axis spec: a number (the mapped axis) or null (not mapped). */
export type AxisSpec = number | null;

/**
 * One axis per leaf of `value`, read from `spec`, a prefix of value's structure: a number or null
 * applies to the whole subtree below it. A mismatch is an error naming the path.
 */
export function axesForLeaves(op: string, what: string, spec: unknown, value: unknown, path = ""): AxisSpec[] {
  if (spec === null || typeof spec === "number") return tree.leaves(value).map(() => spec);
  if (Array.isArray(spec)) {
    if (!Array.isArray(value) || value.length !== spec.length) {
      fail(op, `${what} has a list of ${spec.length} at ${path || "the top level"}, but the value there is ${Array.isArray(value) ? `a list of ${value.length}` : typeof value}`);
    }
    return spec.flatMap((s, i) => axesForLeaves(op, what, s, (value as unknown[])[i], `${path}[${i}]`));
  }
  if (typeof spec === "object" && spec !== undefined) {
    if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof ArrayValue) {
      fail(op, `${what} has an object at ${path || "the top level"}, but the value there is ${value instanceof ArrayValue ? "an array" : typeof value}`);
    }
    const specKeys = Object.keys(spec).sort();
    const valueKeys = Object.keys(value as object).sort();
    if (specKeys.join("\u0000") !== valueKeys.join("\u0000")) {
      fail(op, `${what} at ${path || "the top level"} has keys [${specKeys.join(", ")}] but the value has keys [${valueKeys.join(", ")}]`);
    }
    return specKeys.flatMap((k) => axesForLeaves(op, what, (spec as Record<string, unknown>)[k], (value as Record<string, unknown>)[k], `${path}.${k}`));
  }
  return fail(op, `${what} must be a number, null, or a list/object prefix of the arguments, got ${typeof spec} at ${path || "the top level"}`);
}
