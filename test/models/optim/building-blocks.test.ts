import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as optim from "../../../models/optim/index.js";
import { leavesInputsUnchanged } from "../../../laws/arrays.js";
import { expectClose } from "../../helpers.js";

type Params = { readonly w: ArrayValue; readonly layers: readonly { readonly b: ArrayValue }[] };
const params: Params = { w: np.array([[1, 2], [3, 4]]), layers: [{ b: np.array([0.5, -0.5]) }] };
const grads: Params = { w: np.array([[3, 0], [0, -4]]), layers: [{ b: np.array([1, -2]) }] };

/** One update from the initial state. */
function firstUpdate<S extends optim.StateFamily>(t: optim.GradientTransformation<S>, g: Params = grads): Params {
  return t.update(g, t.init(params), params)[0];
}

describe("building blocks by their closed forms", () => {
  it("sgd steps against the gradient; momentum accumulates, Nesterov looks ahead", () => {
    expectClose(firstUpdate(optim.sgd({ learningRate: 0.1 })).w, [[-0.3, 0], [0, 0.4]]);
    const momentum = optim.trace({ decay: 0.5 });
    const [first, state] = momentum.update(grads, momentum.init(params));
    const [second] = momentum.update(grads, state);
    expectClose(first.layers[0]!.b, [1, -2]);
    expectClose(second.layers[0]!.b, [1.5, -3]); // g + 0.5 g
    const nesterov = optim.trace({ decay: 0.5, nesterov: true });
    expectClose(firstUpdate(nesterov).layers[0]!.b, [1.5, -3]); // g + 0.5 (g + 0.5 * 0)
  });

  it("adam's first step is -lr * g / (|g| + eps) after bias correction", () => {
    const [updates, state] = optim.adam({ learningRate: 0.1 }).update(grads, optim.adam({ learningRate: 0.1 }).init(params));
    expectClose(updates.layers[0]!.b, [-0.1, 0.1], { rtol: 1e-6 });
    expectClose(updates.w, [[-0.1, 0], [0, 0.1]], { rtol: 1e-6 });
    expect(state.scaleByAdam.count.item()).toBe(1);
    expect(state.scaleByAdam.count.dtype).toBe("int32");
    expectClose(state.scaleByAdam.mu.w, [[0.3, 0], [0, -0.4]], { rtol: 1e-6 });
    expectClose(state.scaleByAdam.nu.w, [[0.009, 0], [0, 0.016]], { rtol: 1e-5 });
  });

  it("clipByGlobalNorm rescales to the norm over all leaves, only when above it", () => {
    // |(3, 4)| over w and |(1, -2)| over b: the global norm is sqrt(9 + 16 + 1 + 4) = sqrt(30).
    const clipped = firstUpdate(optim.clipByGlobalNorm(1));
    expectClose(clipped.w, [[3 / Math.sqrt(30), 0], [0, -4 / Math.sqrt(30)]], { rtol: 1e-6 });
    expect(firstUpdate(optim.clipByGlobalNorm(6)).w.toArray()).toEqual([[3, 0], [0, -4]]);
  });

  it("clip, scale and addDecayedWeights", () => {
    expectClose(firstUpdate(optim.clip(2)).w, [[2, 0], [0, -2]]);
    expectClose(firstUpdate(optim.scale(-2)).layers[0]!.b, [-2, 4]);
    expectClose(firstUpdate(optim.addDecayedWeights(0.5)).w, [[3.5, 1], [1.5, -2]]);
  });

  it("adagrad's sum of squares starting at zero scales a zero gradient by 0, not by 1/sqrt(eps)", () => {
    const adagrad = optim.scaleByAdagrad({ initialAccumulatorValue: 0 });
    const zeroB: Params = { w: grads.w, layers: [{ b: np.array([0, 2]) }] };
    expectClose(adagrad.update(zeroB, adagrad.init(params))[0].layers[0]!.b, [0, 1], { rtol: 1e-6 });
  });

  it("learning rates and weight decays may be schedules of the step count kept in the state", () => {
    const halving = optim.exponentialDecay({ initValue: 1, transitionSteps: 1, decayRate: 0.5 });
    const sgd = optim.sgd({ learningRate: halving });
    let state = sgd.init(params);
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      const [updates, next] = sgd.update(grads, state);
      seen.push(updates.layers[0]!.b.toTypedArray()[0]!);
      state = next;
    }
    expect(seen).toEqual([-1, -0.5, -0.25]);
    expect(state.count.item()).toBe(3);
  });

  it("the step count saturates at the int32 maximum instead of wrapping", () => {
    const rate = optim.scaleByLearningRate(0.1);
    const [, next] = rate.update(grads, { count: np.array(2 ** 31 - 1, { dtype: "int32" }) });
    expect(next.count.item()).toBe(2 ** 31 - 1);
  });

  it("keeps each leaf's dtype (float64 params get float64 moments and updates)", () => {
    const wide = { w: np.array([1, 2], { dtype: "float64" }) };
    const adam = optim.adam({ learningRate: 0.1 });
    const state = adam.init(wide);
    expect(state.scaleByAdam.mu.w.dtype).toBe("float64");
    const [updates] = adam.update({ w: np.array([0.5, -1], { dtype: "float64" }) }, state);
    expect(updates.w.dtype).toBe("float64");
    expect(optim.applyUpdates(wide, updates).w.dtype).toBe("float64");
  });
});

