import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as random from "../../../core/random/index.js";
import { gradMatchesFiniteDifferences, vjpMatchesJvp } from "../../../laws/transforms.js";
import { lecunNormal, orthogonal } from "../../../models/init.js";
import { lstmCell, type LstmCarry, type LstmParams } from "../../../models/layers/lstm.js";
import { jit, vmap } from "../../../transforms/index.js";
import { expectClose } from "../../helpers.js";
import { carryOf, f64, paramsOf, recurrent } from "./recurrent-fixture.js";

const { inFeatures, hiddenFeatures } = recurrent as { inFeatures: number; hiddenFeatures: number };
const cell = lstmCell(inFeatures, hiddenFeatures, { dtype: "float64" });
const fixture = recurrent.lstmCell;
const params = paramsOf<LstmParams>(fixture.params);
const carry = carryOf(fixture.carry) as LstmCarry;
const x = f64(fixture.x);
const tight = { rtol: 1e-14, atol: 1e-15 };

describe("lstmCell", () => {
  it("params mirror flax.linen.LSTMCell's variables (names and shapes)", () => {
    const drawn = lstmCell(inFeatures, hiddenFeatures).init(random.key(0));
    const shapes = Object.fromEntries(Object.entries(drawn).map(([name, gate]) => [name, Object.fromEntries(Object.entries(gate as Record<string, ArrayValue>).map(([k, v]) => [k, v.shape]))]));
    const flax = recurrent.flaxShapes.lstm as Record<string, Record<string, number[]>>;
    expect(shapes).toEqual(Object.fromEntries(Object.entries(flax).map(([name, gate]) => [name, Object.fromEntries(Object.entries(gate).map(([k, v]) => [k === "kernel" ? "w" : "b", v]))])));
  });

  it("init: LeCun normal input kernels, orthogonal recurrent kernels, zero biases (no forget bias of 1, as Flax)", () => {
    const drawn = cell.init(random.key(7));
    const gateKeys = random.split(random.key(7), 8);
    const [igKey] = random.split(np.slice(gateKeys, 2));
    const [hfKey] = random.split(np.slice(gateKeys, 5));
    expect(drawn.ig.w.toArray()).toEqual(lecunNormal(igKey!, [inFeatures, hiddenFeatures], { dtype: "float64" }).toArray());
    expect(drawn.hf.w.toArray()).toEqual(orthogonal()(hfKey!, [hiddenFeatures, hiddenFeatures], { dtype: "float64" }).toArray());
    expect(drawn.hf.b.toArray()).toEqual([0, 0, 0, 0]);
  });

  it("initialCarry is the pair [c, h] of zeros", () => {
    const [c, h] = cell.initialCarry([3]);
    expect(c.shape).toEqual([3, hiddenFeatures]);
    expect(h.shape).toEqual([3, hiddenFeatures]);
    expect(np.any(np.notEqual(np.concatenate([c, h]), 0)).item()).toBe(false);
  });

  it("one step matches flax.linen.LSTMCell with the same params (float64, to 1e-10)", () => {
    const [[c, h], y] = cell.apply(params, carry, x);
    expectClose(c, fixture.newCarry[0].data, { rtol: 1e-10, atol: 1e-12 });
    expectClose(h, fixture.newCarry[1].data, { rtol: 1e-10, atol: 1e-12 });
    expectClose(y, fixture.y.data, { rtol: 1e-10, atol: 1e-12 });
  });

  it("gradients through both carry parts match finite differences; vjp agrees with jvp", () => {
    const loss = (hgW: ArrayValue, hgB: ArrayValue, ioW: ArrayValue, xs: ArrayValue, c: ArrayValue, h: ArrayValue) => {
      const [[nextC], y] = cell.apply({ ...params, hg: { w: hgW, b: hgB }, io: { w: ioW } }, [c, h], xs);
      return np.add(np.sum(np.square(y)), np.sum(np.sin(nextC)));
    };
    expect(gradMatchesFiniteDifferences(loss, [params.hg.w, params.hg.b, params.io.w, x, carry[0], carry[1]])).toEqual({ ok: true });
    const step = (xs: ArrayValue, c: ArrayValue, h: ArrayValue) => cell.apply(params, [c, h], xs);
    const normal = (seed: number, shape: number[]) => random.normal(random.key(seed), shape, { dtype: "float64" });
    expect(vjpMatchesJvp(step, [x, carry[0], carry[1]], [normal(1, [2, 3]), normal(2, [2, 4]), normal(3, [2, 4])], [normal(4, [2, 4]), normal(5, [2, 4]), normal(6, [2, 4])])).toEqual({ ok: true });
  });

  it("jit equals eager, and vmap over the batch equals the batched step", () => {
    const [[c], y] = cell.apply(params, carry, x);
    const [[jc], jy] = jit(cell.apply)(params, carry, x);
    expectClose(jc, c.toArray(), tight);
    expectClose(jy, y.toArray(), tight);
    const perExample = vmap((xi: ArrayValue, ci: ArrayValue, hi: ArrayValue) => cell.apply(params, [ci, hi], xi)[0][0], { inAxes: [0, 0, 0] })(x, carry[0], carry[1]);
    expectClose(perExample, c.toArray(), tight);
  });

  it("errors name the cell and the shapes", () => {
    expect(() => cell.apply(params, carry[0] as never, x)).toThrow(/lstmCell: carry must be the pair \[c, h\], got/);
    expect(() => cell.apply(params, [carry[0], np.zeros([2, 3], { dtype: "float64" })], x)).toThrow(/lstmCell: carry\[1\] \(h\) f64\[2,3\] must be \[2,4\] for input f64\[2,3\]/);
    expect(() => cell.apply({ ...params, if: undefined } as never, carry, x)).toThrow(/lstmCell: params\.if must be a projection record \{w\}, got undefined/);
  });
});
