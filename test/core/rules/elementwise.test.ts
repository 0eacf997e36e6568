import { describe, expect, it } from "vitest";
import { evaluate } from "../../../core/eager.js";
import type { NdArray } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import type { BinaryPrim, ComparePrim, UnaryPrim } from "../../../core/primitives.js";
import { elementwiseRules } from "../../../core/rules/elementwise.js";

const f32 = (v: number[]) => np.array(v) as NdArray;
const i32 = (v: number[]) => np.array(v, { dtype: "int32" }) as NdArray;
const bool = (v: boolean[]) => np.array(v) as NdArray;

const floatOnly: UnaryPrim[] = [
  "exp", "exp2", "log", "log1p", "expm1", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
  "asinh", "acosh", "atanh", "logistic", "sqrt", "rsqrt", "cbrt", "floor", "ceil", "erf", "erfc", "erfInv", "isFinite",
];

describe("every elementwise primitive has a shape rule that rejects bad input", () => {
  for (const prim of floatOnly) {
    it(`${prim} accepts floats and rejects int32, naming the op and dtypes`, () => {
      expect(evaluate(prim, [f32([0.5])], {})[0]!.shape).toEqual([1]);
      expect(() => evaluate(prim, [i32([1])], {})).toThrow(new RegExp(`tessera\\.${prim}: got i32\\[1\\]; expected float32 or float64`));
    });
  }
  for (const prim of ["neg", "abs", "sign"] as const) {
    it(`${prim} accepts numbers and rejects bool`, () => {
      expect(evaluate(prim, [i32([-2])], {})[0]!.toArray()).toEqual([prim === "neg" ? 2 : prim === "abs" ? 2 : -1]);
      expect(() => evaluate(prim, [bool([true])], {})).toThrow(new RegExp(`${prim}: got bool\\[1\\]`));
    });
  }
  it("not works on bool and integers only", () => {
    expect(evaluate("not", [bool([true, false])], {})[0]!.toArray()).toEqual([false, true]);
    expect(() => evaluate("not", [f32([1])], {})).toThrow(/not: got f32\[1\]; expected bool or int32 or uint32/);
  });
  const binaries: (BinaryPrim | ComparePrim)[] = [
    "add", "sub", "mul", "div", "pow", "max", "min", "atan2", "rem", "nextAfter", "eq", "ne", "lt", "le", "gt", "ge",
  ];
  for (const prim of binaries) {
    it(`${prim} requires one dtype and broadcastable shapes`, () => {
      expect(() => evaluate(prim, [f32([1]), np.array([1], { dtype: "float64" }) as NdArray], {})).toThrow(
        new RegExp(`${prim}: operands must share one dtype, got f32\\[1\\], f64\\[1\\]`),
      );
      expect(() => evaluate(prim, [f32([1, 2]), f32([1, 2, 3])], {})).toThrow(new RegExp(`${prim}: shapes \\[2\\] and \\[3\\] cannot be broadcast`));
    });
  }
  for (const prim of ["and", "or", "xor"] as const) {
    it(`${prim} rejects floats`, () => {
      expect(() => evaluate(prim, [f32([1]), f32([1])], {})).toThrow(new RegExp(`${prim}: got f32\\[1\\], f32\\[1\\]`));
    });
  }
  for (const prim of ["shiftLeft", "shiftRightLogical", "shiftRightArithmetic"] as const) {
    it(`${prim} needs integers and shifts of 32 or more give 0 (or the sign)`, () => {
      expect(evaluate(prim, [i32([-8]), i32([40])], {})[0]!.toArray()).toEqual([prim === "shiftRightArithmetic" ? -1 : 0]);
      expect(() => evaluate(prim, [bool([true]), bool([true])], {})).toThrow(new RegExp(`${prim}: got bool`));
    });
  }
  it("select needs a bool predicate and branches of one dtype", () => {
    expect(() => evaluate("select", [f32([1]), f32([1]), f32([1])], {})).toThrow(/select: predicate must be bool, got f32\[1\]/);
    expect(() => evaluate("select", [bool([true]), f32([1]), i32([1])], {})).toThrow(/select: branches must share one dtype/);
  });
  it("integerPow needs an integer exponent", () => {
    expect(evaluate("integerPow", [f32([3])], { y: 3 })[0]!.toArray()).toEqual([27]);
    expect(evaluate("integerPow", [i32([3])], { y: 21 })[0]!.toArray()).toEqual([Math.imul(3486784401 | 0, 3) | 0]);
    expect(() => evaluate("integerPow", [f32([3])], { y: 0.5 })).toThrow(/integerPow: exponent must be an integer, got 0.5/);
  });
  it("round supports both rounding methods and rejects others and non-floats", () => {
    const x = f32([-2.5, 0.5, 1.5]);
    expect(evaluate("round", [x], { method: "awayFromZero" })[0]!.toArray()).toEqual([-3, 1, 2]);
    expect(evaluate("round", [x], { method: "toNearestEven" })[0]!.toArray()).toEqual([-2, 0, 2]);
    expect(() => evaluate("round", [x], { method: "up" as never })).toThrow(/round: method must be "awayFromZero" or "toNearestEven", got "up"/);
    expect(() => evaluate("round", [i32([1])], { method: "awayFromZero" })).toThrow(/round: got i32\[1\]; expected float32 or float64/);
  });
  it("convert rejects unknown dtypes", () => {
    expect(() => evaluate("convert", [f32([1])], { dtype: "int8" as never })).toThrow(/convert: unknown target dtype int8/);
  });
  it("every rule is fusable as an elementwise op", () => {
    for (const rule of Object.values(elementwiseRules)) expect(rule.fusion).toBe("elementwise");
  });
});

describe("the generated kernels", () => {
  it("handle general broadcasting with strides in several axes", () => {
    const a = np.arange(6).reshape([2, 1, 3]).astype("float32");
    const b = np.arange(4).reshape([4, 1]).astype("float32");
    const c = np.add(a, b);
    expect(c.shape).toEqual([2, 4, 3]);
    const expected = Array.from({ length: 2 }, (_, i) =>
      Array.from({ length: 4 }, (_, j) => Array.from({ length: 3 }, (_, k) => i * 3 + k + j)),
    );
    expect(c.toArray()).toEqual(expected);
  });
  it("handle zero-size arrays", () => {
    expect(np.add(np.zeros([0, 3]), np.ones([3])).shape).toEqual([0, 3]);
  });
  it("handle rank-0 operands", () => {
    expect(np.multiply(np.array(3), np.array(4)).item()).toBe(12);
  });
  it("render special values as exact literals", async () => {
    const { renderNumber } = await import("../../../core/rules/elementwise.js");
    expect([NaN, Infinity, -Infinity, -0, 0.1].map(renderNumber)).toEqual(["NaN", "Infinity", "-Infinity", "-0", "0.1"]);
  });
});
