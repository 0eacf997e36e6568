import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as random from "../../../core/random/index.js";
import { gradMatchesFiniteDifferences, vjpMatchesJvp } from "../../../laws/transforms.js";
import { glorotUniform } from "../../../models/init.js";
import { embedding } from "../../../models/layers/embedding.js";
import { grad, jit, vmap } from "../../../transforms/index.js";
import { errorOf, expectClose, itHasCases } from "../../helpers.js";
import { arrayOf, fixture, type FixtureArray } from "./layers-norm-fixture.js";

const embed = fixture.embed as {
  table: FixtureArray;
  ids: FixtureArray;
  lookup: FixtureArray;
  query: FixtureArray;
  attend: FixtureArray;
  init: { seed: number; key: FixtureArray; shape: [number, number]; dtype: "float32" | "float64"; table: FixtureArray }[];
};

describe("embedding agrees with flax.linen.Embed", () => {
  const layer = embedding(5, 3, { dtype: "float64" });
  const params = { table: arrayOf(embed.table) };

  it("apply gathers the rows of integer ids (negative ids from the end), [...ids.shape, features]", () => {
    const y = layer.apply(params, arrayOf(embed.ids));
    expect(y.shape).toEqual([3, 3, 3]);
    expectClose(y, embed.lookup.data, { rtol: 0, atol: 0 });
    expectClose(jit(layer.apply)(params, arrayOf(embed.ids)), embed.lookup.data, { rtol: 0, atol: 0 });
    expectClose(layer.apply(params, arrayOf(embed.ids).astype("uint32").reshape([9]).slice("0:3")), embed.lookup.data.slice(0, 9), { rtol: 0, atol: 0 });
  });

  it("attend is x times the table's transpose, [..., numEmbeddings]", () => {
    const y = layer.attend(params, arrayOf(embed.query));
    expect(y.shape).toEqual([2, 4, 5]);
    expectClose(y, embed.attend.data, { rtol: 1e-12, atol: 1e-14 });
  });

  itHasCases(embed.init, "embedding init");
  for (const c of embed.init) {
    it(`init draws what Flax's default embedding_init draws (key ${c.seed}, [${c.shape}], ${c.dtype}): N(0, 1 / features)`, () => {
      const table = embedding(c.shape[0], c.shape[1], { dtype: c.dtype }).init(arrayOf(c.key)).table;
      expect(table.dtype).toBe(c.dtype);
      // float32 draws are JAX's to the bit; float64 normals are JAX's to about 1e-14 (the tolerance random's own tests allow)
      if (c.dtype === "float32") expect(Array.from(table.toTypedArray())).toEqual(c.table.data);
      else expectClose(table, c.table.data, { rtol: 1e-13, atol: 0 });
    });
  }
});

describe("embedding", () => {
  const layer = embedding(6, 4, { dtype: "float64" });
  const params = layer.init(random.key(0));
  const ids = np.array([[1, 5, 1], [0, 2, 3]], { dtype: "int32" });

  it("takes a custom initializer, and the table's gradient scatters the rows' cotangents back (repeated ids add up)", () => {
    const custom = embedding(6, 4, { init: glorotUniform }).init(random.key(0)).table;
    expect(custom.toArray()).toEqual(glorotUniform(random.key(0), [6, 4]).toArray());
    const g = grad((table: ArrayValue) => np.sum(layer.apply({ table }, ids)))(params.table);
    expect((g.toArray() as number[][]).map((row) => row[0])).toEqual([1, 2, 1, 1, 0, 1]);
    const weights = random.normal(random.key(1), [2, 3, 4], { dtype: "float64" });
    expect(gradMatchesFiniteDifferences((table: ArrayValue) => np.sum(np.multiply(layer.apply({ table }, ids), weights)), [params.table])).toEqual({ ok: true });
    const query = random.normal(random.key(2), [3, 4], { dtype: "float64" });
    const attend = (q: ArrayValue, table: ArrayValue) => layer.attend({ table }, q);
    const tangents = [random.normal(random.key(3), [3, 4], { dtype: "float64" }), random.normal(random.key(4), [6, 4], { dtype: "float64" })];
    expect(vjpMatchesJvp(attend, [query, params.table], tangents, [random.normal(random.key(5), [3, 6], { dtype: "float64" })])).toEqual({ ok: true });
  });

  it("vmap over a batch of id sequences equals the batched lookup", () => {
    const batched = vmap((row: ArrayValue) => layer.apply(params, row))(ids);
    expect(batched.toArray()).toEqual(layer.apply(params, ids).toArray());
  });

  it("rejects float or bool ids, out-of-range ids, wrong tables and inputs with the layer's name", () => {
    expect(errorOf(() => layer.apply(params, np.array([1, 2], { dtype: "float32" }))).message).toMatch(/embedding: ids f32\[2\] must be an integer array \(int32 or uint32\)/);
    expect(errorOf(() => layer.apply(params, np.array([true]))).message).toMatch(/embedding: ids bool\[1\] must be an integer array/);
    expect(errorOf(() => layer.apply(params, np.array([0, 6], { dtype: "int32" }))).message).toMatch(/embedding: id 6 is out of range for a table of 6 rows \(ids i32\[2\]\); expected -6 <= id < 6/);
    expect(errorOf(() => layer.apply(params, np.array([-7], { dtype: "int32" }))).message).toMatch(/embedding: id -7 is out of range/);
    expect(errorOf(() => layer.apply({ table: np.zeros([4, 6]) }, ids)).message).toMatch(/embedding: params.table f32\[4,6\] must be \[6,4\] for this layer/);
    expect(errorOf(() => layer.apply({ w: params.table } as never, ids)).message).toMatch(/embedding: params.table must be an array/);
    expect(errorOf(() => layer.attend(params, np.zeros([2, 3]))).message).toMatch(/embedding: attend's input f32\[2,3\] must end with the layer's 4 features/);
    expect(errorOf(() => embedding(0, 4)).message).toMatch(/embedding: numEmbeddings must be a positive integer, got 0/);
    expect(errorOf(() => embedding(4, 4, { initializer: glorotUniform } as never)).message).toMatch(/embedding: unknown option "initializer"/);
  });
});
