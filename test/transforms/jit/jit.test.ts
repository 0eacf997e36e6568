import { describe, expect, it } from "vitest";
import { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as random from "../../../core/random/index.js";
import { grad, jvp } from "../../../transforms/autodiff.js";
import { vmap } from "../../../transforms/vmap.js";
import { cond } from "../../../transforms/control.js";
import { jit } from "../../../transforms/jit/jit.js";
import { scan } from "../../../transforms/scan.js";
import { expectClose } from "../../helpers.js";

const f64 = (shape: number[], seed: number) => random.normal(random.key(seed), shape, { dtype: "float64" });
const mlp = (p: { w: ArrayValue; b: ArrayValue }, x: ArrayValue) => np.sum(np.tanh(np.add(np.matmul(x, p.w), p.b)));

describe("jit computes what the function computes", () => {
  it("on arrays and pytrees", () => {
    const params = { w: f64([3, 2], 1), b: f64([2], 2) };
    const x = f64([4, 3], 3);
    expectClose(jit(mlp)(params, x), mlp(params, x).toArray(), { rtol: 1e-12 });
    const pair = jit((t: { a: ArrayValue; b: ArrayValue }) => [np.add(t.a, t.b), np.multiply(t.a, 2)] as const)({ a: f64([2], 4), b: f64([2], 5) });
    expect(pair).toHaveLength(2);
  });
  it("bakes closed-over arrays in as constants", () => {
    const w = f64([3], 6);
    const f = jit((x: ArrayValue) => np.multiply(x, w));
    expectClose(f(f64([3], 7)), np.multiply(f64([3], 7), w).toArray(), { rtol: 1e-15 });
  });
});

describe("the cache", () => {
  it("compiles once per signature, again for a new shape or dtype, and keys static arguments by value", () => {
    const f = jit((x: ArrayValue, scale: number) => np.multiply(x, scale), { staticArgnums: 1 });
    f(f64([3], 1), 2);
    f(f64([3], 2), 2);
    expect(f.cacheSize()).toBe(1);
    f(f64([4], 3), 2);
    expect(f.cacheSize()).toBe(2);
    f(np.ones([4]), 2);
    expect(f.cacheSize()).toBe(3);
    expect(f(np.ones([4]), 5).toArray()).toEqual([5, 5, 5, 5]);
    expect(f.cacheSize()).toBe(4);
  });
  it("keys functions passed as static arguments by identity, as JAX does", () => {
    const f = jit((x: ArrayValue, g: (y: ArrayValue) => ArrayValue) => g(x), { staticArgnums: 1 });
    expect(f(np.zeros([2]), np.cos).toArray()).toEqual([1, 1]);
    expect(f(np.zeros([2]), np.sin).toArray()).toEqual([0, 0]);
    expect(f.cacheSize()).toBe(2);
  });
});

describe("jit composes with every transform", () => {
  const f = (x: ArrayValue) => np.sum(np.multiply(np.sin(x), np.exp(np.tanh(x))));
  const x = f64([5], 8);
  it("grad(jit(f)) and jit(grad(f)) equal grad(f)", () => {
    const expected = (grad(f)(x) as ArrayValue).toArray();
    expectClose(grad(jit(f))(x) as ArrayValue, expected, { rtol: 1e-12 });
    expectClose(jit(grad(f))(x) as ArrayValue, expected, { rtol: 1e-12 });
    expectClose(grad(grad(jit(f)))(x.slice(0)) as ArrayValue, (grad(grad(f))(x.slice(0)) as ArrayValue).toArray(), { rtol: 1e-12 });
  });
  it("vmap(jit(f)) and jit(vmap(f)) equal vmap(f)", () => {
    const xs = f64([3, 5], 9);
    const expected = vmap(f)(xs).toArray();
    expectClose(vmap(jit(f))(xs), expected, { rtol: 1e-12 });
    expectClose(jit(vmap(f))(xs), expected, { rtol: 1e-12 });
  });
  it("jvp(jit(f)) equals jvp(f)", () => {
    const t = f64([5], 10);
    const [, expected] = jvp(f, [x], [t]);
    expectClose(jvp(jit(f), [x], [t])[1] as ArrayValue, (expected as ArrayValue).toArray(), { rtol: 1e-12 });
  });
  it("jit inside scan bodies and cond branches", () => {
    const step = jit((c: ArrayValue, xi: ArrayValue) => np.tanh(np.add(c, xi)));
    const run = (xs: ArrayValue) => scan((c: ArrayValue, xi: ArrayValue) => [step(c, xi), c] as const, np.zeros([], { dtype: "float64" }), xs)[0];
    const plain = (xs: ArrayValue) => scan((c: ArrayValue, xi: ArrayValue) => [np.tanh(np.add(c, xi)), c] as const, np.zeros([], { dtype: "float64" }), xs)[0];
    const xs = f64([4], 11);
    expectClose(run(xs), plain(xs).toArray(), { rtol: 1e-12 });
    expectClose(grad(run)(xs) as ArrayValue, (grad(plain)(xs) as ArrayValue).toArray(), { rtol: 1e-12 });
    const branchy = (y: ArrayValue) => cond(np.greater(np.sum(y), 0), jit((z: ArrayValue) => np.sum(np.sin(z))), (z: ArrayValue) => np.sum(z), y) as ArrayValue;
    const taken = (np.sum(x).item() as number) > 0 ? (y: ArrayValue) => np.sum(np.sin(y)) : (y: ArrayValue) => np.sum(y);
    expectClose(grad(branchy)(x) as ArrayValue, (grad(taken)(x) as ArrayValue).toArray(), { rtol: 1e-12 });
  });
});

describe("lower", () => {
  it("shows the optimized jaxpr and the generated kernels", () => {
    const lowered = jit((x: ArrayValue) => np.multiply(np.sin(x), 1)).lower(np.ones([3]));
    expect(String(lowered.jaxpr)).toBe("{ lambda ; a:f32[3]. let b:f32[3] = sin a in (b) }");
    expect(lowered.kernels).toHaveLength(1);
    expect(String(lowered)).toContain("kernel 0:");
  });
  it("fuses B2's elementwise chain into one kernel, one pass over memory", () => {
    const b2 = (x: ArrayValue) => np.subtract(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.5)), np.expit(x)), np.multiply(x, x));
    const x = random.normal(random.key(1), [1000]);
    const f = jit(b2);
    expect(f.lower(x).kernels).toHaveLength(1);
    expect(f(x).toArray()).toEqual(b2(x).toArray());
  });
});

describe("hostile pytree keys never reach code", () => {
  it("are data only", () => {
    const key = "});globalThis.pwned=1;//";
    const out = jit((t: Record<string, ArrayValue>) => np.add(t[key]!, 1))({ [key]: np.ones([2]) });
    expect(out.toArray()).toEqual([2, 2]);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });
});
