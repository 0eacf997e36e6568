/**
 * The last-write-wins scatter behind np.put, putAlongAxis, place and lax.scatter: a stable sort
 * finds, for each position, the last of the writes to it, and scatterAdds place the winners. Not
 * part of the np namespace (core/numpy/index.ts does not export this module).
 */
import { bind, bind1 } from "../interpreter.js";
import type { ArrayValue } from "../ndarray.js";
import { notEqual, where } from "./elementwise.js";
import { broadcastTo, concatenate } from "./movement.js";
import { cast, scalar } from "./promote.js";

/**
 * `flat` (1-D, n elements) with `values[k]` written at `target[k]` for each k; a target of n
 * writes nowhere. Where several k write one position the last one wins (XLA's CPU order, and
 * numpy's), found by a stable sort of the targets.
 */
export function setAt(flat: ArrayValue, target: ArrayValue, values: ArrayValue): ArrayValue {
  const n = flat.shape[0]!;
  const m = target.shape[0]!;
  if (n === 0 || m === 0) return flat;
  const order = bind1("iota", [], { dtype: "int32", shape: [m], dimension: 0 });
  const [sorted, perm] = bind("sort", [target, order], { axis: 0, numKeys: 1, descending: false });
  // In sorted order the last of each run of equal targets is the latest write to that target.
  const lastOfRun = m === 1 ? broadcastTo(scalar(1, "int32"), [1])
    : cast(concatenate([notEqual(bind1("slice", [sorted!], { start: [0], limit: [m - 1], strides: [1] }), bind1("slice", [sorted!], { start: [1], limit: [m], strides: [1] })), broadcastTo(scalar(true, "bool"), [1])], 0), "int32");
  const wins = notEqual(bind1("scatterAdd", [broadcastTo(scalar(0, "int32"), [m]), perm!, lastOfRun], { axis: 0 }), 0);
  const spill = (v: ArrayValue) => bind1("slice", [bind1("scatterAdd", [broadcastTo(scalar(0, v.dtype), [n + 1]), target, v], { axis: 0 })], { start: [0], limit: [n], strides: [1] });
  const written = notEqual(spill(broadcastTo(scalar(1, "int32"), [m])), 0);
  // Bool values travel as int32 through the sum; each position receives at most one (winning) value.
  const carrier = values.dtype === "bool" ? cast(values, "int32") : values;
  let placed = spill(where(wins, carrier, scalar(0, carrier.dtype)));
  if (values.dtype === "bool") placed = cast(placed, "bool");
  return where(written, placed, flat);
}

