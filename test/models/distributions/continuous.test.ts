/** Continuous distributions against scipy.stats 1.17 values (float64; 1e-12 except where lgamma enters). */
import { describe, expect, it } from "vitest";
import type { NdArray } from "../../../core/ndarray.js";
import * as random from "../../../core/random/index.js";
import { beta, gamma, laplace, normal, uniform } from "../../../models/distributions/index.js";
import { expectClose } from "../../helpers.js";

const value = (x: unknown) => (x as NdArray).item() as number;

describe("continuous distributions match scipy.stats", () => {
  it.each([
    ["normal(1.5, 2)", normal(1.5, 2), 0.3, -1.7920857137646178, 2.112085713764618],
    ["laplace(-1, 0.5)", laplace(-1, 0.5), 0.2, -2.4, 1.0],
    ["gamma(2.5, rate 1.5)", gamma(2.5, 1.5), 1.2, -0.7975377650115762, 1.3244828013968901],
    ["beta(0.7, 3.2)", beta(0.7, 3.2), 0.25, 0.30429602249721344, -0.7528385804902467],
    ["uniform(-1, 2)", uniform(-1, 2), 0.5, -1.0986122886681098, 1.0986122886681098],
  ])("%s: logProb and entropy", (name, d, x, logProb, entropy) => {
    // gamma and beta go through lgamma, whose 9-term Lanczos sum is only good to about 1e-7 (to be replaced).
    const tol = /gamma|beta/.test(name) ? 1e-7 : 1e-12;
    expectClose(d.logProb(x), [logProb], { rtol: tol, atol: tol });
    expectClose(d.entropy(), [entropy], { rtol: tol, atol: tol });
  });

  it("variances", () => {
    expectClose(gamma(2.5, 1.5).variance(), [1.111111111111111], { rtol: 1e-12 });
    expectClose(beta(0.7, 3.2).variance(), [0.030055414670799273], { rtol: 1e-12 });
  });

  it("samples have the family's moments (fixed key)", () => {
    const x = normal(1.5, 2).sample(random.key(0), [20000]);
    expect(x.shape).toEqual([20000]);
    expect(value(x.mean())).toBeCloseTo(1.5, 1);
    const b = beta(2, 3).sample(random.key(1), [20000]);
    expect(value(b.mean())).toBeCloseTo(0.4, 2);
  });
});
