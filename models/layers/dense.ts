/**
 * The dense layer and the multilayer perceptron, as modules (models/module.ts). Sizes, activation
 * and initializers live in the closure, never in params. `apply` works on one example [in] or a
 * batch [..., in] alike.
 */
import { describe, fail } from "../../core/errors.js";
import type { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import * as random from "../../core/random/index.js";
import { bool, checkFunction, describeValue, func, oneOf, readOptions } from "../../core/validate.js";
import { checkArray, checkModelKey, checkRecord, checkSize } from "../checks.js";
import { lecunNormal, zerosInit, type Initializer } from "../init.js";
import { readContext, type Module } from "../module.js";

/** The params of a dense layer: weights w [in, out] and, unless disabled, bias b [out]. */
export interface DenseParams {
  readonly w: ArrayValue;
  readonly b?: ArrayValue;
}

/** Options of dense: the weight and bias initializers (LeCun normal and zeros, flax's defaults), whether to add a bias, the dtype. */
export interface DenseOptions {
  readonly init?: Initializer;
  readonly biasInit?: Initializer;
  readonly bias?: boolean;
  readonly dtype?: random.FloatDType;
}

/** An elementwise activation such as nn.relu or np.tanh. */
export type Activation = (x: ArrayValue) => ArrayValue;

/** The options of dense (and of mlp besides finalActivation). */
const denseSpec = { init: func, biasInit: func, bias: bool, dtype: oneOf<random.FloatDType>(["float32", "float64"]) };

/** A fully connected layer y = x w + b from inSize features to outSize. */
export function dense(inSize: number, outSize: number, denseOptions?: DenseOptions): Module<DenseParams> {
  checkSize("dense", "inSize", inSize);
  checkSize("dense", "outSize", outSize);
  const options = readOptions("dense", denseOptions, denseSpec) as DenseOptions;
  const init = options.init ?? lecunNormal;
  const biasInit = options.biasInit ?? zerosInit;
  const dtype = options.dtype ?? "float32";
  const withBias = options.bias ?? true;
  return {
    init(key) {
      checkModelKey("dense", key);
      const [weightKey, biasKey] = random.split(key);
      const w = init(weightKey!, [inSize, outSize], { dtype });
      return withBias ? { w, b: biasInit(biasKey!, [outSize], { dtype }) } : { w };
    },
    apply(params, x, ctx) {
      readContext("dense", ctx);
      checkRecord("dense", "params", params, withBias ? ["w", "b"] : ["w"], "DenseParams");
      if (params.w.ndim !== 2 || params.w.shape[0] !== inSize || params.w.shape[1] !== outSize) {
        fail("dense", `params.w ${describe(params.w)} must be [${inSize},${outSize}] for this layer`);
      }
      checkArray("dense", "x", x);
      if (x.ndim === 0 || x.shape[x.ndim - 1] !== inSize) fail("dense", `input ${describe(x)} must end with the layer's ${inSize} input features`);
      const y = np.matmul(x, params.w);
      return params.b === undefined ? y : np.add(y, params.b);
    },
  };
}

/** Options of mlp: the dense layers' options, and an activation after the last layer (none by default: outputs are logits). */
export interface MlpOptions extends DenseOptions {
  readonly finalActivation?: Activation;
}

/**
 * A multilayer perceptron through `sizes` (`[in, ...hidden, out]`): dense layers with `activation`
 * between them. Its params are an array of dense params, one per layer.
 */
export function mlp(sizes: readonly number[], activation: Activation, mlpOptions?: MlpOptions): Module<DenseParams[]> {
  if (!Array.isArray(sizes) || sizes.length < 2) fail("mlp", `sizes must list at least the input and output sizes, got ${describeValue(sizes)}`);
  checkFunction("mlp", activation, "activation");
  const { finalActivation, ...denseOptions } = readOptions("mlp", mlpOptions, { ...denseSpec, finalActivation: func }) as MlpOptions;
  const layers = sizes.slice(1).map((size, i) => dense(sizes[i]!, size, denseOptions));
  return {
    init(key) {
      checkModelKey("mlp", key);
      const keys = random.split(key, layers.length);
      return layers.map((layer, i) => layer.init(np.slice(keys, i)));
    },
    apply(params, x, ctx) {
      readContext("mlp", ctx);
      if (!Array.isArray(params) || params.length !== layers.length) {
        fail("mlp", `params must be an array of ${layers.length} dense params, got ${Array.isArray(params) ? `an array of ${params.length}` : describeValue(params)}`);
      }
      return layers.reduce((h, layer, i) => {
        const out = layer.apply(params[i]!, h);
        if (i < layers.length - 1) return activation(out);
        return finalActivation === undefined ? out : finalActivation(out);
      }, x);
    },
  };
}
