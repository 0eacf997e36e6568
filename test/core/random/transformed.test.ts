/**
 * The samplers built from the basic ones (core/random/transformed.ts) against JAX 0.10.2
 * (test/fixtures/random-more.json): same key, same samples. Integer samplers match exactly; the
 * float ones to a few ulps, the slack being XLA's transcendental functions (log, tan, pow)
 * against ours, as for gumbel and exponential in test/core/random.test.ts.
 */
import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as random from "../../../core/random/index.js";
import { jit } from "../../../transforms/index.js";
import { errorOf, expectClose } from "../../helpers.js";
import { keyOf } from "../../random-fixtures.js";
import { cases, samplerCall, type Case } from "./transformed-cases.js";

const integer = (c: Case) => (c.fn === "rademacher" && c.dtype === "float32") || c.fn === "geometric";
const rtol = (c: Case) => (c.dtype === "float32" ? 1e-6 : 1e-12);

function expectCase(c: Case, got: ArrayValue): void {
  expect(got.shape).toEqual(c.out.shape);
  if (integer(c)) {
    expect(got.dtype).toBe("int32");
    expect(Array.from(got.toTypedArray() as Int32Array)).toEqual(c.out.values);
  } else {
    expect(got.dtype).toBe(c.dtype);
    expectClose(got, c.out.values as number[], { rtol: rtol(c), atol: 0 });
  }
}

describe("the transformed samplers match JAX", () => {
  it.each(cases.map((c, i) => [`${c.fn} ${c.dtype} #${i}`, c] as const))("%s", (_, c) => {
    expectCase(c, samplerCall(c)(keyOf(c.key)));
  });

  it("covers every sampler in both dtypes", () => {
    const names = ["rademacher", "cauchy", "logistic", "maxwell", "generalizedNormal", "doubleSidedMaxwell", "weibullMin", "lognormal", "pareto"];
    names.push("rayleigh", "wald", "triangular", "t", "chisquare", "f", "geometric");
    for (const dtype of ["float32", "float64"]) expect(new Set(cases.filter((c) => c.dtype === dtype).map((c) => c.fn))).toEqual(new Set(names));
  });

  it("jit gives the eager samples", () => {
    for (const c of cases.filter((x) => x.key[1] === 42 && x.dtype === "float32")) {
      const call = samplerCall(c);
      const k = keyOf(c.key);
      expect(Array.from(jit(call)(k).toTypedArray())).toEqual(Array.from(call(k).toTypedArray()));
    }
  });
});

describe("the transformed samplers' errors", () => {
  const k = random.key(0);
  it("reject parameters that do not broadcast to the shape, unknown options and bad p", () => {
    expect(errorOf(() => random.pareto(k, np.ones([3]), [2]))?.message).toMatch(/random\.pareto: shapes \[2\] and \[3\]/);
    expect(errorOf(() => random.cauchy(k, [2], { dtype: "int32" } as never))?.message).toMatch(/random\.cauchy: dtype must be a float dtype/);
    expect(errorOf(() => random.rademacher(k, [2], { dtype: "bool" } as never))?.message).toMatch(/random\.rademacher/);
    expect(errorOf(() => random.generalizedNormal(k, -1))?.message).toMatch(/random\.generalizedNormal: p must be a positive number, got -1/);
    expect(errorOf(() => random.t(k, 3, [2], { scale: 1 } as never))?.message).toMatch(/random\.t: unknown option/);
  });
});
