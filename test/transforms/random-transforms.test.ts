/**
 * Random numbers inside transformed code. Every sampler of `random` runs under jit, vmap over a
 * batch of keys, grad, and in scan / whileLoop bodies (and their nestings), and gives exactly
 * the bits of the eager call with the same key, which test/fixtures/random.json pins to JAX.
 * Comparisons are of raw bytes (so -0 and NaN payloads would count), after shape and dtype.
 */
import { describe, expect, it } from "vitest";
import { bind } from "../../core/interpreter.js";
import { dynamicUpdateSlice } from "../../core/lax/primitives.js";
import { NdArray, type ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import * as random from "../../core/random/index.js";
import { grad } from "../../transforms/autodiff.js";
import { vmap } from "../../transforms/vmap.js";
import { whileLoop } from "../../transforms/control.js";
import { jit } from "../../transforms/jit/jit.js";
import { scan } from "../../transforms/scan.js";
import { fromOut, keyOf, type FixtureOut } from "../random-fixtures.js";
import { expectClose, loadFixture, nonEmpty } from "../helpers.js";
import { cases as moreCases, samplerCall as moreSamplerCall } from "../core/random/transformed-cases.js";

// ---------------------------------------------------------------------------------------------
// fixtures: each JAX case becomes a function of the key

type Out = FixtureOut;
interface Case {
  key: number[];
  shape?: number[] | null;
  out: Out;
  [param: string]: unknown;
}
const fixtures = loadFixture<Record<string, unknown> & { key: { seed: number; out: number[] }[] }>("random");
const fixtureCases = (name: string) => nonEmpty(fixtures[name] as Case[] | undefined, name);

const param = (x: unknown): number | ArrayValue => (typeof x === "number" ? x : np.array(x as number[], { dtype: "float32" }));
const shapeOf = (c: Case) => c.shape ?? undefined;

/**
 * One JAX case of a sampler: the key, the call as a function of the key, the output, and the
 * tolerance of eager against JAX (0: bit for bit; the log-based samplers differ by an ulp or so
 * from XLA's transcendental functions, see test/core/random.test.ts).
 */
interface SamplerCase {
  readonly key: readonly number[];
  readonly run: (key: ArrayValue) => ArrayValue;
  readonly out: Out;
  readonly rtol: number;
}

const build = (name: string, rtol: number, run: (c: Case) => (key: ArrayValue) => ArrayValue): SamplerCase[] =>
  fixtureCases(name).map((c) => ({ key: c.key, run: run(c), out: c.out, rtol }));
const float64 = (fn: string, rtol: number, run: (c: Case) => (key: ArrayValue) => ArrayValue): SamplerCase[] =>
  nonEmpty((fixtures.float64 as (Case & { fn: string })[]).filter((c) => c.fn === fn), `float64 ${fn}`).map((c) => ({ key: c.key, run: run(c), out: c.out, rtol }));

/** Every sampler (each export of core/random/index.ts that takes a key), with its JAX cases. */
const samplers: Record<string, () => SamplerCase[]> = {
  split: () =>
    nonEmpty(fixtures.split as (Case & { num: number | number[] })[], "split").map((c) => ({ key: c.key, run: (k) => random.split(k, c.num), out: c.out, rtol: 0 })),
  foldIn: () =>
    nonEmpty(fixtures.foldIn as { key: number[]; data: number; out: number[] }[], "foldIn").map((c) => ({
      key: c.key,
      run: (k) => random.foldIn(k, c.data),
      out: { shape: [2], dtype: "uint32", values: c.out },
      rtol: 0,
    })),
  bits: () => build("bits", 0, (c) => (k) => random.bits(k, c.shape!)),
  uniform: () => build("uniform", 0, (c) => (k) => random.uniform(k, c.shape!, { minval: param(c.minval), maxval: param(c.maxval) })),
  "uniform (float64)": () =>
    float64("uniform", 0, (c) => (k) => random.uniform(k, c.shape!, { dtype: "float64", minval: c.minval as number, maxval: c.maxval as number })),
  normal: () => build("normal", 0, (c) => (k) => random.normal(k, c.shape!)),
  "normal (float64)": () => float64("normal", 1e-12, (c) => (k) => random.normal(k, c.shape!, { dtype: "float64" })),
  truncatedNormal: () => build("truncatedNormal", 1e-5, (c) => (k) => random.truncatedNormal(k, param(c.lower), param(c.upper), shapeOf(c))),
  gumbel: () => build("gumbel", 1e-6, (c) => (k) => random.gumbel(k, c.shape!)),
  "gumbel (float64)": () => float64("gumbel", 1e-12, (c) => (k) => random.gumbel(k, c.shape!, { dtype: "float64" })),
  exponential: () => build("exponential", 1e-6, (c) => (k) => random.exponential(k, c.shape!)),
  "exponential (float64)": () => float64("exponential", 1e-12, (c) => (k) => random.exponential(k, c.shape!, { dtype: "float64" })),
  laplace: () => build("laplace", 1e-6, (c) => (k) => random.laplace(k, c.shape!)),
  bernoulli: () => build("bernoulli", 0, (c) => (k) => random.bernoulli(k, param(c.p), shapeOf(c))),
  categorical: () =>
    build("categorical", 0, (c) => (k) => random.categorical(k, fromOut(c.logits as Out), { axis: c.axis as number, shape: shapeOf(c) })),
  randint: () =>
    build("randint", 0, (c) => {
      const minval = typeof c.minval === "number" ? c.minval : np.array(c.minval as number[], { dtype: "int32" });
      return (k) => random.randint(k, c.shape!, minval, c.maxval as number);
    }),
  permutation: () =>
    build("permutation", 0, (c) => {
      const x = typeof c.n === "number" ? c.n : fromOut(c.x as Out);
      return (k) => random.permutation(k, x, { axis: c.axis as number, independent: c.independent as boolean });
    }),
  choice: () =>
    build("choice", 0, (c) => {
      const a = typeof c.a === "number" ? c.a : fromOut(c.a as Out);
      const p = c.p === null ? undefined : np.array(c.p as number[], { dtype: "float32" });
      return (k) => random.choice(k, a, { shape: c.shape!, replace: c.replace as boolean, p, axis: c.axis as number });
    }),
  ...gammaSamplers(),
  ...transformedSamplers(),
  orthogonal: () =>
    nonEmpty(loadFixture<{ orthogonal: (Case & { n: number; m: number | null; dtype: string })[] }>("random-more").orthogonal, "orthogonal")
      .filter((c) => c.dtype === "float32")
      .map((c) => ({ key: c.key, run: (k: ArrayValue) => random.orthogonal(k, c.n, c.shape!, c.m === null ? {} : { m: c.m }), out: c.out, rtol: 1e-5 })),
  poisson: () => {
    const cases = loadFixture<{ cases: (Case & { lam: number | (number | string)[]; lamShape: number[] })[] }>("random-poisson").cases;
    return nonEmpty(cases, "poisson").map((c) => {
      const lam = typeof c.lam === "number" ? c.lam : np.reshape(np.array(c.lam.map(Number), { dtype: "float32" }), c.lamShape);
      return { key: c.key, run: (k: ArrayValue) => random.poisson(k, lam, shapeOf(c)), out: c.out, rtol: 0 };
    });
  },
};
const samplerNames = Object.keys(samplers);

/** The Gamma-based samplers and multivariateNormal, with their float32 JAX cases (test/fixtures/random-gamma.json). */
function gammaSamplers(): Record<string, () => SamplerCase[]> {
  const gammaFixture = loadFixture<{ float32: Record<string, Case[]> }>("random-gamma").float32;
  const arr = (x: unknown) => np.array(x as number[], { dtype: "float32" });
  const cases = (name: string, rtol: number, run: (c: Case) => (key: ArrayValue) => ArrayValue) => () =>
    // eigh and svd factors are unique only up to signs, so only Cholesky cases are compared with JAX.
    nonEmpty(gammaFixture[name]!.filter((c) => c.method === undefined || c.method === "cholesky"), name).map((c) => ({ key: c.key, run: run(c), out: c.out, rtol }));
  return {
    gamma: cases("gamma", 2e-6, (c) => (k) => random.gamma(k, arr(c.a), shapeOf(c))),
    loggamma: cases("loggamma", 2e-6, (c) => (k) => random.loggamma(k, arr(c.a), shapeOf(c))),
    beta: cases("beta", 2e-6, (c) => (k) => random.beta(k, arr(c.a), arr(c.b), shapeOf(c))),
    dirichlet: cases("dirichlet", 2e-6, (c) => (k) => random.dirichlet(k, arr(c.alpha), shapeOf(c))),
    multivariateNormal: cases("multivariateNormal", 1e-6, (c) => (k) =>
      random.multivariateNormal(k, arr(c.mean), arr(c.cov), shapeOf(c), { method: "cholesky" })),
  };
}

/** The samplers of core/random/transformed.ts, with their float32 JAX cases (test/fixtures/random-more.json). */
function transformedSamplers(): Record<string, () => SamplerCase[]> {
  const float32 = moreCases.filter((c) => c.dtype === "float32");
  const names = [...new Set(float32.map((c) => c.fn))];
  return Object.fromEntries(
    names.map((name) => [
      name,
      () => float32.filter((c) => c.fn === name).map((c) => ({ key: c.key, run: moreSamplerCall(c), out: c.out, rtol: 2e-6 })),
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// comparisons

/** The raw bytes of an array's elements. */
function bytesOf(x: ArrayValue): number[] {
  const data = (x as NdArray).toTypedArray();
  return Array.from(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
}

/** Shape, dtype and every bit equal. */
function expectSameBits(actual: ArrayValue, expected: ArrayValue, what = ""): void {
  expect(actual.shape, `${what} shape`).toEqual(expected.shape);
  expect(actual.dtype, `${what} dtype`).toBe(expected.dtype);
  expect(bytesOf(actual), `${what} bits`).toEqual(bytesOf(expected));
}

/** Equal to the JAX fixture: bit for bit, or within the sampler's stated tolerance. */
function expectJax(actual: ArrayValue, c: SamplerCase): void {
  if (c.rtol === 0) return expectSameBits(actual, fromOut(c.out), "against JAX:");
  expect(actual.shape).toEqual(c.out.shape);
  expect(actual.dtype).toBe(c.out.dtype);
  expectClose(actual, c.out.values, { rtol: c.rtol, atol: c.rtol });
}

/** A batch of keys [n, 2]: the case's own key first, then keys derived from it. */
function keyBatch(key: readonly number[], n: number): NdArray {
  const others = random.split(keyOf(key), n - 1) as NdArray;
  return NdArray.fromBuffer(Uint32Array.from([...key, ...(others.toTypedArray() as Uint32Array)]), [n, 2], "uint32");
}

/** Row i of a batch along axis 0 (an eager slice). */
const row = (x: ArrayValue, i: number) => x.slice(i);

/**
 * A batched result is the eager call with each key, row by row, and the rows are not all one
 * key's (unless the sampler's output does not depend on the key, as randint's with an empty span).
 */
function expectRowsPerKey(batched: ArrayValue, keys: NdArray, c: SamplerCase): void {
  const n = keys.shape[0]!;
  const eager = Array.from({ length: n }, (_, i) => c.run(row(keys, i)));
  eager.forEach((e, i) => expectSameBits(row(batched, i), e, `row ${i}:`));
  expectJax(row(batched, 0), c);
}

/** Whether a sampler case's output differs between two keys (so batching can be seen to use each). */
const keyDependent = (c: SamplerCase, keys: NdArray) => bytesOf(c.run(row(keys, 0))).join() !== bytesOf(c.run(row(keys, 1))).join();

const STEPS = 3;

/** The Python-style loop a scan or while body must equal: split the carried key, sample with the second half. */
function eagerLoop(c: SamplerCase): { key: ArrayValue; ys: ArrayValue[] } {
  let key: ArrayValue = keyOf(c.key);
  const ys: ArrayValue[] = [];
  for (let i = 0; i < STEPS; i++) {
    const keys = random.split(key);
    key = row(keys, 0);
    ys.push(c.run(row(keys, 1)));
  }
  return { key, ys };
}

/** One loop step: the next carried key and this step's sample. */
function step(c: SamplerCase, key: ArrayValue): [ArrayValue, ArrayValue] {
  const keys = random.split(key);
  return [row(keys, 0), c.run(row(keys, 1))];
}

function expectLoop(finalKey: ArrayValue, ys: ArrayValue, c: SamplerCase): void {
  const eager = eagerLoop(c);
  expectSameBits(finalKey, eager.key, "final key:");
  eager.ys.forEach((y, i) => expectSameBits(row(ys, i), y, `step ${i}:`));
}

/** The same steps as a whileLoop whose carry writes each step's sample into a buffer. */
function whileSamples(c: SamplerCase, key: ArrayValue): [ArrayValue, ArrayValue] {
  const first = c.run(keyOf(c.key));
  const init: readonly [ArrayValue, ArrayValue, ArrayValue] = [np.array(0, { dtype: "int32" }), key, np.zeros([STEPS, ...first.shape], { dtype: first.dtype })];
  const [, finalKey, ys] = whileLoop(
    ([i]) => np.less(i, STEPS),
    ([i, k, buffer]) => {
      const [next, y] = step(c, k);
      const at = [i, ...y.shape.map(() => 0)];
      return [np.add(i, 1), next, dynamicUpdateSlice(buffer, np.reshape(y, [1, ...y.shape]), at)] as const;
    },
    init,
  ) as unknown as [ArrayValue, ArrayValue, ArrayValue];
  return [finalKey, ys];
}

// ---------------------------------------------------------------------------------------------
// jit

describe("jit: bit-identical to eager and to JAX", () => {
  for (const name of samplerNames) {
    it(name, () => {
      for (const c of samplers[name]!()) {
        const k = keyOf(c.key);
        const jitted = jit(c.run)(k);
        expectSameBits(jitted, c.run(k), "against eager:");
        expectJax(jitted, c);
      }
    });
  }
  it("key, from a traced seed", () => {
    const seeds = nonEmpty(fixtures.key, "key").filter((c) => Number.isInteger(c.seed) && c.seed >= -(2 ** 31) && c.seed < 2 ** 31);
    expect(seeds.length).toBeGreaterThan(2);
    const f = jit((seed: ArrayValue) => random.normal(random.key(seed), [3]));
    for (const c of seeds) {
      const seed = np.array(c.seed, { dtype: "int32" });
      expectSameBits(jit(random.key)(seed), keyOf(c.out));
      expectSameBits(f(seed), random.normal(keyOf(c.out), [3]));
    }
  });
  it("the threefry2x32 primitive", () => {
    const cases = nonEmpty(fixtures.threefry2x32 as { args: Out[]; out: Out[] }[], "threefry2x32");
    for (const c of cases) {
      const outs = jit((...args: ArrayValue[]) => bind("threefry2x32", args, {}))(...c.args.map(fromOut));
      outs.forEach((o, i) => expectSameBits(o, fromOut(c.out[i]!)));
    }
  });
  it("a key captured as a constant, samples reduced inside the same kernel, and both words of a float64 draw", () => {
    const k = random.key(7);
    expectSameBits(jit(() => random.normal(random.key(7), [5]))(), random.normal(k, [5]));
    for (const axis of [0, 1]) {
      const f = (key: ArrayValue) => np.sum(random.normal(key, [3, 5]), { axis });
      expectSameBits(jit(f)(k), f(k));
    }
    const g = (key: ArrayValue) => np.mean(np.transpose(random.normal(key, [7, 5], { dtype: "float64" })));
    expectSameBits(jit(g)(k), g(k));
  });
  it("fuses the hash with the sampler's arithmetic (no call step for threefry2x32)", () => {
    const lowered = jit((key: ArrayValue) => random.normal(key, [4])).lower(random.key(0));
    expect(lowered.jaxpr.jaxpr.eqns.some((e) => e.prim === "threefry2x32")).toBe(true);
    expect(lowered.kernels.some((source) => source.includes("466688986"))).toBe(true); // threefry's parity constant 0x1bd11bda
    expect(lowered.steps.filter((s) => s === "kernel")).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------
// vmap

describe("vmap over a batch of keys: each row is the eager call with its key", () => {
  for (const name of samplerNames) {
    it(name, () => {
      const cases = samplers[name]!();
      let distinct = false;
      for (const c of cases) {
        const keys = keyBatch(c.key, 3);
        expectRowsPerKey(vmap(c.run)(keys), keys, c);
        distinct ||= keyDependent(c, keys);
      }
      // At least one case shows the rows come from different keys, not one key for all of them.
      expect(distinct).toBe(true);
    });
  }
  it("key, over a batch of seeds", () => {
    const seeds = np.array([0, 1, -5, 123456], { dtype: "int32" });
    const keys = vmap(random.key)(seeds);
    [0, 1, -5, 123456].forEach((s, i) => expectSameBits(row(keys, i), random.key(s)));
  });
  it("keys mapped along axis 1, and results placed along axis 1", () => {
    const keys = keyBatch([0, 42], 4);
    const f = (k: ArrayValue) => random.normal(k, [3]);
    const along1 = vmap(f, { inAxes: 1 })(np.transpose(keys));
    const out1 = vmap(f, { outAxes: 1 })(keys);
    for (let i = 0; i < 4; i++) {
      expectSameBits(row(along1, i), f(row(keys, i)));
      expectSameBits(out1.slice(null, i), f(row(keys, i)));
    }
  });
  it("keys and sampler parameters mapped together", () => {
    const keys = keyBatch([0, 9], 4);
    const p = np.array([0.1, 0.5, 0.9, 0.3], { dtype: "float32" });
    const logits = random.normal(random.key(1), [4, 5]);
    const hi = np.array([3, 10, 100, 7], { dtype: "int32" });
    const lower = np.array([-1, -2, 0, 0.5], { dtype: "float32" });
    const probs = np.array([[0.1, 0.2, 0.7], [0.5, 0.25, 0.25], [0.3, 0.3, 0.4], [1, 0, 0]], { dtype: "float32" });
    const checks: [string, (k: ArrayValue, x: ArrayValue) => ArrayValue, ArrayValue][] = [
      ["bernoulli p", (k, x) => random.bernoulli(k, x, [6]), p],
      ["uniform bounds", (k, x) => random.uniform(k, [2], { minval: x, maxval: np.add(x, 2) }), lower],
      ["truncatedNormal bounds", (k, x) => random.truncatedNormal(k, x, 2, [3]), lower],
      ["categorical logits", (k, x) => random.categorical(k, x, { shape: [3] }), logits],
      ["randint maxval", (k, x) => random.randint(k, [5], 0, x), hi],
      ["permutation of rows", (k, x) => random.permutation(k, x), logits],
      ["choice with p, no replacement", (k, x) => random.choice(k, 3, { shape: [2], p: x, replace: false }), probs],
      ["choice with p", (k, x) => random.choice(k, 3, { shape: [5], p: x }), probs],
    ];
    for (const [what, f, xs] of checks) {
      for (const batched of [vmap(f)(keys, xs), jit(vmap(f))(keys, xs)]) {
        for (let i = 0; i < 4; i++) expectSameBits(row(batched, i), f(row(keys, i), row(xs, i)), `${what}, row ${i}:`);
      }
    }
  });
  it("foldIn over a batch of data, and vmap of vmap over a grid of keys", () => {
    const k = random.key(3);
    const data = np.array([1, 2, 3, 4294967295], { dtype: "uint32" });
    const folded = vmap((d: ArrayValue) => random.foldIn(k, d))(data);
    [1, 2, 3, 4294967295].forEach((d, i) => expectSameBits(row(folded, i), random.foldIn(k, d)));
    const grid = random.split(k, [2, 3]);
    const normals = vmap(vmap((key: ArrayValue) => random.normal(key, [2])))(grid);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) expectSameBits(normals.slice(i, j), random.normal(grid.slice(i, j), [2]));
  });
});

describe("jit(vmap) and vmap(jit)", () => {
  for (const name of samplerNames) {
    it(name, () => {
      // The first cases (each sampler's fixture list starts with its plainest calls).
      for (const c of samplers[name]!().slice(0, 4)) {
        const keys = keyBatch(c.key, 3);
        expectRowsPerKey(jit(vmap(c.run))(keys), keys, c);
        expectRowsPerKey(vmap(jit(c.run))(keys), keys, c);
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// grad

describe("grad: sampled values are constants of the differentiated function", () => {
  const x = np.array([1, 2, 3, 4, 5, 6], { dtype: "float32" });
  const keep = 0.6;
  /** Inverted dropout: kept entries scaled by 1/keep, dropped ones zero. */
  const dropout = (key: ArrayValue, v: ArrayValue) => np.where(random.bernoulli(key, keep, v.shape), np.divide(v, keep), 0);

  it("dropout mask from bernoulli: the gradient is the closed form with that mask (eager, jit(grad), grad(jit), vmap over keys)", () => {
    const w = np.array([0.5, -1, 2, 0.25, 1, 3], { dtype: "float32" });
    const loss = (wt: ArrayValue, key: ArrayValue) => np.multiply(np.sum(np.square(dropout(key, np.multiply(x, wt)))), 0.5);
    const keys = keyBatch([0, 5], 4);
    for (let i = 0; i < 4; i++) {
      const key = row(keys, i);
      const mask = random.bernoulli(key, keep, [6]);
      // L = 1/2 Σ (m x w / keep)^2, so dL/dw = m x^2 w / keep^2.
      const closed = np.where(mask, np.divide(np.multiply(np.square(x), w), keep * keep), 0);
      expect(bytesOf(np.astype(mask, "int32")).some((b) => b !== 0)).toBe(true);
      expectClose(grad(loss)(w, key), closed.toArray(), { rtol: 1e-6, atol: 0 });
      expectSameBits(jit(grad(loss))(w, key), grad(loss)(w, key));
      expectSameBits(grad(jit(loss))(w, key), grad(loss)(w, key));
    }
    const perKey = vmap(grad(loss), { inAxes: [null, 0] })(w, keys);
    for (let i = 0; i < 4; i++) expectSameBits(row(perKey, i), grad(loss)(w, row(keys, i)), `key ${i}:`);
  });

  // For every sampler: d/dw Σ w · sample = the sample (as float), eager and jitted.
  for (const name of samplerNames) {
    it(name, () => {
      const c = samplers[name]!()[0]!;
      const k = keyOf(c.key);
      const sample = c.run(k);
      const dtype = sample.dtype === "float64" ? "float64" : "float32";
      const asFloat = np.astype(sample, dtype);
      const loss = (wt: ArrayValue, key: ArrayValue) => np.sum(np.multiply(wt, np.astype(c.run(key), dtype)));
      const w = np.ones(sample.shape, { dtype });
      expectSameBits(grad(loss)(w, k), asFloat);
      expectSameBits(jit(grad(loss))(w, k), asFloat);
    });
  }

  it("reparametrized samples: d/dminval and d/dmaxval of uniform are 1 - u and u; d/dsigma of sigma·normal is the normal", () => {
    const k = random.key(3);
    for (const dtype of ["float32", "float64"] as const) {
      const u = random.uniform(k, [6], { dtype });
      const at = (v: number) => np.array(v, { dtype });
      const perElement = (which: "minval" | "maxval") =>
        vmap((i: ArrayValue) =>
          grad((b: ArrayValue) => {
            const bounds = which === "minval" ? { minval: b, maxval: 2 } : { minval: 0.25, maxval: b };
            return np.sum(np.where(np.equal(np.arange(6), i), random.uniform(k, [6], { dtype, ...bounds }), 0));
          })(at(which === "minval" ? 0.25 : 1.75)),
        )(np.arange(6));
      expectSameBits(perElement("minval"), np.subtract(at(1), u));
      expectSameBits(perElement("maxval"), u);
    }
    const eps = random.normal(k, [4]);
    const dSigma = jit(grad((s: ArrayValue, key: ArrayValue) => np.sum(np.multiply(random.normal(key, [4]), s))))(np.array(1.5, { dtype: "float32" }), k);
    expectSameBits(dSigma, np.sum(eps));
  });
});

// ---------------------------------------------------------------------------------------------
// loops

describe("scan: a carried key split each step equals the eager loop", () => {
  for (const name of samplerNames) {
    it(name, () => {
      for (const c of samplers[name]!().slice(0, 2)) {
        const [finalKey, ys] = scan((k: ArrayValue) => step(c, k), keyOf(c.key), null, { length: STEPS });
        expectLoop(finalKey, ys, c);
        // Scanning over keys as xs: step 0 is the JAX case itself.
        const keys = keyBatch(c.key, 2);
        const [, overKeys] = scan((carry: ArrayValue, k: ArrayValue) => [carry, c.run(k)] as const, np.array(0, { dtype: "int32" }), keys);
        expectRowsPerKey(overKeys, keys, c);
      }
    });
  }
  it("key, from seeds scanned over", () => {
    const [, keys] = scan((carry: ArrayValue, s: ArrayValue) => [carry, random.key(s)] as const, np.array(0, { dtype: "int32" }), np.array([3, -1, 8], { dtype: "int32" }));
    [3, -1, 8].forEach((s, i) => expectSameBits(row(keys, i), random.key(s)));
  });
});

describe("jit of a scan with sampling, and vmap of a scan over a batch of keys", () => {
  for (const name of samplerNames) {
    it(name, () => {
      const c = samplers[name]!()[0]!;
      const loop = (key: ArrayValue) => scan((k: ArrayValue) => step(c, k), key, null, { length: STEPS });
      const [finalKey, ys] = jit(loop)(keyOf(c.key));
      expectLoop(finalKey, ys, c);
      const keys = keyBatch(c.key, 2);
      const [, batched] = vmap(loop)(keys);
      for (let i = 0; i < 2; i++) expectSameBits(row(batched, i), loop(row(keys, i))[1], `key ${i}:`);
    });
  }
});

describe("whileLoop: a carried key split each step equals the eager loop", () => {
  for (const name of samplerNames) {
    it(name, () => {
      const c = samplers[name]!()[0]!;
      const [finalKey, ys] = whileSamples(c, keyOf(c.key));
      expectLoop(finalKey, ys, c);
      const [jitKey, jitYs] = jit((k: ArrayValue) => whileSamples(c, k))(keyOf(c.key));
      expectLoop(jitKey, jitYs, c);
    });
  }
});
