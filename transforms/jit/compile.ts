/**
 * Compiles a closed jaxpr to a function over concrete arrays: compile the bodies of its loops and
 * branches (inner-jaxprs.ts), fuse into a program, render each kernel once, plan the intermediate buffers, then run the steps in order. Planned values are
 * written into buffers allocated on the first call and reused on every later one; results, and
 * whatever a call might hand through to them, get fresh buffers (see memory-plan.ts).
 */
import { allocate, type TypedArray } from "../../core/dtype.js";
import { describe, fail } from "../../core/errors.js";
import { evaluate } from "../../core/eager.js";
import { Lit, type Atom, type ClosedJaxpr, type Eqn, type Var } from "../../core/jaxpr.js";
import type { CompiledProgram } from "../../core/primitives.js";
import { adoptBuffer, NdArray, storageOf } from "../../core/ndarray.js";
import { shapesEqual, sizeOf } from "../../core/shape.js";
import { fuse } from "./fuse.js";
import { compileInnerJaxprs } from "./inner-jaxprs.js";
import { intoCallOf } from "./into-calls.js";
import type { Kernel, Program, ProgramStep } from "./kernel-ir.js";
import { planMemory, type MemoryPlan } from "./memory-plan.js";
import { compileKernel, renderKernel, type KernelFunction } from "./render-js.js";

/** A compiled jaxpr: call it on the jaxpr's inputs; `program`, `plan` and `sources` show what runs. */
export type CompiledFunction = ((args: readonly NdArray[]) => NdArray[]) & {
  readonly program: Program;
  readonly plan: MemoryPlan;
  readonly sources: readonly string[];
};

/** A step ready to run. */
type Runnable =
  | { readonly kind: "kernel"; readonly kernel: Kernel; readonly fn: KernelFunction }
  | { readonly kind: "into"; readonly eqn: Eqn; readonly call: NonNullable<ReturnType<typeof intoCallOf>> }
  | { readonly kind: "call"; readonly eqn: Eqn };

function runnableOf(step: ProgramStep): Runnable {
  if (step.kind === "kernel") return { kind: "kernel", kernel: step.kernel, fn: compileKernel(step.kernel) };
  const call = intoCallOf(step.eqn);
  return call === undefined ? { kind: "call", eqn: step.eqn } : { kind: "into", eqn: step.eqn, call };
}

/** Compiles `closed` (its constants must be concrete) into a function from input arrays to output arrays. */
export function compile(closed: ClosedJaxpr): CompiledFunction {
  const consts = closed.consts.map((c, i) => (c instanceof NdArray ? c : fail("compile", `constant ${i} (${describe(c)}) is not a concrete array`)));
  const program = fuse(compileInnerJaxprs(closed.jaxpr, compile));
  const runnables = program.steps.map(runnableOf);
  const plan = planMemory(program, (step) => (step.kind === "kernel" || intoCallOf(step.eqn) !== undefined ? "writes-into" : "may-alias"));
  const sources = program.steps.flatMap((step) => (step.kind === "kernel" ? [renderKernel(step.kernel)] : []));
  let arena: TypedArray[] | null = null;
  let running = false;

  const run = (args: readonly NdArray[]): NdArray[] => {
    if (args.length !== program.inVars.length) fail("compile", `the program takes ${program.inVars.length} arguments, got ${args.length}`);
    args.forEach((x, i) => {
      const v = program.inVars[i]!;
      if (!(x instanceof NdArray) || !shapesEqual(x.shape, v.aval.shape) || x.dtype !== v.aval.dtype) {
        fail("compile", `argument ${i} is ${x instanceof NdArray ? describe(x) : typeof x}, the program expects ${describe(v.aval)}`);
      }
    });
    // A nested call of the same program (possible only through user callbacks) gets its own buffers.
    const nested = running;
    const fresh = () => plan.slots.map((s) => allocate(s.dtype, s.length));
    const buffers = nested ? fresh() : (arena ??= fresh());
    running = true;
    try {
      return execute(args, buffers);
    } finally {
      if (!nested) running = false;
    }
  };

  const execute = (args: readonly NdArray[], buffers: readonly TypedArray[]): NdArray[] => {
    const env = new Map<Var, NdArray>();
    program.constVars.forEach((v, i) => env.set(v, consts[i]!));
    program.inVars.forEach((v, i) => env.set(v, args[i]!));
    const read = (a: Atom): NdArray => (a instanceof Lit ? a.value : env.get(a)!);
    const bufferFor = (v: Var): TypedArray => {
      const slot = plan.slotOf.get(v);
      return slot === undefined ? allocate(v.aval.dtype, sizeOf(v.aval.shape)) : buffers[slot]!;
    };
    for (const r of runnables) {
      if (r.kind === "call") {
        const outs = evaluate(r.eqn.prim, r.eqn.inputs.map(read), r.eqn.params);
        r.eqn.outs.forEach((v, i) => env.set(v, outs[i]!));
      } else if (r.kind === "into") {
        const out = r.eqn.outs[0]!;
        const into = bufferFor(out);
        r.call(r.eqn, r.eqn.inputs.map(read), into);
        env.set(out, adoptBuffer(into, out.aval.shape, out.aval.dtype));
      } else {
        const { kernel, fn } = r;
        const outs = kernel.outputs.map((o) => bufferFor(o.var));
        if (sizeOf(kernel.outputs[0]!.var.aval.shape) > 0) fn(kernel.inputs.map((v) => storageOf(env.get(v)!)), outs);
        kernel.outputs.forEach((o, i) => env.set(o.var, adoptBuffer(outs[i]!, o.var.aval.shape, o.var.aval.dtype)));
      }
    }
    return program.outs.map(read);
  };
  return Object.assign(run, { program, plan, sources });
}

/** A program compiled on its first call (many staged jit calls are only ever traced again, never run). */
export function compileLazily(jaxpr: ClosedJaxpr): CompiledProgram {
  let compiled: CompiledProgram | undefined;
  return (args) => (compiled ??= compile(jaxpr))(args);
}
