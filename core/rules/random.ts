/**
 * Rules for the random family: the Threefry-2x32 hash, which every sampler in `core/random/` is
 * built on, and the Gamma rejection sampler, whose per-element loops of data-dependent length
 * run as one opaque primitive (as JAX's random_gamma_p), with randomGammaGrad, the derivative of a
 * sample in a, for its jvp; and the Poisson and binomial samplers' loops likewise.
 */
import { aval, type Aval } from "../aval.js";
import { isFloat } from "../dtype.js";
import { describeAll, fail } from "../errors.js";
import { bind, bind1 } from "../interpreter.js";
import { gammaSampleDerivatives } from "../kernels/gamma-grad.js";
import { threefry2x32 } from "../kernels/threefry.js";
import { adoptBuffer, storageOf } from "../ndarray.js";
import * as np from "../numpy/index.js";
import type { RandomPrim } from "../primitives.js";
import { broadcastShapes } from "../shape.js";
import { gammaLoop } from "../random/gamma-loop.js";
import { binomialLoop } from "../random/binomial-loop.js";
import { poissonLoop } from "../random/poisson-loop.js";
import { isZero, zeroLike } from "./autodiff-helpers.js";
import { batchFirst, vmapBroadcasting } from "./batching-helpers.js";
import type { JvpRule, RuleTable, VmapRule } from "./rule.js";

/**
 * The jvp and vmap rules of a sampler with integer-valued samples (JAX's Poisson and binomial
 * loops): a zero derivative in every parameter, as in JAX, and batching by moving every operand's
 * batch axis first (each key draws its own block).
 */
function integerSamplerRules<P extends "randomPoisson" | "randomBinomial">(name: P): { jvp: JvpRule<P>; vmap: VmapRule<P> } {
  return {
    jvp(primals, _tangents, params) {
      const outs = bind(name, primals, params);
      return [outs, outs.map(zeroLike)];
    },
    vmap(args, dims, params, axisSize) {
      return [bind(name, args.map((x, i) => batchFirst(x, dims[i]!, axisSize)), params), [0]];
    },
  };
}

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
  randomGamma: {
    fusion: "opaque",
    // Implicit reparameterization (JAX's _gamma_grad): d sample / d a at fixed noise, through
    // randomGammaGrad; in log space d log(sample) = d sample / sample.
    jvp(primals, tangents, params) {
      const outs = bind("randomGamma", primals, params);
      const ta = tangents[1];
      if (isZero(ta)) return [outs, outs.map(zeroLike)];
      const a = primals[1]!;
      if (!params.logSpace) return [outs, [np.multiply(bind1("randomGammaGrad", [a, outs[0]!], {}), ta!)]];
      const sample = np.exp(outs[0]!);
      const safe = np.where(np.equal(sample, 0), a.dtype === "float32" ? 2 ** -126 : 2 ** -1022, sample);
      return [outs, [np.multiply(np.divide(bind1("randomGammaGrad", [a, safe], {}), safe), ta!)]];
    },
    vmap(args, dims, params, axisSize) {
      const [key, a] = args.map((x, i) => batchFirst(x, dims[i]!, axisSize));
      return [bind("randomGamma", [key!, a!], params), [0]];
    },
    abstractEval(args: readonly Aval[]): Aval[] {
      const [key, a] = args;
      if (args.length !== 2) fail("randomGamma", `expected 2 operands (key, a), got ${args.length}`);
      const batch = key!.shape.slice(0, -1);
      if (key!.dtype !== "uint32" || key!.shape[key!.shape.length - 1] !== 2 || !isFloat(a!.dtype) || batch.some((d, i) => a!.shape[i] !== d)) {
        fail("randomGamma", `got ${describeAll(args)}; expected keys uint32 [...batch, 2] and a float array [...batch, ...]`);
      }
      return [aval(a!.shape, a!.dtype)];
    },
    impl(args, params) {
      return [gammaLoop(args[0]!, args[1]!, params.logSpace)];
    },
  },
  randomPoisson: {
    fusion: "opaque",
    ...integerSamplerRules("randomPoisson"),
    abstractEval(args: readonly Aval[]): Aval[] {
      const [key, lam] = args;
      if (args.length !== 2) fail("randomPoisson", `expected 2 operands (key, lam), got ${args.length}`);
      const batch = key!.shape.slice(0, -1);
      if (key!.dtype !== "uint32" || key!.shape[key!.shape.length - 1] !== 2 || lam!.dtype !== "float32" || batch.some((d, i) => lam!.shape[i] !== d)) {
        fail("randomPoisson", `got ${describeAll(args)}; expected keys uint32 [...batch, 2] and a float32 array [...batch, ...]`);
      }
      return [aval(lam!.shape, "int32")];
    },
    impl(args) {
      return [poissonLoop(args[0]!, args[1]!)];
    },
  },
  randomBinomial: {
    fusion: "opaque",
    ...integerSamplerRules("randomBinomial"),
    abstractEval(args: readonly Aval[]): Aval[] {
      const [key, count, q] = args;
      if (args.length !== 3) fail("randomBinomial", `expected 3 operands (key, count, q), got ${args.length}`);
      const batch = key!.shape.slice(0, -1);
      const sameShape = count!.shape.length === q!.shape.length && count!.shape.every((d, i) => q!.shape[i] === d);
      if (key!.dtype !== "uint32" || key!.shape[key!.shape.length - 1] !== 2 || !isFloat(q!.dtype) || count!.dtype !== q!.dtype || !sameShape || batch.some((d, i) => q!.shape[i] !== d)) {
        fail("randomBinomial", `got ${describeAll(args)}; expected keys uint32 [...batch, 2] and count and q of one float dtype and shape [...batch, ...]`);
      }
      return [aval(q!.shape, q!.dtype)];
    },
    impl(args) {
      return [binomialLoop(args[0]!, args[1]!, args[2]!)];
    },
  },
  randomGammaGrad: {
    fusion: "opaque",
    jvp(primals, tangents) {
      if (tangents.some((t) => !isZero(t))) {
        fail("random.gamma", "second derivatives of gamma samples in a are not implemented (JAX reaches them only in forward mode, through random_gamma_grad's while loops)");
      }
      const outs = bind("randomGammaGrad", primals, {});
      return [outs, outs.map(zeroLike)];
    },
    vmap(args, dims, params, axisSize) {
      const [a, x] = args.map((v, i) => batchFirst(v, dims[i]!, axisSize));
      return [bind("randomGammaGrad", [a!, x!], params), [0]];
    },
    abstractEval(args: readonly Aval[]): Aval[] {
      const [a, x] = args;
      if (args.length !== 2 || !isFloat(a!.dtype) || a!.dtype !== x!.dtype || a!.shape.length !== x!.shape.length || a!.shape.some((d, i) => x!.shape[i] !== d)) {
        fail("randomGammaGrad", `got ${describeAll(args)}; expected a and x of one shape and float dtype`);
      }
      return [aval(a!.shape, a!.dtype)];
    },
    impl(args) {
      const [a, x] = args;
      const dtype = a!.dtype as "float32" | "float64";
      return [adoptBuffer(gammaSampleDerivatives(storageOf(a!) as Float64Array, storageOf(x!) as Float64Array, dtype), a!.shape, dtype)];
    },
  },
};
