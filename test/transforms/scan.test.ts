import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import { grad, jvp, linearize, savedResiduals, vjp } from "../../transforms/autodiff.js";
import { vmap } from "../../transforms/vmap.js";
import { makeJaxpr } from "../../transforms/make-jaxpr.js";
import { foriLoop, scan } from "../../transforms/scan.js";
import { expectClose, flat } from "../helpers.js";

/** A deterministic float64 array with entries in [-scale, scale]. */
function randomArray(shape: number[], seed: number, scale = 1): ArrayValue {
  let state = seed * 2654435761 + 12345;
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    data[i] = (state / 2147483648 - 0.5) * 2 * scale;
  }
  return np.array(data, { shape });
}

const f64 = (v: number | number[] | number[][]) => np.array(v, { dtype: "float64" });
const values = (x: ArrayValue) => flat(x.toArray());

/** Central finite differences of a scalar function of one float64 array. */
function numericGrad(f: (x: ArrayValue) => ArrayValue, x: ArrayValue, eps = 1e-6): number[] {
  const base = values(x);
  return base.map((_, i) => {
    const shifted = (d: number) => {
      const v = [...base];
      v[i]! += d;
      return f(np.array(new Float64Array(v), { shape: [...x.shape] })).item() as number;
    };
    return (shifted(eps) - shifted(-eps)) / (2 * eps);
  });
}

/** The Elman recurrence h <- tanh(W h + U x), returning the final state and every state. */
function rnn(w: ArrayValue, u: ArrayValue, h0: ArrayValue, xs: ArrayValue): [ArrayValue, ArrayValue] {
  return scan((h, x) => {
    const next = np.tanh(np.add(np.matmul(w, h), np.matmul(u, x)));
    return [next, next];
  }, h0, xs);
}

/** The same recurrence as a plain JS loop. */
function rnnLoop(w: ArrayValue, u: ArrayValue, h0: ArrayValue, xs: ArrayValue): ArrayValue[] {
  const states: ArrayValue[] = [];
  let h = h0;
  for (let t = 0; t < xs.shape[0]!; t++) {
    h = np.tanh(np.add(np.matmul(w, h), np.matmul(u, xs.slice(t))));
    states.push(h);
  }
  return states;
}

const W = randomArray([3, 3], 1, 0.6);
const U = randomArray([3, 2], 2);
const H0 = randomArray([3], 3);
const XS = randomArray([5, 2], 4);
const rnnLoss = (w: ArrayValue, u: ArrayValue, h0: ArrayValue) => {
  const [h, hs] = rnn(w, u, h0, XS);
  return np.add(np.sum(np.square(h)), np.sum(np.sin(hs)));
};

