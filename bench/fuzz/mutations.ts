/**
 * Hostile mutations of a valid call, each with what a correct library does with it:
 * - "reject": the input is not understood, so the call must fail (a result is a silent wrong answer);
 * - "same": `null` options mean no options, so the call returns what it returns with the argument
 *   omitted (or fails cleanly);
 * - "either": a clean error and a result are both right (a list where JAX also takes a positional axis);
 * - "notIgnored": an extra positional argument must fail or change the result (JAX's positional
 *   form); a result identical to the base call means the argument was dropped silently.
 */
import type { Arg } from "./subjects.js";

export type Expectation = "reject" | "same" | "notIgnored" | "either";

/** One hostile call: the label printed in reports, and the argument list. */
export interface Mutation {
  readonly label: string;
  readonly expect: Expectation;
  readonly args: () => unknown[];
  /** For "same": the call it must agree with. */
  readonly reference?: () => unknown[];
  /** For "notIgnored": the same call with another value in the extra position (an argument is ignored only if neither changes the result). */
  readonly alternative?: () => unknown[];
}

function cyclicList(): unknown[] {
  const a: unknown[] = [2];
  a.push(a);
  return a;
}

// Each hostile value is built fresh per call, so no mutation sees another's leftovers.
const HOSTILE_OPERANDS: readonly [string, () => unknown][] = [
  ['"abc"', () => "abc"],
  ['"5"', () => "5"],
  ['""', () => ""],
  ["null", () => null],
  ["undefined", () => undefined],
  ["{}", () => ({})],
  ["[]", () => []],
  ["[1,,3]", () => [1, , 3]],
  ["[[1,2,3],[4,5,6]]", () => [[1, 2, 3], [4, 5, 6]]],
  ["1n", () => 1n],
  ["Symbol()", () => Symbol("s")],
  ["() => 1", () => () => 1],
  ["new Date(0)", () => new Date(0)],
  ["new Map()", () => new Map()],
  ["cyclic list", cyclicList],
  ["fake array {shape, dtype}", () => ({ shape: [2, 3], dtype: "float32", data: new Float32Array(6) })],
  ["Float32Array(6)", () => new Float32Array(6)],
];

// Values np.array cannot read: the valid nested lists and typed arrays are left out.
const HOSTILE_NESTED: readonly [string, () => unknown][] = HOSTILE_OPERANDS.filter(([label]) => !["[[1,2,3],[4,5,6]]", "[]", "Float32Array(6)"].includes(label));

const HOSTILE_SHAPES: readonly [string, () => unknown][] = [
  ["[-1]", () => [-1]],
  ["[1.5]", () => [1.5]],
  ["[1n]", () => [1n]],
  ["[NaN]", () => [NaN]],
  ["[Infinity]", () => [Infinity]],
  ['"3"', () => "3"],
  ['["2"]', () => ["2"]],
  ["[2**32]", () => [2 ** 32]],
  ["[1e10]", () => [1e10]],
  ["[0, 1e300]", () => [0, 1e300]],
  ["[2**31, 2**31]", () => [2 ** 31, 2 ** 31]],
  ["cyclic list", cyclicList],
  ["[2,,3]", () => [2, , 3]],
  ["{}", () => ({})],
  ["Symbol()", () => Symbol("s")],
];

const HOSTILE_INTS: readonly [string, () => unknown][] = [
  ["[1.5]", () => [1.5]],
  ["[1n]", () => [1n]],
  ["[NaN]", () => [NaN]],
  ['"1"', () => "1"],
  ['["1"]', () => ["1"]],
  ["cyclic list", cyclicList],
  ["[2,,3]", () => [2, , 3]],
  ["null", () => null],
  ["{}", () => ({})],
  ["1n", () => 1n],
  ["[2**32]", () => [2 ** 32]],
];

const HOSTILE_FUNCTIONS: readonly [string, () => unknown][] = [
  ["null", () => null],
  ["undefined", () => undefined],
  ['"x=>x"', () => "x=>x"],
  ["42", () => 42],
  ["{}", () => ({})],
  ["[]", () => []],
  ["Symbol()", () => Symbol("f")],
];

