import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as random from "../../../core/random/index.js";
import { gradMatchesFiniteDifferences, vjpMatchesJvp } from "../../../laws/transforms.js";
import { lecunNormal, orthogonal } from "../../../models/init.js";
import { gruCell, type GruParams } from "../../../models/layers/gru.js";
import { jit, vmap } from "../../../transforms/index.js";
import { expectClose } from "../../helpers.js";
import { carryOf, f64, paramsOf, recurrent } from "./recurrent-fixture.js";

const { inFeatures, hiddenFeatures } = recurrent as { inFeatures: number; hiddenFeatures: number };
const cell = gruCell(inFeatures, hiddenFeatures, { dtype: "float64" });
const fixture = recurrent.gruCell;
const params = paramsOf<GruParams>(fixture.params);
const h0 = carryOf(fixture.carry) as ArrayValue;
const x = f64(fixture.x);

/** Flax's variable names with kernel -> w and bias -> b. */
const renamed = (shapes: Record<string, Record<string, number[]>>) =>
  Object.fromEntries(Object.entries(shapes).map(([name, gate]) => [name, Object.fromEntries(Object.entries(gate).map(([k, v]) => [k === "kernel" ? "w" : "b", v]))]));

describe("gruCell", () => {
  it("params mirror flax.linen.GRUCell's variables (names and shapes)", () => {
    const drawn = gruCell(inFeatures, hiddenFeatures).init(random.key(0));
    const shapes = Object.fromEntries(Object.entries(drawn).map(([name, gate]) => [name, Object.fromEntries(Object.entries(gate as Record<string, ArrayValue>).map(([k, v]) => [k, v.shape]))]));
    expect(shapes).toEqual(renamed(recurrent.flaxShapes.gru));
  });

  it("init: LeCun normal input kernels, orthogonal recurrent kernels, zero biases, each gate from its own key", () => {
    const drawn = cell.init(random.key(3));
    const gateKeys = random.split(random.key(3), 6);
    const [irKey] = random.split(np.slice(gateKeys, 0));
    const [hzKey] = random.split(np.slice(gateKeys, 4));
    expect(drawn.ir.w.toArray()).toEqual(lecunNormal(irKey!, [inFeatures, hiddenFeatures], { dtype: "float64" }).toArray());
    expect(drawn.hz.w.toArray()).toEqual(orthogonal()(hzKey!, [hiddenFeatures, hiddenFeatures], { dtype: "float64" }).toArray());
    expectClose(np.matmul(np.transpose(drawn.hz.w), drawn.hz.w), np.eye(hiddenFeatures).toArray(), { rtol: 0, atol: 1e-14 });
    expect(drawn.hn.b.toArray()).toEqual([0, 0, 0, 0]);
    expect(drawn.ir.w.dtype).toBe("float64");
    expect(gruCell(2, 3).init(random.key(0)).hr.w.dtype).toBe("float32");
  });

  it("initialCarry is zeros of [...batchShape, hidden] in the cell's dtype (or the one asked for)", () => {
    const h = cell.initialCarry([2, 5]);
    expect(h.shape).toEqual([2, 5, hiddenFeatures]);
    expect(h.dtype).toBe("float64");
    expect(np.all(np.equal(h, 0)).item()).toBe(true);
    expect(gruCell(2, 3).initialCarry([], { dtype: "float64" }).dtype).toBe("float64");
  });

  it("one step matches flax.linen.GRUCell with the same params (float64, to 1e-10)", () => {
    const [next, y] = cell.apply(params, h0, x);
    expectClose(next, fixture.newCarry.data, { rtol: 1e-10, atol: 1e-12 });
    expectClose(y, fixture.y.data, { rtol: 1e-10, atol: 1e-12 });
  });

  it("gradients with respect to params, input and carry match finite differences; vjp agrees with jvp", () => {
    const loss = (irW: ArrayValue, hnW: ArrayValue, hnB: ArrayValue, xs: ArrayValue, h: ArrayValue) => {
      const [, y] = cell.apply({ ...params, ir: { ...params.ir, w: irW }, hn: { w: hnW, b: hnB } }, h, xs);
      return np.sum(np.multiply(y, np.arange(1, 9, 1, { dtype: "float64" }).reshape([2, 4])));
    };
    const args = [params.ir.w, params.hn.w, params.hn.b, x, h0];
    expect(gradMatchesFiniteDifferences(loss, args)).toEqual({ ok: true });
    const step = (irW: ArrayValue, xs: ArrayValue, h: ArrayValue) => cell.apply({ ...params, ir: { ...params.ir, w: irW } }, h, xs)[1];
    const tangents = [random.normal(random.key(1), [3, 4], { dtype: "float64" }), random.normal(random.key(2), [2, 3], { dtype: "float64" }), random.normal(random.key(3), [2, 4], { dtype: "float64" })];
    expect(vjpMatchesJvp(step, [params.ir.w, x, h0], tangents, [random.normal(random.key(4), [2, 4], { dtype: "float64" })])).toEqual({ ok: true });
  });

  it("jit equals eager, and vmap over the batch equals the batched step", () => {
    const [eager] = cell.apply(params, h0, x);
    expectClose(jit(cell.apply)(params, h0, x)[0], eager.toArray(), { rtol: 1e-14, atol: 1e-15 });
    const perExample = vmap((xi: ArrayValue, hi: ArrayValue) => cell.apply(params, hi, xi)[1], { inAxes: [0, 0] })(x, h0);
    expectClose(perExample, eager.toArray(), { rtol: 1e-14, atol: 1e-15 });
    // One example without a batch axis.
    expectClose(cell.apply(params, np.slice(h0, 1), np.slice(x, 1))[1], np.slice(eager, 1).toArray(), { rtol: 1e-14, atol: 1e-15 });
  });

  it("errors name the cell, the shapes received and the shapes expected", () => {
    expect(() => cell.apply(params, h0, np.zeros([2, 5], { dtype: "float64" }))).toThrow(/gruCell: input f64\[2,5\] must be \[\.\.\.batch, 3\]/);
    expect(() => cell.apply(params, np.zeros([3, 4], { dtype: "float64" }), x)).toThrow(/gruCell: carry f64\[3,4\] must be \[2,4\] for input f64\[2,3\]/);
    expect(() => cell.apply({ ...params, hn: { w: params.hn.w } } as never, h0, x)).toThrow(/gruCell: params\.hn\.b must be an array/);
    expect(() => cell.apply({ ...params, hr: { w: np.zeros([3, 4]) } }, h0, x)).toThrow(/gruCell: params\.hr\.w f32\[3,4\] must be \[4,4\]/);
    expect(() => cell.apply(null as never, h0, x)).toThrow(/gruCell: params must be a GruParams record \{ir, iz, in, hr, hz, hn\}, got null/);
    expect(() => gruCell(3, 0)).toThrow(/gruCell: hiddenFeatures must be a positive integer, got 0/);
    expect(() => gruCell(3, 4, { dtyp: "float64" } as never)).toThrow(/gruCell.*dtyp/);
    expect(() => cell.initialCarry([2, -1])).toThrow(/gruCell: batchShape must be a list of non-negative integers/);
  });
});
