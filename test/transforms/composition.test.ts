import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../core/ndarray.js";
import * as nn from "../../core/nn.js";
import * as np from "../../core/numpy/index.js";
import { uniformArray } from "../../laws/programs.js";
import { grad, jvp, valueAndGrad, vjp } from "../../transforms/autodiff.js";
import { vmap } from "../../transforms/vmap.js";
import { checkpoint, customVjp } from "../../transforms/custom.js";
import { hessian, jacfwd, jacrev } from "../../transforms/jacobian.js";
import { expectClose, flat } from "../helpers.js";

const f64 = (shape: number[], seed: number, scale = 1) => uniformArray(shape, "float64", seed, { min: -scale, max: scale });
const scalar = (v: number) => np.array(v, { dtype: "float64" });
const values = (x: unknown) => flat((x as ArrayValue).toArray());
const points = [-10, -3, -0.5, 0, 0.25, 1, 4, 10];

describe("grad of grad against closed forms", () => {
  const secondDerivatives: [string, (x: ArrayValue) => ArrayValue, (x: number) => number][] = [
    ["tanh", np.tanh, (x) => -2 * Math.tanh(x) * (1 - Math.tanh(x) ** 2)],
    ["exp", np.exp, (x) => Math.exp(x)],
    ["sigmoid", nn.sigmoid, (x) => {
      const s = 1 / (1 + Math.exp(-x));
      return s * (1 - s) * (1 - 2 * s);
    }],
    // log(e^x + e^1 + e^-2): the second derivative is p (1 - p) with p = softmax weight of x.
    ["log-sum-exp", (x) => nn.logsumexp(np.stack([x, scalar(1), scalar(-2)])), (x) => {
      const p = Math.exp(x) / (Math.exp(x) + Math.exp(1) + Math.exp(-2));
      return p * (1 - p);
    }],
  ];
  for (const [name, f, second] of secondDerivatives) {
    it(`${name}'' is exact, including in the tails`, () => {
      const g2 = grad(grad(f));
      for (const x of points) expectClose(g2(scalar(x)), second(x), { rtol: 1e-12, atol: 1e-15 });
    });
  }

  it("the Hessian of log-sum-exp is diag(p) - p p^T", () => {
    const x = f64([4], 1, 3);
    const p = values(nn.softmax(x));
    const h = hessian((v: ArrayValue) => nn.logsumexp(v))(x) as ArrayValue;
    expectClose(h, p.flatMap((pi, i) => p.map((pj, j) => (i === j ? pi : 0) - pi * pj)), { rtol: 1e-12, atol: 1e-15 });
  });

  it("grad of grad of grad of sin is -cos", () => {
    const g3 = grad(grad(grad(np.sin)));
    for (const x of points) expectClose(g3(scalar(x)), -Math.cos(x), { rtol: 1e-12, atol: 1e-15 });
  });
});

