/**
 * What the gated cells (gru.ts, lstm.ts) share: reading their options, drawing one projection
 * per gate, checking params against the gate layout, and checking a carry against the input.
 */
import { describe, fail } from "../../core/errors.js";
import { ArrayValue } from "../../core/ndarray.js";
import * as nn from "../../core/nn.js";
import * as np from "../../core/numpy/index.js";
import type { Key } from "../../core/random/common.js";
import * as random from "../../core/random/index.js";
import type { Shape } from "../../core/shape.js";
import { describeValue, func, oneOf, readOptions, validShape } from "../../core/validate.js";
import { checkArray, checkModelKey, checkRecord } from "../checks.js";
import { lecunNormal, orthogonal, zerosInit, type Initializer } from "../init.js";
import type { Activation } from "./dense.js";
import type { BiasedProjection, CarryOptions, CellOptions, Projection } from "./recurrent-cell.js";

const dtypeOption = oneOf<random.FloatDType>(["float32", "float64"]);

/** A cell's options with Flax's defaults filled in. */
export interface ResolvedCellOptions {
  readonly init: Initializer;
  readonly recurrentInit: Initializer;
  readonly biasInit: Initializer;
  readonly gateActivation: Activation;
  readonly activation: Activation;
  readonly dtype: random.FloatDType;
}

export function readCellOptions(op: string, options: CellOptions | undefined): ResolvedCellOptions {
  const read = readOptions(op, options, { init: func, recurrentInit: func, biasInit: func, gateActivation: func, activation: func, dtype: dtypeOption }) as CellOptions;
  return {
    init: read.init ?? lecunNormal,
    recurrentInit: read.recurrentInit ?? orthogonal(),
    biasInit: read.biasInit ?? zerosInit,
    gateActivation: read.gateActivation ?? nn.sigmoid,
    activation: read.activation ?? np.tanh,
    dtype: read.dtype ?? "float32",
  };
}

/** A gate's projection: whether it reads the input or the hidden state, and whether it has a bias. */
export interface GateSpec {
  readonly from: "input" | "hidden";
  readonly bias: boolean;
}

/** Draws every gate's projection, each from its own key of split(key, gates), in the layout's order. */
export function initGates(op: string, key: Key, layout: Readonly<Record<string, GateSpec>>, sizes: { inFeatures: number; hiddenFeatures: number }, options: ResolvedCellOptions): Record<string, Projection | BiasedProjection> {
  checkModelKey(op, key);
  const names = Object.keys(layout);
  const keys = random.split(key, names.length);
  const dtype = options.dtype;
  return Object.fromEntries(
    names.map((name, i) => {
      const spec = layout[name]!;
      const [weightKey, biasKey] = random.split(np.slice(keys, i));
      const rows = spec.from === "input" ? sizes.inFeatures : sizes.hiddenFeatures;
      const kernelInit = spec.from === "input" ? options.init : options.recurrentInit;
      const w = kernelInit(weightKey!, [rows, sizes.hiddenFeatures], { dtype });
      return [name, spec.bias ? { w, b: options.biasInit(biasKey!, [sizes.hiddenFeatures], { dtype }) } : { w }];
    }),
  );
}

/** Fails unless `params` holds every gate of `layout` with the right shapes (`what` names the params type). */
export function checkGates(op: string, params: unknown, layout: Readonly<Record<string, GateSpec>>, sizes: { inFeatures: number; hiddenFeatures: number }, what: string): void {
  const names = Object.keys(layout);
  if (typeof params !== "object" || params === null || Array.isArray(params) || params instanceof ArrayValue) {
    fail(op, `params must be a ${what} record {${names.join(", ")}}, got ${describeValue(params)}`);
  }
  for (const name of names) {
    const spec = layout[name]!;
    checkRecord(op, `params.${name}`, (params as Record<string, unknown>)[name], spec.bias ? ["w", "b"] : ["w"], "projection");
    const gate = (params as Record<string, BiasedProjection>)[name]!;
    const rows = spec.from === "input" ? sizes.inFeatures : sizes.hiddenFeatures;
    if (gate.w.ndim !== 2 || gate.w.shape[0] !== rows || gate.w.shape[1] !== sizes.hiddenFeatures) {
      fail(op, `params.${name}.w ${describe(gate.w)} must be [${rows},${sizes.hiddenFeatures}] for this cell`);
    }
    if (spec.bias && (gate.b.ndim !== 1 || gate.b.shape[0] !== sizes.hiddenFeatures)) {
      fail(op, `params.${name}.b ${describe(gate.b)} must be [${sizes.hiddenFeatures}] for this cell`);
    }
  }
}

/** v w (+ b): a gate's projection, as Flax's Dense computes it. */
export function project(v: ArrayValue, gate: Projection | BiasedProjection): ArrayValue {
  const y = np.matmul(v, gate.w);
  return "b" in gate ? np.add(y, gate.b) : y;
}

/** Fails unless x is [...batch, inFeatures]; returns the batch shape. */
export function checkInput(op: string, x: unknown, inFeatures: number): Shape {
  checkArray(op, "x", x);
  if (x.ndim === 0 || x.shape[x.ndim - 1] !== inFeatures) fail(op, `input ${describe(x)} must be [...batch, ${inFeatures}] (ending with the cell's input features)`);
  return x.shape.slice(0, -1);
}

/** Fails unless `state` (the carry's part called `name`) is an array of shape [...batch, hidden]. */
export function checkState(op: string, name: string, state: unknown, batch: Shape, hiddenFeatures: number, x: ArrayValue): asserts state is ArrayValue {
  checkArray(op, name, state);
  const expected = [...batch, hiddenFeatures];
  if (state.ndim !== expected.length || state.shape.some((d, i) => d !== expected[i])) {
    fail(op, `${name} ${describe(state)} must be [${expected.join(",")}] for input ${describe(x)} (the input's batch shape, then the cell's ${hiddenFeatures} hidden features)`);
  }
}

/** Zeros of [...batchShape, hiddenFeatures] in the requested dtype (the cell's by default). */
export function zeroState(op: string, batchShape: unknown, hiddenFeatures: number, cellDtype: random.FloatDType, options: CarryOptions | undefined): ArrayValue {
  const dtype = readOptions(op, options, { dtype: dtypeOption }).dtype ?? cellDtype;
  const shape = validShape(op, batchShape, dtype, "batchShape");
  return np.zeros([...shape, hiddenFeatures], { dtype });
}
