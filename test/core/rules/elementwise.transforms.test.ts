/**
 * Transform rules of the elementwise primitives, called directly: jvp against central finite
 * differences in float64 (plus the conventions at kinks), vmap against stacking the eager op over
 * slices for every batch-axis placement, transpose by the dot-product test.
 */
import { describe, expect, it } from "vitest";
import { allocate, type DType } from "../../../core/dtype.js";
import { bind1 } from "../../../core/interpreter.js";
import { evaluate } from "../../../core/eager.js";
import { NdArray, type ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import type { BinaryPrim, ComparePrim, ElementwisePrim, ParamsOf, UnaryPrim } from "../../../core/primitives.js";
import { elementwiseRules } from "../../../core/rules/elementwise.js";
import { LinearArg, Zero, type BatchDim, type JaxprTransforms, type Tangent } from "../../../core/rules/rule.js";
import { sizeOf, stridesOf } from "../../../core/shape.js";
import { grad, jvp as transformJvp, vmap } from "../../../transforms/index.js";
import { expectClose } from "../../helpers.js";
import { randomStream } from "../../../laws/programs.js";

// ---------------------------------------------------------------------------------------------
// Arrays

const random = randomStream(42);

function arr(values: ArrayLike<number>, shape: readonly number[], dtype: DType = "float64"): NdArray {
  const data = allocate(dtype, values.length);
  for (let i = 0; i < values.length; i++) data[i] = values[i]!;
  return NdArray.fromBuffer(data, shape, dtype);
}

/** Uniform values in [lo, hi). */
function uniform(shape: readonly number[], lo: number, hi: number, dtype: DType = "float64"): NdArray {
  return arr(Array.from({ length: sizeOf(shape) }, () => lo + (hi - lo) * random()), shape, dtype);
}

function values(x: ArrayValue | Tangent): number[] {
  expect(x).toBeInstanceOf(NdArray);
  return Array.from((x as NdArray).toTypedArray());
}

function dot(a: ArrayValue, b: ArrayValue): number {
  const [u, v] = [values(a), values(b)];
  expect(u.length).toBe(v.length);
  return u.reduce((s, x, i) => s + x * v[i]!, 0);
}

/** `x + s·t` elementwise (same shape). */
function axpy(x: NdArray, s: number, t: NdArray): NdArray {
  const [u, v] = [values(x), values(t)];
  return arr(u.map((a, i) => a + s * v[i]!), x.shape, x.dtype);
}

/** The slice of `x` at `index` along `axis` (the axis removed). */
function take(x: NdArray, axis: number, index: number): NdArray {
  const shape = x.shape.filter((_, i) => i !== axis);
  const strides = stridesOf(x.shape);
  const data = values(x);
  const out = allocate(x.dtype, sizeOf(shape));
  const outStrides = stridesOf(shape);
  for (let flat = 0; flat < out.length; flat++) {
    let offset = index * strides[axis]!;
    for (let k = 0, rest = flat; k < shape.length; k++) {
      const i = Math.floor(rest / outStrides[k]!);
      rest -= i * outStrides[k]!;
      offset += i * strides[k < axis ? k : k + 1]!;
    }
    out[flat] = data[offset]!;
  }
  return NdArray.fromBuffer(out, shape, x.dtype);
}

/** Stacks same-shaped arrays along a new leading axis. */
function stack(xs: readonly NdArray[]): NdArray {
  return arr(xs.flatMap(values), [xs.length, ...xs[0]!.shape], xs[0]!.dtype);
}

/** Equal shapes, dtypes and elements (NaN equals NaN, as the same kernel ran both ways). */
function expectSame(actual: NdArray, expected: NdArray): void {
  expect(actual.shape).toEqual(expected.shape);
  expect(actual.dtype).toBe(expected.dtype);
  expect(values(actual)).toEqual(values(expected));
}

/** An array shaped like `x` holding `value` everywhere. */
const filled = (x: NdArray, value: number) => arr(new Array<number>(x.size).fill(value), x.shape, x.dtype);

const zeroOf = (x: ArrayValue) => new Zero({ shape: x.shape, dtype: x.dtype });

// ---------------------------------------------------------------------------------------------
// Calling the rules

/** First-order rules never use the jaxpr transforms: any use fails loudly. */
const noTransforms = new Proxy({} as JaxprTransforms, {
  get: (_, name) => {
    throw new Error(`an elementwise rule used transforms.${String(name)}`);
  },
});

function jvp<P extends ElementwisePrim>(prim: P, primals: NdArray[], tangents: Tangent[], params: ParamsOf[P]): [ArrayValue, Tangent] {
  const [outs, touts] = elementwiseRules[prim].jvp(primals, tangents, params, noTransforms);
  expect(outs.length).toBe(1);
  expect(touts.length).toBe(1);
  return [outs[0]!, touts[0]!];
}

function eager<P extends ElementwisePrim>(prim: P, args: NdArray[], params: ParamsOf[P]): NdArray {
  return evaluate(prim, args, params)[0]!;
}

const H = 1e-6;

/**
 * Checks the jvp at `primals` along `directions` (null: a zero tangent) against central finite
 * differences of the eager op, and that the primal output is the eager one.
 */
function checkJvp<P extends ElementwisePrim>(prim: P, primals: NdArray[], directions: (NdArray | null)[], params: ParamsOf[P]): void {
  const tangents = directions.map((d, i) => d ?? zeroOf(primals[i]!));
  const [out, tangent] = jvp(prim, primals, tangents, params);
  const ans = eager(prim, primals, params);
  expectSame(out as NdArray, ans);
  const at = (s: number) => primals.map((p, i) => (directions[i] ? axpy(p, s * H, directions[i]!) : p));
  const [plus, minus] = [values(eager(prim, at(1), params)), values(eager(prim, at(-1), params))];
  expect(tangent).toBeInstanceOf(NdArray);
  expect((tangent as NdArray).shape).toEqual(ans.shape);
  expect((tangent as NdArray).dtype).toBe(ans.dtype);
  expectClose(tangent as NdArray, plus.map((p, i) => (p - minus[i]!) / (2 * H)), { rtol: 1e-6, atol: 1e-7 });
}

// ---------------------------------------------------------------------------------------------
// jvp

/** Each differentiable unary op with an interval away from its singularities and kinks. */
const unaryDomains: [UnaryPrim, number, number][] = [
  ["neg", -2, 2], ["exp", -2, 2], ["exp2", -2, 2], ["log", 0.3, 3], ["log1p", -0.5, 2], ["expm1", -2, 2],
  ["sin", -3, 3], ["cos", -3, 3], ["tan", -1.2, 1.2], ["asin", -0.9, 0.9], ["acos", -0.9, 0.9], ["atan", -3, 3],
  ["sinh", -2, 2], ["cosh", -2, 2], ["tanh", -2, 2], ["asinh", -3, 3], ["acosh", 1.2, 3], ["atanh", -0.9, 0.9],
  ["logistic", -4, 4], ["sqrt", 0.2, 3], ["rsqrt", 0.2, 3], ["cbrt", 0.2, 3], ["abs", 0.2, 3], ["erf", -2, 2],
  ["erfc", -2, 2], ["erfInv", -0.9, 0.9],
];

describe("jvp of unary ops matches central finite differences in float64", () => {
  for (const [prim, lo, hi] of unaryDomains) {
    it(prim, () => {
      checkJvp(prim, [uniform([2, 3], lo, hi)], [uniform([2, 3], -1, 1)], {});
      checkJvp(prim, [uniform([], lo, hi)], [uniform([], -1, 1)], {});
      if (prim === "abs" || prim === "cbrt") checkJvp(prim, [uniform([4], -hi, -lo)], [uniform([4], -1, 1)], {});
    });
  }
  it("a zero tangent in gives a zero tangent out, without work", () => {
    for (const [prim] of unaryDomains) {
      const x = uniform([3], 0.3, 0.6);
      const [, t] = jvp(prim, [x], [zeroOf(x)], {});
      expect(t, prim).toBeInstanceOf(Zero);
      expect((t as Zero).aval).toEqual({ shape: [3], dtype: "float64" });
    }
  });
  it("float32 tangents stay float32 and agree with float64", () => {
    for (const prim of ["tanh", "logistic", "erfInv", "cbrt", "exp2"] as const) {
      const x = uniform([5], 0.1, 0.8);
      const t = uniform([5], -1, 1);
      const [, t64] = jvp(prim, [x], [t], {});
      const [out32, t32] = jvp(prim, [arr(values(x), [5], "float32")], [arr(values(t), [5], "float32")], {});
      expect(out32.dtype).toBe("float32");
      expect((t32 as NdArray).dtype).toBe("float32");
      expectClose(t32 as NdArray, values(t64), { rtol: 1e-5, atol: 1e-6 });
    }
  });
});

/** Pairs of broadcastable shapes: equal, trailing, both stretched, scalar on either side, rank 3. */
const shapePairs: [number[], number[]][] = [[[3], [3]], [[2, 3], [3]], [[2, 1], [1, 3]], [[], [2, 3]], [[2, 3], []], [[4, 1, 3], [2, 1]]];

/** Each differentiable binary op with intervals for x and y away from kinks. */
const binaryDomains: [BinaryPrim, [number, number], [number, number]][] = [
  ["add", [-2, 2], [-2, 2]], ["sub", [-2, 2], [-2, 2]], ["mul", [-2, 2], [-2, 2]], ["div", [-2, 2], [0.5, 2]],
  ["pow", [0.5, 2], [-2, 2]], ["atan2", [-2, 2], [0.3, 2]], ["max", [-2, -0.1], [0.1, 2]], ["min", [-2, -0.1], [0.1, 2]],
];

describe("jvp of binary ops matches central finite differences, with broadcasting", () => {
  for (const [prim, [xl, xh], [yl, yh]] of binaryDomains) {
    it(prim, () => {
      for (const [sx, sy] of shapePairs) {
        const [x, y] = [uniform(sx, xl, xh), uniform(sy, yl, yh)];
        const [tx, ty] = [uniform(sx, -1, 1), uniform(sy, -1, 1)];
        checkJvp(prim, [x, y], [tx, ty], {});
        checkJvp(prim, [x, y], [tx, null], {});
        checkJvp(prim, [x, y], [null, ty], {});
        checkJvp(prim, [y, x], [ty, tx], {}); // for max/min: the other operand wins
      }
    });
  }
  it("rem, away from the jumps where x/y is an integer", () => {
    for (const [sx, sy] of shapePairs) {
      // x = n + 0.5 and y = ±1 or ±2 keep x/y at least 1/4 from an integer.
      const x = arr(Array.from({ length: sizeOf(sx) }, () => Math.floor(random() * 10) - 5 + 0.5), sx);
      const y = arr(Array.from({ length: sizeOf(sy) }, () => [1, -1, 2, -2][Math.floor(random() * 4)]!), sy);
      checkJvp("rem", [x, y], [uniform(sx, -1, 1), uniform(sy, -1, 1)], {});
      checkJvp("rem", [x, y], [uniform(sx, -1, 1), null], {});
      checkJvp("rem", [x, y], [null, uniform(sy, -1, 1)], {});
    }
  });
  it("all-zero tangents give a zero tangent of the broadcast shape", () => {
    const [x, y] = [uniform([2, 1], 1, 2), uniform([3], 1, 2)];
    const [, t] = jvp("mul", [x, y], [zeroOf(x), zeroOf(y)], {});
    expect((t as Zero).aval).toEqual({ shape: [2, 3], dtype: "float64" });
  });
  it("float32 operands give float32 tangents", () => {
    const [x, y] = [uniform([2, 3], 1, 2, "float32"), uniform([3], 1, 2, "float32")];
    for (const prim of ["add", "sub", "mul", "div", "pow", "atan2", "rem", "max", "min"] as const) {
      const [, t] = jvp(prim, [x, y], [uniform([2, 3], -1, 1, "float32"), uniform([3], -1, 1, "float32")], {});
      expect((t as NdArray).dtype, prim).toBe("float32");
      expect((t as NdArray).shape, prim).toEqual([2, 3]);
    }
  });
});

describe("jvp of integerPow, select and convert", () => {
  it("integerPow matches finite differences for every exponent kind", () => {
    for (const y of [-3, -1, 1, 2, 3, 5]) checkJvp("integerPow", [uniform([2, 3], 0.5, 2)], [uniform([2, 3], -1, 1)], { y });
    checkJvp("integerPow", [uniform([4], -2, -0.5)], [uniform([4], -1, 1)], { y: 3 });
  });
  it("integerPow with y = 0 has a zero tangent, and y = 1 passes the tangent through", () => {
    const x = arr([0, 2], [2]);
    const t = arr([1, 1], [2]);
    expect(jvp("integerPow", [x], [t], { y: 0 })[1]).toBeInstanceOf(Zero);
    expect(values(jvp("integerPow", [x], [t], { y: 1 })[1])).toEqual([1, 1]);
    expect(values(jvp("integerPow", [x], [t], { y: 2 })[1])).toEqual([0, 4]);
  });
  it("select takes each branch's tangent where that branch is picked, broadcasting all three", () => {
    const pred = arr([1, 0, 0, 1, 1, 0], [2, 3], "bool");
    const [a, b] = [uniform([3], -1, 1), uniform([2, 1], -1, 1)];
    const [ta, tb] = [uniform([3], -1, 1), uniform([2, 1], -1, 1)];
    checkJvp("select", [pred, a, b], [null, ta, tb], {});
    checkJvp("select", [pred, a, b], [null, ta, null], {});
    checkJvp("select", [pred, a, b], [null, null, tb], {});
    // A scalar predicate with one zero branch still gives a tangent of the full shape.
    checkJvp("select", [arr([0], [], "bool"), a, b], [null, ta, null], {});
    expect(jvp("select", [pred, a, b], [zeroOf(pred), zeroOf(a), zeroOf(b)], {})[1]).toBeInstanceOf(Zero);
  });
  it("convert carries tangents between floats only", () => {
    const x = uniform([3], -2, 2);
    const t = uniform([3], -1, 1);
    const [, t32] = jvp("convert", [x], [t], { dtype: "float32" });
    expect((t32 as NdArray).dtype).toBe("float32");
    expectClose(t32 as NdArray, values(t), { rtol: 1e-7 });
    const [, t64] = jvp("convert", [arr([1, 2], [2], "float32")], [arr([0.5, -1], [2], "float32")], { dtype: "float64" });
    expect((t64 as NdArray).dtype).toBe("float64");
    expect(values(t64)).toEqual([0.5, -1]);
    for (const dtype of ["int32", "uint32", "bool"] as const) {
      const [out, tz] = jvp("convert", [x], [t], { dtype });
      expect(out.dtype).toBe(dtype);
      expect((tz as Zero).aval).toEqual({ shape: [3], dtype });
    }
    const i = arr([1, 2, 3], [3], "int32");
    expect((jvp("convert", [i], [zeroOf(i)], { dtype: "float64" })[1] as Zero).aval).toEqual({ shape: [3], dtype: "float64" });
  });
});

describe("jvp conventions at non-differentiable points and for non-float values (as JAX, except where noted)", () => {
  const one = (v: number) => arr([v], []);
  it("abs'(±0) = 1, as JAX (x >= 0 keeps the tangent)", () => {
    expect(values(jvp("abs", [arr([0, -0, -2, 3], [4])], [arr([1, 1, 1, 1], [4])], {})[1])).toEqual([1, 1, -1, 1]);
  });
  it("max and min split the tangent in halves at a tie, as JAX, and pass the result's tangent otherwise", () => {
    expect(values(jvp("max", [one(1), one(1)], [one(1), one(10)], {})[1])).toEqual([5.5]);
    expect(values(jvp("min", [one(1), one(1)], [one(1), one(10)], {})[1])).toEqual([5.5]);
    expect(values(jvp("max", [one(1), one(2)], [one(1), one(10)], {})[1])).toEqual([10]);
    expect(values(jvp("min", [one(1), one(2)], [one(1), one(10)], {})[1])).toEqual([1]);
    expect(values(jvp("max", [one(NaN), one(2)], [one(1), one(10)], {})[1])).toEqual([0]); // a NaN result equals neither operand
  });
  it("pow's y-derivative is 0 where x = 0 (log is never evaluated at 0), and its x-derivative is y·x^(y-1)", () => {
    expect(values(jvp("pow", [one(0), one(2)], [zeroOf(one(0)), one(1)], {})[1])).toEqual([0]);
    expect(values(jvp("pow", [one(0), one(2)], [one(1), zeroOf(one(0))], {})[1])).toEqual([0]);
    expect(values(jvp("pow", [one(0), one(0)], [one(1), zeroOf(one(0))], {})[1])[0]).toBeNaN(); // 0·0^-1, as JAX
  });
  it("rem's y-derivative is -trunc(x/y)", () => {
    const [x, y] = [arr([7.5, -7.5, 7.5], [3]), arr([2, 2, -2], [3])];
    expect(values(jvp("rem", [x, y], [zeroOf(x), arr([1, 1, 1], [3])], {})[1])).toEqual([-3, 3, 3]);
  });
  it("singularities give what the formula gives (inf), as JAX", () => {
    expect(values(jvp("sqrt", [one(0)], [one(1)], {})[1])).toEqual([Infinity]);
    expect(values(jvp("rsqrt", [one(0)], [one(1)], {})[1])).toEqual([-Infinity]);
    expect(values(jvp("cbrt", [one(0)], [one(1)], {})[1])).toEqual([Infinity]);
    expect(values(jvp("atanh", [one(1)], [one(1)], {})[1])).toEqual([Infinity]);
  });
  it("piecewise-constant ops have zero tangents", () => {
    const x = arr([-1.5, 0, 0.5, 2], [4]);
    const t = arr([1, 1, 1, 1], [4]);
    for (const prim of ["sign", "floor", "ceil"] as const) expect(jvp(prim, [x], [t], {})[1], prim).toBeInstanceOf(Zero);
    for (const method of ["awayFromZero", "toNearestEven"] as const) expect(jvp("round", [x], [t], { method })[1]).toBeInstanceOf(Zero);
    expect(jvp("nextAfter", [x, t], [t, t], {})[1]).toBeInstanceOf(Zero);
  });
  it("bool and integer results have zero tangents of their own dtype", () => {
    const [x, y] = [uniform([2, 3], -1, 1), uniform([3], -1, 1)];
    for (const prim of ["eq", "ne", "lt", "le", "gt", "ge"] as const) {
      const [out, t] = jvp(prim, [x, y], [uniform([2, 3], -1, 1), uniform([3], -1, 1)], {});
      expect(out.dtype).toBe("bool");
      expect((t as Zero).aval, prim).toEqual({ shape: [2, 3], dtype: "bool" });
    }
    const t = jvp("isFinite", [x], [uniform([2, 3], -1, 1)], {})[1];
    expect((t as Zero).aval).toEqual({ shape: [2, 3], dtype: "bool" });
    const [i, j] = [arr([3, -4], [2], "int32"), arr([2], [1], "int32")];
    for (const prim of ["add", "sub", "mul", "div", "pow", "max", "min", "rem", "and", "or", "xor", "shiftLeft"] as const) {
      const [out, tz] = jvp(prim, [i, j], [zeroOf(i), zeroOf(j)], {});
      expect(out.dtype).toBe("int32");
      expect((tz as Zero).aval, prim).toEqual({ shape: [2], dtype: "int32" });
    }
    for (const prim of ["neg", "abs", "sign", "not"] as const) expect((jvp(prim, [i], [zeroOf(i)], {})[1] as Zero).aval.dtype).toBe("int32");
    expect((jvp("integerPow", [i], [zeroOf(i)], { y: 2 })[1] as Zero).aval.dtype).toBe("int32");
    const b = arr([1, 0], [2], "bool");
    expect((jvp("not", [b], [zeroOf(b)], {})[1] as Zero).aval.dtype).toBe("bool");
  });
});

// ---------------------------------------------------------------------------------------------
// vmap

const B = 3;

/** An operand of `shape` and `dtype` with values every op accepts (shift counts below 32). */
function operand(shape: readonly number[], dtype: DType): NdArray {
  if (dtype === "bool") return arr(Array.from({ length: sizeOf(shape) }, () => (random() < 0.5 ? 1 : 0)), shape, dtype);
  if (dtype === "int32" || dtype === "uint32") return arr(Array.from({ length: sizeOf(shape) }, () => 1 + Math.floor(random() * 9)), shape, dtype);
  return uniform(shape, 0.1, 0.9, dtype);
}

/** Batched `shape` with the batch axis at `dim` (null: unbatched). */
function batched(shape: readonly number[], dim: BatchDim, dtype: DType): NdArray {
  if (dim === null) return operand(shape, dtype);
  return operand([...shape.slice(0, dim), B, ...shape.slice(dim)], dtype);
}

/** Checks vmap against the eager op on each slice, with the output's batch axis moved first. */
function checkVmap<P extends ElementwisePrim>(prim: P, shapes: number[][], dtypes: DType[], dims: BatchDim[], params: ParamsOf[P]): void {
  const args = shapes.map((s, i) => batched(s, dims[i]!, dtypes[i]!));
  const [outs, outDims] = elementwiseRules[prim].vmap(args, dims, params, B, noTransforms);
  expect(outs.length).toBe(1);
  const dim = outDims[0]!;
  expect(dim).not.toBeNull();
  const out = outs[0] as NdArray;
  const front = stack(Array.from({ length: B }, (_, b) => take(out, dim!, b)));
  const expected = stack(Array.from({ length: B }, (_, b) => eager(prim, args.map((a, i) => (dims[i] === null ? a : take(a, dims[i]!, b))), params)));
  expectSame(front, expected);
}

/** Batch-axis placements for an operand of rank r: front, middle, end (deduplicated). */
function placements(rank: number): number[] {
  return [...new Set([0, Math.floor((rank + 1) / 2), rank])];
}

const unaryDtypes: Record<UnaryPrim, DType> = {
  neg: "float64", exp: "float64", exp2: "float64", log: "float64", log1p: "float64", expm1: "float64", sin: "float64",
  cos: "float64", tan: "float64", asin: "float64", acos: "float64", atan: "float64", sinh: "float64", cosh: "float64",
  tanh: "float64", asinh: "float64", acosh: "float64", atanh: "float64", logistic: "float64", sqrt: "float64",
  rsqrt: "float64", cbrt: "float64", abs: "int32", sign: "float32", floor: "float64", ceil: "float64", erf: "float64",
  erfc: "float64", erfInv: "float32", isFinite: "float64", not: "bool",
};
const binaryDtypes: Record<BinaryPrim | ComparePrim, DType> = {
  add: "float64", sub: "int32", mul: "float32", div: "float64", pow: "float64", max: "float64", min: "int32",
  atan2: "float64", rem: "float64", nextAfter: "float32", and: "bool", or: "int32", xor: "uint32", shiftLeft: "int32",
  shiftRightLogical: "uint32", shiftRightArithmetic: "int32", eq: "float64", ne: "int32", lt: "float64", le: "float64",
  gt: "float64", ge: "bool",
};

describe("vmap equals stacking the op over slices, for every batch-axis placement", () => {
  for (const prim of Object.keys(unaryDtypes) as UnaryPrim[]) {
    it(prim, () => {
      for (const shape of [[], [4], [2, 4]]) {
        for (const d of placements(shape.length)) checkVmap(prim, [shape], [unaryDtypes[prim]], [d], {});
      }
    });
  }
  for (const prim of Object.keys(binaryDtypes) as (BinaryPrim | ComparePrim)[]) {
    it(prim, () => {
      const dtype = binaryDtypes[prim];
      for (const [sx, sy] of [[[2, 4], [2, 4]], [[2, 4], [4]], [[], [2, 4]], [[2, 1], [1, 4]], [[3, 1, 4], [2, 1]]]) {
        for (const dx of [null, ...placements(sx!.length)]) {
          for (const dy of [null, ...placements(sy!.length)]) {
            if (dx !== null || dy !== null) checkVmap(prim, [sx!, sy!], [dtype, dtype], [dx, dy], {});
          }
        }
      }
    });
  }
  it("round, integerPow and convert (ops with params)", () => {
    for (const d of [0, 1, 2]) {
      checkVmap("round", [[2, 4]], ["float64"], [d], { method: "toNearestEven" });
      checkVmap("integerPow", [[2, 4]], ["float64"], [d], { y: -3 });
      checkVmap("integerPow", [[2, 4]], ["int32"], [d], { y: 3 });
      checkVmap("convert", [[2, 4]], ["float64"], [d], { dtype: "int32" });
      checkVmap("convert", [[2, 4]], ["bool"], [d], { dtype: "float32" });
    }
  });
  it("select, with any of its three operands mapped", () => {
    const shapes = [[2, 4], [4], [2, 1]];
    for (const dp of [null, 0, 1, 2]) {
      for (const dt of [null, 0, 1]) {
        for (const df of [null, 0, 2]) {
          if (dp === null && dt === null && df === null) continue;
          checkVmap("select", shapes, ["bool", "float64", "float64"], [dp, dt, df], {});
        }
      }
    }
    checkVmap("select", [[], [], [2]], ["bool", "int32", "int32"], [0, null, 1], {});
  });
});

// ---------------------------------------------------------------------------------------------
// transpose

function transpose<P extends ElementwisePrim>(prim: P, ct: Tangent, args: (NdArray | LinearArg)[], params: ParamsOf[P]): (Tangent | null)[] {
  const rule = elementwiseRules[prim].transpose;
  expect(rule, `${prim} has a transpose rule`).toBeDefined();
  const cts = rule!([ct], args, params, noTransforms);
  expect(cts.length).toBe(args.length);
  cts.forEach((c, i) => {
    const arg = args[i]!;
    if (!(arg instanceof LinearArg)) return expect(c, `operand ${i} is not linear`).toBeNull();
    expect(c).not.toBeNull();
    const got = c instanceof Zero ? c.aval : { shape: (c as NdArray).shape, dtype: (c as NdArray).dtype };
    expect(got, `cotangent ${i} has its operand's aval`).toEqual(arg.aval);
  });
  return cts;
}

const linear = (x: NdArray) => new LinearArg({ shape: x.shape, dtype: x.dtype });

/**
 * The dot-product test `<ct, L(v)> = Σ <L^T(ct)_i, v_i>` for L = `prim` as a function of the
 * operands at `linearAt`, the others fixed to `args`.
 */
function checkTranspose<P extends ElementwisePrim>(prim: P, args: NdArray[], linearAt: number[], params: ParamsOf[P]): void {
  const v = args.map((a, i) => (linearAt.includes(i) ? uniform(a.shape, -1, 1, a.dtype) : a));
  const out = eager(prim, v, params);
  const ct = uniform(out.shape, -1, 1, out.dtype);
  const cts = transpose(prim, ct, args.map((a, i) => (linearAt.includes(i) ? linear(a) : a)), params);
  const rhs = linearAt.reduce((s, i) => s + dot(cts[i] as NdArray, v[i]!), 0);
  expectClose(rhs, dot(ct, out), { rtol: 1e-6, atol: 1e-6 });
  // A zero cotangent transposes to zeros of each operand's aval.
  const zeros = transpose(prim, zeroOf(ct), args.map((a, i) => (linearAt.includes(i) ? linear(a) : a)), params);
  linearAt.forEach((i) => expect(zeros[i]).toBeInstanceOf(Zero));
}

describe("transpose passes the dot-product test and returns each operand's aval", () => {
  it("neg", () => {
    for (const shape of [[], [3], [2, 3]]) checkTranspose("neg", [uniform(shape, -1, 1)], [0], {});
  });
  it("add and sub, linear in both operands, with broadcasting", () => {
    for (const prim of ["add", "sub"] as const) {
      for (const [sx, sy] of shapePairs) checkTranspose(prim, [uniform(sx, -1, 1), uniform(sy, -1, 1)], [0, 1], {});
    }
  });
  it("add and sub with one linear operand give the other null", () => {
    const [x, y] = [uniform([2, 3], -1, 1), uniform([3], -1, 1)];
    const ct = uniform([2, 3], -1, 1);
    const [cx, cy] = transpose("sub", ct, [x, linear(y)], {});
    expect(cx).toBeNull();
    expectClose(cy as NdArray, values(ct).reduce((s, v, i) => (s[i % 3]! -= v, s), [0, 0, 0]), { rtol: 1e-12 });
    expect(transpose("add", ct, [linear(x), y], {})[1]).toBeNull();
  });
  it("mul in either operand (the other a known array) and div in its numerator", () => {
    for (const [sx, sy] of shapePairs) {
      const [x, y] = [uniform(sx, -1, 1), uniform(sy, 0.5, 2)];
      checkTranspose("mul", [x, y], [0], {});
      checkTranspose("mul", [x, y], [1], {});
      checkTranspose("div", [x, y], [0], {});
    }
  });
  it("mul or div linear in the wrong operands is an error naming the op", () => {
    const x = uniform([3], -1, 1);
    expect(() => transpose("mul", x, [linear(x), linear(x)], {})).toThrow(/mul: transpose: both operands are linear inputs/);
    expect(() => transpose("div", x, [x, linear(x)], {})).toThrow(/div: transpose: the op is not linear in operand 1/);
  });
  it("select in either branch or both, the predicate fixed, with broadcasting", () => {
    const pred = arr([1, 0, 0, 1, 1, 0], [2, 3], "bool");
    for (const [st, sf] of [[[2, 3], [2, 3]], [[3], [2, 1]], [[], [2, 3]]]) {
      const [a, b] = [uniform(st!, -1, 1), uniform(sf!, -1, 1)];
      checkTranspose("select", [pred, a, b], [1, 2], {});
      // With one branch linear, the other must be zero for the map to be linear (not affine).
      checkTranspose("select", [pred, a, filled(b, 0)], [1], {});
      checkTranspose("select", [pred, filled(a, 0), b], [2], {});
    }
    checkTranspose("select", [arr([1], [], "bool"), uniform([2], -1, 1), uniform([2, 2], -1, 1)], [1, 2], {});
    expect(() => transpose("select", uniform([2], -1, 1), [linear(arr([1, 0], [2], "bool")), uniform([2], 0, 1), uniform([2], 0, 1)], {})).toThrow(
      /select: transpose: the predicate/,
    );
  });
  it("convert between floats; to or from integers and bools gives a zero cotangent", () => {
    checkTranspose("convert", [uniform([2, 3], -1, 1)], [0], { dtype: "float64" });
    const x32 = uniform([4], -1, 1, "float32");
    const [c64] = transpose("convert", uniform([4], -1, 1), [linear(x32)], { dtype: "float64" });
    expect((c64 as NdArray).dtype).toBe("float32");
    const x64 = uniform([4], -1, 1);
    const ct32 = uniform([4], -1, 1, "float32");
    const [c32] = transpose("convert", ct32, [linear(x64)], { dtype: "float32" });
    expect(values(c32!)).toEqual(values(ct32));
    expect(transpose("convert", arr([1, 2, 3, 4], [4], "int32"), [linear(x64)], { dtype: "int32" })[0]).toBeInstanceOf(Zero);
    expect(transpose("convert", ct32, [linear(arr([1, 2, 3, 4], [4], "int32"))], { dtype: "float32" })[0]).toBeInstanceOf(Zero);
  });
});

describe("transpose rules exist exactly for the linear elementwise primitives", () => {
  it("neg, add, sub, mul, div, select and convert transpose; the others do not", () => {
    const linearPrims = ["neg", "add", "sub", "mul", "div", "select", "convert"];
    for (const [prim, rule] of Object.entries(elementwiseRules)) {
      expect(rule.transpose !== undefined, prim).toBe(linearPrims.includes(prim));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Through the public transforms

/** Elementwise sum of `prim` applied to x: a scalar function for grad. */
const summed = (prim: UnaryPrim) => (x: ArrayValue) => np.sum(bind1(prim, [x], {}));

describe("through grad, jvp and vmap", () => {
  it("second derivatives of every differentiable unary op match finite differences of the first (the rules differentiate again)", () => {
    for (const [prim, lo, hi] of unaryDomains) {
      const x = uniform([3], lo + 0.05 * (hi - lo), hi - 0.05 * (hi - lo));
      const first = grad(summed(prim)) as (x: ArrayValue) => ArrayValue;
      const second = grad((y: ArrayValue) => np.sum(first(y))) as (x: ArrayValue) => ArrayValue;
      const h = 1e-5;
      const [plus, minus] = [values(first(axpy(x, h, filled(x, 1)))), values(first(axpy(x, -h, filled(x, 1))))];
      expectClose(second(x), plus.map((p, i) => (p - minus[i]!) / (2 * h)), { rtol: 1e-5, atol: 1e-6 });
    }
  });
  it("second derivatives of binary ops (both orders, mixed, with broadcasting) match finite differences", () => {
    for (const [prim, [xl, xh], [yl, yh]] of binaryDomains) {
      const [x, y] = [uniform([2, 3], xl + 0.1, xh - 0.1), uniform([3], yl + 0.1, yh - 0.1)];
      const f = (a: ArrayValue, b: ArrayValue) => np.sum(bind1(prim, [a, b], {}));
      const firsts = (a: ArrayValue, b: ArrayValue) => grad(f, { argnums: [0, 1] })(a, b) as [NdArray, NdArray];
      // The gradient of <g_x, u> + <g_y, w> (a second-order directional derivative), against differences of g along (u, w).
      const [u, w] = [uniform([2, 3], -1, 1), uniform([3], -1, 1)];
      const projected = (a: ArrayValue, b: ArrayValue) => {
        const [gx, gy] = grad(f, { argnums: [0, 1] })(a, b) as [ArrayValue, ArrayValue];
        return np.add(np.sum(np.multiply(gx, u)), np.sum(np.multiply(gy, w)));
      };
      const [hx, hy] = grad(projected, { argnums: [0, 1] })(x, y) as [NdArray, NdArray];
      const h = 1e-5;
      const [px, py] = firsts(axpy(x, h, u), axpy(y, h, w));
      const [mx, my] = firsts(axpy(x, -h, u), axpy(y, -h, w));
      const diff = (p: NdArray, m: NdArray) => values(p).map((v, i) => (v - values(m)[i]!) / (2 * h));
      expectClose(hx, diff(px, mx), { rtol: 1e-5, atol: 1e-6 });
      expectClose(hy, diff(py, my), { rtol: 1e-5, atol: 1e-6 });
    }
  });
  it("vmap(grad(op)) equals grad(op) row by row for every differentiable unary op", () => {
    for (const [prim, lo, hi] of unaryDomains) {
      const xs = uniform([3, 2], lo, hi);
      const batched = vmap(grad(summed(prim)), { inAxes: 1 })(xs) as NdArray;
      const rows = Array.from({ length: 2 }, (_, j) => grad(summed(prim))(take(xs, 1, j)) as NdArray);
      expectSame(batched, stack(rows));
    }
  });
  it("grad(grad(tanh)) = -2 tanh (1 - tanh²), and grad³(sin) = -cos", () => {
    const x = arr([0.3, -0.7, 1.2], [3]);
    const d2 = grad((y: ArrayValue) => np.sum(grad(summed("tanh"))(y) as ArrayValue))(x) as ArrayValue;
    expectClose(d2, values(x).map((v) => -2 * Math.tanh(v) * (1 - Math.tanh(v) ** 2)), { rtol: 1e-12 });
    const d1 = grad(summed("sin"));
    const d3 = grad((y: ArrayValue) => np.sum(grad((z: ArrayValue) => np.sum(d1(z) as ArrayValue))(y) as ArrayValue))(x) as ArrayValue;
    expectClose(d3, values(x).map((v) => -Math.cos(v)), { rtol: 1e-12 });
  });
  it("grad of a broadcasting product sums the cotangent back to each operand's shape", () => {
    const [a, b] = [arr([1, 2, 3, 4, 5, 6], [2, 3]), arr([1, 10, 100], [3])];
    const [ga, gb] = grad((x: ArrayValue, y: ArrayValue) => np.sum(np.multiply(x, y)), { argnums: [0, 1] })(a, b) as [NdArray, NdArray];
    expect(ga.toArray()).toEqual([[1, 10, 100], [1, 10, 100]]);
    expect(gb.toArray()).toEqual([5, 7, 9]);
  });
  it("grad follows JAX's conventions: abs'(0) = 1, max's ties split in halves, where's branches, astype", () => {
    expect((grad(summed("abs"))(arr([0, -1, 2], [3])) as NdArray).toArray()).toEqual([1, -1, 1]);
    expect((grad((x: ArrayValue) => np.sum(np.maximum(x, 1)))(arr([1, 2, 0], [3])) as NdArray).toArray()).toEqual([0.5, 1, 0]);
    const leaky = (x: ArrayValue) => np.sum(np.where(np.greater(x, 0), x, np.multiply(x, 0.1)));
    expectClose(grad(leaky)(arr([-1, 2], [2])) as NdArray, [0.1, 1], { rtol: 1e-12 });
    const g = grad((x: ArrayValue) => np.sum(np.astype(x, "float32")))(arr([-1, 2], [2])) as NdArray;
    expect(g.dtype).toBe("float64");
    expect(g.toArray()).toEqual([1, 1]);
  });
  it("jvp of pow in both operands", () => {
    const [x, y] = [arr([2, 3], [2]), arr([3, 0.5], [2])];
    const [, t] = transformJvp((a: ArrayValue, b: ArrayValue) => np.power(a, b), [x, y], [arr([1, 0], [2]), arr([0, 1], [2])]) as [NdArray, NdArray];
    expectClose(t, [3 * 4, Math.log(3) * Math.sqrt(3)], { rtol: 1e-12 });
  });
  it("vmap with inAxes, and per-example gradients with vmap(grad)", () => {
    const out = vmap((a: ArrayValue, b: ArrayValue) => np.arctan2(a, b), { inAxes: [1, null] })(arr([1, 2, 3, 4], [2, 2]), arr([1, 2], [2])) as NdArray;
    expectClose(out, [Math.atan2(1, 1), Math.atan2(3, 2), Math.atan2(2, 1), Math.atan2(4, 2)], { rtol: 1e-12 });
    const perExample = vmap(grad((x: ArrayValue) => np.sum(np.divide(1, x))))(arr([1, 2, 4, 5], [2, 2])) as NdArray;
    expect(perExample.toArray()).toEqual([[-1, -0.25], [-0.0625, -0.04]]);
  });
});
