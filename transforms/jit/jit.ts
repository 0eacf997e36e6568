/**
 * `jit(f)`: stages `f` to a jaxpr once per input signature (pytree structure, shapes, dtypes, which
 * leaves are weakly typed JS numbers, and the values of static arguments), simplifies it, caches it, and runs it as one `jit` primitive,
 * so every transform composes with it. `jit(f).lower(...args)` shows the optimized program.
 */
import { aval } from "../../core/aval.js";
import { describe, fail } from "../../core/errors.js";
import { bind } from "../../core/interpreter.js";
import { inspectCustom } from "../../core/inspect.js";
import { ClosedJaxpr, hoistConsts, printJaxpr } from "../../core/jaxpr.js";
import { LruCache } from "../../core/lru.js";
import { ArrayValue, NdArray } from "../../core/ndarray.js";
import * as tree from "../../core/tree.js";
import { checkFunction, describeValue, either, integer, integerList, readOptions, type OptionCheck } from "../../core/validate.js";
import { arrayLeaves, canonicalOutputs, flattenArgs, normalizeArgnums } from "../pytree-args.js";
import { stageFlat } from "../staging.js";
import type { AnyFunction } from "../types.js";
import type { CompiledProgram } from "../../core/primitives.js";
import { cacheGeneration } from "./caches.js";
import { compileLazily, compile as compileProgram } from "./compile.js";
import { planBytes, type MemoryPlan } from "./memory-plan.js";
import { renderKernel } from "./render-js.js";
import { simplify } from "./simplify.js";
import { staticKey } from "./static-keys.js";

/** How many signatures a jitted function keeps compiled programs for, unless `cacheSize` says otherwise. */
export const DEFAULT_JIT_CACHE_SIZE = 64;

/** Options of jit. */
export interface JitOptions {
  /**
   * Positional arguments that are static (negative numbers count from the end of the call's
   * arguments, as in JAX): their values, not arrays, key the cache and are baked into the
   * program. They must be hashable: primitives (compared as `Object.is`), plain records and
   * arrays frozen at every level (compared structurally), functions and class instances (by
   * identity); see `jit`.
   */
  readonly staticArgnums?: number | readonly number[];
  /** How many signatures keep a compiled program (least recently used ones are dropped): default 64. */
  readonly cacheSize?: number;
}

const positiveInteger: OptionCheck<number> = (op, name, value) => {
  if (!Number.isSafeInteger(value) || (value as number) < 1) fail(op, `${name} must be a positive integer, got ${describeValue(value)}`);
  return value as number;
};

const jitOptions = {
  staticArgnums: either(integer, integerList, "an integer or a list of integers"),
  cacheSize: positiveInteger,
};

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
  /** The whole report as text: jaxpr, steps, memory plan and kernels. */
  toString(): string;
  /** What console.log and the REPL show: the same text. */
  [inspectCustom](): string;
}

/** A jitted function, with `lower` for inspection and its cache size (one program per signature). */
export type Jitted<F extends AnyFunction> = ((...args: Parameters<F>) => ReturnType<F>) & {
  lower(...args: Parameters<F>): Lowered;
  cacheSize(): number;
};

/**
 * Compiles `f` per input signature and runs the cached program. Arrays `f` closes over become
 * constants of the program, fixed when it is first traced (as in JAX).
 *
 * Static arguments (`staticArgnums`) are part of the signature and must be hashable, as in JAX:
 * - numbers, strings, booleans, null, undefined and bigints by value, compared as `Object.is`
 *   (`NaN` equals `NaN`; `0` and `-0` differ); symbols by identity;
 * - plain records and arrays structurally, but only when frozen at every level
 *   (`Object.freeze`), so they cannot change after the call (key order and `undefined`-valued
 *   keys count: `{a: undefined}` differs from `{}`); an unfrozen one is an error, like JAX's
 *   unhashable list;
 * - functions and class instances by identity, held weakly (mutating one later is not seen,
 *   as with JAX's default `__hash__`);
 * - Maps, Sets, Dates, typed arrays, tessera arrays and cyclic structures are errors.
 *
 * Each jitted function keeps programs for its `cacheSize` (default 64) most recently used
 * signatures; an evicted signature is traced again on its next call. `clearCaches()` empties
 * every cache.
 */
