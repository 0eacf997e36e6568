/**
 * B4's convolutional classifier in tessera, as a params record and a pure loss: conv 5x5 VALID
 * (NHWC input, HWIO kernel) + bias, ReLU, max-pool 2x2 stride 2, dense to the classes + bias.
 */
import { lax, nn, np, type ArrayValue } from "../../index.js";

/** A dense or conv layer's weights and bias. */
export interface Layer {
  readonly w: ArrayValue;
  readonly b: ArrayValue;
}

/** The conv net's parameters: `conv.w` is [kh, kw, in, out]; `dense.w` reads the pooled map flattened in HWC order. */
export interface ConvNetParams {
  readonly conv: Layer;
  readonly dense: Layer;
}

/** Class logits [batch, classes] for NHWC images `x`. */
export function convNetLogits(params: ConvNetParams, x: ArrayValue): ArrayValue {
  const features = nn.relu(lax.conv(x, params.conv.w).add(params.conv.b));
  const pooled = lax.maxPool(features, [2, 2], { strides: [2, 2] });
  const flat = pooled.reshape([pooled.shape[0]!, pooled.size / pooled.shape[0]!]);
  return np.matmul(flat, params.dense.w).add(params.dense.b);
}

/** Mean softmax cross-entropy against one-hot targets `y` [batch, classes]. */
export function convNetLoss(params: ConvNetParams, x: ArrayValue, y: ArrayValue): ArrayValue {
  return np.mean(np.sum(nn.logSoftmax(convNetLogits(params, x)).mul(y), { axis: -1 })).neg();
}
