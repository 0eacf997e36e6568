import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DType } from "../../../core/dtype.js";
import type { ArrayValue } from "../../../core/ndarray.js";
import { NdArray } from "../../../core/ndarray.js";
import * as nn from "../../../core/nn.js";
import * as np from "../../../core/numpy/index.js";
import * as tree from "../../../core/tree.js";
import { program, uniform, uniformArray } from "../../../laws/programs.js";
import { compile } from "../../../transforms/jit/compile.js";
import { countSteps, printKernel } from "../../../transforms/jit/kernel-ir.js";
import { makeJaxpr } from "../../../transforms/make-jaxpr.js";

/** Same shape, dtype and every element identical by Object.is (NaN = NaN, 0 ≠ -0). */
function expectBitwiseEqual(actual: ArrayValue, expected: ArrayValue, what = "result"): void {
  expect(actual.shape, `${what} shape`).toEqual(expected.shape);
  expect(actual.dtype, `${what} dtype`).toBe(expected.dtype);
  const a = actual.toTypedArray();
  const b = expected.toTypedArray();
  for (let i = 0; i < b.length; i++) {
    if (!Object.is(a[i], b[i])) expect.fail(`${what} element ${i}: compiled ${a[i]}, eager ${b[i]}`);
  }
}

/** Compiles `f` for `args` and checks every output against eager `f`, bit for bit; returns the compiled function. */
function expectCompiledEqualsEager(f: (...xs: NdArray[]) => ArrayValue | ArrayValue[], args: NdArray[]) {
  const compiled = compile(makeJaxpr(f)(...args));
  const eager = f(...args);
  const expected = Array.isArray(eager) ? eager : [eager];
  const actual = compiled(args);
  expect(actual).toHaveLength(expected.length);
  expected.forEach((e, i) => expectBitwiseEqual(actual[i]!, e, `output ${i}`));
  return compiled;
}

const arr = (values: number[], dtype: DType, shape: number[] = [values.length]) => np.reshape(np.array(values, { dtype }), shape) as NdArray;

