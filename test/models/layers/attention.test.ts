/**
 * multiHeadAttention against flax.linen.MultiHeadDotProductAttention in float64 (fixture
 * layers_attention.json): self, cross, sizes, no bias, causal and padding masks, dropout, and
 * decoding with the key/value cache; then derivatives, jit and vmap.
 */
import { describe, expect, it } from "vitest";
import { ArrayValue } from "../../../core/ndarray.js";
import * as nn from "../../../core/nn.js";
import * as np from "../../../core/numpy/index.js";
import * as random from "../../../core/random/index.js";
import { jit, vmap } from "../../../transforms/index.js";
import { gradMatchesFiniteDifferences, vjpMatchesJvp } from "../../../laws/transforms.js";
import { residual } from "../../../models/module.js";
import { multiHeadAttention, rotaryEmbedding, type AttentionCache, type MultiHeadAttentionOptions, type MultiHeadAttentionParams } from "../../../models/layers/index.js";
import { expectClose, loadFixture } from "../../helpers.js";

interface Stored {
  shape: number[];
  dtype: "float64" | "bool" | "int32";
  data: (number | boolean)[];
}
const fromStored = (s: Stored): ArrayValue => np.array(s.data as number[], { shape: s.shape, dtype: s.dtype });
const paramsOf = (stored: Record<string, Record<string, Stored>>): MultiHeadAttentionParams =>
  Object.fromEntries(Object.entries(stored).map(([name, layer]) => [name, Object.fromEntries(Object.entries(layer).map(([k, v]) => [k, fromStored(v)]))])) as never;

interface AttentionCase {
  name: string;
  heads: number;
  options: MultiHeadAttentionOptions;
  params: Record<string, Record<string, Stored>>;
  query: Stored;
  keyValue?: Stored;
  mask?: Stored;
  paddingMask?: Stored;
  dropoutSeed?: number;
  output: Stored;
}
const fixture = loadFixture<{ attention: AttentionCase[]; decode: { params: Record<string, Record<string, Stored>>; steps: Stored; outputs: Stored; cachedKey: Stored; cachedValue: Stored; cacheIndex: number } }>("layers_attention");
const tight = { rtol: 1e-10, atol: 1e-12 };
const byName = (name: string) => fixture.attention.find((c) => c.name === name)!;

/** The layer and input of a fixture case; the causal case uses the causal option instead of Flax's explicit causal mask. */
function setUp(c: AttentionCase) {
  const query = fromStored(c.query);
  const layer = multiHeadAttention(c.heads, query.shape[query.ndim - 1]!, { ...c.options, dtype: "float64" });
  const input = c.name === "causal" ? query
    : c.name === "key padding" ? { query, keyValue: fromStored(c.keyValue!), paddingMask: fromStored(c.paddingMask!) }
    : c.keyValue === undefined && c.mask === undefined ? query
    : { query, ...(c.keyValue === undefined ? {} : { keyValue: fromStored(c.keyValue) }), ...(c.mask === undefined ? {} : { mask: fromStored(c.mask) }) };
  return { layer, params: paramsOf(c.params), input };
}

