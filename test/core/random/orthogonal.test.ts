/** random.orthogonal against JAX 0.10.2 (test/fixtures/random-more.json, "orthogonal"). */
import { describe, expect, it } from "vitest";
import * as np from "../../../core/numpy/index.js";
import * as random from "../../../core/random/index.js";
import { errorOf, expectClose, loadFixture, nonEmpty } from "../../helpers.js";
import { keyOf, type FixtureOut } from "../../random-fixtures.js";

interface Case {
  dtype: "float32" | "float64";
  key: number[];
  n: number;
  shape: number[];
  m: number | null;
  out: FixtureOut;
}
const cases = nonEmpty(loadFixture<{ orthogonal: Case[] }>("random-more").orthogonal, "orthogonal cases");

describe("random.orthogonal matches JAX", () => {
  it.each(cases.map((c, i) => [`${c.dtype} n=${c.n} m=${c.m} shape=${JSON.stringify(c.shape)} #${i}`, c] as const))("%s", (_, c) => {
    const q = random.orthogonal(keyOf(c.key), c.n, c.shape, { dtype: c.dtype, ...(c.m === null ? {} : { m: c.m }) });
    expect(q.shape).toEqual(c.out.shape);
    expect(q.dtype).toBe(c.dtype);
    // The same normal draw and sign convention; QR's rounding differs from LAPACK's by a few ulps.
    expectClose(q, c.out.values as number[], c.dtype === "float32" ? { rtol: 1e-5, atol: 1e-6 } : { rtol: 1e-12, atol: 1e-13 });
  });

  it("gives orthonormal columns, and rejects a bad n or option", () => {
    const q = random.orthogonal(random.key(3), 4, [], { dtype: "float64" });
    expect(np.allclose(np.matmul(np.transpose(q), q), np.astype(np.eye(4), "float64"))).toBe(true);
    expect(errorOf(() => random.orthogonal(random.key(0), -1)).message).toMatch(/random\.orthogonal: n must be a non-negative integer/);
    expect(errorOf(() => random.orthogonal(random.key(0), 2, [], { k: 1 } as never)).message).toMatch(/random\.orthogonal: unknown option/);
  });
});
