import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as random from "../../../core/random/index.js";
import { gradMatchesFiniteDifferences, vjpMatchesJvp } from "../../../laws/transforms.js";
import { gruCell, type GruParams } from "../../../models/layers/gru.js";
import { lstmCell, type LstmCarry, type LstmParams } from "../../../models/layers/lstm.js";
import { bidirectional, rnn } from "../../../models/layers/rnn.js";
import type { RecurrentCell } from "../../../models/layers/recurrent-cell.js";
import { fit } from "../../../models/fit.js";
import { dense } from "../../../models/layers/dense.js";
import { meanSquaredError } from "../../../models/losses.js";
import { sequential } from "../../../models/module.js";
import { adam } from "../../../models/optim/index.js";
import { silentReporter } from "../../../models/reporter.js";
import { grad, jit, vmap } from "../../../transforms/index.js";
import { expectClose, itHasCases } from "../../helpers.js";
import { carryOf, f64, paramsOf, recurrent, type FixtureArray } from "./recurrent-fixture.js";

const { inFeatures, hiddenFeatures } = recurrent as { inFeatures: number; hiddenFeatures: number };
const cells = {
  gru: { cell: gruCell(inFeatures, hiddenFeatures, { dtype: "float64" }), params: paramsOf<GruParams>(recurrent.gruCell.params) },
  lstm: { cell: lstmCell(inFeatures, hiddenFeatures, { dtype: "float64" }), params: paramsOf<LstmParams>(recurrent.lstmCell.params) },
} as const;
type AnyCell = RecurrentCell<unknown, unknown>;
const ofFlax = { rtol: 1e-10, atol: 1e-12 };
const tight = { rtol: 1e-13, atol: 1e-14 };

interface RnnCase {
  readonly cell: keyof typeof cells;
  readonly options: { reverse?: boolean; keepOrder?: boolean; returnCarry?: boolean };
  readonly x: FixtureArray;
  readonly y: FixtureArray;
  readonly initialCarry?: unknown;
  readonly seqLengths?: number[];
  readonly carry?: unknown;
}

/** Every array leaf of a carry, flattened in order. */
const carryLeaves = (carry: unknown): ArrayValue[] => (Array.isArray(carry) ? carry.flatMap(carryLeaves) : [carry as ArrayValue]);

describe("rnn matches flax.linen.RNN (float64, to 1e-10)", () => {
  const cases = recurrent.rnn as RnnCase[];
  itHasCases(cases, "rnn");
  for (const c of cases) {
    const given = `${c.initialCarry === undefined ? "" : " from a given carry"}${c.seqLengths === undefined ? "" : ` with seqLengths ${JSON.stringify(c.seqLengths)}`}`;
    it(`${c.cell} over ${JSON.stringify(c.x.shape)} ${JSON.stringify(c.options)}${given}`, () => {
      const { cell, params } = cells[c.cell];
      const x = f64(c.x);
      if (c.options.returnCarry === true) {
        const layer = rnn(cell as AnyCell, { ...c.options, returnCarry: true });
        const input = {
          x,
          ...(c.initialCarry === undefined ? {} : { carry: carryOf(c.initialCarry) }),
          ...(c.seqLengths === undefined ? {} : { seqLengths: np.array(c.seqLengths, { dtype: "int32" }) }),
        };
        const [final, y] = layer.apply(params, input);
        expectClose(y, c.y.data, ofFlax);
        const expected = carryLeaves(carryOf(c.carry));
        carryLeaves(final).forEach((leaf, i) => expectClose(leaf, expected[i]!.toArray(), ofFlax));
      } else {
        expectClose(rnn(cell as AnyCell, { ...c.options, returnCarry: false }).apply(params, x), c.y.data, ofFlax);
      }
    });
  }
});

