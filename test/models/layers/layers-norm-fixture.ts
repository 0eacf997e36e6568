/** The layers_norm fixture (test/fixtures/generate_layers_norm.py) and its arrays as tessera arrays. */
import type { DType } from "../../../core/dtype.js";
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { loadFixture } from "../../helpers.js";

/** An array as the fixture stores it. */
export interface FixtureArray {
  readonly shape: number[];
  readonly dtype: string;
  readonly data: (number | boolean)[];
}

/** The fixture array as a tessera array of its dtype (int64 ids become int32). */
export function arrayOf(a: FixtureArray): ArrayValue {
  const dtype = (a.dtype === "int64" ? "int32" : a.dtype) as DType;
  return np.reshape(np.array(a.data as number[], { dtype }), a.shape);
}

/** A record of fixture arrays as a record of tessera arrays. */
export function recordOf(r: Readonly<Record<string, FixtureArray>>): Record<string, ArrayValue> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, arrayOf(v)]));
}

export const fixture = loadFixture("layers_norm");
