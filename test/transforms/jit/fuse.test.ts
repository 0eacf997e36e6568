import { describe, expect, it } from "vitest";
import type { DType } from "../../../core/dtype.js";
import type { ArrayValue } from "../../../core/ndarray.js";
import { NdArray } from "../../../core/ndarray.js";
import * as nn from "../../../core/nn.js";
import * as np from "../../../core/numpy/index.js";
import * as lax from "../../../core/lax/index.js";
import { uniformArray } from "../../../laws/programs.js";
import { compile, type CompiledFunction } from "../../../transforms/jit/compile.js";
import { countSteps, printKernel } from "../../../transforms/jit/kernel-ir.js";
import { makeJaxpr } from "../../../transforms/make-jaxpr.js";
import { grad } from "../../../transforms/autodiff.js";
import { simplify } from "../../../transforms/jit/simplify.js";
import { ClosedJaxpr } from "../../../core/jaxpr.js";
import { bind } from "../../../core/interpreter.js";

/** Every element identical by Object.is (NaN = NaN, 0 ≠ -0). */
function expectBitwiseEqual(actual: ArrayValue, expected: ArrayValue, what: string): void {
  expect(actual.shape, `${what} shape`).toEqual(expected.shape);
  expect(actual.dtype, `${what} dtype`).toBe(expected.dtype);
  const a = actual.toTypedArray();
  const b = expected.toTypedArray();
  for (let i = 0; i < b.length; i++) if (!Object.is(a[i], b[i])) expect.fail(`${what} element ${i}: compiled ${a[i]}, eager ${b[i]}`);
}

/** Compiles `f`, checks it against eager `f` bit for bit (twice, so reused buffers are exercised), and returns it. */
function compiledEqualsEager(f: (...xs: NdArray[]) => ArrayValue | ArrayValue[], args: NdArray[]): CompiledFunction {
  const compiled = compile(makeJaxpr(f)(...args));
  const eager = f(...args);
  const expected = Array.isArray(eager) ? eager : [eager];
  for (const round of [1, 2]) {
    const actual = compiled(args);
    expected.forEach((e, i) => expectBitwiseEqual(actual[i]!, e, `round ${round} output ${i}`));
  }
  return compiled;
}

const listing = (c: CompiledFunction) => c.program.steps.map((s) => (s.kind === "kernel" ? printKernel(s.kernel) : s.eqn.prim)).join("\n");
const special = (dtype: DType) => np.array([Number.NaN, -0, 0, Infinity, -Infinity, 1e-40, -3, 2.5], { dtype }) as NdArray;

describe("reductions fuse as the epilogue of the chain that feeds them", () => {
  const shapes: [number[], number[]][] = [
    [[6, 20], [1]], // a long trailing run: numpy's pairwise order
    [[6, 5], [1]], // a short trailing run
    [[20, 6], [0]], // a leading axis: sequential per output
    [[3, 4, 10], [0, 2]], // reduced runs around a kept axis
    [[3, 4, 10], [1]],
    [[2, 3, 4], [0, 1, 2]],
    [[300], [0]], // pairwise with halving above 128
    [[4, 1, 9], [2]],
    [[0, 3], [0]], // empty reductions give the identity
  ];
  for (const [shape, axes] of shapes) {
    it(`sum, max and min of exp(x)·2 over axes [${axes}] of [${shape}], float32 and float64`, () => {
      for (const dtype of ["float32", "float64"] as const) {
        const x = uniformArray(shape, dtype, 7, { min: -3, max: 3 });
        for (const reduce of [np.sum, np.max, np.min] as ((x: ArrayValue, options: { axis: number[] }) => ArrayValue)[]) {
          if (reduce !== np.sum && shape.includes(0)) continue;
          const c = compiledEqualsEager((y) => reduce(np.multiply(np.exp(y), 2), { axis: axes }), [x]);
          expect(countSteps(c.program), listing(c)).toEqual({ kernels: 1, calls: 0 });
        }
      }
    });
  }

  it("a mean is one kernel: the sum with its division as epilogue", () => {
    const x = uniformArray([16, 33], "float32", 3);
    const c = compiledEqualsEager((y) => np.mean(np.square(y), { axis: 1 }), [x]);
    expect(countSteps(c.program), listing(c)).toEqual({ kernels: 1, calls: 0 });
  });

  it("max/min propagate NaN and order -0 below +0; integer sums wrap", () => {
    for (const dtype of ["float32", "float64"] as const) {
      const x = special(dtype);
      compiledEqualsEager((y) => [np.max(y), np.min(y), np.sum(y), np.max(np.negative(y.slice([1, 3])))], [x]);
    }
    const big = np.array([2147483647, 5, -9, 2147483647], { dtype: "int32" }) as NdArray;
    compiledEqualsEager((y) => [np.sum(np.multiply(y, 3)), np.max(y), np.min(np.negative(y))], [big]);
    const u = np.array([4294967295, 7, 1, 4294967290], { dtype: "uint32" }) as NdArray;
    compiledEqualsEager((y) => [np.sum(np.add(y, y)), np.max(y), np.min(y)], [u]);
  });

  it("softmax and standardization fuse without storing the reduced operands", () => {
    const x = uniformArray([8, 40], "float32", 11, { min: -5, max: 5 });
    const c = compiledEqualsEager((y) => nn.softmax(y, { axis: -1 }), [x]);
    expect(countSteps(c.program).calls, listing(c)).toBe(0);
    const s = compiledEqualsEager((y) => nn.standardize(y, { axis: 0 }), [x]);
    expect(countSteps(s.program).calls, listing(s)).toBe(0);
  });
});

