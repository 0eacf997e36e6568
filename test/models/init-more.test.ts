/**
 * The simple initializers (constant, onesInit, normal, uniform, truncatedNormal) and
 * deltaOrthogonal against jax.nn.initializers for the same keys (test/fixtures/init-more.json).
 */
import { describe, expect, it } from "vitest";
import * as random from "../../core/random/index.js";
import * as init from "../../models/init.js";
import { errorOf, expectClose, loadFixture, nonEmpty } from "../helpers.js";

interface Case {
  name: string;
  params: { value?: number; stddev?: number; scale?: number; lower?: number; upper?: number };
  seed: number;
  shape: number[];
  values: number[];
}
const cases = nonEmpty(loadFixture<{ cases: Case[] }>("init-more").cases, "init-more cases");

function initializerOf(c: Case): init.Initializer {
  const p = c.params;
  switch (c.name) {
    case "constant":
      return init.constant(p.value!);
    case "ones":
      return init.onesInit;
    case "normal":
      return init.normal(p.stddev);
    case "uniform":
      return init.uniform(p.scale);
    case "truncatedNormal":
      return init.truncatedNormal(p.stddev, { lower: p.lower, upper: p.upper });
    default:
      return init.deltaOrthogonal({ scale: p.scale });
  }
}

describe("the simple initializers draw what jax.nn.initializers draws", () => {
  it.each(cases.map((c) => [`${c.name} ${JSON.stringify(c.shape)} seed ${c.seed}`, c] as const))("%s", (_, c) => {
    const w = initializerOf(c)(random.key(c.seed), c.shape);
    expect(w.shape).toEqual(c.shape);
    expect(w.dtype).toBe("float32");
    // Normal and truncated-normal draws go through erfinv (an ulp from XLA's); orthogonal through QR.
    const tol = c.name === "deltaOrthogonal" ? { rtol: 1e-5, atol: 1e-6 } : c.name.endsWith("ormal") ? { rtol: 5e-7, atol: 0 } : { rtol: 0, atol: 0 };
    expectClose(w, c.values, tol);
  });

  it("takes float64 and rejects bad factors, shapes and options", () => {
    expect(init.normal(0.1)(random.key(0), [2], { dtype: "float64" }).dtype).toBe("float64");
    expect(errorOf(() => init.normal(-1)).message).toMatch(/normal: stddev must be a positive finite number, got -1/);
    expect(errorOf(() => init.constant(NaN)).message).toMatch(/constant: value must be a finite number/);
    expect(errorOf(() => init.truncatedNormal(0.1, { lower: 1, upper: 0 })).message).toMatch(/truncatedNormal: lower must be below upper/);
    expect(errorOf(() => init.deltaOrthogonal()(random.key(0), [3, 4])).message).toMatch(/deltaOrthogonal: needs a 3-D, 4-D or 5-D kernel shape/);
    expect(errorOf(() => init.deltaOrthogonal()(random.key(0), [3, 5, 4])).message).toMatch(/deltaOrthogonal: needs in <= out/);
    expect(errorOf(() => init.uniform()(random.key(0), [2], { scale: 1 } as never)).message).toMatch(/uniform: unknown option/);
  });
});
