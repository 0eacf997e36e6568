/**
 * scipy.stats.truncnorm and the sample statistics mode, rankdata and sem against JAX 0.10.2
 * (test/fixtures/generate_scipy_stats_more.py): values, dtypes and shapes in float32, float64 and
 * int32, truncnorm in each regime of its log-space formulas, float64 gradients of truncnorm and
 * sem; then the options JAX rejects, and jit/vmap agreeing with eager.
 */
import { describe, expect, it } from "vitest";
import { grad, jit, np, scipy, vmap, type ArrayValue } from "../../../index.js";
import { describeJaxCases } from "../../core/numpy/jax-cases.js";
import { expectClose, itHasCases, loadFixture } from "../../helpers.js";
import { expectReadableError } from "../../misuse/case.js";

const { stats } = scipy;

describeJaxCases("scipy_stats_more", "truncnorm, mode, rankdata and sem", (name) => {
  if (name === "mode") return (...args: Parameters<typeof stats.mode>) => Object.values(stats.mode(...args));
  const [first, second] = name.split(".");
  const namespace = stats as unknown as Record<string, unknown>;
  return second === undefined ? namespace[first!] : (namespace[first!] as Record<string, unknown>)[second];
});

describe("truncnorm where its formulas are ill-conditioned", () => {
  // A very narrow interval, and points within 1e-3 of b: differences of nearly equal CDFs, where
  // JAX's float64 values differ from tessera's in the 10th to 12th digit (the functions under them,
  // logNdtr and ndtr, agree to the last few bits; the subtraction magnifies that).
  const fixture = loadFixture<{ illConditioned: { fn: string; args: { shape: number[]; data: number[] }[]; out: { data: number[] } }[] }>("scipy_stats_more");
  itHasCases(fixture.illConditioned, "ill-conditioned");
  for (const c of fixture.illConditioned) {
    it(`${c.fn} agrees with JAX to 1e-8 (float64)`, () => {
      const f = (stats.truncnorm as unknown as Record<string, (...a: ArrayValue[]) => ArrayValue>)[c.fn.split(".")[1]!]!;
      const args = c.args.map((e) => np.array(e.data, { dtype: "float64" }).reshape(e.shape));
      expectClose(f(...args), c.out.data, { rtol: 1e-8, atol: 1e-12 });
    });
  }
});

describe("truncnorm", () => {
  it("promotes as JAX: integers to float32, float64 kept", () => {
    expect(stats.truncnorm.logpdf(np.array([0], { dtype: "int32" }), -1, 1).dtype).toBe("float32");
    expect(stats.truncnorm.cdf(np.array([0.5], { dtype: "float64" }), -1, 1).dtype).toBe("float64");
  });
  it("works under jit, vmap and grad like eagerly", () => {
    const x = np.array([-0.5, 0.25, 1.2], { dtype: "float64" });
    for (const f of [stats.truncnorm.logpdf, stats.truncnorm.logcdf, stats.truncnorm.logsf]) {
      const eager = f(x, -1, 1.5, 0.1, 1.2);
      expectClose(jit((v: ArrayValue) => f(v, -1, 1.5, 0.1, 1.2))(x), eager.toArray(), { rtol: 1e-12 });
      expectClose(vmap((v: ArrayValue) => f(v, -1, 1.5, 0.1, 1.2))(x), eager.toArray(), { rtol: 1e-12 });
    }
    const dx = grad((v: ArrayValue) => np.sum(stats.truncnorm.logpdf(v, -1, 1.5)))(x);
    expectClose(dx, np.negative(x).toArray(), { rtol: 1e-12 }); // d/dx of -x²/2 inside the support
  });
  it("rejects extra arguments and non-arrays, naming the function", () => {
    expectReadableError(() => (stats.truncnorm.pdf as (...a: unknown[]) => unknown)(0, -1, 1, 0, 1, 2), "scipy.stats.truncnorm.pdf");
    expectReadableError(() => stats.truncnorm.logcdf("1" as never, -1, 1), "scipy.stats.truncnorm.logcdf");
  });
});

describe("mode, rankdata and sem", () => {
  const x = np.array([[1, 2, 1, 3, 2, 1], [3, 1, 3, 2, 1, 3], [1, 2, 2, 3, 1, 2]], { dtype: "int32" });
  it("reject the NaN policies JAX does not implement, and unknown options", () => {
    expectReadableError(() => stats.mode(x, { nanPolicy: "omit" } as never), "scipy.stats.mode", "omit", "propagate");
    expectReadableError(() => stats.rankdata(x, { nanPolicy: "raise" } as never), "scipy.stats.rankdata", "raise");
    expectReadableError(() => stats.sem(x, { nanPolicy: "raise" } as never), "scipy.stats.sem", "propagate", "omit");
    expectReadableError(() => stats.rankdata(x, { method: "first" } as never), "scipy.stats.rankdata", "method");
    expectReadableError(() => stats.mode(x, { axes: 0 } as never), "scipy.stats.mode", "axes");
    expectReadableError(() => stats.sem(x, { axis: 2 }), "scipy.stats.sem", "axis");
    expectReadableError(() => stats.mode(x, { axis: -3 }), "scipy.stats.mode", "axis");
    expectReadableError(() => stats.rankdata(x, { axis: 0.5 }), "scipy.stats.rankdata", "axis");
  });
  it("work under jit and vmap like eagerly", () => {
    const f = np.astype(x, "float32");
    const eagerRanks = stats.rankdata(f, { axis: 1 });
    expectClose(jit((v: ArrayValue) => stats.rankdata(v, { axis: 1 }))(f), eagerRanks.toArray());
    expectClose(vmap((v: ArrayValue) => stats.rankdata(v))(f), eagerRanks.toArray());
    const m = stats.mode(f, { axis: 1 });
    const [jm, jc] = jit((v: ArrayValue) => { const r = stats.mode(v, { axis: 1 }); return [r.mode, r.count]; })(f) as ArrayValue[];
    expectClose(jm!, m.mode.toArray());
    expectClose(jc!, m.count.toArray());
    expectClose(vmap((v: ArrayValue) => stats.sem(v))(f), stats.sem(f, { axis: 1 }).toArray());
  });
  it("never change their input", () => {
    const f = np.array([3, 1, 2, 1]);
    stats.rankdata(f);
    stats.mode(f);
    stats.sem(f);
    expect(f.toArray()).toEqual([3, 1, 2, 1]);
  });
});
