/**
 * random.orthogonal: Haar-distributed orthogonal (or semi-orthogonal) matrices, drawn as JAX
 * draws them.
 */
import type { ArrayValue } from "../ndarray.js";
import * as np from "../numpy/index.js";
import type { Shape } from "../shape.js";
import { anyValue, checkArity, count, readOptions } from "../validate.js";
import { checkKey, floatDtype, shapeArg, type FloatDType, type Key } from "./common.js";
import { normal } from "./floats.js";

/** Options of orthogonal: the dtype (default float32) and the column count m (default n). */
export interface OrthogonalOptions {
  readonly dtype?: FloatDType;
  readonly m?: number;
}

/**
 * Uniformly (Haar) distributed n x m matrices with orthonormal rows or columns (whichever are
 * fewer), in a batch of `shape`: the QR factor Q of a normal matrix, its columns signed by R's
 * diagonal, as JAX draws it (so a key gives JAX's matrix up to QR's rounding).
 *
 * @example
 * ```ts
 * import { np, random } from "tessera";
 * const q = random.orthogonal(random.key(0), 3, [], { dtype: "float64" });
 * np.allclose(np.matmul(np.transpose(q), q), np.eye(3)); // true
 * ```
 */
export function orthogonal(key: Key, n: number, shape: Shape = [], options: OrthogonalOptions | null = {}): ArrayValue {
  checkArity("random.orthogonal", arguments, 4, "pass dtype and m as options: orthogonal(key, n, shape, {dtype, m})");
  checkKey("orthogonal", key);
  const o = readOptions("random.orthogonal", options, { dtype: anyValue, m: count });
  const dtype = floatDtype("orthogonal", o.dtype);
  const rows = count("random.orthogonal", "n", n);
  const columns = o.m ?? rows;
  const batch = shapeArg("orthogonal", shape, dtype);
  const z = normal(key, [...batch, Math.max(rows, columns), Math.min(rows, columns)], { dtype });
  const [q, r] = np.linalg.qr(z);
  const signs = np.expandDims(np.sign(np.diagonal(r, { axis1: -2, axis2: -1 })), -2);
  const x = np.multiply(q, signs);
  return rows < columns ? np.swapaxes(x, -1, -2) : x;
}