export function jit<F extends AnyFunction>(f: F, options?: JitOptions | null): Jitted<F> {
  checkFunction("jit", f);
  const read = readOptions("jit", options, jitOptions);
  const staticArgnums = read.staticArgnums ?? [];
  const cache = new LruCache<string, Compiled>(read.cacheSize ?? DEFAULT_JIT_CACHE_SIZE);
  let generation = cacheGeneration();
  const current = (): LruCache<string, Compiled> => {
    if (generation !== cacheGeneration()) {
      cache.clear();
      generation = cacheGeneration();
    }
    return cache;
  };

  const compile = (args: readonly unknown[]): { compiled: Compiled; leaves: ArrayValue[] } => {
    const statics = normalizeArgnums("jit", staticArgnums, args.length);
    const dynamic = args.map((_, i) => i).filter((i) => !statics.includes(i));
    for (const i of dynamic) checkTraceable(args[i], i, statics);
    const flat = flattenArgs("jit", args, dynamic, undefined, "weak");
    // Each part is length-prefixed, so no two different signatures join to the same text. A weak
    // scalar's dtype says which kind of JS number it stands for (int32 or float64), so 1 and 2
    // share a program while 1, 1.5 and np.array(1) each have their own.
    const signature = [
      String(args.length),
      ...flat.defs.map((d) => tree.treedefToString(d.def)),
      ...flat.leaves.map((x, i) => `${flat.weak[i] ? "weak " : ""}${describe(x)}`),
      ...[...statics].sort((a, b) => a - b).map((i) => `${i}=${staticKey("jit", args[i], i)}`),
    ]
      .map((part) => `${part.length}:${part}`)
      .join("");
    const programs = current();
    let compiled = programs.get(signature);
    if (compiled === undefined) {
      let outDef: tree.TreeDef | undefined;
      const staged = stageFlat((leaves) => {
        const [outs, def] = arrayLeaves("jit", "the output", f(...flat.rebuild(leaves)));
        outDef = def;
        return canonicalOutputs(outs);
      }, flat.leaves.map((x, i) => aval(x.shape, x.dtype, flat.weak[i])));
      const optimized = new ClosedJaxpr(simplify(staged.jaxpr), staged.consts);
      const [hoisted, consts] = hoistConsts(optimized);
      compiled = { jaxpr: hoisted, program: compileLazily(hoisted), consts, outDef: outDef! };
      // A program that captured tracers of an enclosing transform is only valid for this call.
      if (consts.every((c) => c instanceof NdArray)) programs.set(signature, compiled);
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
    // console.log and the REPL show the text too (the symbol is Node's util.inspect hook).
    return { jaxpr: compiled.jaxpr, kernels, steps: program.program.steps.map((s) => s.kind), plan: program.plan, toString: () => text, [inspectCustom]: () => text };
  };
  jitted.cacheSize = () => current().size;
  return jitted;
}

/** The typeofs jit cannot trace, as "a ..." and "...s" for the message (built once: it is read on every call). */
const UNTRACEABLE: Partial<Record<string, readonly [string, string]>> = {
  string: ["a string", "strings"],
  boolean: ["a boolean", "booleans"],
  function: ["a function", "functions"],
  symbol: ["a symbol", "symbols"],
  bigint: ["a bigint", "bigints"],
};

/**
 * Fails when a dynamic argument is a value jit cannot trace (a string, boolean, function, symbol
 * or bigint), pointing to `staticArgnums`: such values are configuration, and JAX's error for them
 * names static_argnums too. (Other objects get the pytree walker's message.)
 */
function checkTraceable(value: unknown, index: number, statics: readonly number[]): void {
  const kind = UNTRACEABLE[typeof value];
  if (kind === undefined) return;
  const [one, many] = kind;
  const shown = typeof value === "function" ? "" : ` (${describeValue(value)})`;
  const argnums = [...statics, index].sort((a, b) => a - b);
  fail(
    "jit",
    `argument ${index} is ${one}${shown}; ${many} cannot be traced (jit traces arrays, numbers and pytrees of them): ` +
      `mark it static with jit(f, { staticArgnums: [${argnums.join(", ")}] }), or close over it` +
      (typeof value === "boolean" ? `; to trace it as a bool array, pass np.array(${String(value)})` : ""),
  );
}