describe("multiHeadAttention against flax.linen.MultiHeadDotProductAttention", () => {
  for (const c of fixture.attention) {
    it(`${c.name}: same params, same outputs to 1e-10`, () => {
      const { layer, params, input } = setUp(c);
      const ctx = c.dropoutSeed === undefined ? undefined : { train: true, key: random.key(c.dropoutSeed) };
      expectClose(layer.apply(params, input, ctx), c.output.data, tight);
    });
  }

  it("the causal option equals Flax's nn.make_causal_mask passed as mask", () => {
    const c = byName("causal");
    const { layer, params, input } = setUp(c);
    const plain = multiHeadAttention(2, 8, { dtype: "float64" });
    expectClose(plain.apply(params, { query: input as ArrayValue, mask: fromStored(c.mask!) }), layer.apply(params, input).toArray() as number[], { rtol: 0, atol: 0 });
  });

  it("init draws Flax's shapes: kernels [in, heads, headDim] and [heads, headDim, out], LeCun normal over the fan-in, zero biases", () => {
    const layer = multiHeadAttention(3, 8, { qkvFeatures: 12, outFeatures: 6, contextFeatures: 5 });
    const p = layer.init(random.key(0));
    expect([p.query.w.shape, p.key.w.shape, p.value.w.shape, p.out.w.shape]).toEqual([[8, 3, 4], [5, 3, 4], [5, 3, 4], [3, 4, 6]]);
    expect([p.query.b!.shape, p.out.b!.shape]).toEqual([[3, 4], [6]]);
    expect(np.all(np.equal(p.out.b!, 0)).item()).toBe(true);
    // LeCun normal: standard deviation 1/sqrt(fanIn); fanIn is 8 for query and 12 for out.
    const big = multiHeadAttention(4, 64).init(random.key(1));
    expect(Number(np.std(big.query.w).item())).toBeCloseTo(1 / 8, 2);
    expect(Number(np.std(big.out.w).item())).toBeCloseTo(1 / 8, 2);
    expect(Object.keys(multiHeadAttention(2, 4, { bias: false }).init(random.key(0)).query)).toEqual(["w"]);
  });

  it("in inference mode dropout does nothing; in training it needs a key", () => {
    const c = byName("dropout");
    const { layer, params, input } = setUp(c);
    expectClose(layer.apply(params, input), setUp(byName("self")).layer.apply(params, input).toArray() as number[], { rtol: 0, atol: 0 });
    expect(() => layer.apply(params, input, { train: true })).toThrow(/multiHeadAttention: needs a PRNG key in training mode/);
  });
});