describe("transforms compose", () => {
  it("jacfwd(jacrev(f)) equals hessian(f)", () => {
    const f = (x: ArrayValue) => np.sum(np.multiply(np.sin(x), np.cumprod(x)));
    const x = f64([4], 2);
    expectClose(jacfwd(jacrev(f))(x) as ArrayValue, values(hessian(f)(x)), { rtol: 1e-12, atol: 1e-14 });
  });

  const loss = (params: { w: ArrayValue; b: ArrayValue }, x: ArrayValue, y: ArrayValue) => np.square(np.subtract(np.add(np.dot(params.w, x), params.b), y));
  const params = { w: f64([3], 3), b: scalar(0.5) };
  const xs = f64([5, 3], 4);
  const ys = f64([5], 5);

  it("vmap(grad(loss), {inAxes: [null, 0, 0]}) gives per-example gradients", () => {
    const perExample = vmap(grad(loss), { inAxes: [null, 0, 0] })(params, xs, ys);
    expect(perExample.w.shape).toEqual([5, 3]);
    expect(perExample.b.shape).toEqual([5]);
    const x = values(xs);
    const w = values(params.w);
    values(ys).forEach((y, i) => {
      const residual = w[0]! * x[3 * i]! + w[1]! * x[3 * i + 1]! + w[2]! * x[3 * i + 2]! + 0.5 - y;
      expectClose(np.take(perExample.w, [i], { axis: 0 }), [0, 1, 2].map((k) => 2 * residual * x[3 * i + k]!), { rtol: 1e-12 });
      expectClose(np.take(perExample.b, [i], { axis: 0 }), 2 * residual, { rtol: 1e-12 });
    });
  });

  it("grad(vmap(...)) is the sum of the per-example gradients", () => {
    const total = (p: typeof params) => np.sum(vmap(loss, { inAxes: [null, 0, 0] })(p, xs, ys));
    const g = grad(total)(params);
    const perExample = vmap(grad(loss), { inAxes: [null, 0, 0] })(params, xs, ys);
    expectClose(g.w, values(np.sum(perExample.w, { axis: 0 })), { rtol: 1e-12 });
    expectClose(g.b, values(np.sum(perExample.b)), { rtol: 1e-12 });
  });

  it("jvp(vjp(...)): the derivative of a pullback is a Hessian-vector product", () => {
    const f = (x: ArrayValue) => np.sum(np.multiply(np.sin(x), x));
    const x = f64([3], 6);
    const t = f64([3], 7);
    const pullback = (v: ArrayValue) => (vjp(f, v)[1](scalar(1)) as ArrayValue[])[0]!;
    const [g, hv] = jvp(pullback, [x], [t]);
    const xv = values(x);
    const tv = values(t);
    expectClose(g, xv.map((xi) => Math.cos(xi) * xi + Math.sin(xi)), { rtol: 1e-12 });
    expectClose(hv, xv.map((xi, i) => tv[i]! * (2 * Math.cos(xi) - Math.sin(xi) * xi)), { rtol: 1e-12, atol: 1e-15 });
  });

  it("vmap(vmap(f)) maps over two axes", () => {
    const a = f64([4, 3], 8);
    const b = f64([5, 3], 9);
    const pairwise = vmap(vmap((u: ArrayValue, v: ArrayValue) => np.dot(u, v), { inAxes: [null, 0] }), { inAxes: [0, null] })(a, b);
    expect(pairwise.shape).toEqual([4, 5]);
    expectClose(pairwise, values(np.matmul(a, np.transpose(b))), { rtol: 1e-12 });
    const columns = vmap(vmap(np.sin), { inAxes: 1, outAxes: 1 })(a);
    expectClose(columns, values(np.sin(a)), { rtol: 1e-15 });
  });

  it("grad of a checkpointed function equals grad without checkpointing (first and second order)", () => {
    const block = (x: ArrayValue) => np.tanh(np.multiply(np.sin(x), np.exp(np.cos(x))));
    const plain = (x: ArrayValue) => np.sum(block(block(x)));
    const remat = (x: ArrayValue) => np.sum(checkpoint(block)(checkpoint(block)(x)));
    const x = f64([4], 10, 2);
    expectClose(grad(remat)(x), values(grad(plain)(x)), { rtol: 1e-12, atol: 1e-15 });
    expectClose(hessian(remat)(x) as ArrayValue, values(hessian(plain)(x)), { rtol: 1e-10, atol: 1e-13 });
  });

  it("nested transforms never confuse their tracers: d/dx [x * grad(y => x + y)(1)] = 1", () => {
    const f = (x: ArrayValue) => np.multiply(x, grad((y: ArrayValue) => np.add(x, y))(scalar(1)));
    for (const x of points) {
      expectClose(grad(f)(scalar(x)), 1);
      expectClose(jvp(f, [scalar(x)], [scalar(1)])[1], 1);
    }
    // The same confusion through vmap: each example's derivative is still 1.
    expectClose(vmap(grad(f))(np.array(points, { dtype: "float64" })), points.map(() => 1));
  });
});

