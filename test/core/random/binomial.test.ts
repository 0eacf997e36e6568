/**
 * random.binomial, random.multinomial and random.ball against JAX 0.10.2
 * (test/fixtures/random_discrete.json), drawn with the same keys: binomial's two samplers
 * (inversion and BTRS), p on both sides of 1/2, the invalid and infinite parameters, vmap over
 * keys and parameters, in float32 and float64; multinomial's chains of binomials; ball's points.
 * Binomial and multinomial samples are compared bit for bit, ball's points to a few ulps (see
 * below); then
 * the distributions' moments, jit, and the errors.
 */
import { describe, expect, it } from "vitest";
import { allocate, type DType } from "../../../core/dtype.js";
import { NdArray, type ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as random from "../../../core/random/index.js";
import { grad, jit, vmap } from "../../../transforms/index.js";
import { loadFixture, nonEmpty } from "../../helpers.js";
import { expectReadableError } from "../../misuse/case.js";

interface Encoded {
  shape: number[];
  dtype: DType;
  data: (number | string)[];
}
interface Case {
  fn: string;
  key: number[] | number[][];
  args: unknown[];
  x64: boolean;
  out: Encoded;
}
const fixture = loadFixture<{ cases: Case[] }>("random_discrete");

const isEncoded = (v: unknown): v is Encoded => typeof v === "object" && v !== null && "dtype" in v && "data" in v;
function decode(v: unknown): unknown {
  if (isEncoded(v)) {
    const data = allocate(v.dtype, v.data.length);
    v.data.forEach((x, i) => (data[i] = Number(x)));
    return NdArray.fromBuffer(data, v.shape, v.dtype);
  }
  if (typeof v === "string" && ["NaN", "Infinity", "-Infinity"].includes(v)) return Number(v);
  return v;
}
const keyArray = (words: number[] | number[][]): NdArray =>
  NdArray.fromBuffer(Uint32Array.from(words.flat()), Array.isArray(words[0]) ? [words.length, 2] : [2], "uint32");

type Sampler = (key: ArrayValue, ...args: unknown[]) => ArrayValue;
const samplers: Record<string, Sampler> = {
  binomial: random.binomial as Sampler,
  multinomial: random.multinomial as Sampler,
  ball: random.ball as Sampler,
  "vmapKeys.binomial": (keys, n, p, _shape, options) => vmap((k: ArrayValue) => random.binomial(k, n as ArrayValue, p as ArrayValue, null, options as never))(keys),
  "vmapBoth.binomial": (keys, n, p, _shape, options) =>
    vmap((k: ArrayValue, a: ArrayValue, b: ArrayValue) => random.binomial(k, a, b, [3], options as never))(keys, n as ArrayValue, p as ArrayValue),
};

/** The values as numbers, NaN and infinities included. */
const values = (x: ArrayValue): number[] => Array.from((x as NdArray).toTypedArray() as ArrayLike<number>);

describe("binomial, multinomial and ball match JAX sample for sample", () => {
  it.each(nonEmpty(fixture.cases, "random_discrete cases").map((c, i) => [`${c.fn} #${i}${c.x64 ? " (float64)" : ""}`, c] as const))("%s", (_, c) => {
    const out = samplers[c.fn]!(keyArray(c.key), ...c.args.map(decode));
    expect(out.shape).toEqual(c.out.shape);
    expect(out.dtype).toBe(c.out.dtype);
    const expected = c.out.data.map(Number);
    if (c.fn !== "ball") return expect(values(out)).toEqual(expected);
    // ball's construction and keys are JAX's, but its inputs come from random.exponential
    // (log1p) and random.generalizedNormal (gamma's log, pow), whose float results differ from
    // XLA's in the last bit or two now and then: within a few ulps (observed 2.5e-7 in float32,
    // 4.7e-15 in float64, relative).
    values(out).forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThanOrEqual((c.x64 ? 1e-14 : 5e-7) * Math.abs(expected[i]!)));
  });
});