describe("masks", () => {
  it("masked applies the inner transformation to the selected leaves only, and keeps no state for the others", () => {
    const frozen = optim.masked(optim.trace({ decay: 0.5 }), { w: false, layers: true });
    const state = frozen.init(params);
    expect(state.inner.momentum.w).toBeNull();
    const [first, next] = frozen.update(grads, state);
    const [second] = frozen.update(grads, next);
    expect(second.w).toBe(grads.w);
    expectClose(first.layers[0]!.b, [1, -2]);
    expectClose(second.layers[0]!.b, [1.5, -3]);
  });

  it("a mask may be a predicate of each leaf and its path", () => {
    const paths: string[] = [];
    const decay = optim.addDecayedWeights(1, { mask: (leaf, path) => (paths.push(path), leaf.ndim === 1) });
    const updates = firstUpdate(decay);
    expect(paths).toEqual([".layers[0].b", ".w"]);
    expect(updates.w).toBe(grads.w);
    expectClose(updates.layers[0]!.b, [1.5, -2.5]);
  });

  it("a mask that does not fit the tree is an error naming where", () => {
    const bad = optim.masked(optim.scale(2), { w: true, layer: true } as never);
    expect(() => bad.init(params)).toThrow(/masked: the mask does not match the tree at the root: expected a boolean or a record with keys \[layers, w\], got a record with keys \[layer, w\]/);
    const short = optim.masked(optim.scale(2), { w: true, layers: [] });
    expect(() => short.init(params)).toThrow(/at \.layers: expected a boolean or an array of length 1, got an array of length 0/);
    const deep = optim.masked(optim.scale(2), { w: { x: true }, layers: true } as never);
    expect(() => deep.init(params)).toThrow(/at \.w: the tree has a leaf there, the mask a record with keys \[x\]/);
    const notBoolean = optim.masked(optim.scale(2), () => 1 as unknown as boolean);
    expect(() => notBoolean.init(params)).toThrow(/the mask predicate must return a boolean, got number 1 for the leaf at \.layers\[0\]\.b/);
  });
});

describe("errors and purity", () => {
  it("rejects bad hyperparameters at construction, naming them", () => {
    expect(() => optim.scaleByAdam({ b1: 1 })).toThrow(/scaleByAdam: b1 must be in \[0, 1\), got 1/);
    expect(() => optim.clipByGlobalNorm(0)).toThrow(/clipByGlobalNorm: maxNorm must be positive, got 0/);
    expect(() => optim.scale(NaN)).toThrow(/scale: factor must be a finite number, got NaN/);
    expect(() => optim.scaleByLearningRate("0.1" as never)).toThrow(/learningRate must be a number or a schedule/);
    expect(() => optim.clip(-1)).toThrow(/clip: maxDelta must be non-negative, got -1/);
    expect(() => optim.scaleByAdagrad({ initialAccumulatorValue: -1 })).toThrow(/initialAccumulatorValue must be a non-negative finite number, got -1/);
  });

  it("weight decay needs the params", () => {
    const decay = optim.addDecayedWeights(0.1);
    expect(() => decay.update(grads, decay.init(params))).toThrow("tessera.update: addDecayedWeights (weight decay, as in adamw) needs the params: pass them as the third argument, update(grads, state, params)");
  });

  it("init and update never write their inputs", () => {
    const optimizers: optim.AnyTransformation[] = [
      optim.sgd({ learningRate: 0.1, momentum: 0.9 }),
      optim.adam({ learningRate: 0.1 }),
      optim.adamw({ learningRate: 0.1, mask: (leaf) => leaf.ndim > 1 }),
      optim.rmsprop({ learningRate: 0.1 }),
      optim.adagrad({ learningRate: 0.1 }),
      optim.chain(optim.clipByGlobalNorm(1), optim.clip(0.5), optim.masked(optim.scale(2), { w: true, layers: false })),
    ];
    for (const t of optimizers) {
      const state = t.init(params);
      expect(leavesInputsUnchanged((p: unknown) => t.init(p), [params] as const)).toEqual({ ok: true });
      expect(leavesInputsUnchanged((g: unknown, s: unknown, p: unknown) => t.update(g, s, p), [grads, state, params] as const)).toEqual({ ok: true });
      expect(leavesInputsUnchanged((p: Params, u: Params) => optim.applyUpdates(p, u), [params, grads] as const)).toEqual({ ok: true });
    }
  });
});
