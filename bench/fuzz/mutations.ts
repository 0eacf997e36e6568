/**
 * Hostile mutations of a valid call, each with what a correct library does with it:
 * - "reject": the input is not understood, so the call must fail (a result is a silent wrong answer);
 * - "same": `null` options mean no options, so the call returns the base call's result (or fails cleanly);
 * - "notIgnored": an extra positional argument must fail or change the result (JAX's positional
 *   form); a result identical to the base call means the argument was dropped silently.
 */
import type { Arg } from "./subjects.js";

export type Expectation = "reject" | "same" | "notIgnored";

/** One hostile call: the label printed in reports, and the argument list. */
export interface Mutation {
  readonly label: string;
  readonly expect: Expectation;
  readonly args: () => unknown[];
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
  ["null", () => null],
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

const NOT_RECORDS: readonly [string, () => unknown][] = [
  ["[0]", () => [0]],
  ['"axis"', () => "axis"],
  ["() => 1", () => () => 1],
  ["new Map()", () => new Map()],
  ["1n", () => 1n],
];

const WRONG_VALUES: readonly [string, () => unknown][] = [
  ['"1"', () => "1"],
  ["{}", () => ({})],
  ["1n", () => 1n],
];

// A record with an unknown key is never meaningful; the other extras may be JAX's positional forms.
const EXTRAS: readonly [string, () => unknown, Expectation][] = [
  ["1", () => 1, "notIgnored"],
  ['"SAME"', () => "SAME", "notIgnored"],
  ["true", () => true, "notIgnored"],
  ["{axsi: 0}", () => ({ axsi: 0 }), "reject"],
];

/** Every mutation of a base call whose arguments are `base`; `declared` is the function's declared parameter count. */
export function mutationsOf(base: readonly Arg[], declared: number): Mutation[] {
  const out: Mutation[] = [];
  const with_ = (i: number, value: () => unknown) => () => base.map((a, j) => (j === i ? value() : a.make()));
  base.forEach((arg, i) => {
    const table =
      arg.kind === "array" ? HOSTILE_OPERANDS : arg.kind === "shape" ? HOSTILE_SHAPES : arg.kind === "ints" ? HOSTILE_INTS : arg.kind === "function" ? HOSTILE_FUNCTIONS : [];
    for (const [label, value] of table) out.push({ label: `arg ${i} (${arg.kind}) = ${label}`, expect: "reject", args: with_(i, value) });
    if (arg.kind !== "options") return;
    out.push({ label: `arg ${i} (options) = null`, expect: "same", args: with_(i, () => null) });
    for (const [label, value] of NOT_RECORDS) out.push({ label: `arg ${i} (options) = ${label}`, expect: "reject", args: with_(i, value) });
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
  const positions = [...new Set([base.length, Math.max(base.length, declared)])];
  for (const position of positions) {
    const pad = (extra: unknown) => () => [...base.map((a) => a.make()), ...Array<unknown>(position - base.length).fill(undefined), extra];
    if (position < declared) out.push({ label: `arg ${position} (unused parameter) = null`, expect: "same", args: pad(null) });
    for (const [label, value, expect] of EXTRAS) out.push({ label: `arg ${position} (${position < declared ? "unused parameter" : "extra"}) = ${label}`, expect, args: () => pad(value())() });
  }
  return out;
}
