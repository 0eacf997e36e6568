/**
 * Positional encodings for sequence models: the fixed sinusoidal table of "Attention is all you
 * need", a learned table, both as modules that add positions to their input (with an offset for
 * step-by-step decoding), and rotary embeddings (RoPE), which rotate queries and keys instead.
 */
import { describe, fail } from "../../core/errors.js";
import { ArrayValue } from "../../core/ndarray.js";
import * as lax from "../../core/lax/index.js";
import * as np from "../../core/numpy/index.js";
import * as random from "../../core/random/index.js";
import { describeValue, finite, func, oneOf, readOptions, refine } from "../../core/validate.js";
import { checkArray, checkModelKey, checkRecord, checkSize } from "../checks.js";
import type { Initializer } from "../init.js";
import { readContext, type Module } from "../module.js";
import { readInputRecord } from "./input-record.js";

const floatDtype = oneOf<random.FloatDType>(["float32", "float64"]);

/** Options of sinusoidalEncoding: the dtype (float32 by default) and the wavelength base (10000). */
export interface SinusoidalOptions {
  readonly dtype?: random.FloatDType;
  readonly base?: number;
}

const positiveBase = refine(finite, (b) => b > 0, "a positive number");

/**
 * The sinusoidal position table [length, dModel] of "Attention is all you need", interleaved as
 * in the paper: entry (p, 2i) is sin(p / base^(2i/dModel)) and (p, 2i+1) is cos of the same
 * angle. Computed in float64 and cast to `dtype`.
 *
 * @example
 * import { models } from "tessera";
 * const table = models.layers.sinusoidalEncoding(3, 4);
 * table.shape; // [3, 4]; row 0 is [0, 1, 0, 1]
 */
