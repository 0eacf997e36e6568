/**
 * The benchmark models (bench/models): the conv net against a float64 loop reference, and the
 * transformer's loss at init, causality, and jit(step) = step, on sizes small enough to run fast.
 */
import { describe, expect, it } from "vitest";
import { jit, nn, np, random, tree, valueAndGrad, type ArrayValue } from "../../index.js";
import { convNet, type ConvNetParams } from "../../bench/models/convnet.js";
import { initTransformer, toLayerParams, transformerLogits, transformerLoss, type LayerParams, type TransformerConfig, type TransformerParams } from "../../bench/models/transformer.js";
import { expectClose } from "../helpers.js";

/** Float64 values of a float32 array, row-major. */
function values(x: ArrayValue): number[] {
  return Array.from(x.toTypedArray(), Number);
}

describe("convNet", () => {
  it("equals a direct loop: VALID conv + bias, ReLU, 2x2 max-pool stride 2, HWC-flattened dense", () => {
    const [n, size, cin, k, cout, classes] = [2, 6, 2, 3, 3, 4];
    const keys = [...random.split(random.key(1), 5)];
    const x = random.normal(keys[0]!, [n, size, size, cin]);
    const p: ConvNetParams = {
      conv: { w: random.normal(keys[1]!, [k, k, cin, cout]), b: random.normal(keys[2]!, [cout]) },
      dense: { w: random.normal(keys[3]!, [2 * 2 * cout, classes]), b: random.normal(keys[4]!, [classes]) },
    };
    const [xs, ws, bs, dw, db] = [x, p.conv.w, p.conv.b!, p.dense.w, p.dense.b!].map(values) as [number[], number[], number[], number[], number[]];
    const expected: number[] = [];
    for (let b = 0; b < n; b++) {
      const conv = (i: number, j: number, o: number) => {
        let s = bs[o]!;
        for (let di = 0; di < k; di++) for (let dj = 0; dj < k; dj++) for (let c = 0; c < cin; c++) {
          s += xs[((b * size + i + di) * size + j + dj) * cin + c]! * ws[((di * k + dj) * cin + c) * cout + o]!;
        }
        return Math.max(s, 0);
      };
      const pooled: number[] = [];
      for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) for (let o = 0; o < cout; o++) {
        pooled.push(Math.max(conv(2 * i, 2 * j, o), conv(2 * i + 1, 2 * j, o), conv(2 * i, 2 * j + 1, o), conv(2 * i + 1, 2 * j + 1, o)));
      }
      for (let c = 0; c < classes; c++) expected.push(pooled.reduce((s, v, f) => s + v * dw[f * classes + c]!, db[c]!));
    }
    const net = convNet({ size, inChannels: cin, kernel: k, channels: cout, classes });
    expectClose(net.apply(p, x), expected, { rtol: 1e-5, atol: 1e-5 });
  });
});

describe("transformer", () => {
  const config: TransformerConfig = { vocab: 16, seq: 8, dModel: 16, heads: 2, layers: 2, mlpRatio: 4, epsilon: 1e-5 };
  const shared = initTransformer(random.key(0), config);
  const params = toLayerParams(config, shared);
  const tokens = random.randint(random.key(1), [3, config.seq], 0, config.vocab);
  const targets = np.astype(np.equal(np.expandDims(random.randint(random.key(2), [3, config.seq], 0, config.vocab), -1), np.arange(config.vocab)), "float32");
  const loss = (p: LayerParams) => transformerLoss(config, p, tokens, targets);

  it("starts near log(vocab): N(0, 0.02^2) weights give nearly uniform predictions", () => {
    // Logits have variance about dModel * 0.02^2 = 0.0064 after the final LayerNorm, adding about half that to log(vocab).
    expect(Math.abs(Number(loss(params).item()) - Math.log(config.vocab))).toBeLessThan(0.02);
  });

  it("the layers compute what the plain shared-layout model computes (dense q/k/v/out, additive causal bias)", () => {
    const { dModel, heads, seq } = config;
    const causalBias = np.where(np.tril(np.ones([seq, seq])).gt(0), 0, -1e9);
    const dense = (d: { w: ArrayValue; b: ArrayValue }, x: ArrayValue) => np.matmul(x, d.w).add(d.b);
    const norm = (n: { gain: ArrayValue; bias: ArrayValue }, x: ArrayValue) => nn.standardize(x, { epsilon: config.epsilon }).mul(n.gain).add(n.bias);
    const attention = (a: TransformerParams["blocks"][number]["attention"], x: ArrayValue) => {
      const split = (y: ArrayValue) => y.reshape([3, seq, heads, dModel / heads]).transpose([0, 2, 1, 3]);
      const scores = np.matmul(split(dense(a.query, x)), split(dense(a.key, x)).transpose([0, 1, 3, 2])).mul(1 / Math.sqrt(dModel / heads)).add(causalBias);
      return dense(a.out, np.matmul(nn.softmax(scores), split(dense(a.value, x))).transpose([0, 2, 1, 3]).reshape([3, seq, dModel]));
    };
    let x = np.take(shared.tokenEmbedding, tokens, { axis: 0 }).add(shared.positionEmbedding);
    for (const block of shared.blocks) {
      x = x.add(attention(block.attention, norm(block.norm1, x)));
      x = x.add(dense(block.mlp.down, nn.gelu(dense(block.mlp.up, norm(block.norm2, x)))));
    }
    expectClose(transformerLogits(config, params, tokens), dense(shared.head, norm(shared.finalNorm, x)).toArray(), { rtol: 1e-5, atol: 1e-6 });
  });

  it("is causal: changing the last token leaves the logits of earlier positions unchanged", () => {
    const changed = tokens.at(0, config.seq - 1).set(np.array((Number(tokens.slice(0, config.seq - 1).item()) + 1) % config.vocab, { dtype: "int32" }));
    const before = transformerLogits(config, params, tokens).slice(0, [0, config.seq - 1]);
    const after = transformerLogits(config, params, changed).slice(0, [0, config.seq - 1]);
    expectClose(after, before.toArray(), { rtol: 1e-6, atol: 1e-6 });
  });

  it("jit(step) equals step for one SGD step", () => {
    const step = (p: LayerParams): [LayerParams, ArrayValue] => {
      const [value, grads] = valueAndGrad(loss)(p);
      return [tree.map2((w: ArrayValue, g: ArrayValue) => w.sub(g.mul(0.01)))(p, grads) as LayerParams, value];
    };
    const [eagerParams, eagerLoss] = step(params);
    const [jitParams, jitLoss] = jit(step)(params);
    expectClose(jitLoss, eagerLoss.toArray(), { rtol: 1e-6 });
    tree.leaves(jitParams).forEach((leaf, i) => expectClose(leaf as ArrayValue, (tree.leaves(eagerParams)[i] as ArrayValue).toArray(), { rtol: 1e-5, atol: 1e-7 }));
  });
});
