/**
 * Recurrent layers over sequences: `rnn` runs a cell (recurrent-cell.ts) along the time axis of
 * [...batch, time, features] with lax.scan (flax.linen.RNN, time_major false), and
 * `bidirectional` runs one cell forward and another backward and concatenates their outputs
 * (flax.linen.Bidirectional). The initial carry and padded sequences' lengths travel with the
 * input (`{ x, carry?, seqLengths? }`), since a module's context holds only key, train and state.
 */
import { isInteger, promoteTypes } from "../../core/dtype.js";
import { describe, fail } from "../../core/errors.js";
import { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import type { Key } from "../../core/random/common.js";
import * as random from "../../core/random/index.js";
import * as tree from "../../core/tree.js";
import { anyValue, bool, describeValue, readOptions } from "../../core/validate.js";
import { scan } from "../../transforms/scan.js";
import { checkArray, checkModelKey } from "../checks.js";
import { readContext, type Module } from "../module.js";
import type { CellCarry, CellParams, RecurrentCell } from "./recurrent-cell.js";

/**
 * The input of a recurrent layer: the sequence x [...batch, time, features] alone (zero initial
 * carry), or a record with the initial `carry` and/or `seqLengths`, the integer length
 * [...batch] of each padded sequence (see rnn).
 */
export type SequenceInput<C> = ArrayValue | { readonly x: ArrayValue; readonly carry?: C; readonly seqLengths?: ArrayValue };

/**
 * Options of rnn, as flax.linen.RNN's: `reverse` runs from the last step to the first and,
 * unless `keepOrder`, returns the outputs in that processing order (output t is the step
 * that read input T-1-t); `keepOrder` puts them back in the inputs' order (output t read input
 * t). `returnCarry` returns `[finalCarry, outputs]` instead of the outputs alone.
 */
export interface RnnOptions {
  readonly reverse?: boolean;
  readonly keepOrder?: boolean;
  readonly returnCarry?: boolean;
}

/** Fails unless `cell` is a recurrent cell record. */
function checkCell(op: string, cell: unknown, name: string): void {
  const record = cell as Partial<RecurrentCell<unknown, unknown>>;
  if (typeof cell !== "object" || cell === null || typeof record.init !== "function" || typeof record.initialCarry !== "function" || typeof record.apply !== "function") {
    fail(op, `${name} must be a recurrent cell ({ init, initialCarry, apply }, as gruCell and lstmCell make), got ${describeValue(cell)}`);
  }
}

/** Splits a SequenceInput into the sequence, the explicit carry and the lengths (undefined when not given). */
function readInput(op: string, input: unknown): { x: ArrayValue; carry?: unknown; seqLengths?: ArrayValue } {
  if (input instanceof ArrayValue) return { x: input };
  if (typeof input !== "object" || input === null || Array.isArray(input) || !("x" in input)) {
    fail(op, `input must be a sequence array [...batch, time, features] or a record { x, carry?, seqLengths? }, got ${describeValue(input)}`);
  }
  const { x, carry, seqLengths } = readOptions(op, input, { x: anyValue, carry: anyValue, seqLengths: anyValue });
  checkArray(op, "input.x", x);
  if (seqLengths !== undefined) checkArray(op, "input.seqLengths", seqLengths);
  return { x, ...(carry === undefined ? {} : { carry }), ...(seqLengths === undefined ? {} : { seqLengths: seqLengths as ArrayValue }) };
}

/** Fails unless the lengths are integers of the input's batch shape. */
function checkLengths(op: string, lengths: ArrayValue, x: ArrayValue): void {
  const batch = x.shape.slice(0, -2);
  if (!isInteger(lengths.dtype) || lengths.ndim !== batch.length || lengths.shape.some((d, i) => d !== batch[i])) {
    fail(op, `seqLengths ${describe(lengths)} must be integers of the input's batch shape [${batch.join(",")}] (input ${describe(x)})`);
  }
}

/**
 * Flax's flip_sequences on a time-major [time, ...batch, features] array: each sequence's first
 * `length` steps reversed in place, its padding reversed after them (so padding stays at the end).
 */
function flipSequences(steps: ArrayValue, lengths: ArrayValue | undefined): ArrayValue {
  if (lengths === undefined) return np.flip(steps, 0);
  const time = steps.shape[0]!;
  const backwards = np.reshape(np.arange(time - 1, -1, -1, { dtype: "int32" }), [time, ...lengths.shape.map(() => 1)]);
  const indices = np.remainder(np.add(backwards, np.astype(lengths, "int32")), time);
  return np.takeAlongAxis(steps, np.expandDims(indices, -1), 0);
}

/**
 * Each sequence's carry after its last valid step, from the carries of every step
 * (time-major). Index length - 1 as Flax's: a length of 0 wraps to the last step, a length
 * beyond the time axis clamps to it.
 */
function lastValidCarry(carries: unknown, lengths: ArrayValue, time: number): unknown {
  const last = np.minimum(np.subtract(np.astype(lengths, "int32"), 1), time - 1);
  return tree.map(carries as never, (leaf: ArrayValue) => {
    const index = np.reshape(last, [1, ...last.shape, ...leaf.shape.slice(1 + last.ndim).map(() => 1)]);
    return np.squeeze(np.takeAlongAxis(leaf, index, 0), 0);
  });
}

/** The dtype the cell computes in: the input's promoted with the params' float leaves. */
function computeDtype(x: ArrayValue, params: unknown): ArrayValue["dtype"] {
  return tree.leaves(params).reduce<ArrayValue["dtype"]>((dtype, leaf) => (leaf instanceof ArrayValue ? promoteTypes(dtype, leaf.dtype) : dtype), x.dtype);
}

/** A carry's leaves described for an error message. */
function describeCarry(carry: unknown): string {
  return tree.leaves(carry).map((leaf) => (leaf instanceof ArrayValue ? describe(leaf) : describeValue(leaf))).join(", ");
}

/** Fails unless the explicit carry has the default carry's structure, shapes and dtypes. */
function checkCarry(op: string, carry: unknown, expected: unknown, x: ArrayValue): void {
  const [leaves, def] = tree.flatten(carry);
  const [wanted, wantedDef] = tree.flatten(expected);
  const same =
    tree.treedefEq.equals(def, wantedDef) &&
    leaves.every((leaf, i) => {
      const w = wanted[i] as ArrayValue;
      return leaf instanceof ArrayValue && leaf.dtype === w.dtype && leaf.ndim === w.ndim && leaf.shape.every((d, k) => d === w.shape[k]);
    });
  if (!same) fail(op, `the initial carry (${describeCarry(carry)}) must match the cell's carry for input ${describe(x)}: (${describeCarry(expected)})`);
}

/**
 * A recurrent layer: `cell` applied along the time axis of x [...batch, time, features] with
 * lax.scan, the cell's params shared by every step, as flax.linen.RNN (time_major false) with
 * the same `reverse`, `keepOrder` and `returnCarry`. The output is [...batch, time, hidden]
 * (`[finalCarry, outputs]` with `returnCarry`). The params are the cell's own (Flax nests
 * them under `cell`). The carry starts at the cell's zeros in the dtype the cell computes in,
 * or at `carry` when the input is `{ x, carry }`.
 *
 * Padded batches take `{ x, seqLengths }` (integer lengths [...batch], each in [1, time]), with
 * Flax's meaning: `reverse` reverses each sequence's valid steps and leaves its padding at the
 * end, and the returned carry is each sequence's carry after its last valid step. Outputs at
 * padded steps are not zeroed (the recurrence runs on through them), as in Flax.
 *
 * @example
 * import { models, np, random } from "tessera";
 * const layer = models.layers.rnn(models.layers.gruCell(3, 8));
 * const params = layer.init(random.key(0));
 * layer.apply(params, np.ones([2, 5, 3])).shape; // [2, 5, 8]
 */
export function rnn<P, C>(cell: RecurrentCell<P, C>, options: RnnOptions & { readonly returnCarry: true }): Module<P, SequenceInput<C>, [C, ArrayValue]>;
export function rnn<P, C>(cell: RecurrentCell<P, C>, options?: RnnOptions & { readonly returnCarry?: false }): Module<P, SequenceInput<C>, ArrayValue>;
export function rnn<P, C>(cell: RecurrentCell<P, C>, options?: RnnOptions): Module<P, SequenceInput<C>, ArrayValue | [C, ArrayValue]>;
export function rnn<P, C>(cell: RecurrentCell<P, C>, rnnOptions?: RnnOptions): Module<P, SequenceInput<C>, ArrayValue | [C, ArrayValue]> {
  const op = "rnn";
  checkCell(op, cell, "cell");
  const options = readOptions(op, rnnOptions, { reverse: bool, keepOrder: bool, returnCarry: bool });
  const reverse = options.reverse ?? false;
  const keepOrder = options.keepOrder ?? false;
  if (keepOrder && !reverse) fail(op, "keepOrder only applies with reverse: true (a forward pass is already in the inputs' order)");
  return {
    init(key) {
      checkModelKey(op, key);
      return cell.init(key);
    },
    apply(params, input, ctx) {
      readContext(op, ctx);
      const { x, carry, seqLengths } = readInput(op, input);
      if (x.ndim < 2) fail(op, `input ${describe(x)} must be [...batch, time, features]`);
      if (seqLengths !== undefined) checkLengths(op, seqLengths, x);
      const dtype = computeDtype(x, params);
      if (dtype !== "float32" && dtype !== "float64") fail(op, `computes in ${dtype} (input ${describe(x)} with the cell's params); give a float32 or float64 input`);
      const zeros = cell.initialCarry(x.shape.slice(0, -2), { dtype });
      if (carry !== undefined) checkCarry(op, carry, zeros, x);
      const time = x.shape[x.ndim - 2]!;
      const steps = np.moveaxis(x, -2, 0);
      // With lengths and returnCarry, every step's carry is kept so the last valid one can be picked (as Flax).
      const keepCarries = seqLengths !== undefined && options.returnCarry === true;
      const [final, ys] = scan(
        (c, xt: ArrayValue) => {
          const [next, y] = cell.apply(params, c as C, xt);
          return [next, keepCarries ? [next, y] : y];
        },
        (carry ?? zeros) as C,
        reverse ? flipSequences(steps, seqLengths) : steps,
      );
      const [carries, outputs] = keepCarries ? (ys as [unknown, ArrayValue]) : [undefined, ys as ArrayValue];
      const ordered = reverse && keepOrder ? flipSequences(outputs, seqLengths) : outputs;
      const y = np.moveaxis(ordered, 0, -2);
      if (options.returnCarry !== true) return y;
      return [(keepCarries ? lastValidCarry(carries, seqLengths!, time) : final) as C, y];
    },
  };
}

/** The params of a bidirectional layer: the forward cell's and the backward cell's. */
export interface BidirectionalParams<F, B> {
  readonly forward: F;
  readonly backward: B;
}

/** Options of bidirectional: `returnCarry` returns `[[forwardCarry, backwardCarry], outputs]`. */
export interface BidirectionalOptions {
  readonly returnCarry?: boolean;
}

/**
 * Two recurrent layers over the same sequence, `forward` from the first step to the last and
 * `backward` from the last to the first (its outputs put back in the inputs' order), the
 * outputs concatenated along the features: [...batch, time, hiddenF + hiddenB], as
 * flax.linen.Bidirectional with its default merge. An explicit initial carry is the pair
 * `{ x, carry: [forwardCarry, backwardCarry] }`; `seqLengths` goes to both directions.
 *
 * @example
 * import { models, np, random } from "tessera";
 * const layer = models.layers.bidirectional(models.layers.lstmCell(3, 4), models.layers.gruCell(3, 2));
 * const params = layer.init(random.key(0));
 * layer.apply(params, np.ones([2, 5, 3])).shape; // [2, 5, 6]
 */
export function bidirectional<F extends RecurrentCell<any, any>, B extends RecurrentCell<any, any>>(
  forward: F,
  backward: B,
  options: { readonly returnCarry: true },
): Module<BidirectionalParams<CellParams<F>, CellParams<B>>, SequenceInput<[CellCarry<F>, CellCarry<B>]>, [[CellCarry<F>, CellCarry<B>], ArrayValue]>;
export function bidirectional<F extends RecurrentCell<any, any>, B extends RecurrentCell<any, any>>(
  forward: F,
  backward: B,
  options?: { readonly returnCarry?: false },
): Module<BidirectionalParams<CellParams<F>, CellParams<B>>, SequenceInput<[CellCarry<F>, CellCarry<B>]>, ArrayValue>;
export function bidirectional<F extends RecurrentCell<any, any>, B extends RecurrentCell<any, any>>(
  forward: F,
  backward: B,
  options?: BidirectionalOptions,
): Module<BidirectionalParams<CellParams<F>, CellParams<B>>, SequenceInput<[CellCarry<F>, CellCarry<B>]>, ArrayValue | [[CellCarry<F>, CellCarry<B>], ArrayValue]>;
export function bidirectional(
  forward: RecurrentCell<unknown, unknown>,
  backward: RecurrentCell<unknown, unknown>,
  bidirectionalOptions?: BidirectionalOptions,
): Module<BidirectionalParams<unknown, unknown>, SequenceInput<[unknown, unknown]>, ArrayValue | [[unknown, unknown], ArrayValue]> {
  const op = "bidirectional";
  checkCell(op, forward, "forward");
  checkCell(op, backward, "backward");
  const returnCarry = readOptions(op, bidirectionalOptions, { returnCarry: bool }).returnCarry ?? false;
  const forwardLayer = rnn(forward, { returnCarry: true });
  const backwardLayer = rnn(backward, { reverse: true, keepOrder: true, returnCarry: true });
  return {
    init(key: Key) {
      checkModelKey(op, key);
      const [forwardKey, backwardKey] = random.split(key);
      return { forward: forwardLayer.init(forwardKey!), backward: backwardLayer.init(backwardKey!) };
    },
    apply(params, input, ctx) {
      readContext(op, ctx);
      if (typeof params !== "object" || params === null || !("forward" in params) || !("backward" in params)) {
        fail(op, `params must be a { forward, backward } record, got ${describeValue(params)}`);
      }
      const { x, carry, seqLengths } = readInput(op, input);
      if (carry !== undefined && (!Array.isArray(carry) || carry.length !== 2)) fail(op, `the initial carry must be the pair [forwardCarry, backwardCarry], got ${describeValue(carry)}`);
      const [forwardCarry, backwardCarry] = (carry ?? [undefined, undefined]) as [unknown, unknown];
      const inputFor = (c: unknown) => ({ x, ...(c === undefined ? {} : { carry: c }), ...(seqLengths === undefined ? {} : { seqLengths }) });
      const [fc, fy] = forwardLayer.apply(params.forward, inputFor(forwardCarry));
      const [bc, by] = backwardLayer.apply(params.backward, inputFor(backwardCarry));
      const outputs = np.concatenate([fy, by], { axis: -1 });
      return returnCarry ? [[fc, bc], outputs] : outputs;
    },
  };
}