const UNKNOWN_KEYS: readonly [string, unknown][] = [
  ["axsi", 0],
  ["keepDims", true],
  ["dim", 0],
  ["in_axes", 0],
  ["foo", 1],
  ["min", -1],
];

// A list may be JAX's positional axis form, so it may be accepted; the rest is never an option record.
const NOT_RECORDS: readonly [string, () => unknown, Expectation][] = [
  ["[0]", () => [0], "either"],
  ['"axis"', () => "axis", "reject"],
  ["() => 1", () => () => 1, "reject"],
  ["new Map()", () => new Map(), "reject"],
  ["1n", () => 1n, "reject"],
];

const WRONG_VALUES: readonly [string, () => unknown][] = [
  ['"1"', () => "1"],
  ["{}", () => ({})],
  ["1n", () => 1n],
];

// A record with an unknown key is never meaningful; the other extras may be JAX's positional
// forms, each tried with a second value so that one equal to a default is not taken as ignored.
const EXTRAS: readonly [string, () => unknown, Expectation, (() => unknown)?][] = [
  ["0", () => 0, "notIgnored", () => 1],
  ['"SAME"', () => "SAME", "notIgnored", () => "VALID"],
  ["false", () => false, "notIgnored", () => true],
  ["{axsi: 0}", () => ({ axsi: 0 }), "reject"],
];

/**
 * Every mutation of a base call whose arguments are `base`; `declared` is the function's declared
 * parameter count; a variadic function gets no "extra argument" mutations (its rest parameter takes them).
 */
export function mutationsOf(base: readonly Arg[], declared: number, variadic = false): Mutation[] {
  const out: Mutation[] = [];
  const with_ = (i: number, value: () => unknown) => () => base.map((a, j) => (j === i ? value() : a.make()));
  base.forEach((arg, i) => {
    const table =
      arg.kind === "array" ? HOSTILE_OPERANDS : arg.kind === "nested" ? HOSTILE_NESTED : arg.kind === "shape" ? HOSTILE_SHAPES : arg.kind === "ints" ? HOSTILE_INTS : arg.kind === "function" ? HOSTILE_FUNCTIONS : [];
    for (const [label, value] of table) out.push({ label: `arg ${i} (${arg.kind}) = ${label}`, expect: "reject", args: with_(i, value) });
    if (arg.kind !== "options") return;
    const omitted = () => base.map((a, j) => (j === i ? undefined : a.make()));
    out.push({ label: `arg ${i} (options) = null`, expect: "same", args: with_(i, () => null), reference: omitted });
    for (const [label, value, expect] of NOT_RECORDS) out.push({ label: `arg ${i} (options) = ${label}`, expect, args: with_(i, value) });
    for (const [key, v] of UNKNOWN_KEYS) {
      out.push({ label: `arg ${i} (options) + {${key}: ${String(v)}}`, expect: "reject", args: with_(i, () => ({ ...(arg.make() as object), [key]: v })) });
    }
    for (const existing of Object.keys(arg.make() as object)) {
      for (const [label, value] of WRONG_VALUES) {
        out.push({ label: `arg ${i} (options).${existing} = ${label}`, expect: "reject", args: with_(i, () => ({ ...(arg.make() as object), [existing]: value() })) });
      }
    }
  });
  // Positions after the base call's arguments: the next declared parameter (often options), and one past every declared one.
  const positions = variadic ? [] : [...new Set([base.length, Math.max(base.length, declared)])];
  for (const position of positions) {
    const pad = (extra: unknown) => () => [...base.map((a) => a.make()), ...Array<unknown>(position - base.length).fill(undefined), extra];
    if (position < declared) out.push({ label: `arg ${position} (unused parameter) = null`, expect: "same", args: pad(null), reference: () => base.map((a) => a.make()) });
    for (const [label, value, expect, other] of EXTRAS) {
      out.push({
        label: `arg ${position} (${position < declared ? "unused parameter" : "extra"}) = ${label}`,
        expect,
        args: () => pad(value())(),
        ...(other ? { alternative: () => pad(other())() } : {}),
      });
    }
  }
  return out;
}
