/** Misuse rows for jit: its arguments, its options, and static arguments that are not hashable. */
import * as np from "../../core/numpy/index.js";
import type { ArrayValue } from "../../core/ndarray.js";
import { jit } from "../../transforms/jit/jit.js";
import { misuse, type MisuseCase } from "./case.js";

const x = np.ones([2]);
const scaled = jit((y: ArrayValue, s: unknown) => y.mul(typeof s === "number" ? s : 1), { staticArgnums: 1 });
const twoArgs = jit((y: ArrayValue, _mode: unknown) => y);
const threeArgs = jit((y: ArrayValue, _mode: unknown, _n: unknown) => y, { staticArgnums: [2] });

export const jitCases: readonly MisuseCase[] = [
  misuse('jit("x=>x")', () => jit("x=>x" as never), "jit", 'the function argument must be a function, got "x=>x"'),
  misuse("jit(null)", () => jit(null as never), "jit", "must be a function, got null"),
  misuse("jit(f, {static_argnums: 1})", () => jit((y: ArrayValue) => y, { static_argnums: 1 } as never), 'unknown option "static_argnums"', 'did you mean "staticArgnums"?'),
  misuse("jit(f, {staticArgnums: '1'})", () => jit((y: ArrayValue) => y, { staticArgnums: "1" } as never), "staticArgnums must be an integer or a list of integers", '"1"'),
  misuse("jit(f, {cacheSize: -1})", () => jit((y: ArrayValue) => y, { cacheSize: -1 }), "cacheSize must be a positive integer, got -1"),
  misuse("jit(f, {staticArgnums: 3})(x, s)", () => jit((y: ArrayValue) => y, { staticArgnums: 3 })(x), "argnums 3 is out of range for a function called with 1 argument"),
  misuse("jitted(x, {k: 2}) with staticArgnums 1", () => scaled(x, { k: 2 }), "static argument 1 is a plain record that is not frozen", "Object.freeze"),
  misuse("jitted(x, [1, 2]) with staticArgnums 1", () => scaled(x, [1, 2]), "static argument 1 is a plain array that is not frozen", "[1, 2]"),
  misuse("jitted(x, new Map([['k', 2]])) with staticArgnums 1", () => scaled(x, new Map([["k", 2]])), "static argument 1 is a Map", "Object.fromEntries"),
  misuse("jitted(x, new Set([1])) with staticArgnums 1", () => scaled(x, new Set([1])), "static argument 1 is a Set"),
  misuse("jitted(x, new Date()) with staticArgnums 1", () => scaled(x, new Date(0)), "static argument 1 is a Date", "date.getTime()"),
  misuse("jitted(x, np.ones([2])) with staticArgnums 1", () => scaled(x, np.ones([2])), "static argument 1 is an array float32[2]", "leave this argument out of staticArgnums"),
  misuse("jitted(x, Object.freeze({w: [1]})) with staticArgnums 1", () => scaled(x, Object.freeze({ w: [1] })), "static argument 1 (at .w) is a plain array that is not frozen"),
  misuse('jitted(x, "relu") without staticArgnums', () => twoArgs(x, "relu"), 'tessera.jit: argument 1 is a string ("relu"); strings cannot be traced', "mark it static with jit(f, { staticArgnums: [1] })"),
  misuse('jitted(x, "relu", 3) with staticArgnums [2]', () => threeArgs(x, "relu", 3), "argument 1 is a string", "jit(f, { staticArgnums: [1, 2] })"),
  misuse("jitted(x, true) without staticArgnums", () => twoArgs(x, true), "argument 1 is a boolean (true); booleans cannot be traced", "staticArgnums: [1]", "pass np.array(true)"),
  misuse("jitted(x, Math.max) without staticArgnums", () => twoArgs(x, Math.max), "argument 1 is a function; functions cannot be traced", "staticArgnums: [1]"),
  misuse('jitted(x, {act: "relu"})', () => twoArgs(x, { act: "relu" }), 'tessera.jit: argument 1 at .act holds a string ("relu"), which is neither a leaf'),
];
