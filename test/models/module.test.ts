import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../core/ndarray.js";
import * as nn from "../../core/nn.js";
import * as np from "../../core/numpy/index.js";
import * as random from "../../core/random/index.js";
import * as tree from "../../core/tree.js";
import { dense, type DenseParams } from "../../models/layers/dense.js";
import * as linearRegression from "../../models/linear/linear-regression.js";
import { concat, isStateful, parallel, readContext, residual, sequential, type Estimator, type Module, type StatefulModule } from "../../models/module.js";
import { grad, jit, vmap } from "../../transforms/index.js";
import { errorOf, expectClose } from "../helpers.js";

/** expectClose against an array or a number computed independently. */
function close(actual: ArrayValue, expected: ArrayValue | number, options: { rtol?: number } = {}): void {
  expectClose(actual, typeof expected === "number" ? expected : expected.toArray(), options);
}

const x = np.array([[0.5, -1, 2], [1.5, 0.25, -0.75]], { dtype: "float64" });

/** A layer whose params are one scale, and whose output is x * scale (the scale starts at `start`). */
function scale(start: number): Module<ArrayValue> {
  return { init: () => np.array(start, { dtype: "float64" }), apply: (s, v) => np.multiply(v, s) };
}

/** A stateful layer counting its training calls; in training it adds the count so far to x. */
const counter: StatefulModule<null, ArrayValue> = {
  stateful: true,
  init: () => null,
  initState: () => np.array(0, { dtype: "float64" }),
  apply: (_p, v, ctx) => {
    const { train } = readContext("counter", ctx);
    return train ? [np.add(v, ctx.state), np.add(ctx.state, 1)] : [v, ctx.state];
  },
};

/** A layer returning the key it was handed (or a zero when none), to see how keys are split. */
const keyEcho: Module<null, ArrayValue, ArrayValue> = {
  init: () => null,
  apply: (_p, _v, ctx) => (ctx?.key === undefined ? np.zeros([2], { dtype: "uint32" }) : ctx.key),
};