describe("binomial", () => {
  it("has the binomial mean and variance in both samplers' ranges", () => {
    for (const [n, p] of [[6, 0.3], [200, 0.35], [50, 0.9]] as const) {
      const x = random.binomial(random.key(11), n, p, [4000]);
      const mean = np.mean(x).item() as number;
      const variance = np.var(x).item() as number;
      expect(Math.abs(mean - n * p)).toBeLessThan(4 * Math.sqrt((n * p * (1 - p)) / 4000));
      expect(Math.abs(variance / (n * p * (1 - p)) - 1)).toBeLessThan(0.1);
      expect(values(x).every((v) => Number.isInteger(v) && v >= 0 && v <= n)).toBe(true);
    }
  });
  it("jit gives the eager samples, and the derivative in n and p is zero", () => {
    const key = random.key(5);
    const n = np.array([4, 40, 400]);
    const p = np.array([0.2, 0.6, 0.5]);
    expect(values(jit((k: ArrayValue, a: ArrayValue, b: ArrayValue) => random.binomial(k, a, b))(key, n, p))).toEqual(values(random.binomial(key, n, p)));
    expect(values(grad((b: ArrayValue) => np.sum(random.binomial(key, n, b)))(p))).toEqual([0, 0, 0]);
  });
  it("rejects what JAX rejects, naming the op", () => {
    const key = random.key(0);
    expectReadableError(() => random.binomial(key, 5, 0.5, [3], { dtype: "int32" } as never), "random.binomial", "dtype");
    expectReadableError(() => random.binomial(key, np.ones([3]), 0.5, [2]), "random.binomial", "broadcast");
    expectReadableError(() => random.binomial(key, np.array([true]), 0.5), "random.binomial", "n");
    expectReadableError(() => random.binomial(np.ones([2]), 5, 0.5), "random.binomial", "key");
  });
});

describe("multinomial", () => {
  it("spreads exactly n trials with the multinomial means", () => {
    const p = np.array([0.1, 0.6, 0.3]);
    const x = random.multinomial(random.key(2), 30, p, { shape: [2000, 3] });
    expect(values(np.sum(x, { axis: -1 })).every((v) => v === 30)).toBe(true);
    const means = values(np.mean(x, { axis: 0 }));
    [3, 18, 9].forEach((m, i) => expect(Math.abs(means[i]! - m)).toBeLessThan(0.3));
  });
  it("works under jit and vmap like eagerly", () => {
    const keys = random.split(random.key(9), 3);
    const p = np.array([0.5, 0.2, 0.3]);
    const eager = [0, 1, 2].map((i) => values(random.multinomial(np.take(keys, i, { axis: 0 }), 12, p)));
    expect(values(vmap((k: ArrayValue) => random.multinomial(k, 12, p))(keys))).toEqual(eager.flat());
    expect(values(jit((k: ArrayValue) => random.multinomial(k, 12, p))(np.take(keys, 0, { axis: 0 })))).toEqual(eager[0]);
  });
  it("rejects bad options and shapes, naming the op", () => {
    const key = random.key(0);
    const p = np.array([0.5, 0.5]);
    expectReadableError(() => random.multinomial(key, 5, p, { unroll: 0 }), "random.multinomial", "unroll");
    expectReadableError(() => random.multinomial(key, 5, p, { shape: [3] }), "random.multinomial", "broadcast");
    expectReadableError(() => random.multinomial(key, 5, np.array(0.5)), "random.multinomial", "last axis");
    expectReadableError(() => random.multinomial(key, np.ones([3]), p), "random.multinomial", "n");
    expectReadableError(() => random.multinomial(key, 5, p, { size: 3 } as never), "random.multinomial", "size");
  });
});

describe("ball", () => {
  it("draws points inside the unit Lp ball, filling it", () => {
    for (const p of [1, 2, 4]) {
      const x = random.ball(random.key(4), 3, p, [3000]);
      const norms = values(np.power(np.sum(np.power(np.abs(x), p), { axis: -1 }), 1 / p));
      expect(norms.every((r) => r < 1)).toBe(true);
      // Uniform in a 3-dimensional ball: P(r < 0.5) = 1/8.
      expect(Math.abs(norms.filter((r) => r < 0.5).length / 3000 - 1 / 8)).toBeLessThan(0.025);
    }
  });
  it("rejects a bad d or p, naming the op", () => {
    const key = random.key(0);
    expectReadableError(() => random.ball(key, -1), "random.ball", "d");
    expectReadableError(() => random.ball(key, 2.5), "random.ball", "d");
    expectReadableError(() => random.ball(key, 2, 0), "random.ball", "p");
    expectReadableError(() => random.ball(key, 2, 2, [2], { dtype: "int32" } as never), "random.ball", "dtype");
  });
});
