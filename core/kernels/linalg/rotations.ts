/**
 * Plane rotations recorded as the implicit QR/QL sweeps make them, and applied afterwards to the
 * rows of a factor all at once. The sweeps' arithmetic on the diagonal never reads the factor,
 * so deferring the O(n) row updates changes nothing but speed: replayed in one go, they run in
 * the WebAssembly SIMD kernel (core/kernels/wasm/rotations.ts) over cache-sized strips of
 * columns, with the same operations in the same order for every entry as applying each rotation
 * in JavaScript when it is made (which remains the fallback).
 */
import { replayRotationsWasm } from "../wasm/rotations.js";

/** A growable log: rotation k acts on rows rows[2k], rows[2k+1] with c, s = cs[2k], cs[2k+1]. */
export interface RotationLog {
  rows: Int32Array;
  cs: Float64Array;
  count: number;
}

/** A log with nothing recorded. */
export function emptyRotationLog(): RotationLog {
  return { rows: new Int32Array(512), cs: new Float64Array(512), count: 0 };
}

/** Records the rotation (row p, row q) := (c row p + s row q, c row q - s row p). */
export function logRotation(log: RotationLog, p: number, q: number, c: number, s: number): void {
  if (2 * log.count === log.rows.length) {
    const rows = new Int32Array(2 * log.rows.length);
    rows.set(log.rows);
    const cs = new Float64Array(2 * log.cs.length);
    cs.set(log.cs);
    log.rows = rows;
    log.cs = cs;
  }
  const k = 2 * log.count++;
  log.rows[k] = p;
  log.rows[k + 1] = q;
  log.cs[k] = c;
  log.cs[k + 1] = s;
}

/** Applies the logged rotations in order to the rows of the row-major `x` (`height` rows of `width`), then empties the log. */
export function replayRotations(log: RotationLog, x: Float64Array, height: number, width: number): void {
  const { rows, cs, count } = log;
  log.count = 0;
  if (count === 0 || width === 0 || replayRotationsWasm(x, height, width, rows, cs, count)) return;
  for (let k = 0; k < 2 * count; k += 2) {
    const p = rows[k]! * width;
    const q = rows[k + 1]! * width;
    const c = cs[k]!;
    const s = cs[k + 1]!;
    for (let i = 0; i < width; i++) {
      const a = x[p + i]!;
      const b = x[q + i]!;
      x[p + i] = c * a + s * b;
      x[q + i] = c * b - s * a;
    }
  }
}
