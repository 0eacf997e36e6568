/** Reads test/fixtures/layers_recurrent.json (flax.linen references) into tessera's arrays and params. */
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { loadFixture } from "../../helpers.js";

/** An array as the generator writes it: shape and flat row-major data. */
export interface FixtureArray {
  readonly shape: number[];
  readonly data: number[];
}

/** A float64 array from the fixture. */
export function f64(a: FixtureArray): ArrayValue {
  return np.array(a.data, { dtype: "float64", shape: a.shape });
}

/** Params in tessera's layout ({ ir: { w, b }, hr: { w }, ... }) from the fixture, in float64. */
export function paramsOf<P>(record: Record<string, Record<string, FixtureArray>>): P {
  return Object.fromEntries(Object.entries(record).map(([name, gate]) => [name, Object.fromEntries(Object.entries(gate).map(([k, v]) => [k, f64(v)]))])) as P;
}

/** A carry from the fixture: one array (GRU) or a list of carries (LSTM's [c, h], bidirectional's pair). */
export function carryOf(value: unknown): unknown {
  return Array.isArray(value) ? value.map(carryOf) : f64(value as FixtureArray);
}

export const recurrent = loadFixture("layers_recurrent");
