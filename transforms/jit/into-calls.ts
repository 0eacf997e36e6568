/**
 * Calls the compiled program can point at a planned buffer: the primitive's kernel writes every
 * element of `into` instead of allocating its result. Only primitives listed here take part in
 * memory planning as producers; every other call allocates its own result.
 */
import type { TypedArray } from "../../core/dtype.js";
import type { Eqn } from "../../core/jaxpr.js";
import { convGeneralDilatedKernel } from "../../core/kernels/conv.js";
import { dotGeneralKernel } from "../../core/kernels/matmul.js";
import { padKernel } from "../../core/kernels/movement.js";
import { reduceWindowKernel, type WindowReduction } from "../../core/kernels/window.js";
import { type NdArray, storageOf } from "../../core/ndarray.js";
import type { Prim, ReduceWindowParams } from "../../core/primitives.js";

/** Runs an equation's kernel on concrete operands, writing its single result into `into`. */
type IntoCall = (eqn: Eqn, args: readonly NdArray[], into: TypedArray) => void;

/** The window reductions, one kernel parameterized by the monoid. */
const windowInto =
  (reduction: WindowReduction): IntoCall =>
  (eqn, [x], into) => {
    const out = eqn.outs[0]!.aval;
    reduceWindowKernel(storageOf(x!), x!.shape, x!.dtype, reduction, eqn.params as ReduceWindowParams, out.shape, into);
  };

const intoCalls: Partial<Record<Prim, IntoCall>> = {
  dotGeneral: (eqn, [lhs, rhs], into) => {
    const { params } = eqn as Eqn<"dotGeneral">;
    dotGeneralKernel(storageOf(lhs!), lhs!.shape, storageOf(rhs!), rhs!.shape, params, eqn.outs[0]!.aval.dtype, into);
  },
  convGeneralDilated: (eqn, [lhs, rhs], into) => {
    const out = eqn.outs[0]!.aval;
    convGeneralDilatedKernel(storageOf(lhs!), lhs!.shape, storageOf(rhs!), rhs!.shape, (eqn as Eqn<"convGeneralDilated">).params, out.shape, out.dtype, into);
  },
  pad: (eqn, [x, value], into) => {
    const out = eqn.outs[0]!.aval;
    padKernel(storageOf(x!), x!.shape, storageOf(value!)[0]!, (eqn as Eqn<"pad">).params.config, out.shape, out.dtype, into);
  },
  reduceWindowSum: windowInto("sum"),
  reduceWindowMax: windowInto("max"),
  reduceWindowMin: windowInto("min"),
};

/** The `into` form of an equation's kernel, if it has one. */
export function intoCallOf(eqn: Eqn): IntoCall | undefined {
  return eqn.outs.length === 1 ? intoCalls[eqn.prim] : undefined;
}
