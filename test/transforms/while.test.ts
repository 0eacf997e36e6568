import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import { cond, grad, jvp, linearize, vmap, whileLoop } from "../../transforms/index.js";
import { expectClose } from "../helpers.js";

const f64 = (v: number | number[]) => np.array(v, { dtype: "float64" });
const i32 = (v: number | number[]) => np.array(v, { dtype: "int32" });
const scalarOf = (y: unknown) => Number((y as ArrayValue).item());

interface Newton {
  readonly x: ArrayValue;
  readonly steps: ArrayValue;
}

/** Newton's iteration for sqrt(a), until |x² - a| is below 1e-12 (a data-dependent trip count). */
const newtonSqrt = (a: ArrayValue) =>
  whileLoop(
    (c: Newton) => np.abs(c.x.square().sub(a)).gt(1e-12),
    (c: Newton) => ({ x: c.x.add(a.div(c.x)).mul(0.5), steps: c.steps.add(1) }),
    { x: a.add(1), steps: i32(0) },
  );

/** A loop running `n` steps of x <- sin(x)·w + x/2 (w closed over), with the counter as carry. */
const iterate = (n: ArrayValue, x0: ArrayValue, w: ArrayValue) =>
  (whileLoop(
    ([i]: [ArrayValue, ArrayValue]) => i.lt(n),
    ([i, x]: [ArrayValue, ArrayValue]) => [i.add(1), np.sin(x).mul(w).add(x.mul(0.5))] as [ArrayValue, ArrayValue],
    [i32(0), x0] as [ArrayValue, ArrayValue],
  ) as [ArrayValue, ArrayValue])[1];

/** The same recurrence as a plain JS loop. */
function iterateByHand(n: number, x0: number[], w: number[]): number[] {
  let x = [...x0];
  for (let k = 0; k < n; k++) x = x.map((v, i) => Math.sin(v) * w[i]! + v / 2);
  return x;
}

describe("lax.whileLoop", () => {
  it("counts and carries pytrees", () => {
    const out = whileLoop((c: { i: ArrayValue; s: ArrayValue }) => c.i.lt(10), (c) => ({ i: c.i.add(1), s: c.s.add(c.i) }), { i: i32(0), s: i32(0) });
    expect(scalarOf(out.i)).toBe(10);
    expect(scalarOf(out.s)).toBe(45);
    // A loop whose condition is false at once returns the initial carry.
    expectClose(whileLoop((x: ArrayValue) => x.sum().gt(100), (x) => x.mul(2), f64([1, 2])), [1, 2]);
  });

  it("runs Newton's iteration to convergence", () => {
    const out = newtonSqrt(f64(2));
    expectClose(out.x, Math.SQRT2, { rtol: 1e-14 });
    expect(scalarOf(out.steps)).toBeGreaterThan(2);
  });

  it("matches a hand-written loop", () => {
    const x0 = [0.3, -1.2];
    const w = [1.1, 0.7];
    expectClose(iterate(i32(7), f64(x0), f64(w)), iterateByHand(7, x0, w), { rtol: 1e-14 });
  });

  it("lets JS numbers in the initial carry take the body's dtype (weak typing)", () => {
    const out = whileLoop((c: { x: ArrayValue }) => c.x.lt(10), (c) => ({ x: c.x.mul(f64(3)) }), { x: 1 } as unknown as { x: ArrayValue });
    expect(out.x.dtype).toBe("float64");
    expectClose(out.x, 27);
  });

  it("reports a body changing the carry's structure or types, and a non-bool condition", () => {
    // Typed as any array: these bodies are meant to be wrong, and the dtype in x's static type would catch some of them at compile time.
    const x: ArrayValue = f64([1, 2]);
    expect(() => whileLoop((c: { a: ArrayValue }) => c.a.sum().lt(5), (c) => ({ a: c.a, b: c.a }) as unknown as { a: ArrayValue }, { a: x })).toThrow(
      "tessera.lax.whileLoop: bodyFn must return a carry like its input, but it returned {a: f64[2], b: f64[2]} for the initial carry {a: f64[2]}",
    );
    expect(() => whileLoop((c: ArrayValue) => c.sum().lt(5), (c) => c.sum(), x)).toThrow("it returned f64[] for the initial carry f64[2]");
    expect(() => whileLoop((c: ArrayValue) => c.sum(), (c) => c, x)).toThrow("tessera.lax.whileLoop: condFn must return a bool scalar, got f64[]");
    expect(() => whileLoop((c: ArrayValue) => c.lt(5), (c) => c, x)).toThrow("tessera.lax.whileLoop: condFn must return a bool scalar, got bool[2]");
  });
});

