import { describe, expect, it } from "vitest";
import * as np from "../../core/numpy/index.js";
import * as random from "../../core/random/index.js";
import * as init from "../../models/init.js";
import { expectClose, itHasCases, loadFixture } from "../helpers.js";

const cases = loadFixture("models").init as { scheme: keyof typeof schemes; seed: number; shape: number[]; values: number[] }[];
const schemes = {
  glorotUniform: init.glorotUniform,
  glorotNormal: init.glorotNormal,
  heUniform: init.heUniform,
  heNormal: init.heNormal,
  lecunUniform: init.lecunUniform,
  lecunNormal: init.lecunNormal,
};

describe("initializers draw what jax.nn.initializers draws for the same key (dense [in, out] and conv HWIO)", () => {
  itHasCases(cases, "init");
  for (const c of cases) {
    it(`${c.scheme} ${JSON.stringify(c.shape)} seed ${c.seed}`, () => {
      const w = schemes[c.scheme](random.key(c.seed), c.shape);
      expect(w.shape).toEqual(c.shape);
      expect(w.dtype).toBe("float32");
      // Uniform draws are bit-identical; truncated normals within an ulp (XLA's float32 erf differs by one at some points).
      const uniform = c.scheme.endsWith("Uniform");
      expectClose(w, c.values, uniform ? { rtol: 0, atol: 0 } : { rtol: 2.5e-7, atol: 0 });
    });
  }
});

describe("fans follow JAX's conventions", () => {
  it("dense [in, out]: fanIn = in, fanOut = out", () => {
    expect(init.computeFans([5, 7])).toEqual({ fanIn: 5, fanOut: 7 });
  });
  it("conv HWIO: the receptive field multiplies both fans", () => {
    expect(init.computeFans([3, 3, 4, 8])).toEqual({ fanIn: 36, fanOut: 72 });
  });
  it("explicit axes, and a 1-D shape without inAxis is an error", () => {
    expect(init.computeFans([8, 2, 3], { inAxis: 0, outAxis: [1, 2] })).toEqual({ fanIn: 8, fanOut: 6 });
    expect(() => init.computeFans([4])).toThrow(/computeFans: cannot tell inputs from outputs in a 1-D weight shape \[4\]/);
  });
});

describe("statistics over a large sample match each scheme's variance and bounds", () => {
  // [fanIn, fanOut] = [400, 200]: 80,000 draws, so the sample variance is within about 1% of its target.
  const shape = [400, 200];
  const variances = {
    glorotUniform: 2 / 600,
    glorotNormal: 2 / 600,
    heUniform: 2 / 400,
    heNormal: 2 / 400,
    lecunUniform: 1 / 400,
    lecunNormal: 1 / 400,
  };
  for (const [name, variance] of Object.entries(variances) as [keyof typeof schemes, number][]) {
    it(`${name}: mean 0, variance ${variance.toPrecision(3)}, within its bounds`, () => {
      const w = schemes[name](random.key(11), shape, { dtype: "float64" });
      const values = Array.from(w.toTypedArray(), Number);
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      const sampleVariance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
      expect(Math.abs(mean)).toBeLessThan(4 * Math.sqrt(variance / values.length));
      expect(Math.abs(sampleVariance / variance - 1)).toBeLessThan(0.03);
      const largest = Math.max(...values.map(Math.abs));
      // Uniform: |w| < sqrt(3 variance); truncated normal: |w| < 2 stddev of the untruncated normal.
      const bound = name.endsWith("Uniform") ? Math.sqrt(3 * variance) : (2 * Math.sqrt(variance)) / 0.87962566103423978;
      expect(largest).toBeLessThan(bound);
      expect(largest).toBeGreaterThan(0.9 * bound);
    });
  }
});