describe("rnn", () => {
  const { cell, params } = cells.lstm;
  const x = random.normal(random.key(1), [2, 5, inFeatures], { dtype: "float64" });

  it("equals the cell stepped by hand; reverse without keepOrder returns the steps in processing order", () => {
    let carry: LstmCarry = cell.initialCarry([2]);
    const ys: ArrayValue[] = [];
    for (let t = 4; t >= 0; t--) {
      const [next, y] = cell.apply(params, carry, np.take(x, t, { axis: 1 }));
      carry = next;
      ys.push(y);
    }
    const byHand = np.stack(ys, { axis: 1 });
    expectClose(rnn(cell, { reverse: true }).apply(params, x), byHand.toArray(), tight);
    expectClose(rnn(cell, { reverse: true, keepOrder: true }).apply(params, x), np.flip(byHand, 1).toArray(), tight);
    const [final] = rnn(cell, { reverse: true, returnCarry: true }).apply(params, x);
    expectClose(final[1], carry[1].toArray(), tight);
  });

  it("more batch axes, and init is the cell's init", () => {
    const layer = rnn(cell);
    expect(layer.apply(params, np.reshape(np.concatenate([x, x]), [2, 2, 5, inFeatures])).shape).toEqual([2, 2, 5, hiddenFeatures]);
    expect(layer.init(random.key(4)).hi.w.toArray()).toEqual(cell.init(random.key(4)).hi.w.toArray());
  });

  it("the gradient through the scan matches finite differences (params, input and initial carry); vjp agrees with jvp", () => {
    const gru = cells.gru;
    const layer = rnn(gru.cell, { returnCarry: true });
    const xs = random.normal(random.key(2), [2, 4, inFeatures], { dtype: "float64" });
    const h0 = random.normal(random.key(3), [2, hiddenFeatures], { dtype: "float64" });
    const loss = (hzW: ArrayValue, inB: ArrayValue, seq: ArrayValue, h: ArrayValue) => {
      const [final, y] = layer.apply({ ...gru.params, hz: { w: hzW }, in: { ...gru.params.in, b: inB } }, { x: seq, carry: h });
      return np.add(np.sum(np.sin(y)), np.sum(np.square(final)));
    };
    expect(gradMatchesFiniteDifferences(loss, [gru.params.hz.w, gru.params.in.b, xs, h0])).toEqual({ ok: true });
    const outputs = (seq: ArrayValue, h: ArrayValue) => layer.apply(gru.params, { x: seq, carry: h });
    const normal = (seed: number, shape: number[]) => random.normal(random.key(seed), shape, { dtype: "float64" });
    expect(vjpMatchesJvp(outputs, [xs, h0], [normal(5, [2, 4, 3]), normal(6, [2, 4])], [normal(7, [2, 4]), normal(8, [2, 4, 4])])).toEqual({ ok: true });
  });

  it("jit equals eager; vmap over the batch axis equals the batched run; grad runs under jit", () => {
    const layer = rnn(cell, { reverse: true });
    const eager = layer.apply(params, x);
    expectClose(jit(layer.apply)(params, x), eager.toArray(), tight);
    expectClose(vmap((seq: ArrayValue) => layer.apply(params, seq), { inAxes: [0] })(x), eager.toArray(), tight);
    const target = np.zerosLike(eager);
    const loss = (p: LstmParams) => meanSquaredError(layer.apply(p, x), target);
    const g = grad(loss)(params);
    expectClose(jit(grad(loss))(params).hg.w, g.hg.w.toArray(), tight);
  });

  it("with seqLengths: jit (lengths traced) equals eager, vmap over the batch equals the batched run, grad matches finite differences", () => {
    const layer = rnn(cell, { reverse: true, returnCarry: true });
    const lengths = np.array([2, 5], { dtype: "int32" });
    const [[eagerC], eagerY] = layer.apply(params, { x, seqLengths: lengths });
    const [[jitC], jitY] = jit(layer.apply)(params, { x, seqLengths: lengths });
    expectClose(jitC, eagerC.toArray(), tight);
    expectClose(jitY, eagerY.toArray(), tight);
    const perExample = vmap((seq: ArrayValue, n: ArrayValue) => layer.apply(params, { x: seq, seqLengths: n })[0][0], { inAxes: [0, 0] })(x, lengths);
    expectClose(perExample, eagerC.toArray(), tight);
    const loss = (hoB: ArrayValue, seq: ArrayValue) => {
      const [[c], y] = layer.apply({ ...params, ho: { ...params.ho, b: hoB } }, { x: seq, seqLengths: lengths });
      return np.add(np.sum(np.cos(y)), np.sum(c));
    };
    expect(gradMatchesFiniteDifferences(loss, [params.ho.b, x])).toEqual({ ok: true });
  });

  it("a float32 input with float64 params computes (and carries) in float64, as the promotion says", () => {
    expect(rnn(cell).apply(params, np.astype(x, "float32")).dtype).toBe("float64");
    expect(rnn(gruCell(3, 2)).apply(gruCell(3, 2).init(random.key(0)), np.ones([1, 2, 3])).dtype).toBe("float32");
  });

  it("errors name the layer, the shapes and what was expected", () => {
    const layer = rnn(cell);
    expect(() => layer.apply(params, np.ones([5], { dtype: "float64" }))).toThrow(/rnn: input f64\[5\] must be \[\.\.\.batch, time, features\]/);
    expect(() => layer.apply(params, { x, carry: cell.initialCarry([3]) })).toThrow(/rnn: the initial carry \(f64\[3,4\], f64\[3,4\]\) must match the cell's carry for input f64\[2,5,3\]: \(f64\[2,4\], f64\[2,4\]\)/);
    expect(() => layer.apply(params, { sequence: x } as never)).toThrow(/rnn: input must be a sequence array \[\.\.\.batch, time, features\] or a record \{ x, carry\?, seqLengths\? \}/);
    expect(() => layer.apply(params, np.ones([2, 5, 4], { dtype: "float64" }))).toThrow(/lstmCell: input f64\[2,4\] must be \[\.\.\.batch, 3\]/);
    expect(() => layer.apply(params, x, { trian: true } as never)).toThrow(/rnn.*trian/);
    expect(() => layer.apply(params, { x, seqLengths: np.array([3, 5, 5], { dtype: "int32" }) })).toThrow(/rnn: seqLengths i32\[3\] must be integers of the input's batch shape \[2\] \(input f64\[2,5,3\]\)/);
    expect(() => layer.apply(params, { x, seqLengths: np.array([3, 5]) })).toThrow(/rnn: seqLengths f32\[2\] must be integers/);
    expect(() => layer.apply(params, { x, carr: cell.initialCarry([2]) } as never)).toThrow(/rnn.*carr/);
    expect(() => rnn(cell, { keepOrder: true })).toThrow(/rnn: keepOrder only applies with reverse: true/);
    expect(() => rnn({ init: () => null } as never)).toThrow(/rnn: cell must be a recurrent cell \(\{ init, initialCarry, apply \}/);
    expect(() => rnn(cell, { revers: true } as never)).toThrow(/rnn.*revers/);
  });
});

describe("rnn in a network", () => {
  it("a GRU with a dense head on its final carry learns a sequence's mean (sequential, fit, adam)", () => {
    const [dataKey, initKey] = random.split(random.key(0));
    const x = random.normal(dataKey!, [64, 10, 1]);
    const y = np.reshape(np.mean(x, { axis: [1, 2] }), [64, 1]);
    const net = sequential(rnn(gruCell(1, 8), { returnCarry: true }), ([carry]: [ArrayValue, ArrayValue]) => carry, dense(8, 1));
    const { history } = fit({
      loss: (p: ReturnType<typeof net.init>, batch: { x: ArrayValue; y: ArrayValue }) => meanSquaredError(net.apply(p, batch.x), batch.y),
      params: net.init(initKey!),
      optimizer: adam({ learningRate: 0.03 }),
      data: { x, y },
      steps: 150,
      reporter: silentReporter,
    });
    expect(history.loss[0]!).toBeGreaterThan(0.05);
    expect(history.loss[149]!).toBeLessThan(1e-3);
  });
});

describe("bidirectional matches flax.linen.Bidirectional", () => {
  const fixture = recurrent.bidirectional;
  const forward = cells.gru.cell;
  const backward = lstmCell(inFeatures, fixture.backwardHidden as number, { dtype: "float64" });
  const params = { forward: paramsOf<GruParams>(fixture.forward), backward: paramsOf<LstmParams>(fixture.backward) };
  const x = f64(fixture.x);

  it("outputs concatenated [forward, backward in the inputs' order] and both final carries (float64, to 1e-10)", () => {
    const layer = bidirectional(forward, backward, { returnCarry: true });
    const [[forwardCarry, [c, h]], y] = layer.apply(params, x);
    expect(y.shape).toEqual([2, 5, hiddenFeatures + (fixture.backwardHidden as number)]);
    expectClose(y, fixture.y.data, ofFlax);
    const expected = fixture.carry as [FixtureArray, [FixtureArray, FixtureArray]];
    expectClose(forwardCarry, expected[0].data, ofFlax);
    expectClose(c, expected[1][0].data, ofFlax);
    expectClose(h, expected[1][1].data, ofFlax);
    expectClose(bidirectional(forward, backward).apply(params, x), fixture.y.data, ofFlax);
  });

  it("with seqLengths, as Flax: the backward pass reverses each sequence's valid steps; carries after the last valid step", () => {
    const padded = fixture.padded;
    const layer = bidirectional(forward, backward, { returnCarry: true });
    const [[forwardCarry, [c, h]], y] = layer.apply(params, { x, seqLengths: np.array(padded.seqLengths, { dtype: "int32" }) });
    expectClose(y, padded.y.data, ofFlax);
    const expected = padded.carry as [FixtureArray, [FixtureArray, FixtureArray]];
    expectClose(forwardCarry, expected[0].data, ofFlax);
    expectClose(c, expected[1][0].data, ofFlax);
    expectClose(h, expected[1][1].data, ofFlax);
  });

  it("is the forward rnn and the reversed, order-kept backward rnn side by side; takes both initial carries", () => {
    const h0 = random.normal(random.key(9), [2, hiddenFeatures], { dtype: "float64" });
    const c0: LstmCarry = [np.onesLike(np.zeros([2, 2], { dtype: "float64" })), np.zeros([2, 2], { dtype: "float64" })];
    const both = bidirectional(forward, backward).apply(params, { x, carry: [h0, c0] });
    const ahead = rnn(forward).apply(params.forward, { x, carry: h0 });
    const behind = rnn(backward, { reverse: true, keepOrder: true }).apply(params.backward, { x, carry: c0 });
    expectClose(both, np.concatenate([ahead, behind], { axis: -1 }).toArray(), tight);
    expectClose(jit(bidirectional(forward, backward).apply)(params, x), bidirectional(forward, backward).apply(params, x).toArray(), tight);
  });

  it("init splits the key between the two cells; errors name the layer", () => {
    const drawn = bidirectional(forward, backward).init(random.key(2));
    const [forwardKey, backwardKey] = random.split(random.key(2));
    expect(drawn.forward.hr.w.toArray()).toEqual(forward.init(forwardKey!).hr.w.toArray());
    expect(drawn.backward.ii.w.toArray()).toEqual(backward.init(backwardKey!).ii.w.toArray());
    expect(() => bidirectional(forward, backward).apply({ forward: params.forward } as never, x)).toThrow(/bidirectional: params must be a \{ forward, backward \} record/);
    expect(() => bidirectional(forward, backward).apply(params, { x, carry: np.zeros([2, 4]) } as never)).toThrow(/bidirectional: the initial carry must be the pair \[forwardCarry, backwardCarry\]/);
    expect(() => bidirectional(forward, "gru" as never)).toThrow(/bidirectional: backward must be a recurrent cell/);
  });
});
