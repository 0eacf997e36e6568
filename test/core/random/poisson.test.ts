/**
 * random.poisson against JAX 0.10.2 (test/fixtures/random-poisson.json). The samples are integers,
 * so they are compared exactly: float32 rounding differences between XLA's log/lgamma and ours
 * could only flip a decision whose operands agree to an ulp, which none of these cases does.
 */
import { describe, expect, it } from "vitest";
import type { ArrayValue, NdArray } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as random from "../../../core/random/index.js";
import { jit, vmap } from "../../../transforms/index.js";
import { errorOf, loadFixture, nonEmpty } from "../../helpers.js";
import { keyOf, type FixtureOut } from "../../random-fixtures.js";

interface Case {
  key: number[];
  lam: number | (number | string)[];
  lamShape: number[];
  shape: number[] | null;
  out: FixtureOut;
}
const fixture = loadFixture<{ cases: Case[]; vmap: { keys: number[][]; lams: number[]; overKeys: FixtureOut; overRates: FixtureOut; overBoth: FixtureOut } }>(
  "random-poisson",
);
const rate = (c: Case) => (typeof c.lam === "number" ? c.lam : np.reshape(np.array(c.lam.map(Number), { dtype: "float32" }), c.lamShape));
const ints = (x: unknown) => Array.from((x as NdArray).toTypedArray() as Int32Array);

describe("random.poisson matches JAX bit for bit", () => {
  it.each(nonEmpty(fixture.cases, "poisson cases").map((c, i) => [i, c] as const))("case %i", (_, c) => {
    const out = random.poisson(keyOf(c.key), rate(c), c.shape);
    expect(out.shape).toEqual(c.out.shape);
    expect(out.dtype).toBe("int32");
    expect(ints(out)).toEqual(c.out.values);
  });

  it("under vmap over keys, over rates, and over both (JAX's batched loops)", () => {
    const keys = np.array(fixture.vmap.keys, { dtype: "uint32" });
    const lams = np.array(fixture.vmap.lams, { dtype: "float32" });
    const k0 = keyOf(fixture.cases[0]!.key);
    expect(ints(vmap((k: ArrayValue) => random.poisson(k, 6, [5]))(keys))).toEqual(fixture.vmap.overKeys.values);
    expect(ints(vmap((lam: ArrayValue) => random.poisson(k0, lam, [5]))(lams))).toEqual(fixture.vmap.overRates.values);
    expect(ints(vmap((k: ArrayValue, lam: ArrayValue) => random.poisson(k, lam))(keys, lams))).toEqual(fixture.vmap.overBoth.values);
  });

  it("jit gives the eager samples", () => {
    const c = fixture.cases[0]!;
    const f = jit((k: ArrayValue, lam: ArrayValue) => random.poisson(k, lam));
    expect(ints(f(keyOf(c.key), rate(c) as ArrayValue))).toEqual(c.out.values);
  });

  it("has the Poisson mean and variance over many draws", () => {
    for (const lam of [2.5, 40]) {
      const x = np.astype(random.poisson(random.key(11), lam, [20000]), "float64");
      const mean = (np.mean(x) as NdArray).item() as number;
      const variance = (np.var(x) as NdArray).item() as number;
      // Four standard errors: sqrt(lam / n) for the mean, about lam sqrt(2 / n) for the variance.
      expect(Math.abs(mean - lam)).toBeLessThan(4 * Math.sqrt(lam / 20000));
      expect(Math.abs(variance - lam)).toBeLessThan(4 * lam * Math.sqrt(2 / 20000) + 4 * Math.sqrt(lam / 20000));
    }
  });

  it("rejects bad arguments with the op's name", () => {
    expect(errorOf(() => random.poisson(random.key(0), np.array([1, 2], { dtype: "uint32" }))).message).toMatch(/random\.poisson.*lam must be a float or int array/);
    expect(errorOf(() => random.poisson(random.key(0), np.array([1, 2]), [3])).message).toMatch(/random\.poisson.*broadcast/);
    expect(errorOf(() => random.poisson(random.key(0), 1, [2], { dtype: "float32" } as never)).message).toMatch(/random\.poisson.*dtype/);
  });
});
