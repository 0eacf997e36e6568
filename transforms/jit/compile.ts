/**
 * Compiles a closed jaxpr to a function over concrete arrays: fuse into a program, render each
 * kernel once, then run the steps in order. Kernels write fresh buffers; calls run the
 * primitive's eager kernel through `evaluate`. (No buffer reuse yet: every value is allocated.)
 */
import { allocate, type TypedArray } from "../../core/dtype.js";
import { describe, fail } from "../../core/errors.js";
import { evaluate } from "../../core/interpreter.js";
import { Lit, type Atom, type ClosedJaxpr, type Var } from "../../core/jaxpr.js";
import { NdArray } from "../../core/ndarray.js";
import { shapesEqual, sizeOf } from "../../core/shape.js";
import { fuse } from "./fuse.js";
import type { Kernel, Program } from "./kernel-ir.js";
import { compileKernel, renderKernel, type KernelFunction } from "./render-js.js";

/** A compiled jaxpr: call it on the jaxpr's inputs; `program` and `sources` show what runs. */
export type CompiledFunction = ((args: readonly NdArray[]) => NdArray[]) & {
  readonly program: Program;
  readonly sources: readonly string[];
};

/** A step ready to run: a kernel with its function, or a call. */
type Runnable = { readonly kernel: Kernel; readonly fn: KernelFunction } | { readonly kernel: null; readonly step: Program["steps"][number] & { kind: "call" } };

/** Compiles `closed` (its constants must be concrete) into a function from input arrays to output arrays. */
export function compile(closed: ClosedJaxpr): CompiledFunction {
  const consts = closed.consts.map((c, i) => (c instanceof NdArray ? c : fail("compile", `constant ${i} (${describe(c)}) is not a concrete array`)));
  const program = fuse(closed.jaxpr);
  const runnables: Runnable[] = program.steps.map((step) =>
    step.kind === "kernel" ? { kernel: step.kernel, fn: compileKernel(step.kernel) } : { kernel: null, step },
  );
  const sources = program.steps.flatMap((step) => (step.kind === "kernel" ? [renderKernel(step.kernel)] : []));

  const run = (args: readonly NdArray[]): NdArray[] => {
    if (args.length !== program.inVars.length) fail("compile", `the program takes ${program.inVars.length} arguments, got ${args.length}`);
    const env = new Map<Var, NdArray>();
    program.constVars.forEach((v, i) => env.set(v, consts[i]!));
    program.inVars.forEach((v, i) => {
      const x = args[i]!;
      if (!(x instanceof NdArray) || !shapesEqual(x.shape, v.aval.shape) || x.dtype !== v.aval.dtype) {
        fail("compile", `argument ${i} is ${x instanceof NdArray ? describe(x) : typeof x}, the program expects ${describe(v.aval)}`);
      }
      env.set(v, x);
    });
    const read = (a: Atom): NdArray => (a instanceof Lit ? a.value : env.get(a)!);
    for (const r of runnables) {
      if (r.kernel === null) {
        const { eqn } = r.step;
        const outs = evaluate(eqn.prim, eqn.inputs.map(read), eqn.params);
        eqn.outs.forEach((v, i) => env.set(v, outs[i]!));
        continue;
      }
      const { kernel, fn } = r;
      const size = sizeOf(kernel.shape);
      const buffers: TypedArray[] = kernel.outputs.map((o) => allocate(o.var.aval.dtype, size));
      if (size > 0) fn(kernel.inputs.map((v) => env.get(v)!.data), buffers);
      kernel.outputs.forEach((o, i) => env.set(o.var, NdArray.fromBuffer(buffers[i]!, kernel.shape, o.var.aval.dtype)));
    }
    return program.outs.map(read);
  };
  return Object.assign(run, { program, sources });
}