describe("training-step programs", () => {
  it("the gradient of a softmax cross-entropy compiles to kernels only (stopGradient is free, no argmax/scatter)", () => {
    const logits = uniformArray([8, 10], "float32", 14, { min: -3, max: 3 });
    const labels = nn.oneHot(np.array([1, 0, 3, 9, 2, 2, 7, 5], { dtype: "int32" }), 10) as NdArray;
    const loss = (z: ArrayValue) => np.negative(np.mean(np.sum(np.multiply(nn.logSoftmax(z), labels), { axis: -1 })));
    const c = compiledEqualsEager((z) => grad(loss)(z) as ArrayValue, [logits]);
    expect(countSteps(c.program).calls, listing(c)).toBe(0);
  });
});

describe("recomputation", () => {
  it("a cheap value read by two kernels is recomputed in each instead of being stored", () => {
    const x = uniformArray([50], "float64", 20);
    const c = compiledEqualsEager((u) => {
      const doubled = np.multiply(u, 2);
      return [np.exp(doubled), np.sin(doubled)];
    }, [x]);
    expect(countSteps(c.program), listing(c)).toEqual({ kernels: 2, calls: 0 });
  });

  it("an expensive one is stored once", () => {
    const x = uniformArray([50], "float64", 21);
    const c = compiledEqualsEager((u) => {
      const e = np.exp(u);
      return [np.multiply(e, 2), np.sin(e)];
    }, [x]);
    expect(countSteps(c.program), listing(c)).toEqual({ kernels: 3, calls: 0 });
  });

  it("reductions whose innermost axis is kept walk memory in order, bit-identical to eager", () => {
    const x = uniformArray([33, 7, 20], "float32", 22, { min: -2, max: 2 });
    for (const axis of [[0], [0, 1], [1]]) {
      compiledEqualsEager((u) => np.sum(np.multiply(u, u), { axis }), [x]);
      compiledEqualsEager((u) => np.max(np.negative(u), { axis }), [x]);
    }
  });
});

describe("transposed products", () => {
  it("a weight gradient is computed in the weight's layout: the product's operands swap, no transpose is read", () => {
    const x = uniformArray([32, 48], "float32", 18);
    const w = uniformArray([48, 24], "float32", 19);
    const loss = (v: ArrayValue) => np.sum(np.tanh(np.matmul(x, v)));
    const closed = makeJaxpr((v: NdArray) => grad(loss)(v) as ArrayValue)(w);
    expect(closed.jaxpr.eqns.some((e) => e.prim === "transpose")).toBe(true);
    const simplified = simplify(closed.jaxpr);
    expect(simplified.eqns.some((e) => e.prim === "transpose")).toBe(false);
    const compiled = compile(new ClosedJaxpr(simplified, closed.consts));
    expectBitwiseEqual(compiled([w])[0]!, grad(loss)(w) as ArrayValue, "gradient");
  });
});

describe("regressions found by the jit laws", () => {
  it("a value read both inside the reduced loops and in the epilogue is computed in each", () => {
    const a = uniformArray([2], "float64", 15);
    const b = uniformArray([2, 2], "float64", 16);
    compiledEqualsEager((u, v) => np.add(np.sin(u), np.sum(np.add(v, np.reshape(u, [2, 1])), { axis: 1 })), [a, b]);
  });

  it("iota runs as a call (it has no elementwise rendering)", () => {
    const x = uniformArray([3], "float32", 17);
    compiledEqualsEager((u) => np.add(u, lax.iota("float32", [3], 0)), [x]);
  });
});