describe("multiHeadAttention decoding with the key/value cache", () => {
  const d = fixture.decode;
  const params = paramsOf(d.params);
  const steps = fromStored(d.steps);
  const [batch, length] = steps.shape as [number, number];
  const layer = multiHeadAttention(2, 8, { dtype: "float64" });
  const causal = multiHeadAttention(2, 8, { dtype: "float64", causal: true });

  const decodeAll = (decode: typeof layer.decode, chunks: readonly number[]): [ArrayValue, AttentionCache] => {
    let cache = layer.initCache(batch, length);
    const outputs: ArrayValue[] = [];
    let start = 0;
    for (const size of chunks) {
      const [y, next] = decode(params, steps.slice(null, [start, start + size]), cache);
      outputs.push(y);
      cache = next;
      start += size;
    }
    return [np.concatenate(outputs, { axis: 1 }), cache];
  };

  it("step by step equals Flax's decode=True outputs and cache", () => {
    const [outputs, cache] = decodeAll(layer.decode, Array(length).fill(1));
    expectClose(outputs, d.outputs.data, tight);
    expectClose(cache.key, d.cachedKey.data, tight);
    expectClose(cache.value, d.cachedValue.data, tight);
    expect(cache.index.item()).toBe(d.cacheIndex);
  });

  it("step by step, and in chunks (a prefill then steps), equals causal self-attention of the whole sequence to 1e-12", () => {
    const full = causal.apply(params, steps);
    expectClose(decodeAll(layer.decode, Array(length).fill(1))[0], full.toArray() as number[], { rtol: 1e-12, atol: 1e-12 });
    expectClose(decodeAll(layer.decode, [3, 1, 2])[0], full.toArray() as number[], { rtol: 1e-12, atol: 1e-12 });
  });

  it("jitted decode (one compiled step, traced index) equals eager decode", () => {
    const [eager] = decodeAll(layer.decode, Array(length).fill(1));
    const [jitted, cache] = decodeAll(jit(layer.decode), Array(length).fill(1));
    expectClose(jitted, eager.toArray() as number[], { rtol: 1e-12, atol: 1e-13 });
    expect(cache.index.dtype).toBe("int32");
  });

  it("with rotary embeddings, decoding equals full causal attention too (positions continue from the cache index)", () => {
    const rotary = multiHeadAttention(2, 8, { dtype: "float64", rotary: { base: 100 } });
    const rotaryCausal = multiHeadAttention(2, 8, { dtype: "float64", rotary: { base: 100 }, causal: true });
    expectClose(decodeAll(rotary.decode, [2, 1, 1, 2])[0], rotaryCausal.apply(params, steps).toArray() as number[], { rtol: 1e-12, atol: 1e-12 });
  });

  it("writing past maxLength or a cache of the wrong shape is an error", () => {
    const cache = layer.initCache(batch, 3);
    expect(() => layer.decode(params, steps.slice(null, [0, 4]), cache)).toThrow(/multiHeadAttention decode: x f64\[2,4,8\] has 4 steps, more than the cache's maxLength 3/);
    const [, later] = layer.decode(params, steps.slice(null, [0, 2]), cache);
    expect(() => layer.decode(params, steps.slice(null, [0, 2]), later)).toThrow(/writing 2 steps at position 2 runs past the cache's maxLength 3/);
    expect(() => layer.decode(params, steps, layer.initCache(1, 6))).toThrow(/cache.key f64\[1,6,2,4\] must be \[2,maxLength,2,4\]/);
  });
});

describe("multiHeadAttention with rotary embeddings", () => {
  it("rotates the projected queries and keys before the dot products", () => {
    const layer = multiHeadAttention(2, 8, { dtype: "float64", rotary: true, causal: true });
    const params = layer.init(random.key(3));
    const x = random.normal(random.key(4), [2, 5, 8], { dtype: "float64" });
    const project = (p: { w: ArrayValue; b?: ArrayValue }) => np.add(np.einsum("bld,dhk->blhk", x, p.w), p.b!);
    const positions = np.arange(5);
    const [q, k] = [rotaryEmbedding(project(params.query), positions), rotaryEmbedding(project(params.key), positions)];
    const logits = np.divide(np.einsum("bqhd,bkhd->bhqk", q, k), Math.sqrt(4));
    const weights = nn.softmax(np.where(np.tril(np.ones([5, 5], { dtype: "bool" })), logits, -Infinity));
    const mixed = np.einsum("bhqk,bkhd->bqhd", weights, project(params.value));
    const expected = np.add(np.einsum("blhk,hko->blo", mixed, params.out.w), params.out.b!);
    expectClose(layer.apply(params, x), expected.toArray() as number[], { rtol: 1e-12, atol: 1e-13 });
  });
});

describe("multiHeadAttention under transforms", () => {
  const layer = multiHeadAttention(2, 4, { dtype: "float64", causal: true, contextFeatures: 4 });
  const params = layer.init(random.key(5));
  const x = random.normal(random.key(6), [2, 3, 4], { dtype: "float64" });
  const context = random.normal(random.key(7), [2, 4, 4], { dtype: "float64" });

  it("the gradient in the input and the query kernel matches central finite differences (float64)", () => {
    const loss = (input: ArrayValue, w: ArrayValue) => np.sum(np.tanh(layer.apply({ ...params, query: { ...params.query, w } }, input)));
    expect(gradMatchesFiniteDifferences(loss as never, [x, params.query.w])).toEqual({ ok: true });
  });

  it("vjp agrees with jvp for cross-attention under a padding mask", () => {
    const paddingMask = np.array([[true, true, true, false], [true, false, false, false]]);
    const f = (q: ArrayValue, kv: ArrayValue) => layer.apply(params, { query: q, keyValue: kv, paddingMask });
    const tangents = [random.normal(random.key(8), x.shape, { dtype: "float64" }), random.normal(random.key(9), context.shape, { dtype: "float64" })];
    const cotangent = random.normal(random.key(10), [2, 3, 4], { dtype: "float64" });
    expect(vjpMatchesJvp(f as never, [x, context], tangents, [cotangent])).toEqual({ ok: true });
  });

  it("composes with the module combinators: residual(attention) is x + attention(x)", () => {
    const block = residual(layer);
    expectClose(block.apply({ block: params, shortcut: null }, x), np.add(x, layer.apply(params, x)).toArray() as number[], { rtol: 0, atol: 0 });
  });

  it("jit equals eager, and vmap over examples equals the batched call", () => {
    const direct = layer.apply(params, x);
    expectClose(jit(layer.apply)(params, x), direct.toArray() as number[], { rtol: 1e-12, atol: 1e-14 });
    expectClose(vmap((example: ArrayValue) => layer.apply(params, example))(x), direct.toArray() as number[], { rtol: 1e-12, atol: 1e-14 });
    const cross = (q: ArrayValue, kv: ArrayValue) => layer.apply(params, { query: q, keyValue: kv });
    expectClose(vmap(cross)(x, context), cross(x, context).toArray() as number[], { rtol: 1e-12, atol: 1e-14 });
  });
});

describe("multiHeadAttention misuse", () => {
  const layer = multiHeadAttention(2, 4);
  const params = layer.init(random.key(0));

  it("sizes and options are checked when the layer is made", () => {
    expect(() => multiHeadAttention(3, 4)).toThrow(/multiHeadAttention: qkvFeatures 4 must be divisible by heads 3/);
    expect(() => multiHeadAttention(2, 6, { rotary: true })).toThrow(/rotary embeddings need an even head size, got qkvFeatures 6 \/ heads 2 = 3/);
    expect(() => multiHeadAttention(2, 4, { dropout: 1 })).toThrow(/dropout must be a rate in \[0, 1\)/);
    expect(() => multiHeadAttention(2, 4, { causual: true } as never)).toThrow(/unknown option "causual" \(did you mean "causal"\?\)/);
  });

  it("inputs, masks and params of the wrong shape are errors naming the shapes", () => {
    expect(() => layer.apply(params, np.zeros([2, 3, 5]))).toThrow(/multiHeadAttention: query f32\[2,3,5\] must be \[batch\?, length, 4\]/);
    expect(() => layer.apply(params, { query: np.zeros([2, 3, 4]), keyValue: np.zeros([1, 3, 4]) })).toThrow(/keyValue f32\[1,3,4\] must be \[2, length, 4\]/);
    expect(() => layer.apply(params, { query: np.zeros([2, 3, 4]), mask: np.ones([3, 4], { dtype: "bool" }) })).toThrow(/mask bool\[3,4\] must broadcast to \[batch, heads, queryLength, keyLength\] = \[2,2,3,3\]/);
    expect(() => layer.apply(params, { query: np.zeros([2, 3, 4]), mask: np.ones([3, 3]) })).toThrow(/mask must be a bool array, got f32\[3,3\]/);
    expect(() => layer.apply(params, { query: np.zeros([2, 3, 4]), paddingMask: np.ones([2, 4], { dtype: "bool" }) })).toThrow(/paddingMask bool\[2,4\] must be \[2, 3\]/);
    expect(() => layer.apply(params, { query: np.zeros([2, 3, 4]), keyvalue: np.zeros([2, 3, 4]) } as never)).toThrow(/unknown input field "keyvalue" \(did you mean "keyValue"\?\)/);
    expect(() => layer.apply({ ...params, out: { w: np.zeros([4, 4]), b: params.out.b! } }, np.zeros([3, 4]))).toThrow(/params.out.w f32\[4,4\] must be \[2,2,4\]/);
    expect(() => layer.apply(params, np.zeros([3, 4]), { training: true } as never)).toThrow(/unknown option "training"/);
    expect(() => jit(layer.apply)(params, np.zeros([2, 3, 5]))).toThrow(/query f32\[2,3,5\]/);
  });
});
