/**
 * The gated recurrent unit cell (flax.linen.GRUCell): the same gate equations and the same
 * params, one projection per gate named as Flax names them.
 */
import type { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import { checkSize } from "../checks.js";
import { checkGates, checkInput, checkState, initGates, project, readCellOptions, zeroState, type GateSpec } from "./gates.js";
import type { BiasedProjection, CellOptions, Projection, RecurrentCell } from "./recurrent-cell.js";

/**
 * The params of a GRU cell, Flax's layout: input projections `ir`, `iz`, `in` (reset, update,
 * candidate) with biases, hidden projections `hr`, `hz` without and `hn` with a bias (it sits
 * inside the reset gate's product, so it cannot merge with `in`'s).
 */
export interface GruParams {
  readonly ir: BiasedProjection;
  readonly iz: BiasedProjection;
  readonly in: BiasedProjection;
  readonly hr: Projection;
  readonly hz: Projection;
  readonly hn: BiasedProjection;
}

/** The options of gruCell (Flax's defaults). */
export type GruCellOptions = CellOptions;

const gruLayout: Readonly<Record<keyof GruParams, GateSpec>> = {
  ir: { from: "input", bias: true },
  iz: { from: "input", bias: true },
  in: { from: "input", bias: true },
  hr: { from: "hidden", bias: false },
  hz: { from: "hidden", bias: false },
  hn: { from: "hidden", bias: true },
};

/**
 * A GRU cell from `inFeatures` to `hiddenFeatures`. Its carry is the hidden state h
 * [...batch, hidden], and one step is, with σ the gate activation:
 *
 *     r = σ(x W_ir + b_ir + h W_hr)
 *     z = σ(x W_iz + b_iz + h W_hz)
 *     n = tanh(x W_in + b_in + r * (h W_hn + b_hn))
 *     h' = (1 - z) * n + z * h
 *
 * returning `[h', h']`. Init draws each gate from its own key of split(key, 6) in the order
 * ir, iz, in, hr, hz, hn.
 *
 * @example
 * import { models, np, random } from "tessera";
 * const cell = models.layers.gruCell(3, 4);
 * const params = cell.init(random.key(0));
 * const [h, y] = cell.apply(params, cell.initialCarry([2]), np.ones([2, 3]));
 * y.shape; // [2, 4]
 */
export function gruCell(inFeatures: number, hiddenFeatures: number, options?: GruCellOptions): RecurrentCell<GruParams, ArrayValue> {
  const op = "gruCell";
  checkSize(op, "inFeatures", inFeatures);
  checkSize(op, "hiddenFeatures", hiddenFeatures);
  const o = readCellOptions(op, options);
  const sizes = { inFeatures, hiddenFeatures };
  return {
    init: (key) => initGates(op, key, gruLayout, sizes, o) as unknown as GruParams,
    initialCarry: (batchShape, carryOptions) => zeroState(op, batchShape, hiddenFeatures, o.dtype, carryOptions),
    apply(params, h, x) {
      checkGates(op, params, gruLayout, sizes, "GruParams");
      const batch = checkInput(op, x, inFeatures);
      checkState(op, "carry", h, batch, hiddenFeatures, x);
      const r = o.gateActivation(np.add(project(x, params.ir), project(h, params.hr)));
      const z = o.gateActivation(np.add(project(x, params.iz), project(h, params.hz)));
      const n = o.activation(np.add(project(x, params.in), np.multiply(r, project(h, params.hn))));
      const next = np.add(np.multiply(np.subtract(1, z), n), np.multiply(z, h));
      return [next, next];
    },
  };
}