describe("jvp of whileLoop", () => {
  it("matches finite differences in the initial carry and a closed-over array", () => {
    const x0 = [0.3, -1.2];
    const w = [1.1, 0.7];
    const tx = [0.5, -0.25];
    const tw = [-0.3, 0.8];
    const [y, dy] = jvp((x: ArrayValue, v: ArrayValue) => iterate(i32(6), x, v), [f64(x0), f64(w)], [f64(tx), f64(tw)]) as [ArrayValue, ArrayValue];
    expectClose(y, iterateByHand(6, x0, w), { rtol: 1e-14 });
    const h = 1e-6;
    const plus = iterateByHand(6, x0.map((v, i) => v + h * tx[i]!), w.map((v, i) => v + h * tw[i]!));
    const minus = iterateByHand(6, x0.map((v, i) => v - h * tx[i]!), w.map((v, i) => v - h * tw[i]!));
    expectClose(dy, plus.map((p, i) => (p - minus[i]!) / (2 * h)), { rtol: 1e-6, atol: 1e-9 });
  });

  it("differentiates Newton's iteration: d sqrt(a)/da = 1 / (2 sqrt(a))", () => {
    const [, dx] = jvp((a: ArrayValue) => newtonSqrt(a).x, [f64(3)], [f64(1)]) as [ArrayValue, ArrayValue];
    expectClose(dx, 1 / (2 * Math.sqrt(3)), { rtol: 1e-8 });
  });

  it("carries a zero tangent into a nonzero one (the fixed point over nonzero carries)", () => {
    // y starts with a zero tangent (a constant) but picks up x's tangent in the body.
    const f = (x: ArrayValue) =>
      (whileLoop(([i]: ArrayValue[]) => i!.lt(3), ([i, a, b]: ArrayValue[]) => [i!.add(1), a!.mul(2), b!.add(a!)], [i32(0), x, f64(0)]) as ArrayValue[])[2]!;
    const [y, dy] = jvp(f, [f64(1)], [f64(1)]) as [ArrayValue, ArrayValue];
    expectClose(y, 7);
    expectClose(dy, 7);
  });
});

describe("vmap of whileLoop", () => {
  it("runs each example for its own number of iterations (batched trip count)", () => {
    const ns = [0, 3, 1, 6];
    const x0 = [0.3, -1.2, 0.9, 2];
    const w = f64(1.3);
    const batched = vmap((n: ArrayValue, x: ArrayValue) => iterate(n, x, w))(i32(ns), f64(x0)) as ArrayValue;
    expectClose(batched, ns.map((n, k) => iterateByHand(n, [x0[k]!], [1.3])[0]!), { rtol: 1e-14 });
  });

  it("batches Newton's iteration, each example converging in its own steps", () => {
    const as = [2, 9, 1e-4, 150];
    const out = vmap(newtonSqrt)(f64(as)) as Newton;
    expectClose(out.x, as.map(Math.sqrt), { rtol: 1e-12 });
    expectClose(out.steps, as.map((a) => scalarOf(newtonSqrt(f64(a)).steps)));
  });

  it("with an unbatched predicate, runs the shared trip count on batched carries", () => {
    const x0 = [[0.3, -1.2], [0.5, 0.1], [-2, 1]];
    const w = [1.1, 0.7];
    const batched = vmap((x: ArrayValue) => iterate(i32(4), x, f64(w)))(np.array(x0, { dtype: "float64" })) as ArrayValue;
    expectClose(batched, x0.flatMap((row) => iterateByHand(4, row, w)), { rtol: 1e-14 });
    // A batched closed-over array with an unbatched predicate.
    const byW = vmap((v: ArrayValue) => iterate(i32(4), f64(x0[0]!), v))(np.array(x0, { dtype: "float64" })) as ArrayValue;
    expectClose(byW, x0.flatMap((row) => iterateByHand(4, x0[0]!, row)), { rtol: 1e-14 });
  });

  it("jvp(vmap) and vmap(jvp) with a batched trip count equal the per-example jvps", () => {
    const ns = [2, 0, 5];
    const x0 = [0.4, -0.7, 1.5];
    const w = f64(0.9);
    const f = (n: ArrayValue, x: ArrayValue) => iterate(n, x, w);
    const perExample = ns.map((n, k) => scalarOf((jvp((x: ArrayValue) => f(i32(n), x), [f64(x0[k]!)], [f64(1)]) as ArrayValue[])[1]));
    const [, outer] = jvp((x: ArrayValue) => vmap(f)(i32(ns), x), [f64(x0)], [np.onesLike(f64(x0))]) as [ArrayValue, ArrayValue];
    expectClose(outer, perExample, { rtol: 1e-12 });
    const inner = vmap((n: ArrayValue, x: ArrayValue) => (jvp((v: ArrayValue) => f(n, v), [x], [np.onesLike(x)]) as ArrayValue[])[1])(i32(ns), f64(x0));
    expectClose(inner as ArrayValue, perExample, { rtol: 1e-12 });
  });
});

