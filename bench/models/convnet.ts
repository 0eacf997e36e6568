/**
 * B4's convolutional classifier, built from `models.layers`: conv 5x5 VALID (NHWC input, HWIO
 * kernel) + bias, ReLU, max-pool 2x2 stride 2, flatten, dense to the classes + bias.
 */
import { models, nn, np, random, type ArrayValue } from "../../index.js";

/** The conv net's sizes: square `size` x `size` images with `inChannels` channels. */
export interface ConvNetConfig {
  readonly size: number;
  readonly inChannels: number;
  readonly kernel: number;
  readonly channels: number;
  readonly classes: number;
}

/** The conv net's parameters: `conv.w` is [kh, kw, in, out]; `dense.w` reads the pooled map flattened in HWC order. */
export interface ConvNetParams {
  readonly conv: models.layers.ConvParams;
  readonly dense: models.layers.DenseParams;
}

/** The conv net as a module: `apply(params, x)` gives class logits [batch, classes] for NHWC images `x`. */
export function convNet(config: ConvNetConfig): models.Module<ConvNetParams> {
  const conv = models.layers.conv2d(config.inChannels, config.channels, config.kernel, { padding: "VALID" });
  const pool = models.layers.maxPool([2, 2], { strides: 2 });
  const pooled = Math.floor((config.size - config.kernel + 1) / 2);
  const head = models.layers.dense(pooled * pooled * config.channels, config.classes);
  return {
    init(key) {
      const [convKey, denseKey] = random.split(key);
      return { conv: conv.init(convKey!), dense: head.init(denseKey!) };
    },
    apply: (params, x) => head.apply(params.dense, models.layers.flatten(pool(nn.relu(conv.apply(params.conv, x))))),
  };
}

/** Mean softmax cross-entropy of `net`'s logits against one-hot targets `y` [batch, classes]. */
export function convNetLoss(net: models.Module<ConvNetParams>, params: ConvNetParams, x: ArrayValue, y: ArrayValue): ArrayValue {
  return np.mean(np.sum(nn.logSoftmax(net.apply(params, x)).mul(y), { axis: -1 })).neg();
}
