/**
 * np's window functions and polynomials against JAX 0.10.2 in float64
 * (test/fixtures/numpy_poly.json), plus their float32 defaults, jit, grad and errors.
 */
import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { grad, jit } from "../../../transforms/index.js";
import { errorOf, expectClose, loadFixture, nonEmpty } from "../../helpers.js";

interface Out {
  shape: number[];
  values: number[];
}
interface WindowCase {
  fn: "bartlett" | "blackman" | "hamming" | "hanning" | "kaiser";
  M: number;
  beta?: number;
  out: Out;
}
type Arg = number | number[];
interface PolyCase {
  fn: string;
  args: Arg[];
  out: Out;
}
const fixture = loadFixture<{ windows: WindowCase[]; polys: PolyCase[] }>("numpy_poly");
const f64 = (x: Arg) => (typeof x === "number" ? x : np.array(x, { dtype: "float64" }));

function windowOf(c: WindowCase, dtype: "float32" | "float64"): ArrayValue {
  if (c.fn === "kaiser") return np.kaiser(c.M, c.beta!, { dtype });
  return np[c.fn](c.M, { dtype });
}

describe("window functions match JAX", () => {
  it.each(nonEmpty(fixture.windows, "windows").map((c) => [`${c.fn}(${c.M}${c.beta === undefined ? "" : `, ${c.beta}`})`, c] as const))("%s", (_, c) => {
    const w = windowOf(c, "float64");
    expect(w.shape).toEqual(c.out.shape);
    expect(w.dtype).toBe("float64");
    expectClose(w, c.out.values, { rtol: 1e-13, atol: 1e-15 });
    const single = windowOf(c, "float32");
    expect(single.dtype).toBe("float32");
    expectClose(single, c.out.values, { rtol: 1e-6, atol: 1e-7 });
  });

  it("default to float32 and reject bad sizes, betas and options", () => {
    expect(np.hanning(4).dtype).toBe("float32");
    expect(errorOf(() => np.hamming(-1)).message).toMatch(/hamming: M must be a non-negative integer, got -1/);
    expect(errorOf(() => np.bartlett(2.5)).message).toMatch(/bartlett: M must be a non-negative integer/);
    expect(errorOf(() => np.kaiser(4, NaN)).message).toMatch(/kaiser: beta must be a finite number/);
    expect(errorOf(() => np.blackman(4, { dtype: "int32" } as never)).message).toMatch(/blackman: dtype/);
  });
});

describe("polynomials match JAX", () => {
  const call: Record<string, (...a: (number | ArrayValue)[]) => ArrayValue> = {
    poly: (p) => np.poly(p!),
    polyadd: (a, b) => np.polyadd(a!, b!),
    polysub: (a, b) => np.polysub(a!, b!),
    polymul: (a, b) => np.polymul(a!, b!),
    polyder: (p, m) => np.polyder(p!, m as number),
    polyint: (p, m, k) => np.polyint(p!, m as number, k!),
    polyval: (p, x) => np.polyval(p!, x!),
  };
  it.each(nonEmpty(fixture.polys, "polys").map((c, i) => [`${c.fn} #${i}`, c] as const))("%s", (_, c) => {
    const args = c.args.map((a, i) => (c.fn === "polyder" || c.fn === "polyint") && i === 1 ? (a as number) : f64(a));
    const got = call[c.fn]!(...args);
    expect(got.shape).toEqual(c.out.shape);
    expect(got.dtype).toBe("float64");
    expectClose(got, c.out.values, { rtol: 1e-14, atol: 1e-14 });
  });

  it("keep integer sums integer and lift products, derivatives and integrals to float32", () => {
    const ints = np.array([1, 2, 3], { dtype: "int32" });
    expect(np.polyadd(ints, ints).dtype).toBe("int32");
    expect(np.polymul(ints, ints).dtype).toBe("float32");
    expect(np.polyder(ints).dtype).toBe("float32");
    expect(np.polyint(ints).dtype).toBe("float32");
  });

  it("trace under jit and differentiate: d/dx polyval(p, x) = polyval(polyder(p), x)", () => {
    const p = np.array([2, -1.5, 0.5, 3], { dtype: "float64" });
    const x = np.array(0.7, { dtype: "float64" });
    const slope = grad((t: ArrayValue) => np.polyval(p, t))(x);
    expectClose(slope, np.polyval(np.polyder(p), x).toArray(), { rtol: 1e-14 });
    expectClose(jit((q: ArrayValue) => np.polymul(q, q))(p), np.polymul(p, p).toArray(), { rtol: 0, atol: 0 });
  });

  it("reject what is not a coefficient vector", () => {
    expect(errorOf(() => np.poly(np.eye(2))).message).toMatch(/poly: expected a 1-D array of roots.*complex/);
    expect(errorOf(() => np.polyadd(np.ones([2, 2]), np.ones([2]))).message).toMatch(/polyadd: argument 0 must be a 1-D array/);
    expect(errorOf(() => np.polyder(np.ones([3]), -1)).message).toMatch(/polyder: m must be a non-negative integer/);
    expect(errorOf(() => np.polyint(np.ones([3]), 2, np.ones([3]))).message).toMatch(/polyint: k must be a number or a 1-D array of length 1 or m = 2/);
    expect(errorOf(() => np.polyval(3, 2)).message).toMatch(/polyval: p must be an array/);
  });
});