describe("aliases, zeros and validation", () => {
  it("xavier* are glorot*; zerosInit gives zeros of the dtype", () => {
    expect(init.xavierUniform).toBe(init.glorotUniform);
    expect(init.xavierNormal).toBe(init.glorotNormal);
    const z = init.zerosInit(random.key(0), [3], { dtype: "float64" });
    expect([z.dtype, z.toArray()]).toEqual(["float64", [0, 0, 0]]);
  });
  it("varianceScaling checks its configuration", () => {
    expect(() => init.varianceScaling(0, "fanIn", "normal")).toThrow(/varianceScaling: scale must be a positive finite number, got 0/);
    expect(() => init.varianceScaling(1, "fan_in" as init.FanMode, "normal")).toThrow(/mode must be one of "fanIn", "fanOut", "fanAvg", got "fan_in"/);
  });
  it("a plain normal variance scaling has the requested standard deviation", () => {
    const w = init.varianceScaling(2, "fanOut", "normal")(random.key(3), [100, 50], { dtype: "float64" });
    expect(Math.abs(np.std(w).item() as number) / Math.sqrt(2 / 50) - 1).toBeLessThan(0.03);
  });
});

describe("orthogonal", () => {
  const orthogonalCases = loadFixture("layers_recurrent").orthogonal as { seed: number; shape: number[]; columnAxis: number; scale?: number; dtype: "float32" | "float64"; values: number[] }[];
  itHasCases(orthogonalCases, "orthogonal");
  for (const c of orthogonalCases) {
    it(`draws what jax.nn.initializers.orthogonal draws: ${JSON.stringify(c.shape)} columnAxis ${c.columnAxis} ${c.dtype} seed ${c.seed}`, () => {
      const w = init.orthogonal({ columnAxis: c.columnAxis, ...(c.scale === undefined ? {} : { scale: c.scale }) })(random.key(c.seed), c.shape, { dtype: c.dtype });
      expect(w.shape).toEqual(c.shape);
      expect(w.dtype).toBe(c.dtype);
      // The same normal draw; QR's rounding differs from LAPACK's by a few ulps (measured: 2e-7 in float32, 2e-15 in float64).
      expectClose(w, c.values, c.dtype === "float32" ? { rtol: 0, atol: 1e-6 } : { rtol: 0, atol: 1e-14 });
    });
  }

  it("the smaller of rows and columns comes out orthonormal (times the scale)", () => {
    const tall = init.orthogonal()(random.key(1), [7, 3], { dtype: "float64" });
    expectClose(np.matmul(np.transpose(tall), tall), np.eye(3).toArray(), { rtol: 0, atol: 1e-14 });
    const wide = init.orthogonal({ scale: 2 })(random.key(2), [3, 7], { dtype: "float64" });
    expectClose(np.matmul(wide, np.transpose(wide)), np.multiply(4, np.eye(3)).toArray(), { rtol: 0, atol: 1e-13 });
    // A conv kernel [h, w, in, out]: the h*w*in rows' columns are orthonormal.
    const conv = np.reshape(init.orthogonal()(random.key(3), [3, 3, 2, 4], { dtype: "float64" }), [18, 4]);
    expectClose(np.matmul(np.transpose(conv), conv), np.eye(4).toArray(), { rtol: 0, atol: 1e-14 });
    expect(init.orthogonal()(random.key(0), [0, 3]).shape).toEqual([0, 3]);
  });

  it("checks its configuration and shape", () => {
    expect(() => init.orthogonal()(random.key(0), [4])).toThrow(/orthogonal: needs a weight shape of rank >= 2, got \[4\]/);
    expect(() => init.orthogonal({ columnAxis: 2 })(random.key(0), [3, 4])).toThrow(/orthogonal: columnAxis 2 is not an axis of shape \[3,4\]/);
    expect(() => init.orthogonal()(random.key(0), [3, 4], { outAxis: 0 })).toThrow(/orthogonal: takes no inAxis or outAxis/);
    expect(() => init.orthogonal({ scale: Number.NaN })).toThrow(/orthogonal: scale must be a finite number/);
  });
});
