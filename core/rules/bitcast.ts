/**
 * Rules for `bitcastConvertType`: an array's bytes read as another dtype (jax.lax's
 * bitcast_convert_type). Between the 32-bit dtypes (float32, int32, uint32) each element maps
 * to one; float64 splits into a trailing pair of 32-bit words (low word first, the byte order of
 * every platform tessera runs on, as JAX on x86 and ARM) and a trailing pair joins back. bool has
 * no other dtype of its width here. Bits have no derivative: the tangent is zero, as in JAX.
 */
import { aval, type Aval } from "../aval.js";
import { allocate, type DType } from "../dtype.js";
import { describeAll, fail } from "../errors.js";
import { bind } from "../interpreter.js";
import { adoptBuffer, storageOf } from "../ndarray.js";
import type { BitcastPrim } from "../primitives.js";
import { zeroLike } from "./autodiff-helpers.js";
import { batchFirst } from "./batching-helpers.js";
import type { RuleTable } from "./rule.js";

/** Bits per element of the dtypes a bitcast accepts. */
const WIDTH: Readonly<Partial<Record<DType, number>>> = { float32: 32, int32: 32, uint32: 32, float64: 64 };

/** The output aval of bitcasting `x` to `dtype`, or an error naming what is wrong. */
function bitcastAval(x: Aval, dtype: DType): Aval {
  const from = WIDTH[x.dtype];
  const to = WIDTH[dtype];
  if (x.dtype === dtype) return x;
  if (from === undefined || to === undefined) {
    fail("bitcastConvertType", `got ${describeAll([x])} to ${String(dtype)}; expected float32, float64, int32 or uint32 on both sides (bool only to bool)`);
  }
  if (from === to) return aval(x.shape, dtype);
  if (from > to) return aval([...x.shape, from / to], dtype);
  const last = x.shape[x.shape.length - 1];
  if (last !== to / from) fail("bitcastConvertType", `converting ${describeAll([x])} to ${dtype} needs a last axis of ${to / from} (${to / from} x ${from} bits = ${to} bits), got shape [${x.shape.join(",")}]`);
  return aval(x.shape.slice(0, -1), dtype);
}

/** Rules for the bitcast primitive. */
export const bitcastRules: RuleTable<BitcastPrim> = {
  bitcastConvertType: {
    // The output can have another shape than the input, so it runs as its own kernel.
    fusion: "opaque",
    abstractEval(args: readonly Aval[], params): Aval[] {
      if (args.length !== 1) fail("bitcastConvertType", `expected 1 operand, got ${args.length}`);
      return [bitcastAval(args[0]!, params.dtype)];
    },
    impl(args, params, outAvals) {
      const source = storageOf(args[0]!);
      const out = outAvals[0]!;
      // Copy the bytes into a fresh buffer of the target type (the input's storage is never shared).
      const target = allocate(params.dtype, out.shape.reduce((p, d) => p * d, 1));
      new Uint8Array(target.buffer, target.byteOffset, target.byteLength).set(new Uint8Array(source.buffer, source.byteOffset, source.byteLength));
      return [adoptBuffer(target, out.shape, params.dtype)];
    },
    jvp(primals, _tangents, params) {
      const outs = bind("bitcastConvertType", primals, params);
      return [outs, outs.map(zeroLike)];
    },
    vmap(args, dims, params, axisSize) {
      // The batch axis first keeps it out of the trailing axis a width change adds or removes.
      return [bind("bitcastConvertType", [batchFirst(args[0]!, dims[0]!, axisSize)], params), [0]];
    },
  },
};