describe("scan: evaluation", () => {
  it("computes a cumulative sum equal to np.cumsum, with the total as carry", () => {
    const xs = randomArray([7], 5);
    const [total, sums] = scan((c, x) => [np.add(c, x), np.add(c, x)], f64(0), xs);
    expectClose(sums, values(np.cumsum(xs)), { rtol: 1e-12 });
    expectClose(total, values(np.sum(xs)), { rtol: 1e-12 });
    const ints = np.array([3, 1, 4, 1, 5], { dtype: "int32" });
    const [, intSums] = scan((c, x) => [np.add(c, x), np.add(c, x)], np.array(0, { dtype: "int32" }), ints);
    expect(intSums.dtype).toBe("int32");
    expect(values(intSums)).toEqual([3, 4, 8, 9, 14]);
  });

  it("runs the RNN recurrence like a JS loop", () => {
    const [h, hs] = rnn(W, U, H0, XS);
    const states = rnnLoop(W, U, H0, XS);
    expect(hs.shape).toEqual([5, 3]);
    expectClose(hs, states.flatMap(values), { rtol: 1e-12 });
    expectClose(h, values(states[4]!), { rtol: 1e-12 });
  });

  it("reverse iterates from the last slice and keeps ys at their slices' positions", () => {
    const xs = f64([1, 2, 3, 4]);
    const [c, ys] = scan((c, x) => [np.add(np.multiply(c, 2), x), c], f64(0), xs, { reverse: true });
    // Visits 4, 3, 2, 1: carries 0 -> 4 -> 11 -> 24 -> 49; y at each slice is the carry before it.
    expect(values(c)).toEqual([49]);
    expect(values(ys)).toEqual([24, 11, 4, 0]);
  });

  it("threads pytree carries and xs, and allows no xs with a length and no ys", () => {
    const xs = { a: f64([1, 2, 3]), b: [f64([[1, 0], [0, 1], [1, 1]])] };
    const [carry, ys] = scan(
      (c, x) => [{ n: np.add(c.n, 1), s: np.add(c.s, np.multiply(x.a, x.b[0]!)) }, { twice: np.multiply(x.a, 2) }],
      { n: np.array(0, { dtype: "int32" }), s: f64([0, 0]) },
      xs,
    );
    expect(values(carry.n)).toEqual([3]);
    expect(values(carry.s)).toEqual([4, 5]);
    expect(values(ys.twice)).toEqual([2, 4, 6]);
    const [count, none] = scan((c) => [np.multiply(c, 3), null], f64(1), null, { length: 4 });
    expect(values(count)).toEqual([81]);
    expect(none).toBeNull();
  });

  it("treats a JS number in the initial carry as weakly typed, taking the body's dtype", () => {
    const [c, ys] = scan((c, x) => [np.add(c, x), c], 0, f64([1, 2, 3]));
    expect(c.dtype).toBe("float64");
    expect(values(c)).toEqual([6]);
    expect(values(ys)).toEqual([0, 1, 3]);
  });

  it("runs zero iterations for length 0, returning the initial carry and empty ys", () => {
    const [c, ys] = scan((c, x) => [np.add(c, x), x], f64([2, 2, 2]), np.zeros([0, 3], { dtype: "float64" }));
    expect(values(c)).toEqual([2, 2, 2]);
    expect(ys.shape).toEqual([0, 3]);
  });

  it("stages one scan equation whose closed-over values are operands", () => {
    const jaxpr = makeJaxpr((w: ArrayValue, xs: ArrayValue) => scan((c, x) => [np.multiply(np.add(c, x), w), c], f64(0), xs)[0])(f64(2), f64([1, 2]));
    const text = String(jaxpr);
    expect(text).toMatch(/scan\[/);
    expect(text).toMatch(/numConsts=1 numCarry=1 length=2 reverse=false/);
  });

  it("leaves its inputs unchanged", () => {
    const xs = randomArray([4, 2], 6);
    const before = values(xs);
    const h0 = f64([0, 0]);
    scan((c, x) => [np.add(c, x), c], h0, xs);
    grad((x: ArrayValue) => np.sum(scan((c, xi) => [np.multiply(np.add(c, xi), 0.5), c], h0, x)[0]))(xs);
    expect(values(xs)).toEqual(before);
    expect(values(h0)).toEqual([0, 0]);
  });
});

describe("scan: errors", () => {
  it("names both carry structures when the body changes the carry", () => {
    expect(() => scan((c) => [{ a: c.a, b: c.a }, null], { a: f64([1, 2]) }, null, { length: 2 })).toThrow(
      "tessera.lax.scan: the body returned a carry of structure {a: f64[2], b: f64[2]} but the initial carry has {a: f64[2]}",
    );
    expect(() => scan((c, x) => [np.concatenate([c, x]), null], f64([1]), f64([[1], [2]]))).toThrow("carry of structure f64[2] but the initial carry has f64[1]");
    expect(() => scan((c, x) => [np.add(c, x), null], np.array(0), f64([1, 2]))).toThrow("carry of structure f64[] but the initial carry has f32[]");
  });

  it("rejects xs with different leading lengths, a disagreeing length, and a missing length", () => {
    expect(() => scan((c, x) => [c, x], f64(0), [f64([1, 2, 3]), f64([1, 2])])).toThrow(/lax\.scan: .*different leading axis sizes \(3, 2\)/);
    expect(() => scan((c, x) => [c, x], f64(0), f64([1, 2, 3]), { length: 4 })).toThrow(/lax\.scan: length 4 disagrees with the leading axis size 3/);
    expect(() => scan((c) => [c, null], f64(0), null)).toThrow(/lax\.scan: there are no xs to scan over and no length/);
    expect(() => scan((c, x) => [c, x], f64(0), f64(1))).toThrow(/lax\.scan: xs leaf 0 is a scalar/);
    expect(() => scan(((c: ArrayValue) => c) as never, f64(0), f64([1]))).toThrow(/lax\.scan: the body must return a pair \[carry, y\]/);
  });
});

describe("scan: forward mode", () => {
  it("jvp of the RNN matches central finite differences along a random direction", () => {
    const dw = randomArray([3, 3], 11);
    const dh = randomArray([3], 12);
    const f = (w: ArrayValue, h0: ArrayValue) => rnnLoss(w, U, h0);
    const [out, tangent] = jvp(f, [W, H0], [dw, dh]);
    expectClose(out, values(f(W, H0)), { rtol: 1e-12 });
    const eps = 1e-6;
    const along = (s: number) => f(np.add(W, np.multiply(dw, s)), np.add(H0, np.multiply(dh, s))).item() as number;
    expectClose(tangent, (along(eps) - along(-eps)) / (2 * eps), { rtol: 1e-6, atol: 1e-8 });
  });

  it("a carry with a zero initial tangent gets one when the body makes it depend on a const", () => {
    // c stays zero-tangent unless w's tangent reaches it; d depends on c, so both become nonzero.
    const f = (w: ArrayValue) => scan((c, x) => [[np.add(c[0], np.multiply(w, x)), np.add(c[1], c[0])], c[0]], [f64(0), f64(0)], f64([1, 2, 3]));
    const [[c, d], tangents] = jvp((w: ArrayValue) => f(w)[0], [f64(2)], [f64(1)]) as [[ArrayValue, ArrayValue], [ArrayValue, ArrayValue]];
    expect(values(c)).toEqual([12]);
    expect(values(d)).toEqual([2 + 6]);
    expect(values(tangents[0])).toEqual([6]);
    expect(values(tangents[1])).toEqual([1 + 3]);
  });
});

describe("scan: reverse mode", () => {
  it("grad of the RNN with respect to W, U and the initial state matches finite differences", () => {
    const [gw, gu, gh] = grad(rnnLoss, { argnums: [0, 1, 2] })(W, U, H0);
    expectClose(gw, numericGrad((w) => rnnLoss(w, U, H0), W), { rtol: 1e-6, atol: 1e-8 });
    expectClose(gu, numericGrad((u) => rnnLoss(W, u, H0), U), { rtol: 1e-6, atol: 1e-8 });
    expectClose(gh, numericGrad((h) => rnnLoss(W, U, h), H0), { rtol: 1e-6, atol: 1e-8 });
  });

  it("grad with respect to xs, through a reverse scan, matches finite differences", () => {
    const f = (xs: ArrayValue) => {
      const [c, ys] = scan((c, x) => [np.sin(np.add(np.multiply(c, x), x)), np.multiply(c, c)], f64(0.3), xs, { reverse: true });
      return np.add(c, np.sum(ys));
    };
    const xs = randomArray([6], 13);
    expectClose(grad(f)(xs), numericGrad(f, xs), { rtol: 1e-6, atol: 1e-8 });
  });

  it("grad of a cumulative sum is the reversed count of later elements", () => {
    const f = (xs: ArrayValue) => np.sum(np.multiply(scan((c, x) => [np.add(c, x), np.add(c, x)], f64(0), xs)[1], f64([1, 2, 3, 4])));
    expect(values(grad(f)(f64([5, 6, 7, 8])))).toEqual([10, 9, 7, 4]);
  });

  it("vjp returns cotangents for a pytree carry and xs", () => {
    const f = (init: { a: ArrayValue; b: ArrayValue }, xs: ArrayValue) =>
      scan((c, x) => [{ a: np.multiply(c.a, x), b: np.add(c.b, c.a) }, np.multiply(c.b, x)], init, xs);
    const init = { a: f64(1.5), b: f64(-0.5) };
    const xs = f64([0.5, 2, -1]);
    const [, pullback] = vjp(f, init, xs);
    const [ctInit, ctXs] = pullback([{ a: f64(1), b: f64(2) }, f64([1, 1, 1])]) as [{ a: ArrayValue; b: ArrayValue }, ArrayValue];
    const scalar = (i: { a: ArrayValue; b: ArrayValue }, x: ArrayValue) => {
      const [c, ys] = f(i, x);
      return np.add(np.add(c.a, np.multiply(c.b, 2)), np.sum(ys));
    };
    expectClose(ctInit.a, numericGrad((a) => scalar({ a, b: init.b }, xs), init.a), { rtol: 1e-7 });
    expectClose(ctInit.b, numericGrad((b) => scalar({ a: init.a, b }, xs), init.b), { rtol: 1e-7 });
    expectClose(ctXs, numericGrad((x) => scalar(init, x), xs), { rtol: 1e-7 });
  });

  it("saves loop-invariant residuals once instead of stacking them per iteration", () => {
    const w = randomArray([4, 4], 21);
    const f = (w: ArrayValue, h0: ArrayValue) => np.sum(scan((h) => [np.tanh(np.matmul(np.transpose(w), h)), null], h0, null, { length: 10 })[0]);
    const saved = savedResiduals(f, w, randomArray([4], 22));
    // The per-iteration states are stacked ([10, 4]); w^T is computed once and saved as [4, 4], not as [10, 4, 4].
    expect(saved.some((r) => r.shape.join(",") === "10,4")).toBe(true);
    expect(saved.some((r) => r.shape.join(",") === "10,4,4")).toBe(false);
    expect(saved.filter((r) => r.shape.join(",") === "4,4").length).toBe(1);
  });

  it("a carry that becomes unknown but is recomputed from known values gets the right cotangent", () => {
    // The carry's tangent enters through h0 but the body overwrites the carry with a function of x.
    const f = (h0: ArrayValue) => {
      const [c, ys] = scan((c, x) => [np.multiply(x, 2), np.multiply(c, c)], h0, f64([1, 2, 3]));
      return np.add(np.sum(c), np.sum(ys));
    };
    expect(values(grad(f)(f64(1.5)))).toEqual([3]);
    const [, fJvp] = linearize(f, f64(1.5));
    expect(values(fJvp(f64(2)) as ArrayValue)).toEqual([6]);
  });

  it("linearize's linear map equals jvp's tangent", () => {
    const f = (w: ArrayValue, h0: ArrayValue) => rnnLoss(w, U, h0);
    const dw = randomArray([3, 3], 25);
    const dh = randomArray([3], 26);
    const [out, fJvp] = linearize(f, W, H0);
    expectClose(out, values(f(W, H0)), { rtol: 1e-12 });
    expectClose(fJvp(dw, dh) as ArrayValue, values(jvp(f, [W, H0], [dw, dh])[1]), { rtol: 1e-12 });
  });

  it("grad through nested scans matches finite differences", () => {
    const f = (w: ArrayValue) => {
      const [c] = scan((c, row) => {
        const [inner] = scan((d, x) => [np.sin(np.add(np.multiply(d, w), x)), null], c, row);
        return [np.add(inner, np.multiply(c, 0.5)), null];
      }, f64(0.1), randomArray([3, 4], 27));
      return c;
    };
    expectClose(grad(f)(f64(0.9)), numericGrad(f, f64(0.9)), { rtol: 1e-6, atol: 1e-9 });
    expectClose(vmap(grad(f))(f64([0.9, -0.3])), [...numericGrad(f, f64(0.9)), ...numericGrad(f, f64(-0.3))], { rtol: 1e-6, atol: 1e-9 });
  });

  it("grad of grad through a scan matches finite differences of the gradient", () => {
    const f = (w: ArrayValue) => scan((c, x) => [np.tanh(np.add(np.multiply(c, w), x)), c], f64(0.5), f64([0.1, -0.4, 0.7]))[0];
    const g = grad(f);
    const eps = 1e-5;
    const w = 0.8;
    const fd = ((g(f64(w + eps)).item() as number) - (g(f64(w - eps)).item() as number)) / (2 * eps);
    expectClose(grad(g)(f64(w)), fd, { rtol: 1e-6, atol: 1e-9 });
    // The RNN's Hessian-vector product (grad of a directional derivative) against finite differences.
    const v = randomArray([3, 3], 23);
    const hvp = grad((w: ArrayValue) => np.sum(np.multiply(grad((w2: ArrayValue) => rnnLoss(w2, U, H0))(w), v)));
    const gAt = (s: number) => values(grad((w2: ArrayValue) => rnnLoss(w2, U, H0))(np.add(W, np.multiply(v, s))));
    const plus = gAt(eps);
    const minus = gAt(-eps);
    expectClose(hvp(W), plus.map((p, i) => (p - minus[i]!) / (2 * eps)), { rtol: 1e-5, atol: 1e-7 });
  });

  it("forward over reverse: jvp of the gradient matches finite differences", () => {
    const g = grad((h0: ArrayValue) => rnnLoss(W, U, h0));
    const dh = randomArray([3], 24);
    const [, tangent] = jvp(g, [H0], [dh]);
    const eps = 1e-6;
    const plus = values(g(np.add(H0, np.multiply(dh, eps))));
    const minus = values(g(np.add(H0, np.multiply(dh, -eps))));
    expectClose(tangent, plus.map((p, i) => (p - minus[i]!) / (2 * eps)), { rtol: 1e-5, atol: 1e-8 });
  });
});

describe("scan: vmap", () => {
  const perExample = (fn: (i: number) => ArrayValue, n: number) => Array.from({ length: n }, (_, i) => values(fn(i))).flat();

  it("batches xs (at axis 0 or 1), the initial carry, and closed-over consts like stacking examples", () => {
    const xsBatch = randomArray([4, 5, 2], 31);
    const h0Batch = randomArray([4, 3], 32);
    const wBatch = randomArray([4, 3, 3], 33, 0.6);
    const final = (w: ArrayValue, h0: ArrayValue, xs: ArrayValue) => rnn(w, U, h0, xs)[0];
    const states = (w: ArrayValue, h0: ArrayValue, xs: ArrayValue) => rnn(w, U, h0, xs)[1];
    expectClose(vmap((xs: ArrayValue) => final(W, H0, xs))(xsBatch), perExample((i) => final(W, H0, xsBatch.slice(i)), 4), { rtol: 1e-12 });
    expectClose(vmap((h0: ArrayValue) => states(W, h0, XS))(h0Batch), perExample((i) => states(W, h0Batch.slice(i), XS), 4), { rtol: 1e-12 });
    expectClose(vmap((w: ArrayValue) => states(w, H0, XS))(wBatch), perExample((i) => states(wBatch.slice(i), H0, XS), 4), { rtol: 1e-12 });
    const xsAxis1 = np.moveaxis(xsBatch, 0, 1);
    const batched = vmap((w: ArrayValue, h0: ArrayValue, xs: ArrayValue) => states(w, h0, xs), { inAxes: [2, 0, 1] })(np.moveaxis(wBatch, 0, 2), h0Batch, xsAxis1);
    expectClose(batched, perExample((i) => states(wBatch.slice(i), h0Batch.slice(i), xsBatch.slice(i)), 4), { rtol: 1e-12 });
  });

  it("a carry the body makes batched is batched from the start; unbatched ys stay shared", () => {
    const ws = f64([1, 2, 3]);
    const f = (w: ArrayValue) => {
      const [c, ys] = scan((c, x) => [np.add(c, np.multiply(w, x)), [x, c]], f64(0), f64([1, 2]));
      return [c, ys[0], ys[1]] as const;
    };
    const [c, xs, cs] = vmap(f)(ws);
    expect(values(c)).toEqual([3, 6, 9]);
    expect(values(xs)).toEqual([1, 2, 1, 2, 1, 2]);
    expect(values(cs)).toEqual([0, 1, 0, 2, 0, 3]);
  });

  it("vmap of vmap of a scan", () => {
    const xs = randomArray([2, 3, 4], 34);
    const f = (x: ArrayValue) => scan((c, xi) => [np.add(np.multiply(c, 0.5), xi), c], f64(0), x)[1];
    const out = vmap(vmap(f))(xs);
    expectClose(out, perExample((i) => f(xs.slice(Math.floor(i / 3), i % 3)), 6), { rtol: 1e-12 });
  });

  it("grad of a vmapped scan matches finite differences", () => {
    const xsBatch = randomArray([3, 5, 2], 35);
    const loss = (w: ArrayValue) => np.sum(vmap((xs: ArrayValue) => rnn(w, U, H0, xs)[0])(xsBatch));
    expectClose(grad(loss)(W), numericGrad(loss, W), { rtol: 1e-6, atol: 1e-8 });
  });

  it("vmap of grad gives per-example gradients", () => {
    const xsBatch = randomArray([3, 5, 2], 36);
    const perGrad = vmap((xs: ArrayValue) => grad((w: ArrayValue) => np.sum(rnn(w, U, H0, xs)[1]))(W))(xsBatch);
    const expected = perExample((i) => grad((w: ArrayValue) => np.sum(rnn(w, U, H0, xsBatch.slice(i))[1]))(W), 3);
    expectClose(perGrad, expected, { rtol: 1e-10 });
  });
});

describe("foriLoop", () => {
  it("with static bounds runs body(i, val) for i = lower .. upper-1 with an int32 index", () => {
    const seen: string[] = [];
    const out = foriLoop(2, 6, (i, v) => {
      seen.push(i.dtype);
      return np.add(np.multiply(v, 2), np.astype(i, "float64"));
    }, f64(1));
    // 1 -> 4 -> 11 -> 26 -> 57
    expect(values(out)).toEqual([57]);
    expect(seen).toEqual(["int32"]);
    expect(values(foriLoop(5, 3, (_i, v) => np.multiply(v, 2), f64(7)))).toEqual([7]);
    const pair = foriLoop(0, 3, (i, v) => ({ a: np.add(v.a, i), b: np.multiply(v.b, 2) }), { a: np.array(0, { dtype: "int32" }), b: f64(1) });
    expect(values(pair.a)).toEqual([3]);
    expect(values(pair.b)).toEqual([8]);
  });

  it("with static bounds is differentiable in both modes", () => {
    const f = (x: ArrayValue) => foriLoop(0, 4, (i, v) => np.sin(np.add(np.multiply(v, x), np.astype(i, "float64"))), f64(0.2));
    const x = 0.7;
    const eps = 1e-6;
    const fd = ((f(f64(x + eps)).item() as number) - (f(f64(x - eps)).item() as number)) / (2 * eps);
    expectClose(grad(f)(f64(x)), fd, { rtol: 1e-7 });
    expectClose(jvp(f, [f64(x)], [f64(1)])[1], fd, { rtol: 1e-7 });
    expectClose(vmap(grad(f))(f64([x])), fd, { rtol: 1e-7 });
  });

  it("with a traced bound lowers to whileLoop: batchable and differentiable in forward mode", () => {
    const ns = np.array([0, 1, 3], { dtype: "int32" });
    const jaxpr = String(makeJaxpr((n: ArrayValue) => foriLoop(0, n, (_i, v) => np.multiply(v, 2), f64(1)))(np.array(2, { dtype: "int32" })));
    expect(jaxpr).toMatch(/whileLoop/);
    expect(jaxpr).not.toMatch(/scan/);
    expect(values(vmap((n: ArrayValue) => foriLoop(0, n, (_i, v) => np.multiply(v, 2), f64(1)))(ns))).toEqual([1, 2, 8]);
    const tangents = vmap((n: ArrayValue) => jvp((x: ArrayValue) => foriLoop(0, n, (_i, v) => np.multiply(v, x), f64(1)), [f64(3)], [f64(1)])[1])(ns);
    // d/dx x^n = n x^(n-1)
    expect(values(tangents)).toEqual([0, 1, 27]);
  });

  it("with a traced bound refuses reverse mode, as JAX", () => {
    const f = (x: ArrayValue, n: ArrayValue) => foriLoop(0, n, (_i, v) => np.multiply(v, x), f64(1));
    expect(() => vmap((n: ArrayValue) => grad((x: ArrayValue) => f(x, n))(f64(2)))(np.array([1, 2], { dtype: "int32" }))).toThrow(/lax\.whileLoop: reverse-mode differentiation .* data-dependent trip count/);
  });

  it("rejects non-integer bounds", () => {
    expect(() => foriLoop(0, 2.5, (_i, v) => v, f64(0))).toThrow(/lax\.foriLoop: upper must be an integer/);
    expect(() => foriLoop(f64(0), 2, (_i, v) => v, f64(0))).toThrow(/lax\.foriLoop: lower must be an integer scalar/);
  });
});
