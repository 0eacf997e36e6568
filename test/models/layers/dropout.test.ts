import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as random from "../../../core/random/index.js";
import { gradMatchesFiniteDifferences } from "../../../laws/transforms.js";
import { dense } from "../../../models/layers/dense.js";
import { dropout } from "../../../models/layers/dropout.js";
import { sequential } from "../../../models/module.js";
import { grad, jit, vmap } from "../../../transforms/index.js";
import { errorOf, expectClose, itHasCases } from "../../helpers.js";
import { arrayOf, fixture, type FixtureArray } from "./layers-norm-fixture.js";

interface Case {
  seed: number;
  key: FixtureArray;
  rate: number;
  broadcastDims: number[];
  x: FixtureArray;
  y: FixtureArray;
}

for (const dtype of ["float32", "float64"] as const) {
  describe(`dropout draws flax.linen.Dropout's mask for the same key (${dtype}: JAX with x64 ${dtype === "float32" ? "off" : "on"})`, () => {
    const cases = fixture.dropout[dtype] as Case[];
    itHasCases(cases, `dropout ${dtype}`);
    for (const c of cases) {
      it(`rate ${c.rate}, shape [${c.x.shape}], broadcastDims [${c.broadcastDims}]`, () => {
        const x = arrayOf(c.x);
        expect(x.dtype).toBe(dtype);
        const layer = dropout(c.rate, { broadcastDims: c.broadcastDims });
        const y = layer.apply(null, x, { train: true, key: arrayOf(c.key) });
        expect(y.dtype).toBe(dtype);
        expect(Array.from(y.toTypedArray())).toEqual(c.y.data); // exactly: same mask, same division
        expect(Array.from(jit((v: ArrayValue) => layer.apply(null, v, { train: true, key: arrayOf(c.key) }))(x).toTypedArray())).toEqual(c.y.data);
      });
    }
  });
}

describe("dropout", () => {
  const x = np.ones([200, 50]);

  it("keeps about 1 - rate of the entries, scaled by 1 / (1 - rate), so the mean is preserved", () => {
    const y = dropout(0.3).apply(null, x, { train: true, key: random.key(0) });
    const values = Array.from(y.toTypedArray());
    const kept = values.filter((v) => v !== 0);
    expect(new Set(kept.map((v) => v.toFixed(5)))).toEqual(new Set([(1 / 0.7).toFixed(5)]));
    // 10 000 draws: the kept fraction's standard deviation is sqrt(0.21 / 1e4) ≈ 0.0046
    expect(Math.abs(kept.length / values.length - 0.7)).toBeLessThan(0.02);
    expect(Math.abs(Number(np.mean(y).item()) - 1)).toBeLessThan(0.03);
  });

  it("is the identity in inference and at rate 0 (no key needed), zeros at rate 1, and deterministic given the key", () => {
    expect(dropout(0.5).apply(null, x)).toBe(x);
    expect(dropout(0).apply(null, x, { train: true })).toBe(x);
    expect(Array.from(dropout(1).apply(null, x, { train: true }).toTypedArray()).every((v) => v === 0)).toBe(true);
    const layer = dropout(0.5);
    const a = layer.apply(null, x, { train: true, key: random.key(3) });
    expect(layer.apply(null, x, { train: true, key: random.key(3) }).toArray()).toEqual(a.toArray());
    expect(layer.apply(null, x, { train: true, key: random.key(4) }).toArray()).not.toEqual(a.toArray());
    expect(layer.init(random.key(0))).toBeNull();
  });

  it("broadcastDims shares one mask value along the given axes", () => {
    const y = dropout(0.5, { broadcastDims: [0] }).apply(null, x, { train: true, key: random.key(1) });
    const rows = y.toArray() as number[][];
    expect(rows.every((row) => row.every((v, j) => v === rows[0]![j]))).toBe(true);
  });

  it("its gradient is the mask over 1 - rate; vmap over examples with one key each", () => {
    const layer = dropout(0.25);
    const key = random.key(5);
    const v = random.normal(random.key(6), [4, 3], { dtype: "float64" });
    const g = grad((u: ArrayValue) => np.sum(layer.apply(null, u, { train: true, key })))(v);
    const y = layer.apply(null, v, { train: true, key });
    expect(g.toArray()).toEqual((y.toArray() as number[][]).map((row) => row.map((entry) => (entry === 0 ? 0 : 1 / 0.75))));
    expect(gradMatchesFiniteDifferences((u: ArrayValue) => np.sum(np.square(layer.apply(null, u, { train: true, key }))), [v])).toEqual({ ok: true });
    const keys = random.split(random.key(7), 4);
    const perRow = vmap((row: ArrayValue, k: ArrayValue) => layer.apply(null, row, { train: true, key: k }))(v, keys);
    const byLoop = [0, 1, 2, 3].map((i) => layer.apply(null, np.slice(v, i), { train: true, key: np.slice(keys, i) }).toArray());
    expect(perRow.toArray()).toEqual(byLoop);
  });

  it("inside sequential, gets its key split from the network's", () => {
    const net = sequential(dense(4, 4), dropout(0.5));
    const params = net.init(random.key(0));
    const input = np.ones([2, 4]);
    expectClose(net.apply(params, input), dense(4, 4).apply(params[0], input).toArray(), { rtol: 0, atol: 0 });
    const trained = net.apply(params, input, { train: true, key: random.key(9) });
    const keys = random.split(random.key(9), 2);
    const expected = dropout(0.5).apply(null, dense(4, 4).apply(params[0], input), { train: true, key: np.slice(keys, 1) });
    expect(trained.toArray()).toEqual(expected.toArray());
  });

  it("rejects a missing key in training, bad rates, params and integer inputs with the layer's name", () => {
    expect(errorOf(() => dropout(0.5).apply(null, x, { train: true })).message).toMatch(/dropout: needs a PRNG key in training mode: call apply\(params, x, \{ train: true, key \}\)/);
    expect(errorOf(() => dropout(1.5)).message).toMatch(/dropout: rate must be a number in \[0, 1\] \(the probability of dropping an entry\), got 1.5/);
    expect(errorOf(() => dropout(Number.NaN)).message).toMatch(/dropout: rate must be a number in \[0, 1\]/);
    expect(errorOf(() => dropout(0.5).apply({} as never, x)).message).toMatch(/dropout: has no params: pass null/);
    expect(errorOf(() => dropout(0.5).apply(null, np.ones([2], { dtype: "int32" }), { train: true, key: random.key(0) })).message).toMatch(/dropout: input i32\[2\] must be a float array to be dropped out in training/);
    expect(errorOf(() => dropout(0.5, { broadcastDims: [2] }).apply(null, x, { train: true, key: random.key(0) })).message).toMatch(/dropout: axis 2 is out of range for an array of rank 2/);
    expect(errorOf(() => dropout(0.5, { broadcast: [0] } as never)).message).toMatch(/dropout: unknown option "broadcast"/);
    expect(errorOf(() => dropout(0.5).apply(null, x, { train: true, key: 7 } as never)).message).toMatch(/dropout/);
  });
});