describe("compile(makeJaxpr(f)) equals f bit for bit", () => {
  it("on random programs with float64 inputs", () => {
    fc.assert(
      fc.property(
        program({ maxSteps: 8, fusionPatterns: true }).chain((p) => fc.tuple(fc.constant(p), fc.tuple(...p.inputShapes.map((s) => uniform(s, "float64", { min: -2, max: 2 }))))),
        ([p, inputs]) => {
          expectCompiledEqualsEager(p.run, inputs);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("on random programs with float32 inputs", () => {
    fc.assert(
      fc.property(
        program({ maxSteps: 8, fusionPatterns: true, dtype: "float32" }).chain((p) => fc.tuple(fc.constant(p), fc.tuple(...p.inputShapes.map((s) => uniform(s, "float32", { min: -2, max: 2 }))))),
        ([p, inputs]) => {
          expectCompiledEqualsEager(p.run, inputs);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("with broadcasting across ranks and explicit broadcasts", () => {
    for (const dtype of ["float32", "float64"] as const) {
      const x = uniformArray([3, 1], dtype, 1);
      const y = uniformArray([4], dtype, 2);
      const z = uniformArray([2, 1, 4], dtype, 3);
      expectCompiledEqualsEager((a, b, c) => np.exp(np.add(np.multiply(a, b), c)), [x, y, z]);
      expectCompiledEqualsEager((a, b) => np.subtract(np.broadcastTo(a, [2, 3, 4]), np.sin(b)), [x, y]);
      expectCompiledEqualsEager((a) => np.multiply(np.broadcastTo(a, [3, 5]), 2), [x]);
      expectCompiledEqualsEager((a, b) => [np.tanh(np.add(a, b)), np.add(a, b)], [x, y]);
    }
  });

  it("with NaN, infinities, -0, subnormals and float32 overflow", () => {
    const values = [NaN, Infinity, -Infinity, -0, 0, 1, -1, 1e-45, 3.4e38, -3.4e38, 1e30, 0.1];
    for (const dtype of ["float32", "float64"] as const) {
      const x = arr(values, dtype);
      const y = arr([...values].reverse(), dtype);
      expectCompiledEqualsEager(
        (a, b) => [
          np.multiply(np.multiply(a, a), b),
          np.add(np.multiply(a, -0), -0),
          np.negative(np.negative(np.add(a, 0))),
          np.maximum(np.minimum(a, b), -0),
          np.divide(np.divide(a, b), np.subtract(a, b)),
          np.subtract(np.multiply(a, 1e30), np.multiply(b, 1e30)),
          np.sqrt(np.exp(np.multiply(a, 100))),
          np.sign(np.multiply(a, b)),
          np.add(np.multiply(a, 1e-30), np.multiply(b, 1e-30)),
        ],
        [x, y],
      );
    }
  });

  it("with int32 and uint32 overflow, division by zero and shifts", () => {
    const a = arr([2147483647, -2147483648, 123456789, -7, 0, 46341, 1], "int32");
    const b = arr([1, -1, 987654321, 2, 0, 46341, 40], "int32");
    expectCompiledEqualsEager(
      (x, y) => [
        np.multiply(np.add(x, y), np.add(x, 3)),
        np.subtract(np.multiply(x, y), np.multiply(y, y)),
        np.divide(np.add(x, y), y),
        np.negative(np.subtract(x, y)),
        np.rightShift(np.add(x, x), y),
        np.bitwiseNot(np.multiply(x, 65537)),
      ],
      [a, b],
    );
    const u = arr([4294967295, 0, 2147483648, 7, 65536], "uint32");
    const v = arr([1, 4294967295, 2, 3, 65536], "uint32");
    expectCompiledEqualsEager(
      (x, y) => [np.multiply(np.add(x, y), np.subtract(x, y)), np.bitwiseNot(np.add(x, 1)), np.divide(np.subtract(y, x), x)],
      [u, v],
    );
  });

  it("with comparisons, select/where, bool logic and conversions", () => {
    for (const dtype of ["float32", "float64"] as const) {
      const x = arr([NaN, -2.5, -0, 0, 0.5, 3e9, -3e9, 1.5], dtype);
      const y = arr([1, -2.5, 0, -0, 2, 1, NaN, -1.5], dtype);
      expectCompiledEqualsEager(
        (a, b) => [
          np.where(np.greater(a, 0), np.multiply(a, 2), np.negative(b)),
          np.equal(np.greater(a, 0), np.less(b, 0)),
          np.equal(np.greater(a, 0), np.astype(b, "bool")),
          np.astype(np.logicalAnd(np.greaterEqual(a, b), np.logicalNot(np.isnan(b))), dtype),
          np.astype(np.multiply(a, 3), "int32"),
          np.astype(np.add(a, b), "uint32"),
          np.add(np.astype(np.notEqual(a, b), dtype), np.astype(np.astype(a, "bool"), dtype)),
          np.where(np.equal(a, b), np.exp(a), np.where(np.less(a, b), b, np.multiply(a, b))),
        ],
        [x, y],
      );
    }
  });
});

describe("fusion", () => {
  it("compiles B2's chain on 1e6 float32 elements to exactly one kernel equal to eager", () => {
    const b2 = (x: NdArray) => np.subtract(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.5)), nn.sigmoid(x)), np.multiply(x, x));
    const x = uniformArray([1_000_000], "float32", 42, { min: -4, max: 4 });
    const compiled = expectCompiledEqualsEager(b2, [x]);
    expect(countSteps(compiled.program), compiled.program.steps.map((s) => (s.kind === "kernel" ? printKernel(s.kernel) : s.eqn.prim)).join("\n")).toEqual({
      kernels: 1,
      calls: 0,
    });
  });

  it("compiles matmul + bias + relu to one call and one kernel", () => {
    const layer = (x: NdArray, w: NdArray, b: NdArray) => nn.relu(np.add(np.matmul(x, w), b));
    const compiled = expectCompiledEqualsEager(layer, [uniformArray([8, 5], "float32", 1), uniformArray([5, 6], "float32", 2), uniformArray([6], "float32", 3)]);
    expect(countSteps(compiled.program)).toEqual({ kernels: 1, calls: 1 });
    const [first, second] = compiled.program.steps;
    expect(first!.kind === "call" && first!.eqn.prim).toBe("dotGeneral");
    expect(second!.kind).toBe("kernel");
  });

  it("does not recompute a small value once per broadcast copy", () => {
    const f = (x: NdArray, y: NdArray) => np.add(np.exp(x), y);
    const compiled = expectCompiledEqualsEager(f, [uniformArray([4], "float64", 1), uniformArray([3, 4], "float64", 2)]);
    expect(countSteps(compiled.program)).toEqual({ kernels: 2, calls: 0 });
  });
});

describe("generated source", () => {
  it("never contains user strings: hostile pytree keys do not run", () => {
    const hostile = ['"});globalThis.pwned=1;//', "`;globalThis.pwned=1;`", "*/globalThis.pwned=1;/*", "\u2028globalThis.pwned=1", "'];globalThis.pwned=1;//"];
    const g = globalThis as { pwned?: unknown };
    const inputs: Record<string, NdArray> = {};
    hostile.forEach((key, i) => (inputs[key] = uniformArray([3], "float32", i + 1)));
    const f = (t: Record<string, ArrayValue>) => hostile.reduce((acc: ArrayValue, key) => np.add(np.multiply(acc, 2), np.tanh(t[key]!)), np.zeros([3], { dtype: "float32" }));
    const closed = makeJaxpr(f)(inputs);
    const compiled = compile(closed);
    const [leaves] = tree.flatten(inputs);
    expectBitwiseEqual(compiled(leaves)[0]!, f(inputs));
    expect(g.pwned).toBeUndefined();
    for (const source of compiled.sources) {
      expect(source).not.toContain("pwned");
      expect(source).not.toContain("globalThis");
    }
  });
});