describe("transform errors", () => {
  it("grad of a non-scalar output names the shape and suggests vjp or jacrev", () => {
    expect(() => grad(np.sin)(f64([3], 11))).toThrow(/grad.*f64\[3\].*vjp.*jacrev/);
  });

  it("grad with respect to an integer input names the argument and its dtype", () => {
    expect(() => grad((x: ArrayValue) => np.sum(x))(np.array([1, 2], { dtype: "int32" }))).toThrow(/grad.*argument 0.*int32/);
  });

  it("vmap with mismatched axis sizes names the arguments and their sizes", () => {
    expect(() => vmap(np.add)(f64([3], 12), f64([4], 13))).toThrow(/vmap.*argument 0 axis 0 of size 3.*argument 1 axis 0 of size 4/);
    expect(() => vmap(np.add, { inAxes: [0, 1] })(f64([3, 2], 12), f64([2, 4], 13))).toThrow(/vmap.*size 3.*argument 1 axis 1 of size 4/);
  });

  it("vmap with inAxes that do not match the arguments' structure says where", () => {
    expect(() => vmap(np.add, { inAxes: [0] })(f64([3], 14), f64([3], 15))).toThrow(/vmap.*inAxes has 1 entries.*2 argument/);
    const p = { w: f64([3], 16), b: f64([3], 17) };
    expect(() => vmap((q: typeof p) => np.add(q.w, q.b), { inAxes: [{ w: 0, c: 0 }] })(p)).toThrow(/vmap.*keys \[c, w\].*keys \[b, w\]/);
    expect(() => vmap((q: typeof p) => np.add(q.w, q.b), { inAxes: [[0, 0]] })(p)).toThrow(/vmap.*list of 2/);
  });

  it("vmap with an out-of-range axis names the axis", () => {
    expect(() => vmap(np.sin, { inAxes: 2 })(f64([3, 2], 18))).toThrow(/vmap: inAxes maps axis 2 of argument 0/);
    expect(() => vmap(np.sin, { outAxes: -3 })(f64([3], 19))).toThrow(/vmap: outAxes puts the mapped axis at -3 in output 0/);
  });

  it("a tracer leaked through an outer variable is reported when used, not silently wrong", () => {
    let leaked: ArrayValue | undefined;
    grad((x: ArrayValue) => {
      leaked = x;
      return np.sum(np.square(x));
    })(f64([2], 20));
    expect(() => np.add(leaked!, 1)).toThrow(/escaped/);
    // Used inside a later transform too.
    expect(() => grad((y: ArrayValue) => np.sum(np.multiply(y, leaked!)))(f64([2], 21))).toThrow(/escaped/);
    let fromVmap: ArrayValue | undefined;
    vmap((x: ArrayValue) => {
      fromVmap = x;
      return x;
    })(f64([3], 22));
    expect(() => np.exp(fromVmap!)).toThrow(/escaped/);
    // Returned as is by a later transform, without any operation on it.
    expect(() => vjp((_: ArrayValue) => leaked!, f64([2], 23))).toThrow(/returned a traced value .* escaped/);
    expect(() => jvp((_: ArrayValue) => leaked!, [f64([2], 24)], [f64([2], 25)])).toThrow(/returned a traced value .* escaped/);
    expect(() => vmap((_: ArrayValue) => fromVmap!)(f64([3], 26))).toThrow(/returned a traced value .* escaped/);
  });

  it("customVjp rules returning the wrong structure are reported", () => {
    const wrongCount = customVjp(
      (x: ArrayValue, y: ArrayValue) => np.multiply(x, y),
      (x: ArrayValue, y: ArrayValue) => [np.multiply(x, y), [x, y]],
      (_r: never, ct: never) => [ct],
    );
    expect(() => grad((x: ArrayValue, y: ArrayValue) => np.sum(wrongCount(x, y)))(f64([2], 23), f64([2], 24))).toThrow(/customVjp.*bwd.*one cotangent per argument \(2\).*list of 1/);
    const wrongShape = customVjp(
      (x: ArrayValue) => np.sum(x),
      (x: ArrayValue) => [np.sum(x), []],
      (_r: never, ct: never) => [ct],
    );
    expect(() => grad(wrongShape)(f64([2], 25))).toThrow(/customVjp.*bwd.*f64\[\].*expected f64\[2\]/);
    const wrongFwd = customVjp(
      (x: ArrayValue) => np.sin(x),
      (x: ArrayValue) => [[np.sin(x), np.cos(x)], []],
      (_r: never, ct: never) => [ct],
    );
    expect(() => grad((x: ArrayValue) => np.sum(wrongFwd(x)))(f64([2], 26))).toThrow(/customVjp.*fwd's output has structure/);
  });

  it("valueAndGrad reports the same non-scalar error under its own name", () => {
    expect(() => valueAndGrad(np.sin)(f64([2, 2], 27))).toThrow(/valueAndGrad.*f64\[2,2\].*vjp.*jacrev/);
  });
});
