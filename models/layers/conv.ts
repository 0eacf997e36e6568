/**
 * Convolution layers over channels-last inputs (NWC for conv1d, NHWC for conv2d) with HWIO
 * kernels, as flax.linen.Conv: same defaults ("SAME" padding, stride 1, bias on, LeCun normal
 * kernel, zero bias), the same options (strides, padding, kernel and input dilation, feature
 * groups) and the same handling of batch axes (none, one, or several, flattened for the
 * convolution and restored after it). The convolution itself is lax.convGeneralDilated.
 */
import { describe, fail } from "../../core/errors.js";
import { convGeneralDilated } from "../../core/lax/contract.js";
import type { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import { cast, resultDtype } from "../../core/numpy/promote.js";
import type { WindowPadding } from "../../core/primitives.js";
import * as random from "../../core/random/index.js";
import { bool, describeValue, either, func, integer, listOf, oneOf, readOptions, refine, type OptionCheck } from "../../core/validate.js";
import { checkArray, checkModelKey, checkRecord, checkSize } from "../checks.js";
import { lecunNormal, zerosInit, type Initializer } from "../init.js";
import { readContext, type Module } from "../module.js";

/** The params of a convolution layer: kernel w [...kernelSize, inChannels / groups, outChannels] (HWIO) and, unless disabled, bias b [outChannels]. */
export interface ConvParams {
  readonly w: ArrayValue;
  readonly b?: ArrayValue;
}

/**
 * Padding of a convolution: "SAME" (output size = ceil(input / stride)), "VALID" (no padding),
 * "CAUSAL" (conv1d only: (kernel - 1) * dilation zeros before the sequence, none after, so output
 * t sees inputs up to t), or explicit `[low, high]` pairs, one per spatial axis.
 */
export type ConvPadding = "SAME" | "VALID" | "CAUSAL" | readonly (readonly [number, number])[];

/** A size per spatial axis, or one number for all of them. */
export type PerAxis = number | readonly number[];

/** Options of conv1d and conv2d; the defaults are flax.linen.Conv's. */
export interface ConvLayerOptions {
  /** Window strides (default 1). */
  readonly strides?: PerAxis;
  /** Default "SAME", as flax. */
  readonly padding?: ConvPadding;
  /** Kernel dilation (atrous convolution; default 1). */
  readonly dilation?: PerAxis;
  /** Input dilation (default 1): inserts `d - 1` zeros between input elements, as in a transposed convolution. Needs explicit padding. */
  readonly inputDilation?: PerAxis;
  /** Feature groups (default 1): inChannels and outChannels must both be divisible by it; groups = inChannels is a depthwise convolution. */
  readonly groups?: number;
  /** Whether to add a bias (default true). */
  readonly bias?: boolean;
  /** Kernel initializer (default LeCun normal). */
  readonly init?: Initializer;
  /** Bias initializer (default zeros). */
  readonly biasInit?: Initializer;
  /** Dtype of the params (default float32). */
  readonly dtype?: random.FloatDType;
}

/** A positive integer. */
const positive = refine(integer, (v) => v >= 1, "a positive integer");

/** One positive integer or a list of them. */
const perAxis: OptionCheck<PerAxis> = either(positive, listOf(positive), "a positive integer or a list of positive integers");

const paddingCheck: OptionCheck<ConvPadding> = (op, name, value) => {
  if (typeof value === "string") return oneOf<"SAME" | "VALID" | "CAUSAL">(["SAME", "VALID", "CAUSAL"])(op, name, value);
  if (!Array.isArray(value)) fail(op, `${name} must be "SAME", "VALID", "CAUSAL" or a list of [low, high] pairs, got ${describeValue(value)}`);
  return listOf(listOf(integer, { min: 2, max: 2 }))(op, name, value) as unknown as ConvPadding;
};

const convSpec = {
  strides: perAxis,
  padding: paddingCheck,
  dilation: perAxis,
  inputDilation: perAxis,
  groups: positive,
  bias: bool,
  init: func,
  biasInit: func,
  dtype: oneOf<random.FloatDType>(["float32", "float64"]),
};

/** `value` as one entry per spatial axis. */
function spread(op: string, name: string, value: PerAxis | undefined, spatial: number): number[] {
  if (value === undefined) return new Array<number>(spatial).fill(1);
  if (typeof value === "number") return new Array<number>(spatial).fill(value);
  if (value.length !== spatial) fail(op, `${name} ${describeValue(value)} must have one entry per spatial axis (${spatial})`);
  return [...value];
}

/** The spatial axes' names in error messages, e.g. "height, width". */
const axisNames: Record<number, string> = { 1: "length", 2: "height, width" };

/** A convolution layer with `spatial` spatial axes, named `op` in errors. */
function convLayer(op: string, spatial: number, inChannels: number, outChannels: number, kernelSize: PerAxis, convOptions: ConvLayerOptions | undefined): Module<ConvParams> {
  checkSize(op, "inChannels", inChannels);
  checkSize(op, "outChannels", outChannels);
  const kernel = spread(op, "kernelSize", perAxis(op, "kernelSize", kernelSize), spatial);
  const options = readOptions(op, convOptions, convSpec) as ConvLayerOptions;
  const strides = spread(op, "strides", options.strides, spatial);
  const dilation = spread(op, "dilation", options.dilation, spatial);
  const inputDilation = spread(op, "inputDilation", options.inputDilation, spatial);
  const groups = options.groups ?? 1;
  if (inChannels % groups !== 0 || outChannels % groups !== 0) {
    fail(op, `groups ${groups} must divide both inChannels ${inChannels} and outChannels ${outChannels}`);
  }
  const padding = resolvePadding(op, options.padding ?? "SAME", spatial, kernel, dilation, inputDilation);
  const init = options.init ?? lecunNormal;
  const biasInit = options.biasInit ?? zerosInit;
  const dtype = options.dtype ?? "float32";
  const withBias = options.bias ?? true;
  const kernelShape = [...kernel, inChannels / groups, outChannels];
  const layout = `[batch..., ${axisNames[spatial]}, channels]`;
  return {
    init(key) {
      checkModelKey(op, key);
      const [weightKey, biasKey] = random.split(key);
      const w = init(weightKey!, kernelShape, { dtype });
      return withBias ? { w, b: biasInit(biasKey!, [outChannels], { dtype }) } : { w };
    },
    apply(params, x, ctx) {
      readContext(op, ctx);
      checkRecord(op, "params", params, withBias ? ["w", "b"] : ["w"], "ConvParams");
      if (params.w.ndim !== kernelShape.length || params.w.shape.some((d, i) => d !== kernelShape[i])) {
        fail(op, `params.w ${describe(params.w)} must be [${kernelShape.join(",")}] ([...kernelSize, inChannels / groups, outChannels]) for this layer`);
      }
      if (params.b !== undefined && (params.b.ndim !== 1 || params.b.shape[0] !== outChannels)) fail(op, `params.b ${describe(params.b)} must be [${outChannels}] for this layer`);
      checkArray(op, "x", x);
      if (x.ndim < spatial + 1 || x.shape[x.ndim - 1] !== inChannels) {
        fail(op, `input ${describe(x)} must be ${layout} with the layer's ${inChannels} input channels last`);
      }
      // One batch axis for the convolution, as flax: none is added, several are flattened into one.
      const batchShape = x.shape.slice(0, x.ndim - spatial - 1);
      const image = x.shape.slice(x.ndim - spatial - 1);
      const lhs = batchShape.length === 1 ? x : np.reshape(x, [batchShape.reduce((p, d) => p * d, 1), ...image]);
      // Operands promote to one dtype as flax's promote_dtype does (lax needs them equal).
      const operands = params.b === undefined ? [lhs, params.w] : [lhs, params.w, params.b];
      const common = resultDtype(operands);
      const y = convGeneralDilated(cast(lhs, common), cast(params.w, common), {
        windowStrides: strides,
        padding,
        lhsDilation: inputDilation,
        rhsDilation: dilation,
        featureGroupCount: groups,
      });
      const out = params.b === undefined ? y : np.add(y, cast(params.b, common));
      return batchShape.length === 1 ? out : np.reshape(out, [...batchShape, ...out.shape.slice(1)]);
    },
  };
}

/**
 * The explicit or lax-resolved padding: "CAUSAL" becomes its pairs, string padding with input
 * dilation is refused (JAX has no rule for it), and explicit pairs must cover every spatial axis.
 */
function resolvePadding(op: string, padding: ConvPadding, spatial: number, kernel: readonly number[], dilation: readonly number[], inputDilation: readonly number[]): "SAME" | "VALID" | WindowPadding {
  if (padding === "CAUSAL") {
    if (spatial !== 1) fail(op, `padding "CAUSAL" is only for 1-D convolutions (conv1d)`);
    return [[(kernel[0]! - 1) * dilation[0]!, 0]];
  }
  if (typeof padding === "string") {
    if (inputDilation.some((d) => d !== 1)) {
      fail(op, `padding "${padding}" is not supported with inputDilation ${describeValue(inputDilation)} (nor in JAX or flax); give explicit [low, high] pairs`);
    }
    return padding;
  }
  if (padding.length !== spatial) fail(op, `padding ${describeValue(padding)} must have one [low, high] pair per spatial axis (${spatial})`);
  return padding as WindowPadding;
}

/**
 * A 1-D convolution layer (flax.linen.Conv with one spatial axis): inputs [batch..., length,
 * inChannels] (NWC), kernel w [kernelSize, inChannels / groups, outChannels], output [batch...,
 * length', outChannels]. "SAME" padding by default; "CAUSAL" pads only before the sequence.
 *
 * @example
 * import { models, np, random } from "tessera";
 * const layer = models.layers.conv1d(2, 4, 3, { padding: "CAUSAL" });
 * const params = layer.init(random.key(0));
 * layer.apply(params, np.ones([8, 10, 2])).shape; // [8, 10, 4]
 */
export function conv1d(inChannels: number, outChannels: number, kernelSize: PerAxis, options?: ConvLayerOptions): Module<ConvParams> {
  return convLayer("conv1d", 1, inChannels, outChannels, kernelSize, options);
}

/**
 * A 2-D convolution layer (flax.linen.Conv with two spatial axes): inputs [batch..., height,
 * width, inChannels] (NHWC), kernel w [kh, kw, inChannels / groups, outChannels] (HWIO), output
 * [batch..., height', width', outChannels]. `kernelSize` is [kh, kw] or one number for both;
 * "SAME" padding by default, as flax.
 *
 * @example
 * import { models, np, random } from "tessera";
 * const layer = models.layers.conv2d(3, 8, 5, { padding: "VALID", strides: 2 });
 * const params = layer.init(random.key(0)); // { w: [5, 5, 3, 8], b: [8] }
 * layer.apply(params, np.ones([4, 28, 28, 3])).shape; // [4, 12, 12, 8]
 */
export function conv2d(inChannels: number, outChannels: number, kernelSize: PerAxis, options?: ConvLayerOptions): Module<ConvParams> {
  return convLayer("conv2d", 2, inChannels, outChannels, kernelSize, options);
}
