/**
 * The protocol of a recurrent cell: one step of a recurrence, `apply(params, carry, x)` ->
 * `[newCarry, y]`, with `initialCarry` making the carry before the first step. `rnn` runs any
 * cell over a sequence with lax.scan. The cells' params mirror Flax's (one projection per gate,
 * named as Flax names them), so Flax's params load by renaming kernel -> w and bias -> b.
 */
import type { ArrayValue } from "../../core/ndarray.js";
import type { Key } from "../../core/random/common.js";
import type * as random from "../../core/random/index.js";
import type { Shape } from "../../core/shape.js";
import type { Initializer } from "../init.js";
import type { Activation } from "./dense.js";

/** Options of `initialCarry`: the carry's dtype (the cell's dtype by default). */
export interface CarryOptions {
  readonly dtype?: random.FloatDType;
}

/** One step of a recurrence: `C` is the carry (a pytree of arrays), `P` the params. */
export interface RecurrentCell<P, C> {
  init(key: Key): P;
  /** The carry before the first step, for inputs of shape [...batchShape, features]: zeros, as Flax's. */
  initialCarry(batchShape: Shape, options?: CarryOptions): C;
  /** One step: the carry and the input x [...batch, features] to the next carry and the output. */
  apply(params: P, carry: C, x: ArrayValue): [C, ArrayValue];
}

/** The carry type of a cell type (`LstmCarry` for an LSTM cell). */
export type CellCarry<Cell> = Cell extends RecurrentCell<any, infer C> ? C : never;

/** The params type of a cell type (`GruParams` for a GRU cell). */
export type CellParams<Cell> = Cell extends RecurrentCell<infer P, any> ? P : never;

/** A gate's projection without bias: y = v w, with w [features, hidden]. */
export interface Projection {
  readonly w: ArrayValue;
}

/** A gate's projection with bias: y = v w + b, with w [features, hidden] and b [hidden]. */
export interface BiasedProjection {
  readonly w: ArrayValue;
  readonly b: ArrayValue;
}

/**
 * Options of the gated cells, with Flax's defaults: LeCun normal input kernels, orthogonal
 * recurrent kernels, zero biases, sigmoid gates, tanh activation, float32 params.
 */
export interface CellOptions {
  /** Initializer of the kernels applied to the input (default lecunNormal). */
  readonly init?: Initializer;
  /** Initializer of the kernels applied to the hidden state (default orthogonal()). */
  readonly recurrentInit?: Initializer;
  /** Initializer of the biases (default zerosInit). */
  readonly biasInit?: Initializer;
  /** The gates' squashing function (default nn.sigmoid). */
  readonly gateActivation?: Activation;
  /** The candidate's and the output's activation (default np.tanh). */
  readonly activation?: Activation;
  /** The params' and the initial carry's dtype (default float32). */
  readonly dtype?: random.FloatDType;
}
