import { describe, expect, it } from "vitest";
import { stopGradient } from "../../core/lax/index.js";
import { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import { grad, jvp, savedResiduals, vjp } from "../../transforms/autodiff.js";
import { vmap } from "../../transforms/vmap.js";
import { checkpoint, customJvp, customVjp, remat } from "../../transforms/custom.js";
import { jacfwd, jacrev } from "../../transforms/jacobian.js";
import { makeJaxpr } from "../../transforms/make-jaxpr.js";
import { scan } from "../../transforms/scan.js";
import { expectClose as expectCloseTo } from "../helpers.js";

const f64 = (v: number[] | number[][]) => np.array(v, { dtype: "float64" });
const sum = (x: ArrayValue) => np.sum(x);
/** expectClose that also accepts an array as the expectation. */
const expectClose = (actual: ArrayValue, expected: unknown, options?: { rtol?: number; atol?: number }) =>
  expectCloseTo(actual, expected instanceof ArrayValue ? expected.toArray() : expected, options);

/** sin with a deliberately wrong derivative (2, not cos), so tests can tell the rule was used. */
const sinTwice = customJvp(
  (x: ArrayValue) => np.sin(x),
  ([x], [t]) => [np.sin(x as ArrayValue), np.multiply(t as ArrayValue, 2)],
);

/** sin whose rule's tangent depends on the primal: 3 x t (true derivative: cos x t). */
const sinThreeX = customJvp(
  (x: ArrayValue) => np.sin(x),
  ([x], [t]) => [np.sin(x as ArrayValue), np.multiply(np.multiply(t as ArrayValue, x as ArrayValue), 3)],
);

describe("customJvp", () => {
  const x = np.array([0.5, 1, 2]);

  it("evaluates the function itself", () => {
    expectClose(sinTwice(x), [Math.sin(0.5), Math.sin(1), Math.sin(2)]);
  });

  it("jvp and grad use the rule, not the true derivative", () => {
    const [out, tangent] = jvp(sinTwice, [x], [np.array([1, -1, 0.5])]);
    expectClose(out, [Math.sin(0.5), Math.sin(1), Math.sin(2)]);
    expectClose(tangent, [2, -2, 1]);
    expectClose(grad((x: ArrayValue) => sum(sinTwice(x)))(x), [2, 2, 2]);
    expectClose(grad((x: ArrayValue) => sum(sinThreeX(x)))(x), [1.5, 3, 6]);
  });

  it("handles pytree arguments and outputs", () => {
    type P = { a: ArrayValue; b: ArrayValue };
    type O = { s: ArrayValue; d: ArrayValue[] };
    const fn = (p: P): O => ({ s: np.multiply(p.a, p.b), d: [np.subtract(p.a, p.b)] });
    const g = customJvp(fn, ([p], [t]) => {
      const tp = t as P;
      return [fn(p as P), { s: np.multiply(tp.a, 10), d: [np.multiply(tp.b, 100)] }];
    });
    const p = { a: np.array([1, 2]), b: np.array([3, 4]) };
    const out = g(p);
    expectClose(out.s, [3, 8]);
    expectClose(out.d[0]!, [-2, -2]);
    const [, tangent] = jvp(g, [p], [{ a: np.array([1, 2]), b: np.array([1, 1]) }]);
    expectClose(tangent.s, [10, 20]);
    expectClose(tangent.d[0]!, [100, 100]);
    const grads = grad((p: P) => {
      const o = g(p);
      return np.add(sum(o.s), sum(o.d[0]!));
    })(p);
    expectClose(grads.a, [10, 10]);
    expectClose(grads.b, [100, 100]);
  });

  it("vmap keeps the custom rule and batches it", () => {
    const xs = np.array([[1, 2, 3], [4, 5, 6]]);
    expect(String(makeJaxpr(vmap(sinTwice))(xs))).toContain("customJvpCall");
    expectClose(vmap(sinTwice)(xs), np.sin(xs));
    // jvp of vmap and vmap of jvp both see the rule; the primal-dependent rule batches per example.
    expectClose(jvp(vmap(sinTwice), [xs], [np.onesLike(xs)])[1], [[2, 2, 2], [2, 2, 2]]);
    const tangents = vmap((x: ArrayValue) => jvp(sinThreeX, [x], [np.onesLike(x)])[1])(xs);
    expectClose(tangents, [[3, 6, 9], [12, 15, 18]]);
    expectClose(vmap(grad((x: ArrayValue) => sum(sinThreeX(x))))(xs), [[3, 6, 9], [12, 15, 18]]);
  });

  it("grad of vmap uses the rule", () => {
    const xs = np.array([[1, 2, 3], [4, 5, 6]]);
    expectClose(grad((x: ArrayValue) => sum(vmap(sinTwice)(x)))(xs), [[2, 2, 2], [2, 2, 2]]);
    expectClose(grad((x: ArrayValue) => sum(vmap(sinThreeX)(x)))(xs), [[3, 6, 9], [12, 15, 18]]);
  });

  it("raises clear errors for a rule of the wrong structure or shape", () => {
    const nested = customJvp((x: ArrayValue) => np.sin(x), ([x], [t]) => [[np.sin(x as ArrayValue)], t]);
    expect(() => jvp(nested, [x], [x])).toThrow("customJvp: the jvp rule's output has structure PyTreeDef([*]) but the function returns PyTreeDef(*) (each * is a leaf)");
    const badTangent = customJvp((x: ArrayValue) => np.sin(x), ([x], [t]) => [np.sin(x as ArrayValue), { t }]);
    expect(() => jvp(badTangent, [x], [x])).toThrow("customJvp: the jvp rule's output tangent has structure PyTreeDef({t: *})");
    const notPair = customJvp((x: ArrayValue) => np.sin(x), ([x]) => np.sin(x as ArrayValue) as never);
    expect(() => grad((x: ArrayValue) => sum(notPair(x)))(x)).toThrow(/customJvp: the jvp rule must return \[output, outputTangent\]/);
    const badShape = customJvp((x: ArrayValue) => np.sin(x), ([x]) => [np.sin(x as ArrayValue), np.ones([2])]);
    expect(() => jvp(badShape, [x], [x])).toThrow(/customJvp: the jvp rule returned f32\[2\] at position 1; expected f32\[3\]/);
    // The rule is only consulted under differentiation.
    expectClose(nested(x), np.sin(x));
  });
});

/** x * y with a deliberately wrong bwd: [3 y ct, 5 x ct]; residuals are a pytree. */
const scaledProduct = customVjp(
  (x: ArrayValue, y: ArrayValue) => np.multiply(x, y),
  (x: ArrayValue, y: ArrayValue) => [np.multiply(x, y), { x, ys: [y] }],
  (r: { x: ArrayValue; ys: ArrayValue[] }, ct: ArrayValue) => [np.multiply(np.multiply(ct, 3), r.ys[0]!), np.multiply(np.multiply(ct, 5), r.x)],
);

describe("customVjp", () => {
  const x = np.array([1, 2, 3]);
  const y = np.array([4, 5, 6]);

  it("evaluates the function; grad and vjp use bwd with pytree residuals", () => {
    expectClose(scaledProduct(x, y), [4, 10, 18]);
    const [gx, gy] = grad((x: ArrayValue, y: ArrayValue) => sum(scaledProduct(x, y)), { argnums: [0, 1] })(x, y);
    expectClose(gx, [12, 15, 18]);
    expectClose(gy, [5, 10, 15]);
    const [out, pullback] = vjp(scaledProduct, x, y);
    expectClose(out, [4, 10, 18]);
    const [cx, cy] = pullback(np.array([1, 10, 100]));
    expectClose(cx, [12, 150, 1800]);
    expectClose(cy, [5, 100, 1500]);
  });

  it("pytree arguments get pytree cotangents", () => {
    type P = { a: ArrayValue; b: ArrayValue };
    const g = customVjp(
      (p: P) => np.multiply(p.a, p.b),
      (p: P) => [np.multiply(p.a, p.b), p],
      (r: P, ct: ArrayValue) => [{ a: np.multiply(ct, 7), b: np.multiply(r.a, 0) }],
    );
    const grads = grad((p: P) => sum(g(p)))({ a: x, b: y });
    expectClose(grads.a, [7, 7, 7]);
    expectClose(grads.b, [0, 0, 0]);
  });

  it("vmap(grad(f)) and grad(vmap(f)) batch fwd and bwd", () => {
    const xs = np.array([[1, 2], [3, 4]]);
    const ys = np.array([[5, 6], [7, 8]]);
    const [gx, gy] = vmap(grad((x: ArrayValue, y: ArrayValue) => sum(scaledProduct(x, y)), { argnums: [0, 1] }))(xs, ys);
    expectClose(gx, [[15, 18], [21, 24]]);
    expectClose(gy, [[5, 10], [15, 20]]);
    expectClose(grad((x: ArrayValue) => sum(vmap(scaledProduct)(x, ys)))(xs), [[15, 18], [21, 24]]);
    expectClose(vmap(scaledProduct)(xs, ys), [[5, 12], [21, 32]]);
  });

  it("jacrev works", () => {
    expectClose(jacrev((x: ArrayValue) => scaledProduct(x, y))(x), [[12, 0, 0], [0, 15, 0], [0, 0, 18]]);
  });

  it("forward mode raises the JAX-like error", () => {
    const forward = /customVjp: forward-mode differentiation \(jvp, jacfwd\) of a customVjp function is not supported/;
    expect(() => jvp((x: ArrayValue) => scaledProduct(x, y), [x], [x])).toThrow(forward);
    expect(() => jacfwd((x: ArrayValue) => scaledProduct(x, y))(x)).toThrow(forward);
  });

  it("rejects bwd results of the wrong structure or shape, and fwd of the wrong structure", () => {
    const withBwd = (bwd: (r: ArrayValue, ct: ArrayValue) => unknown[]) =>
      customVjp((x: ArrayValue) => np.sin(x), (x: ArrayValue) => [np.sin(x), x], bwd as (r: never, ct: never) => unknown[]);
    const gradOf = (f: (x: ArrayValue) => ArrayValue) => () => grad((x: ArrayValue) => sum(f(x)))(x);
    expect(gradOf(withBwd((_r, ct) => [ct, ct]))).toThrow(/customVjp: bwd must return a list with one cotangent per argument \(1\), got a list of 2/);
    expect(gradOf(withBwd((_r, ct) => ct as never))).toThrow(/customVjp: bwd must return a list with one cotangent per argument \(1\), got object/);
    expect(gradOf(withBwd(() => [np.ones([2])]))).toThrow(/customVjp: bwd returned f32\[2\] at position 0; expected f32\[3\]/);
    expect(gradOf(withBwd(() => [np.ones([3], { dtype: "float64" })]))).toThrow(/customVjp: bwd returned f64\[3\] at position 0; expected f32\[3\]/);
    const wrongTree = customVjp((p: { a: ArrayValue }) => np.sin(p.a), (p: { a: ArrayValue }) => [np.sin(p.a), p.a], (_r: ArrayValue, ct: ArrayValue) => [ct]);
    expect(() => grad((p: { a: ArrayValue }) => sum(wrongTree(p)))({ a: x })).toThrow("customVjp: bwd's cotangent 0 has structure PyTreeDef(*) but argument 0 has PyTreeDef({a: *}) (each * is a leaf)");
    const wrongFwd = customVjp((x: ArrayValue) => np.sin(x), (x: ArrayValue) => [[np.sin(x)], x], (_r: ArrayValue, ct: ArrayValue) => [ct]);
    expect(() => wrongFwd(x)).toThrow("customVjp: fwd's output has structure PyTreeDef([*]) but the function returns PyTreeDef(*) (each * is a leaf)");
  });
});

describe("checkpoint / remat", () => {
  /** A deep composition: 2 * depth elementwise steps, each with a residual. */
  const deep = (depth: number) => (x: ArrayValue) => {
    let h = x;
    for (let i = 0; i < depth; i++) h = np.sin(np.cos(h));
    return h;
  };
  const x = f64([0.1, 0.2, 0.3]);
  const count = (f: (x: ArrayValue) => ArrayValue, source: string) => savedResiduals(f, x).filter((r) => r.source === source).length;

  it("gives the same values and first- and second-order gradients", () => {
    const loss = (x: ArrayValue) => sum(deep(6)(x));
    const lossC = (x: ArrayValue) => sum(checkpoint(deep(6))(x));
    expectClose(lossC(x), loss(x), { rtol: 1e-14 });
    expectClose(grad(lossC)(x), grad(loss)(x), { rtol: 1e-12 });
    const second = (l: (x: ArrayValue) => ArrayValue) => grad((x: ArrayValue) => sum(grad(l)(x)))(x);
    expectClose(second(lossC), second(loss), { rtol: 1e-12 });
    expect(remat).toBe(checkpoint);
  });

  it("saves fewer intermediate residuals", () => {
    const block = deep(4);
    const plain = count((x) => sum(block(block(block(x)))), "intermediate");
    const blocks = checkpoint(block);
    const perBlock = count((x) => sum(blocks(blocks(blocks(x)))), "intermediate");
    const whole = count((x) => sum(checkpoint(deep(12))(x)), "intermediate");
    expect(plain).toBeGreaterThanOrEqual(12);
    // Per-block checkpointing keeps only the block boundaries; checkpointing everything keeps the input.
    expect(perBlock).toBeLessThanOrEqual(3);
    expect(whole).toBe(0);
    expect(savedResiduals((x: ArrayValue) => sum(checkpoint(deep(12))(x)), x).map((r) => r.source)).toEqual(["argument"]);
    expect(grad((x: ArrayValue) => sum(blocks(blocks(blocks(x)))))(x).toArray()).toEqual(grad((x: ArrayValue) => sum(block(block(block(x)))))(x).toArray());
  });

  it("jvp and vmap pass through checkpoint", () => {
    const f = deep(3);
    const [out, tangent] = jvp(checkpoint(f), [x], [f64([1, -1, 2])]);
    const [outRef, tangentRef] = jvp(f, [x], [f64([1, -1, 2])]);
    expectClose(out, outRef, { rtol: 1e-14 });
    expectClose(tangent, tangentRef, { rtol: 1e-12 });
    const xs = f64([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]);
    expectClose(vmap(checkpoint(f))(xs), vmap(f)(xs), { rtol: 1e-14 });
    const lossC = (x: ArrayValue) => sum(checkpoint(f)(x));
    expectClose(vmap(grad(lossC))(xs), vmap(grad((x: ArrayValue) => sum(f(x))))(xs), { rtol: 1e-12 });
    expectClose(grad((x: ArrayValue) => sum(vmap(checkpoint(f))(x)))(xs), vmap(grad((x: ArrayValue) => sum(f(x))))(xs), { rtol: 1e-12 });
  });

  it("handles closures over arrays and pytrees", () => {
    const w = f64([1, 2, 3]);
    const f = checkpoint((x: ArrayValue) => np.sin(np.multiply(x, w)));
    expectClose(grad((x: ArrayValue) => sum(f(x)))(x), [Math.cos(0.1), 2 * Math.cos(0.4), 3 * Math.cos(0.9)], { rtol: 1e-12 });
    // The closed-over array is saved as a constant, not as an intermediate.
    expect(savedResiduals((x: ArrayValue) => sum(f(x)), x).map((r) => r.source).sort()).toEqual(["argument", "constant"]);
    type P = { a: ArrayValue; b: ArrayValue };
    const g = checkpoint((p: P) => ({ s: np.multiply(p.a, p.b) }));
    const grads = grad((p: P) => sum(g(p).s))({ a: x, b: w });
    expectClose(grads.a, [1, 2, 3]);
    expectClose(grads.b, [0.1, 0.2, 0.3]);
  });
});

describe("custom rules over closed-over values", () => {
  const f64 = (v: number | number[]) => np.array(v, { dtype: "float64" });
  const rule = ([y]: unknown[], [t]: unknown[]): [ArrayValue, ArrayValue] => [np.sin(y as ArrayValue), np.multiply(np.cos(y as ArrayValue), t as ArrayValue)];
  const expected = [[0.84147098, 0.90929743], [0.90929743, -0.7568025], [0.14112001, -0.2794155]];
  it("vmap over a value a customJvp function closes over (JAX's values)", () => {
    const f = (x: ArrayValue) => customJvp((y: ArrayValue) => np.sin(y.mul(x)), rule)(f64([1, 2]));
    expectCloseTo(vmap(f)(f64([1, 2, 3])), expected, { rtol: 1e-7 });
  });
  it("vmap over a value a customVjp function closes over", () => {
    const f = (x: ArrayValue) => customVjp((y: ArrayValue) => np.sin(y.mul(x)), (y: ArrayValue) => [np.sin(y.mul(x)), y], (_r: never, ct: never) => [ct])(f64([1, 2]));
    expectCloseTo(vmap(f)(f64([1, 2, 3])), expected, { rtol: 1e-7 });
  });
  it("differentiating through a closed-over value is a clear error, not a wrong derivative", () => {
    const f = (x: ArrayValue) => np.sum(customJvp((y: ArrayValue) => np.sin(y.mul(x)), rule)(f64([1, 2])));
    expect(() => grad(f)(f64(1))).toThrow(/customJvp: the function closes over a value that is being differentiated/);
  });
});

describe("checkpoint around higher-order code (values from JAX 0.10.2)", () => {
  const f64 = (v: number | number[]) => np.array(v, { dtype: "float64" });
  const x3 = f64([0.5, -1, 2]);
  it("nested checkpoints differentiate", () => {
    const f = (x: ArrayValue) => checkpoint((y: ArrayValue) => np.sum(checkpoint((z: ArrayValue) => np.sin(z).mul(z))(y)))(x);
    expectCloseTo(grad(f)(x3), [0.91821682, -1.38177329, 0.07700375], { rtol: 1e-7 });
  });
  it("a scan inside a checkpoint differentiates", () => {
    const f = (x: ArrayValue) => checkpoint((v: ArrayValue) => scan((c: ArrayValue, xi: ArrayValue) => [np.sin(c.mul(xi)), c], f64(0.3), v)[0])(x);
    expectCloseTo(grad(f)(x3), [-0.56083485, 0.28253966, -0.14233091], { rtol: 1e-7 });
  });
  it("constants created by the jvp (zeros, concatenated arrays) are hoisted", () => {
    const f = (x: ArrayValue) => checkpoint((y: ArrayValue) => np.sum(np.concatenate([np.sin(y), f64([1, 2])])))(x);
    expectCloseTo(grad(f)(f64([0.5, 1])), [0.87758256, 0.54030231], { rtol: 1e-7 });
  });
});

describe("lax.stopGradient", () => {
  const x = f64([0.1, 0.2, 0.3]);

  it("keeps the value and has a zero derivative", () => {
    expect(stopGradient(x).toArray()).toEqual(x.toArray());
    expectClose(grad((x: ArrayValue) => sum(np.sin(stopGradient(x))))(x), [0, 0, 0]);
    const [out, tangent] = jvp((x: ArrayValue) => stopGradient(np.sin(x)), [x], [x]);
    expectClose(out, np.sin(x));
    expectClose(tangent, [0, 0, 0]);
  });

  it("grad of x * stopGradient(x) is stopGradient(x)", () => {
    expectClose(grad((x: ArrayValue) => sum(np.multiply(x, stopGradient(x))))(x), [0.1, 0.2, 0.3], { rtol: 1e-15 });
  });

  it("passes through vmap", () => {
    const xs = f64([[1, 2], [3, 4]]);
    expectClose(vmap((x: ArrayValue) => stopGradient(np.sin(x)))(xs), np.sin(xs));
    expectClose(vmap(grad((x: ArrayValue) => sum(np.multiply(x, stopGradient(x)))))(xs), [[1, 2], [3, 4]]);
  });
});
