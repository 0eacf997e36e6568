import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { NdArray, type ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import {
  agreesWithReference,
  checkJitCommutesWithGrad,
  checkJitCommutesWithVmap,
  checkJitMatchesEager,
  jitCommutesWithGrad,
  jitCommutesWithVmap,
  jitMatchesEager,
  program,
  type JitLaw,
  type ProgramDtype,
} from "../../laws/index.js";

const array = (values: number[], dtype: "float32" | "float64" | "int32", shape = [values.length]) =>
  NdArray.fromBuffer(dtype === "int32" ? Int32Array.from(values) : dtype === "float32" ? Float32Array.from(values) : Float64Array.from(values), shape, dtype);

/** Cases each law checked, per dtype, printed at the end of the run. */
const counts: string[] = [];
const record = (law: JitLaw, dtype: ProgramDtype, n: number) => counts.push(`  ${law.padEnd(20)} ${dtype.padEnd(8)} ${String(n).padStart(4)} random programs`);

describe("comparing jitted results with the reference", () => {
  it("holds integers to every bit and floats to a tolerance relative to the result's largest magnitude", () => {
    expect(agreesWithReference(array([1, 2], "int32"), array([1, 2], "int32"), "r").ok).toBe(true);
    expect(agreesWithReference(array([1, 2], "int32"), array([1, 3], "int32"), "r")).toEqual({ ok: false, message: "r differs at flat index 1: 2 versus 3" });
    expect(agreesWithReference(array([1e6, 1 + 1e-7], "float64"), array([1e6, 1], "float64"), "r").ok).toBe(true);
    expect(agreesWithReference(array([1e6, 1 + 1e-5], "float64"), array([1e6, 1], "float64"), "r").ok).toBe(false);
    expect(agreesWithReference(array([1 + 2 ** -22], "float32"), array([1], "float32"), "r").ok).toBe(true);
    expect(agreesWithReference(array([1 + 2 ** -18], "float32"), array([1], "float32"), "r").ok).toBe(false);
  });

  it("wants NaN exactly where the reference has NaN, equal infinities, and the same shape and dtype", () => {
    expect(agreesWithReference(array([NaN, Infinity], "float64"), array([NaN, Infinity], "float64"), "r").ok).toBe(true);
    expect(agreesWithReference(array([NaN, 1], "float64"), array([1, 1], "float64"), "r").ok).toBe(false);
    expect(agreesWithReference(array([Infinity], "float64"), array([-Infinity], "float64"), "r").ok).toBe(false);
    expect(agreesWithReference(array([1, 2], "float32"), array([1, 2], "float64"), "r").ok).toBe(false);
    expect(agreesWithReference(array([1, 2], "float64", [2, 1]), array([1, 2], "float64"), "r").ok).toBe(false);
  });
});

describe("the jit laws as predicates", () => {
  const x = array([0.5, -1.25, 2, 0.75, -0.5, 1.5], "float64", [2, 3]);
  const y = array([0.25, -2, 1], "float64");
  const f = (a: ArrayValue, b: ArrayValue) => np.sum(np.tanh(np.multiply(np.transpose(a), np.reshape(b, [3, 1]))), { axis: 0 });

  it("hold for a pure function with broadcasting, a transpose and a reduction", () => {
    expect(jitMatchesEager(f, [x, y])).toEqual({ ok: true });
    expect(jitCommutesWithGrad((a, b) => np.sum(f(a, b)), [x, y])).toEqual({ ok: true });
    expect(jitCommutesWithVmap(f, [x, y], [0, null], 0)).toEqual({ ok: true });
  });

  it("catch a function that is not pure (jit bakes in what it saw when tracing)", () => {
    let calls = 0;
    const counting = (a: ArrayValue) => np.add(a, calls++);
    const result = jitMatchesEager(counting, [y]);
    expect(result.ok).toBe(false);
  });
});

describe("jit laws over random programs", () => {
  it("generates programs with the ops the fuser must index: broadcasting, reductions, slices, transposes, reshapes", () => {
    for (const dtype of ["float64", "int32"] as const) {
      const texts = fc.sample(program({ dtype, maxSteps: 8 }), { numRuns: 300 }).flatMap((p) => p.steps.map((s) => s.text));
      for (const op of ["sum(", "max(", "min(", "slice(", "transpose(", "reshape(", "broadcastTo(", "with constant"]) {
        expect(texts.some((t) => t.startsWith(op) || t.includes(op)), `${dtype} programs use ${op}`).toBe(true);
      }
      if (dtype === "float64") expect(texts.some((t) => t.startsWith("mean("))).toBe(true);
      else for (const op of ["leftShift", "rightShift", "floorDivide", "remainder", "bitwiseXor"]) expect(texts.some((t) => t.startsWith(op)), `int32 programs use ${op}`).toBe(true);
    }
  });

  for (const dtype of ["float64", "float32", "int32"] as const) {
    it(`jit(f) equals f on ${dtype} programs (${dtype === "int32" ? "bit for bit" : "within rounding"})`, () => {
      record("jitMatchesEager", dtype, checkJitMatchesEager({ dtype, maxSteps: 8, numRuns: 150 }));
    });
  }

  for (const dtype of ["float64", "float32"] as const) {
    it(`jit(grad(f)) and grad(jit(f)) equal grad(f) on ${dtype} programs`, () => {
      record("jitCommutesWithGrad", dtype, checkJitCommutesWithGrad({ dtype, maxSteps: 8, numRuns: 50 }));
    });
  }

  for (const dtype of ["float64", "float32", "int32"] as const) {
    it(`jit(vmap(f)) and vmap(jit(f)) equal vmap(f) on ${dtype} programs`, () => {
      record("jitCommutesWithVmap", dtype, checkJitCommutesWithVmap({ dtype, maxSteps: 8, numRuns: 60 }));
    });
  }
});

afterAll(() => {
  if (counts.length > 0) console.log(`jit law case counts:\n${counts.join("\n")}`);
});