describe("whileLoop with a cond in its body", () => {
  // Collatz-like: halve while above 1, but triple-and-add when the value is odd-ish (x mod 2 >= 1).
  const step = (x: ArrayValue) => cond(np.remainder(np.floor(x), 2).ge(1), (v: ArrayValue) => v.mul(3).add(1), (v: ArrayValue) => v.mul(0.5), x) as ArrayValue;
  const run = (x0: ArrayValue) => whileLoop((c: ArrayValue[]) => np.logicalAnd(c[0]!.gt(1), c[1]!.lt(12)), ([x, i]: ArrayValue[]) => [step(x!), i!.add(1)], [x0, i32(0)]) as ArrayValue[];
  const byHand = (x0: number): [number, number] => {
    let x = x0;
    let i = 0;
    while (x > 1 && i < 12) {
      x = Math.floor(x) % 2 >= 1 ? 3 * x + 1 : 0.5 * x;
      i++;
    }
    return [x, i];
  };

  it("vmap over starting points equals the per-example loops", () => {
    const starts = [6.5, 7.25, 1.5, 0.5];
    const [xs, steps] = vmap(run)(f64(starts)) as ArrayValue[];
    expectClose(xs!, starts.map((s) => byHand(s)[0]));
    expectClose(steps!, starts.map((s) => byHand(s)[1]));
  });

  it("jvp through the loop and its conds: the derivative is the product of the branch slopes", () => {
    const [, dx] = jvp((x: ArrayValue) => run(x)[0]!, [f64(6.5)], [f64(1)]) as [ArrayValue, ArrayValue];
    let x = 6.5;
    let slope = 1;
    for (let i = 0; x > 1 && i < 12; i++) {
      const odd = Math.floor(x) % 2 >= 1;
      slope *= odd ? 3 : 0.5;
      x = odd ? 3 * x + 1 : 0.5 * x;
    }
    expectClose(dx, slope);
  });
});

describe("reverse mode through whileLoop", () => {
  it("is a clear error when the loop carries a tangent (as in JAX)", () => {
    const message = /lax\.whileLoop: reverse-mode differentiation \(grad, vjp\) does not support a while loop with a data-dependent trip count, as in JAX; use lax\.scan or foriLoop with static bounds/;
    expect(() => grad((x: ArrayValue) => iterate(i32(3), x, f64(1)).sum())(f64([0.5]))).toThrow(message);
    expect(() => grad((a: ArrayValue) => newtonSqrt(a).x)(f64(2))).toThrow(message);
  });

  it("lets a loop that does not depend on the differentiated input through", () => {
    // The trip count and carry are constants: the loop is known and its output a constant factor.
    const f = (x: ArrayValue) => {
      const k = whileLoop((c: ArrayValue) => c.lt(20), (c) => c.mul(3), f64(1));
      return x.mul(k).sum();
    };
    expectClose(grad(f)(f64([1, 2])) as ArrayValue, [27, 27]);
  });
});

describe("linearize through whileLoop (forward use of the linear map works, as JAX)", () => {
  it("matches JAX's linearize: value 0.36833317, tangent 1.97653696 at x = 1", () => {
    const f = (x: ArrayValue) =>
      (whileLoop((c: [ArrayValue, ArrayValue]) => np.less(c[0], 3), (c: [ArrayValue, ArrayValue]) => [np.add(c[0], 1), np.multiply(np.sin(c[1]), c[1])] as [ArrayValue, ArrayValue], [np.array(0, { dtype: "int32" }), x] as [ArrayValue, ArrayValue]))[1];
    const [y, fJvp] = linearize(f, np.array(1, { dtype: "float64" }));
    expectClose(y, [0.36833317], { rtol: 1e-7 });
    expectClose(fJvp(np.array(1, { dtype: "float64" })), [1.97653696], { rtol: 1e-7 });
    expect(() => grad(f)(np.array(1, { dtype: "float64" }))).toThrow(/lax\.whileLoop: reverse-mode differentiation \(grad, vjp\) does not support/);
  });
});
