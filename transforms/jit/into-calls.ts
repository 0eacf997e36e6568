/**
 * Calls the compiled program can point at a planned buffer: the primitive's kernel writes every
 * element of `into` instead of allocating its result. Only primitives listed here take part in
 * memory planning as producers; every other call allocates its own result.
 */
import type { TypedArray } from "../../core/dtype.js";
import type { Eqn } from "../../core/jaxpr.js";
import { dotGeneralKernel } from "../../core/kernels/matmul.js";
import type { NdArray } from "../../core/ndarray.js";
import type { Prim } from "../../core/primitives.js";

/** Runs an equation's kernel on concrete operands, writing its single result into `into`. */
type IntoCall = (eqn: Eqn, args: readonly NdArray[], into: TypedArray) => void;

const intoCalls: Partial<Record<Prim, IntoCall>> = {
  dotGeneral: (eqn, [lhs, rhs], into) => {
    const { params } = eqn as Eqn<"dotGeneral">;
    dotGeneralKernel(lhs!.data, lhs!.shape, rhs!.data, rhs!.shape, params, eqn.outs[0]!.aval.dtype, into);
  },
};

/** The `into` form of an equation's kernel, if it has one. */
export function intoCallOf(eqn: Eqn): IntoCall | undefined {
  return eqn.outs.length === 1 ? intoCalls[eqn.prim] : undefined;
}
