/**
 * Rules for the random family: the Threefry-2x32 hash, the one primitive every sampler in
 * `core/random/` is built on (everything else is ordinary elementwise arithmetic on its bits).
 */
import { aval, type Aval } from "../aval.js";
import { describeAll, fail } from "../errors.js";
import { bind } from "../interpreter.js";
import { threefry2x32 } from "../kernels/threefry.js";
import { adoptBuffer, storageOf } from "../ndarray.js";
import type { RandomPrim } from "../primitives.js";
import { broadcastShapes } from "../shape.js";
import { zeroLike } from "./autodiff-helpers.js";
import { vmapBroadcasting } from "./batching-helpers.js";
import type { RuleTable } from "./rule.js";

/** Rules for the random primitives. */
export const randomRules: RuleTable<RandomPrim> = {
  threefry2x32: {
    // Fuses like any elementwise op; jit renders it as its own two-word kernel node
    // (transforms/jit/render-js-threefry.ts), since it is the one elementwise primitive with two results.
    fusion: "elementwise",
    // Integer bits in and out: nothing to differentiate.
    jvp(primals, _tangents, params) {
      const outs = bind("threefry2x32", primals, params);
      return [outs, outs.map(zeroLike)];
    },
    vmap: vmapBroadcasting("threefry2x32"),
    abstractEval(args: readonly Aval[]): Aval[] {
      if (args.length !== 4) fail("threefry2x32", `expected 4 operands (k1, k2, x1, x2), got ${args.length}`);
      if (args.some((a) => a.dtype !== "uint32")) {
        fail("threefry2x32", `got ${describeAll(args)}; expected uint32 operands (k1, k2, x1, x2)`);
      }
      const shape = broadcastShapes("threefry2x32", ...args.map((a) => a.shape));
      return [aval(shape, "uint32"), aval(shape, "uint32")];
    },
    impl(args, _params, outAvals) {
      const [k1, k2, x1, x2] = args.map((a) => ({ data: storageOf(a) as Uint32Array, shape: a.shape }));
      const shape = outAvals[0]!.shape;
      const [bits1, bits2] = threefry2x32(k1!, k2!, x1!, x2!, shape);
      return [adoptBuffer(bits1, shape, "uint32"), adoptBuffer(bits2, shape, "uint32")];
    },
  },
};