export function sinusoidalEncoding(length: number, dModel: number, sinusoidalOptions?: SinusoidalOptions): ArrayValue {
  const op = "sinusoidalEncoding";
  checkSize(op, "length", length);
  checkSize(op, "dModel", dModel);
  const options = readOptions(op, sinusoidalOptions, { dtype: floatDtype, base: positiveBase });
  const base = options.base ?? 10000;
  const table = new Float64Array(length * dModel);
  for (let p = 0; p < length; p++) {
    for (let j = 0; j < dModel; j++) {
      const angle = p / base ** ((2 * Math.floor(j / 2)) / dModel);
      table[p * dModel + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return np.astype(np.array(table, { shape: [length, dModel] }), options.dtype ?? "float32");
}

/** What a positional module adds positions to: the sequence alone, or with the position of its first step (decoding). */
export type PositionsInput = ArrayValue | { readonly input: ArrayValue; readonly offset: number | ArrayValue };

/** Reads a positional module's input: the sequence [..., length, dModel] and the offset of its first step (0 unless given). */
function readPositionsInput(op: string, x: unknown, maxLength: number, dModel: number): { input: ArrayValue; offset: number | ArrayValue } {
  let input: unknown = x;
  let offset: number | ArrayValue = 0;
  if (!(x instanceof ArrayValue)) {
    const expected = `an array [..., length, ${dModel}] or a record { input, offset }`;
    const record = readInputRecord(op, x, ["input", "offset"], expected);
    if (record.input === undefined || record.offset === undefined) fail(op, `input must be ${expected}, got ${describeValue(x)}`);
    input = record.input;
    offset = record.offset as number | ArrayValue;
  }
  checkArray(op, "input", input);
  if (input.ndim < 2 || input.shape[input.ndim - 1] !== dModel) fail(op, `input ${describe(input)} must be [..., length, ${dModel}]`);
  const length = input.shape[input.ndim - 2]!;
  if (offset instanceof ArrayValue) {
    if (offset.ndim !== 0 || !offset.dtype.startsWith("int")) fail(op, `offset must be a non-negative integer or an integer scalar array, got ${describe(offset)}`);
  } else if (!Number.isInteger(offset) || offset < 0) {
    fail(op, `offset must be a non-negative integer or an integer scalar array, got ${describeValue(offset)}`);
  }
  if (length + (typeof offset === "number" ? offset : 0) > maxLength) {
    fail(op, `positions ${typeof offset === "number" ? offset : 0}..${length - 1 + (typeof offset === "number" ? offset : 0)} of input ${describe(input)} run past the table's maxLength ${maxLength}`);
  }
  return { input, offset };
}

/** Rows offset .. offset + length of `table`: a static slice for a number, a dynamic one (clamped into the table, as lax.dynamicSlice) for an array. */
function tableRows(table: ArrayValue, offset: number | ArrayValue, length: number): ArrayValue {
  const dModel = table.shape[1]!;
  if (typeof offset === "number") return lax.slice(table, [offset, 0], [offset + length, dModel]);
  return lax.dynamicSlice(table, [offset, 0], [length, dModel]);
}

/** Options of the positional modules: the table's dtype (float32 by default). */
export interface PositionsOptions {
  readonly dtype?: random.FloatDType;
}

/**
 * Adds the sinusoidal table (sinusoidalEncoding) to its input [..., length, dModel]; no params
 * (`null`). Give `{ input, offset }` to add positions offset .. offset + length - 1 (an offset
 * array may be traced, for jitted decoding; it is clamped into the table as lax.dynamicSlice does).
 *
 * @example
 * import { models, np, random } from "tessera";
 * const positions = models.layers.sinusoidalPositions(16, 8);
 * positions.apply(positions.init(random.key(0)), np.zeros([2, 5, 8])).shape; // [2, 5, 8]
 */
export function sinusoidalPositions(maxLength: number, dModel: number, positionsOptions?: PositionsOptions): Module<null, PositionsInput> {
  const op = "sinusoidalPositions";
  checkSize(op, "maxLength", maxLength);
  checkSize(op, "dModel", dModel);
  const dtype = readOptions(op, positionsOptions, { dtype: floatDtype }).dtype ?? "float32";
  const table = sinusoidalEncoding(maxLength, dModel, { dtype });
  return {
    init(key) {
      checkModelKey(op, key);
      return null;
    },
    apply(params, x, ctx) {
      readContext(op, ctx);
      if (params !== null) fail(op, `has no params: pass null (from init), got ${describeValue(params)}`);
      const { input, offset } = readPositionsInput(op, x, maxLength, dModel);
      return np.add(input, tableRows(table, offset, input.shape[input.ndim - 2]!));
    },
  };
}

/** The params of learnedPositions: the table [maxLength, dModel]. */
export interface LearnedPositionsParams {
  readonly table: ArrayValue;
}

/** Options of learnedPositions: the table's initializer (normal with standard deviation 0.02, as BERT and GPT-2) and dtype. */
export interface LearnedPositionsOptions extends PositionsOptions {
  readonly init?: Initializer;
}

/** N(0, 0.02^2), the usual initialization of learned position tables. */
const smallNormal: Initializer = (key, shape, options) => np.multiply(random.normal(key, shape, { dtype: options?.dtype ?? "float32" }), np.array(0.02, { dtype: options?.dtype ?? "float32" }));

/**
 * A learned position table [maxLength, dModel] added to its input [..., length, dModel] (rows
 * 0 .. length - 1, or offset .. offset + length - 1 given `{ input, offset }`, for decoding).
 *
 * @example
 * import { models, np, random } from "tessera";
 * const positions = models.layers.learnedPositions(16, 8);
 * const params = positions.init(random.key(0)); // { table: [16, 8] }
 * positions.apply(params, { input: np.zeros([2, 1, 8]), offset: 3 }).shape; // [2, 1, 8]
 */
export function learnedPositions(maxLength: number, dModel: number, learnedOptions?: LearnedPositionsOptions): Module<LearnedPositionsParams, PositionsInput> {
  const op = "learnedPositions";
  checkSize(op, "maxLength", maxLength);
  checkSize(op, "dModel", dModel);
  const options = readOptions(op, learnedOptions, { dtype: floatDtype, init: func }) as LearnedPositionsOptions;
  const dtype = options.dtype ?? "float32";
  const init = options.init ?? smallNormal;
  return {
    init(key) {
      checkModelKey(op, key);
      return { table: init(key, [maxLength, dModel], { dtype }) };
    },
    apply(params, x, ctx) {
      readContext(op, ctx);
      checkRecord(op, "params", params, ["table"], "LearnedPositionsParams");
      if (params.table.ndim !== 2 || params.table.shape[0] !== maxLength || params.table.shape[1] !== dModel) {
        fail(op, `params.table ${describe(params.table)} must be [${maxLength},${dModel}] for this layer`);
      }
      const { input, offset } = readPositionsInput(op, x, maxLength, dModel);
      return np.add(input, tableRows(params.table, offset, input.shape[input.ndim - 2]!));
    },
  };
}

/** Options of rotaryEmbedding: the wavelength base (10000). */
export interface RotaryOptions {
  readonly base?: number;
}

/**
 * Rotary position embedding (RoPE) of queries or keys x [..., length, heads, headDim] at
 * `positions` (broadcastable to x's shape without its last two axes: [length], or [batch, length]).
 * Half-split pairing, as GPT-NeoX and LLaMA: feature i is rotated with feature i + headDim/2 by
 * the angle position * base^(-2i/headDim). headDim must be even.
 *
 * @example
 * import { models, np } from "tessera";
 * const q = np.ones([5, 2, 4]); // [length, heads, headDim]
 * models.layers.rotaryEmbedding(q, np.arange(5)).shape; // [5, 2, 4]
 */
export function rotaryEmbedding(x: ArrayValue, positions: ArrayValue, rotaryOptions?: RotaryOptions): ArrayValue {
  const op = "rotaryEmbedding";
  checkArray(op, "x", x);
  checkArray(op, "positions", positions);
  const base = readOptions(op, rotaryOptions, { base: positiveBase }).base ?? 10000;
  if (x.ndim < 3 || !x.dtype.startsWith("float")) fail(op, `x ${describe(x)} must be a float array [..., length, heads, headDim]`);
  const headDim = x.shape[x.ndim - 1]!;
  if (headDim % 2 !== 0) fail(op, `x ${describe(x)} must have an even headDim (its last axis) to rotate pairs of features`);
  const lead = x.shape.slice(0, -2);
  const fits = positions.ndim <= lead.length && positions.shape.every((d, i) => d === 1 || d === lead[lead.length - positions.ndim + i]);
  if (!fits) fail(op, `positions ${describe(positions)} must broadcast to x's [${lead.join(",")}] (x ${describe(x)} without its heads and headDim axes)`);
  const half = headDim / 2;
  const inverseFrequencies = np.array(Array.from({ length: half }, (_, i) => base ** (-(2 * i) / headDim)), { dtype: x.dtype });
  // angles [..., length, 1, half]: one angle per position and feature pair, shared by the heads.
  const angles = np.expandDims(np.multiply(np.expandDims(np.astype(positions, x.dtype), -1), inverseFrequencies), -2);
  const [cos, sin] = [np.cos(angles), np.sin(angles)];
  const first = lax.slice(x, [...x.shape.map(() => 0)], [...x.shape.slice(0, -1), half]);
  const second = lax.slice(x, [...x.shape.slice(0, -1).map(() => 0), half], [...x.shape]);
  return np.concatenate([np.subtract(np.multiply(first, cos), np.multiply(second, sin)), np.add(np.multiply(second, cos), np.multiply(first, sin))], { axis: -1 });
}
