import { concatAll } from "fp-ts/Monoid";
import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as optim from "../../../models/optim/index.js";
import { expectClose } from "../../helpers.js";

type Params = { readonly w: ArrayValue; readonly b: ArrayValue };
const params: Params = { w: np.array([[1, 2], [3, 4]]), b: np.array([0.5, -0.5]) };
const grads: Params = { w: np.array([[3, 0], [0, 4]]), b: np.array([0, 0]) };

describe("chain", () => {
  it("applies its parts in order", () => {
    const clipThenScale = optim.chain(optim.clip(1), optim.scale(2));
    const scaleThenClip = optim.chain(optim.scale(2), optim.clip(1));
    expectClose(clipThenScale.update(grads, clipThenScale.init(params))[0].w, [[2, 0], [0, 2]]);
    expectClose(scaleThenClip.update(grads, scaleThenClip.init(params))[0].w, [[1, 0], [0, 1]]);
  });

  it("keys its state by the parts' names, numbering repeats", () => {
    const optimizer = optim.chain(optim.clipByGlobalNorm(1), optim.trace({ decay: 0.9 }), optim.scale(2), optim.scale(3));
    const state = optimizer.init(params);
    expect(Object.keys(state).sort()).toEqual(["clipByGlobalNorm", "scale", "scale_1", "trace"]);
    expectClose(state.trace.momentum.w, [[0, 0], [0, 0]]);
  });

  it("keeps chains flat: nested chains are spliced, identity disappears, one part is itself", () => {
    const [a, b, c] = [optim.scale(2), optim.trace({ decay: 0.5 }), optim.clip(1)];
    expect(optim.chain(optim.chain(a, b), c).parts).toEqual([a, b, c]);
    expect(optim.chain(a, optim.chain(b, c)).parts).toEqual([a, b, c]);
    expect(optim.chain(optim.identity(), a, optim.identity())).toBe(a);
    expect(optim.chain(a)).toBe(a);
    expect(optim.chain().parts).toEqual([]);
    expect(optim.adam({ learningRate: 0.1 }).parts.map((p) => p.name)).toEqual(["scaleByAdam", "scaleByLearningRate"]);
  });

  it("identity returns the updates as they are, with an empty state", () => {
    const identity = optim.identity();
    const state = identity.init(params);
    expect(state).toEqual({});
    const [updates, next] = identity.update(grads, state);
    expect(updates.w).toBe(grads.w);
    expect(next).toEqual({});
  });

  it("is an fp-ts Monoid: concatAll chains a list, and the empty list is identity", () => {
    const parts = [optim.clipByGlobalNorm(1), optim.scaleByAdam(), optim.scaleByLearningRate(0.1)];
    const combined = concatAll(optim.chainMonoid)(parts) as optim.Chain<readonly optim.AnyTransformation[]>;
    expect(combined.parts).toEqual(parts);
    expect((concatAll(optim.chainMonoid)([]) as optim.Chain<[]>).parts).toEqual([]);
    const [viaMonoid] = combined.update(grads, combined.init(params), params);
    const [direct] = optim.chain(...parts).update(grads, optim.chain(...parts).init(params), params);
    expect((viaMonoid as Params).w.toArray()).toEqual(direct.w.toArray());
  });

  it("rejects what is not a transformation, and a state it did not make", () => {
    expect(() => optim.chain(optim.scale(1), {} as optim.AnyTransformation)).toThrow(/chain: argument 1 is not a gradient transformation/);
    const optimizer = optim.chain(optim.trace({ decay: 0.9 }), optim.scale(2));
    expect(() => optimizer.update(grads, { scale: {} } as never)).toThrow(/the state has no entry "trace" \(it has \[scale\]\)/);
  });

  it("refuses two parts whose state keys would collide", () => {
    const named = optim.defineTransformation<optim.ConstantStates<optim.EmptyState>, "scale_1">("scale_1", () => ({}), (g, s) => [g, s]);
    expect(() => optim.chain(optim.scale(1), optim.scale(2), named)).toThrow(/two parts would keep their state under the key "scale_1"/);
  });

  it("gives states types that follow the params (checked by tsc)", () => {
    const state = optim.chain(optim.clipByGlobalNorm(1), optim.adam({ learningRate: 0.1 })).init(params);
    const mu: Params = state.scaleByAdam.mu;
    const count: ArrayValue = state.scaleByLearningRate.count;
    // @ts-expect-error the moments have the params' type
    const wrong: number = state.scaleByAdam.nu;
    // @ts-expect-error no such part
    void state.trace;
    expect([mu.w.shape, count.dtype, typeof wrong]).toEqual([[2, 2], "int32", "object"]);
  });
});