describe("sequential", () => {
  it("composes modules and plain functions; params are a list with null for functions", () => {
    const net = sequential(dense(3, 4, { dtype: "float64" }), nn.relu, dense(4, 2, { dtype: "float64" }));
    const params = net.init(random.key(0));
    expect(params.length).toBe(3);
    expect(params[1]).toBeNull();
    const first = params[0] as DenseParams;
    const last = params[2] as DenseParams;
    const manual = np.add(np.matmul(nn.relu(np.add(np.matmul(x, first.w), first.b!)), last.w), last.b!);
    close(net.apply(params, x), manual, { rtol: 1e-15 });
    expect(isStateful(net)).toBe(false);
  });

  it("draws each layer's params from its own key", () => {
    const net = sequential(dense(3, 3), dense(3, 3));
    const [a, b] = net.init(random.key(0)) as [DenseParams, DenseParams];
    expect(Array.from(a.w.toTypedArray())).not.toEqual(Array.from(b.w.toTypedArray()));
  });

  it("is differentiable, jittable and vmappable in its params like any pytree", () => {
    const net = sequential(scale(2), np.tanh, scale(3));
    const params = net.init(random.key(0));
    const loss = (p: typeof params) => np.sum(net.apply(p, x));
    const g = grad(loss)(params);
    // d/da sum(b * tanh(a x)) = sum(b x (1 - tanh(a x)^2)); d/db = sum(tanh(a x))
    const t = np.tanh(np.multiply(x, 2));
    close(g[0] as ArrayValue, np.sum(np.multiply(np.multiply(x, 3), np.subtract(1, np.square(t)))), { rtol: 1e-14 });
    expect(g[1]).toBeNull();
    close(g[2] as ArrayValue, np.sum(t), { rtol: 1e-14 });
    close(jit(loss)(params), loss(params), { rtol: 1e-15 });
    const batched = vmap((row: ArrayValue) => net.apply(params, row))(x);
    close(batched, net.apply(params, x), { rtol: 1e-15 });
  });

  it("splits ctx.key into one key per layer, and hands no key when none was given", () => {
    const both = parallel(keyEcho, keyEcho);
    const net = sequential((v: ArrayValue) => v, both);
    const [k0, k1] = net.apply([null, [null, null]] as never, x, { key: random.key(7) }) as unknown as ArrayValue[];
    expect(Array.from(k0!.toTypedArray())).not.toEqual(Array.from(k1!.toTypedArray()));
    const none = net.apply([null, [null, null]] as never, x) as unknown as ArrayValue[];
    expect(Array.from(none[0]!.toTypedArray())).toEqual([0, 0]);
  });

  it("becomes stateful when a layer is, threading the layers' states", () => {
    const net = sequential(scale(2), counter);
    expect(isStateful(net)).toBe(true);
    const params = net.init(random.key(0));
    const state = net.initState();
    expect(state[0]).toBeNull();
    const [y1, s1] = net.apply(params, x, { state, train: true });
    close(y1, np.multiply(x, 2), { rtol: 1e-15 });
    const [y2, s2] = net.apply(params, x, { state: s1, train: true });
    close(y2, np.add(np.multiply(x, 2), 1), { rtol: 1e-15 });
    close(s2[1] as ArrayValue, 2);
    const [, evalState] = net.apply(params, x, { state: s2 });
    close(evalState[1] as ArrayValue, 2);
    const step = jit((p: typeof params, s: typeof state) => net.apply(p, x, { state: s, train: true }));
    close(step(params, s2)[1][1] as ArrayValue, 3);
  });

  it("rejects bad layers, params, state and context with the combinator's name", () => {
    expect(errorOf(() => sequential()).message).toMatch(/sequential: needs at least one layer/);
    expect(errorOf(() => sequential(42 as never)).message).toMatch(/layer 0 must be a module \(\{ init, apply \}\) or a function of the input, got 42/);
    const net = sequential(scale(2), scale(3));
    expect(errorOf(() => net.apply([np.array(1)] as never, x)).message).toMatch(/params must be an array with one entry per layer \(2\), got an array of 1/);
    expect(errorOf(() => net.apply(net.init(random.key(0)), x, { training: true } as never)).message).toMatch(/unknown option "training"; sequential takes key, train, state/);
    expect(errorOf(() => net.apply(net.init(random.key(0)), x, { key: 3 } as never)).message).toMatch(/sequential/);
    const withState = sequential(counter);
    expect(errorOf(() => withState.apply([null], x, undefined as never)).message).toMatch(/has stateful layers: call apply\(params, x, \{ state/);
    expect(errorOf(() => withState.apply([null], x, { state: [] as never })).message).toMatch(/ctx.state must be an array with one entry per layer \(1\), got an array of 0/);
  });
});

describe("residual", () => {
  it("adds the block's output to its input, params { block, shortcut: null }", () => {
    const block = residual(sequential(scale(2), np.tanh));
    const params = block.init(random.key(0));
    expect(params.shortcut).toBeNull();
    close(block.apply(params, x), np.add(x, np.tanh(np.multiply(x, 2))), { rtol: 1e-15 });
  });

  it("takes a projection shortcut when the block changes the shape, and says so when it is missing", () => {
    const projected = residual(dense(3, 2, { dtype: "float64" }), dense(3, 2, { dtype: "float64" }));
    const params = projected.init(random.key(1));
    const { block, shortcut } = params as { block: DenseParams; shortcut: DenseParams };
    const expected = np.add(np.add(np.matmul(x, block.w), block.b!), np.add(np.matmul(x, shortcut.w), shortcut.b!));
    close(projected.apply(params, x), expected, { rtol: 1e-15 });
    const bare = residual(dense(3, 2, { dtype: "float64" }));
    expect(errorOf(() => bare.apply(bare.init(random.key(0)), x)).message).toMatch(/block's output f64\[2,2\] and the shortcut's f64\[2,3\] must have the same shape \(give residual a projection shortcut\)/);
  });

  it("threads state through the block", () => {
    const block = residual(counter);
    const [y, state] = block.apply(block.init(random.key(0)), x, { state: block.initState(), train: true });
    close(y, np.multiply(x, 2), { rtol: 1e-15 });
    close(state[0] as ArrayValue, 1);
    expect(state[1]).toBeNull();
  });
});

describe("parallel and concat", () => {
  it("parallel returns every branch's output on the same input", () => {
    const branches = parallel(scale(2), scale(-1));
    const [a, b] = branches.apply(branches.init(random.key(0)), x);
    close(a!, np.multiply(x, 2), { rtol: 1e-15 });
    close(b!, np.negative(x), { rtol: 1e-15 });
  });

  it("concat joins the outputs along the last axis, or the given one", () => {
    const last = concat([scale(2), (v: ArrayValue) => v]);
    close(last.apply(last.init(random.key(0)), x), np.concatenate([np.multiply(x, 2), x], { axis: -1 }), { rtol: 1e-15 });
    const first = concat([scale(2), (v: ArrayValue) => v], { axis: 0 });
    expect(first.apply(first.init(random.key(0)), x).shape).toEqual([4, 3]);
    expect(errorOf(() => concat([])).message).toMatch(/concat: branches must be a non-empty array of layers/);
    expect(errorOf(() => concat([scale(1)], { axes: 0 } as never)).message).toMatch(/unknown option "axes"/);
  });

  it("the params are ordinary pytrees (tree.map, leaves)", () => {
    const net = parallel(dense(3, 2), sequential(dense(3, 1), nn.relu));
    const params = net.init(random.key(0));
    expect(tree.leaves(params).length).toBe(4);
    const zeros = tree.map(params, (p: ArrayValue) => np.zerosLike(p));
    expect(net.apply(zeros, x).map((y) => Array.from(y.toTypedArray()).every((v) => v === 0))).toEqual([true, true]);
  });
});

describe("Estimator", () => {
  it("linearRegression is one: fit(x, y, options) -> params, predict(params, x)", () => {
    const estimator: Estimator<linearRegression.LinearParams, linearRegression.LinearFitOptions> = linearRegression;
    const params = estimator.fit(x, np.array([1, 2], { dtype: "float64" }), { ridge: 0.5 });
    expect(estimator.predict(params, x).shape).toEqual([2]);
  });
});
