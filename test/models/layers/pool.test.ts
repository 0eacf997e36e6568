/**
 * maxPool, avgPool and globalAvgPool against flax.linen's pooling (and jnp.mean for the global
 * pool) from test/fixtures/generate_layers_conv.py, values and gradients in float64; flatten; the
 * laws, jit and composition in sequential; the errors.
 */
import { describe, expect, it } from "vitest";
import * as nn from "../../../core/nn.js";
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as random from "../../../core/random/index.js";
import { grad, jit, vmap } from "../../../transforms/index.js";
import { gradMatchesFiniteDifferences } from "../../../laws/transforms.js";
import { conv2d } from "../../../models/layers/conv.js";
import { dense } from "../../../models/layers/dense.js";
import { avgPool, flatten, globalAvgPool, maxPool, type AvgPoolOptions } from "../../../models/layers/pool.js";
import { sequential } from "../../../models/module.js";
import { expectClose, loadFixture } from "../../helpers.js";

interface FixtureArray {
  shape: number[];
  data: number[];
}

interface PoolCase {
  name: string;
  kind: "maxPool" | "avgPool" | "globalAvgPool";
  window: number[];
  options: AvgPoolOptions;
  x: FixtureArray;
  y: FixtureArray;
  gradX: FixtureArray;
}

const cases = loadFixture<{ pool: PoolCase[] }>("layers_conv").pool;
const arrayOf = (a: FixtureArray) => np.array(a.data, { shape: a.shape, dtype: "float64" });
const tight = { rtol: 1e-10, atol: 1e-10 };

function poolOf(c: PoolCase): (x: ArrayValue) => ArrayValue {
  if (c.kind === "globalAvgPool") return globalAvgPool;
  return c.kind === "maxPool" ? maxPool(c.window, c.options) : avgPool(c.window, c.options);
}

describe("pooling matches flax.linen.max_pool / avg_pool", () => {
  for (const c of cases) {
    it(`${c.name}: output and gradient`, () => {
      const pool = poolOf(c);
      const x = arrayOf(c.x);
      const y = pool(x);
      expect(y.shape).toEqual(c.y.shape);
      expectClose(y, c.y.data, tight);
      expectClose(grad((input: ArrayValue) => np.sum(np.sin(pool(input))))(x), c.gradX.data, tight);
      expectClose(jit(pool)(x), c.y.data, tight);
    });
  }

  it("grad matches finite differences (float64) for max, average (both padding counts) and global pools", () => {
    const x = random.normal(random.key(3), [2, 5, 4, 2], { dtype: "float64" });
    const pools = [maxPool([2, 2], { strides: 2 }), avgPool([3, 3], { padding: "SAME" }), avgPool([3, 2], { padding: [[1, 1], [0, 1]], countIncludePad: false }), globalAvgPool];
    for (const pool of pools) {
      const directions = Array.from({ length: 4 }, (_, d) => [random.normal(random.key(10 + d), x.shape, { dtype: "float64" })]);
      expect(gradMatchesFiniteDifferences((input: ArrayValue) => np.sum(np.tanh(pool(input))), [x], { directions })).toEqual({ ok: true });
    }
  });

  it("vmap over examples equals the batched call", () => {
    const x = random.normal(random.key(4), [3, 6, 6, 2], { dtype: "float64" });
    const pool = avgPool([2, 3], { strides: [2, 1], padding: "SAME", countIncludePad: false });
    expectClose(vmap(pool)(x), pool(x).toArray(), tight);
  });

  it("an integer input averages in float32, as flax's division does", () => {
    const x = np.arange(16, undefined, 1, { dtype: "int32" }).reshape([1, 4, 4, 1]);
    const counted = avgPool([2, 2], { strides: 2, countIncludePad: false })(x);
    expect(counted.dtype).toBe("float32");
    expect(counted.toArray()).toEqual([[[[2.5], [4.5]], [[10.5], [12.5]]]]);
  });
});

describe("flatten", () => {
  it("keeps the batch axis and flattens the rest in row-major order", () => {
    const x = np.arange(24).reshape([2, 3, 2, 2]);
    expect(flatten(x).shape).toEqual([2, 12]);
    expect(flatten(x).toArray()).toEqual([Array.from({ length: 12 }, (_, i) => i), Array.from({ length: 12 }, (_, i) => 12 + i)]);
    expect(flatten(np.ones([3])).shape).toEqual([3, 1]);
    expect(flatten(np.ones([0, 4, 2])).shape).toEqual([0, 8]);
  });
});

describe("pooling in a network", () => {
  it("composes in sequential between modules with null params, under jit and grad", () => {
    const net = sequential(conv2d(1, 4, 3, { padding: "VALID", dtype: "float64" }), nn.relu, maxPool([2, 2], { strides: 2 }), flatten, dense(64, 3, { dtype: "float64" }));
    const params = net.init(random.key(0));
    expect(params[1]).toBeNull();
    expect(params[2]).toBeNull();
    expect(params[3]).toBeNull();
    const x = random.normal(random.key(1), [5, 10, 10, 1], { dtype: "float64" });
    const y = net.apply(params, x);
    expect(y.shape).toEqual([5, 3]);
    expectClose(jit(net.apply)(params, x), y.toArray(), { rtol: 1e-12, atol: 1e-12 });
    const g = grad((p: typeof params) => np.sum(net.apply(p, x)))(params);
    expect(g[0].w.shape).toEqual([3, 3, 1, 4]);
    expect(g[2]).toBeNull();
  });
});

describe("pooling errors", () => {
  it("inputs without the window's spatial axes and a channel axis are errors naming the shape", () => {
    expect(() => maxPool([2, 2])(np.ones([4, 4]))).toThrow(/maxPool: input f32\[4,4\] must be \[batch\.\.\., 2 spatial axes, channels\] for the window \[2,2\] \(rank >= 3\)/);
    expect(() => avgPool([2])(np.ones([4]))).toThrow(/avgPool: input f32\[4\] must be/);
    expect(() => globalAvgPool(np.ones([4, 3]))).toThrow(/globalAvgPool: input f32\[4,3\] must be \[batch, spatial\.\.\., channels\] \(rank >= 3\)/);
    expect(() => flatten(np.array(1))).toThrow(/flatten: input f32\[\] must have a batch axis/);
    expect(() => flatten([1, 2] as never)).toThrow(/flatten: x must be an array/);
  });

  it("bad windows and options are errors at construction", () => {
    expect(() => maxPool([])).toThrow(/maxPool: windowShape must have at least 1 entries/);
    expect(() => maxPool([2, 0])).toThrow(/maxPool: windowShape\[1\] must be a positive integer, got 0/);
    expect(() => maxPool([2, 2], { strides: [1, 1, 1] })).toThrow(/maxPool: strides \[1, 1, 1\] must have one entry per window axis \(2\)/);
    expect(() => avgPool([2, 2], { padding: [[1, 1]] })).toThrow(/avgPool: padding \[\[1, 1\]\] must have one \[low, high\] pair per window axis \(2\)/);
    expect(() => avgPool([2, 2], { padding: "CAUSAL" as never })).toThrow(/avgPool: padding must be one of "SAME", "VALID"/);
    expect(() => avgPool([2, 2], { countIncludePadding: false } as never)).toThrow(/avgPool: .*did you mean "countIncludePad"\?/);
    expect(() => maxPool([2, 2], { countIncludePad: false } as never)).toThrow(/maxPool: .*countIncludePad/);
  });
});
