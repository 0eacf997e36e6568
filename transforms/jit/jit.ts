/**
 * `jit(f)`: stages `f` to a jaxpr once per input signature (pytree structure, shapes, dtypes and
 * the values of static arguments), simplifies it, caches it, and runs it as one `jit` primitive,
 * so every transform composes with it. `jit(f).lower(...args)` shows the optimized program.
 */
import { describe, fail } from "../../core/errors.js";
import { bind } from "../../core/interpreter.js";
import { ClosedJaxpr, hoistConsts, printJaxpr } from "../../core/jaxpr.js";
import { ArrayValue, NdArray } from "../../core/ndarray.js";
import { avalOf } from "../../core/rules/ad.js";
import * as tree from "../../core/tree.js";
import { arrayLeaves, flattenArgs, normalizeArgnums } from "../pytree-args.js";
import { stageFlat } from "../staging.js";
import type { AnyFunction } from "../types.js";
import type { CompiledProgram } from "../../core/primitives.js";
import { compileLazily } from "../toolkit.js";
import { compile as compileProgram } from "./compile.js";
import { planBytes, type MemoryPlan } from "./memory-plan.js";
import { renderKernel } from "./render-js.js";
import { simplify } from "./simplify.js";

/** Options of jit. */
export interface JitOptions {
  /** Positional arguments that are static: their values (not arrays) key the cache and are baked into the program. */
  readonly staticArgnums?: number | readonly number[];
}

/** A compiled program for one input signature. */
interface Compiled {
  /** The optimized jaxpr: constants are its leading inputs. */
  readonly jaxpr: ClosedJaxpr;
  readonly program: CompiledProgram;
  readonly consts: readonly ArrayValue[];
  readonly outDef: tree.TreeDef;
}

/** What `lower` shows: the optimized jaxpr, the steps that run it, the memory plan and the generated kernels. */
export interface Lowered {
  readonly jaxpr: ClosedJaxpr;
  /** The JavaScript source of each fused kernel. */
  readonly kernels: readonly string[];
  /** The kind of each step in order: a generated kernel, or a call to a primitive's kernel. */
  readonly steps: readonly ("kernel" | "call")[];
  /** Which intermediates share which reused buffers. */
  readonly plan: MemoryPlan;
  toString(): string;
}

/** A jitted function, with `lower` for inspection and its cache size (one program per signature). */
export type Jitted<F extends AnyFunction> = ((...args: Parameters<F>) => ReturnType<F>) & {
  lower(...args: Parameters<F>): Lowered;
  cacheSize(): number;
};

/** A cache key for a static argument's value (JSON; functions and arrays are not static values). */
function staticKey(value: unknown, index: number): string {
  if (typeof value === "function" || value instanceof ArrayValue) {
    fail("jit", `static argument ${index} must be a plain value (number, string, boolean, or a JSON-like object), got ${typeof value === "function" ? "a function" : "an array"}`);
  }
  return JSON.stringify(value) ?? "undefined";
}

/**
 * Compiles `f` per input signature and runs the cached program. Arrays `f` closes over become
 * constants of the program, fixed when it is first traced (as in JAX).
 */
export function jit<F extends AnyFunction>(f: F, options: JitOptions = {}): Jitted<F> {
  const cache = new Map<string, Compiled>();

  const compile = (args: readonly unknown[]): { compiled: Compiled; leaves: ArrayValue[] } => {
    const statics = new Set(normalizeArgnums("jit", options.staticArgnums ?? [], args.length));
    const dynamic = args.map((_, i) => i).filter((i) => !statics.has(i));
    const flat = flattenArgs("jit", args, dynamic);
    const signature = [
      ...flat.defs.map((d) => tree.treedefToString(d.def)),
      ...flat.leaves.map((x) => describe(x)),
      ...[...statics].map((i) => `${i}=${staticKey(args[i], i)}`),
    ].join("|");
    let compiled = cache.get(signature);
    if (compiled === undefined) {
      let outDef: tree.TreeDef | undefined;
      const staged = stageFlat((leaves) => {
        const [outs, def] = arrayLeaves("jit", "the output", f(...flat.rebuild(leaves)));
        outDef = def;
        return outs;
      }, flat.leaves.map(avalOf));
      const optimized = new ClosedJaxpr(simplify(staged.jaxpr), staged.consts);
      const [hoisted, consts] = hoistConsts(optimized);
      compiled = { jaxpr: hoisted, program: compileLazily(hoisted), consts, outDef: outDef! };
      // A program that captured tracers of an enclosing transform is only valid for this call.
      if (consts.every((c) => c instanceof NdArray)) cache.set(signature, compiled);
    }
    return { compiled, leaves: flat.leaves };
  };

  const jitted = ((...args: unknown[]) => {
    const { compiled, leaves } = compile(args);
    const outs = bind("jit", [...compiled.consts, ...leaves], { jaxpr: compiled.jaxpr, program: compiled.program });
    return tree.unflatten(compiled.outDef, outs);
  }) as unknown as Jitted<F>;
  jitted.lower = (...args: Parameters<F>): Lowered => {
    const { compiled } = compile(args);
    const program = compileProgram(compiled.jaxpr);
    const kernels = [...program.sources];
    const steps = program.program.steps.map((s, i) => `${i}: ${s.kind === "kernel" ? `kernel ${kernels.indexOf(renderKernel(s.kernel))}` : `call ${s.eqn.prim}`}`);
    const memory = `memory plan: ${program.plan.slotOf.size} intermediates in ${program.plan.slots.length} reused buffers (${planBytes(program.plan)} bytes); results are fresh`;
    const text = [printJaxpr(compiled.jaxpr.jaxpr), `steps:\n${steps.join("\n")}`, memory, ...kernels.map((k, i) => `kernel ${i}:\n${k}`)].join("\n\n");
    return { jaxpr: compiled.jaxpr, kernels, steps: program.program.steps.map((s) => s.kind), plan: program.plan, toString: () => text };
  };
  jitted.cacheSize = () => cache.size;
  return jitted;
}