describe("movement as index arithmetic", () => {
  it("transposes, strided slices and reversals fold into the loads of a kernel", () => {
    const x = uniformArray([6, 8], "float64", 5);
    const y = uniformArray([8, 6], "float64", 6);
    const f = (a: NdArray, b: NdArray) => np.add(np.multiply(np.transpose(a), 2), np.flip(b, { axis: 0 }));
    const c = compiledEqualsEager(f, [x, y]);
    expect(countSteps(c.program), listing(c)).toEqual({ kernels: 1, calls: 0 });
    const g = (a: NdArray) => np.subtract(a.slice([1, 6, 2], [0, 8, 3]), np.exp(np.transpose(a).slice([2, 5], [1, 4]).T));
    const d = compiledEqualsEager(g, [x]);
    expect(countSteps(d.program).calls, listing(d)).toBe(0);
  });

  it("a reduction over a transposed, sliced operand reads it in place", () => {
    const x = uniformArray([5, 7, 9], "float32", 8);
    const f = (a: NdArray) => np.sum(np.transpose(a, [2, 0, 1]).slice([1, 8], [0, 5, 2]), { axis: [0, 2] });
    const c = compiledEqualsEager(f, [x]);
    expect(countSteps(c.program), listing(c)).toEqual({ kernels: 1, calls: 0 });
  });

  it("a transpose that is a result or feeds a call is a copy kernel", () => {
    const x = uniformArray([3, 4], "float32", 9);
    const c = compiledEqualsEager((a: NdArray) => [np.transpose(a), np.matmul(np.transpose(a), a)], [x]);
    expect(c.program.steps.filter((s) => s.kind === "call").map((s) => s.kind === "call" && s.eqn.prim)).toEqual(["dotGeneral"]);
  });

  it("a rev of a strided slice of a broadcast composes", () => {
    const x = uniformArray([4, 1], "float64", 10);
    const f = (a: NdArray) => np.exp(lax.rev(lax.slice(np.broadcastTo(a, [4, 9]), [0, 1], [4, 9], [1, 3]), [0, 1]));
    compiledEqualsEager(f, [x]);
  });
});

describe("memory planning", () => {
  it("reuses buffers between intermediates and never hands one out", () => {
    const chain = (a: NdArray) => {
      let h: ArrayValue = a;
      for (let i = 0; i < 6; i++) h = np.tanh(np.matmul(h, a));
      return h;
    };
    const x = uniformArray([16, 16], "float32", 12, { min: -0.5, max: 0.5 });
    const c = compiledEqualsEager(chain, [x]);
    // Eleven planned intermediates (six products, five tanh kernels) share two buffers.
    expect(c.plan.slotOf.size).toBe(11);
    expect(c.plan.slots.length).toBe(2);
    const first = c([x])[0]!;
    const copy = first.toTypedArray().slice();
    c([np.multiply(x, 2) as NdArray]);
    expect(first.toTypedArray()).toEqual(copy);
  });

  it("gives results that pass through an aliasing call (reshape) their own buffers", () => {
    const x = uniformArray([4, 6], "float32", 13);
    const c = compiledEqualsEager((a: NdArray) => np.reshape(np.exp(a), [24]), [x]);
    const first = c([x])[0]!;
    const copy = first.toTypedArray().slice();
    c([np.negative(x) as NdArray]);
    expect(first.toTypedArray()).toEqual(copy);
  });
});

describe("threefry2x32, the one elementwise primitive with two results", () => {
  const words = (shape: number[], seed: number) =>
    NdArray.fromBuffer(Uint32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => (Math.imul(i + seed, 2654435761) ^ (seed << 7)) >>> 0), shape, "uint32");
  const hash = (k1: ArrayValue, k2: ArrayValue, x1: ArrayValue, x2: ArrayValue) => bind("threefry2x32", [k1, k2, x1, x2], {});
  const args = [words([], 1), words([3, 1], 2), words([], 3), words([3, 4], 4)];

  it("both words read by one elementwise chain hash once per element, in one kernel", () => {
    const c = compiledEqualsEager((k1, k2, x1, x2) => {
      const [a, b] = hash(k1!, k2!, x1!, x2!);
      return np.add(np.astype(np.bitwiseXor(a!, b!), "float64"), np.astype(b!, "float64"));
    }, args);
    expect(countSteps(c.program), listing(c)).toEqual({ kernels: 1, calls: 0 });
    expect(listing(c).match(/threefry2x32/g), listing(c)).toHaveLength(1);
  });
  it("a hash whose words are both results, or read by different steps, is a kernel storing both", () => {
    const c = compiledEqualsEager((k1, k2, x1, x2) => hash(k1!, k2!, x1!, x2!), args);
    expect(countSteps(c.program), listing(c)).toEqual({ kernels: 1, calls: 0 });
    compiledEqualsEager((k1, k2, x1, x2) => {
      const [a, b] = hash(k1!, k2!, x1!, x2!);
      return [np.sum(np.astype(a!, "float64"), { axis: 1 }), np.concatenate([a!, b!])];
    }, args);
  });
  it("a hash feeding a reduction runs inside its loops; one on loop-invariant operands is hoisted", () => {
    const c = compiledEqualsEager((k1, k2, x1, x2) => np.max(np.bitwiseXor(...(hash(k1!, k2!, x1!, x2!) as [ArrayValue, ArrayValue])), { axis: 0 }), args);
    expect(countSteps(c.program), listing(c)).toEqual({ kernels: 1, calls: 0 });
    compiledEqualsEager((k1, k2, x1, x2) => np.add(hash(k1!, k2!, x1!, np.astype(np.sum(x2!), "uint32"))[1]!, x2!), args);
  });
});
