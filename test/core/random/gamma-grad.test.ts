/**
 * Gradients through Gamma-based samples (implicit reparameterization, JAX's random_gamma_grad)
 * against jax.grad in JAX 0.10.2 (test/fixtures/random-gamma-grad.json). The derivative follows
 * JAX's series / continued fraction; we evaluate it in float64 (float32 results rounded at the end),
 * so float32 agrees to 1e-4 relative (JAX iterates in float32) and float64 to 1e-9 (XLA's digamma
 * is less accurate than ours).
 */
import { describe, expect, it } from "vitest";
import { bind1 } from "../../../core/interpreter.js";
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as random from "../../../core/random/index.js";
import { grad, jit, vmap } from "../../../transforms/index.js";
import { errorOf, expectClose, loadFixture } from "../../helpers.js";
import { keyOf } from "../../random-fixtures.js";

interface Case {
  key: number[];
  a: number[];
  b: number[];
  alpha: number[];
  gamma: number[];
  gammaPerSample: number[];
  loggamma: number[];
  betaA: number[];
  betaB: number[];
  dirichlet: number[];
}
const fixture = loadFixture<{ float32: Case; float64: Case; implicit: { a: number; x: number; dxda: number }[] }>("random-gamma-grad");
const tolerance = { float32: { rtol: 1e-4, atol: 1e-6 }, float64: { rtol: 1e-9, atol: 1e-12 } };

describe.each(["float32", "float64"] as const)("gradients of gamma samples match jax.grad in %s", (dtype) => {
  const c = fixture[dtype];
  const tol = tolerance[dtype];
  const key = keyOf(c.key);
  const arr = (x: number[]) => np.array(x, { dtype });
  const w = arr([1, 2, 3, 4, 5, 6]);
  type F = (x: ArrayValue) => ArrayValue;

  it("gamma and loggamma", () => {
    expectClose((grad((a: ArrayValue) => np.sum(np.multiply(w, random.gamma(key, a)))) as F)(arr(c.a)), c.gamma, tol);
    expectClose((vmap(grad((a: ArrayValue) => random.gamma(key, a))) as F)(arr(c.a)), c.gammaPerSample, tol);
    const logGrad = (grad((a: ArrayValue) => np.sum(np.multiply(w, random.loggamma(key, a)))) as F)(arr(c.a)).toArray() as number[];
    // For a = 0.05 the float32 sample lies below float32's normal range, where XLA flushes
    // subnormals to zero and JAX's float32 series loses about 0.5%; we compare it to 1e-2.
    expectClose(logGrad.slice(0, 1), c.loggamma.slice(0, 1), { rtol: dtype === "float32" ? 1e-2 : tol.rtol, atol: tol.atol });
    expectClose(logGrad.slice(1), c.loggamma.slice(1), tol);
  });

  it("beta in both parameters, and dirichlet", () => {
    const [ga, gb] = (grad((a: ArrayValue, b: ArrayValue) => np.sum(np.multiply(w, random.beta(key, a, b))), { argnums: [0, 1] }) as (a: ArrayValue, b: ArrayValue) => readonly ArrayValue[])(arr(c.a), arr(c.b));
    expectClose(ga!, c.betaA, tol);
    expectClose(gb!, c.betaB, tol);
    const g = (grad((al: ArrayValue) => np.sum(np.multiply(arr([1, 2, 3]), random.dirichlet(key, al)))) as F)(arr(c.alpha));
    expectClose(g, c.dirichlet, tol);
  });

  it("under jit", () => {
    const f = jit(grad((a: ArrayValue) => np.sum(np.multiply(w, random.gamma(key, a))))) as F;
    expectClose(f(arr(c.a)), c.gamma, tol);
  });
});

describe("random_gamma_grad", () => {
  it("is -dP(a, x)/da / p(a, x) (scipy's gammainc by central differences, good to about 1e-8)", () => {
    const pairs = fixture.implicit;
    const a = np.array(pairs.map((p) => p.a), { dtype: "float64" });
    const x = np.array(pairs.map((p) => p.x), { dtype: "float64" });
    expectClose(bind1("randomGammaGrad", [a, x], {}), pairs.map((p) => p.dxda), { rtol: 1e-7, atol: 1e-12 });
  });

  it("has no second derivative (a clear error)", () => {
    const f = grad(grad((a: ArrayValue) => random.gamma(random.key(0), a))) as (a: ArrayValue) => ArrayValue;
    expect(errorOf(() => f(np.array(2, { dtype: "float64" }))).message).toMatch(/second derivatives of gamma samples/);
  });
});
