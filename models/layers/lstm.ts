/**
 * The long short-term memory cell (flax.linen.LSTMCell): the same gate equations, the same
 * params (one projection per gate, named as Flax names them) and the same carry order [c, h].
 */
import { fail } from "../../core/errors.js";
import type { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import { describeValue } from "../../core/validate.js";
import { checkSize } from "../checks.js";
import { checkGates, checkInput, checkState, initGates, project, readCellOptions, zeroState, type GateSpec } from "./gates.js";
import type { BiasedProjection, CellOptions, Projection, RecurrentCell } from "./recurrent-cell.js";

/**
 * The params of an LSTM cell, Flax's layout: input projections `ii`, `if`, `ig`, `io` (input,
 * forget, candidate, output gates) without bias, hidden projections `hi`, `hf`, `hg`, `ho` with
 * (input and hidden terms are summed, so one bias per gate suffices).
 */
export interface LstmParams {
  readonly ii: Projection;
  readonly if: Projection;
  readonly ig: Projection;
  readonly io: Projection;
  readonly hi: BiasedProjection;
  readonly hf: BiasedProjection;
  readonly hg: BiasedProjection;
  readonly ho: BiasedProjection;
}

/** The carry of an LSTM cell: the memory c and the hidden state h, each [...batch, hidden] (Flax's order). */
export type LstmCarry = readonly [c: ArrayValue, h: ArrayValue];

/** The options of lstmCell (Flax's defaults). */
export type LstmCellOptions = CellOptions;

const lstmLayout: Readonly<Record<keyof LstmParams, GateSpec>> = {
  ii: { from: "input", bias: false },
  if: { from: "input", bias: false },
  ig: { from: "input", bias: false },
  io: { from: "input", bias: false },
  hi: { from: "hidden", bias: true },
  hf: { from: "hidden", bias: true },
  hg: { from: "hidden", bias: true },
  ho: { from: "hidden", bias: true },
};

/**
 * An LSTM cell from `inFeatures` to `hiddenFeatures`. Its carry is `[c, h]`, and one step is,
 * with σ the gate activation:
 *
 *     i = σ(x W_ii + h W_hi + b_hi)      f = σ(x W_if + h W_hf + b_hf)
 *     g = tanh(x W_ig + h W_hg + b_hg)   o = σ(x W_io + h W_ho + b_ho)
 *     c' = f * c + i * g                 h' = o * tanh(c')
 *
 * returning `[[c', h'], h']`. Init draws each gate from its own key of split(key, 8) in the
 * order ii, if, ig, io, hi, hf, hg, ho. (No forget-gate bias of 1 is added: Flax adds none.)
 *
 * @example
 * import { models, np, random } from "tessera";
 * const cell = models.layers.lstmCell(3, 4);
 * const params = cell.init(random.key(0));
 * const [[c, h], y] = cell.apply(params, cell.initialCarry([2]), np.ones([2, 3]));
 * c.shape; // [2, 4]
 */
export function lstmCell(inFeatures: number, hiddenFeatures: number, options?: LstmCellOptions): RecurrentCell<LstmParams, LstmCarry> {
  const op = "lstmCell";
  checkSize(op, "inFeatures", inFeatures);
  checkSize(op, "hiddenFeatures", hiddenFeatures);
  const o = readCellOptions(op, options);
  const sizes = { inFeatures, hiddenFeatures };
  return {
    init: (key) => initGates(op, key, lstmLayout, sizes, o) as unknown as LstmParams,
    initialCarry(batchShape, carryOptions) {
      const zeros = zeroState(op, batchShape, hiddenFeatures, o.dtype, carryOptions);
      return [zeros, zeros];
    },
    apply(params, carry, x) {
      checkGates(op, params, lstmLayout, sizes, "LstmParams");
      const batch = checkInput(op, x, inFeatures);
      if (!Array.isArray(carry) || carry.length !== 2) fail(op, `carry must be the pair [c, h], got ${describeValue(carry)}`);
      const [c, h] = carry;
      checkState(op, "carry[0] (c)", c, batch, hiddenFeatures, x);
      checkState(op, "carry[1] (h)", h, batch, hiddenFeatures, x);
      const gate = (input: Projection, hidden: BiasedProjection) => np.add(project(x, input), project(h, hidden));
      const i = o.gateActivation(gate(params.ii, params.hi));
      const f = o.gateActivation(gate(params.if, params.hf));
      const g = o.activation(gate(params.ig, params.hg));
      const out = o.gateActivation(gate(params.io, params.ho));
      const nextC = np.add(np.multiply(f, c), np.multiply(i, g));
      const nextH = np.multiply(out, o.activation(nextC));
      return [[nextC, nextH], nextH];
    },
  };
}
