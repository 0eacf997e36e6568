/**
 * Memory planning: which intermediate values of a program share buffers. Computed once per
 * program from the order of its steps; at run time each planned value is written into its
 * slot's buffer, allocated on the first call and reused by every later one.
 *
 * A value gets a slot when the step making it can write into a given buffer (a fused kernel, or
 * a call with an `into` kernel) and it is not part of the result. Its slot returns to the free
 * list after its last reader has run, so a later value of the same dtype and length reuses it.
 * Any other call may return a result that shares its operands' buffers (reshape does, and so may
 * a nested program returning an input), so its operands live as long as its results, and if a
 * result escapes to the caller its operands escape too. Inputs and constants are never slots.
 */
import type { DType } from "../../core/dtype.js";
import { sizeOf } from "../../core/shape.js";
import { Lit, type Atom, type Var } from "../../core/jaxpr.js";
import type { Program, ProgramStep } from "./kernel-ir.js";

/** A reusable buffer: storage dtype and element count. */
export interface Slot {
  readonly dtype: DType;
  readonly length: number;
}

/** The plan: a slot per planned value, and the slots themselves. */
export interface MemoryPlan {
  readonly slotOf: ReadonlyMap<Var, number>;
  readonly slots: readonly Slot[];
}

/** How a step treats buffers: writes results into given buffers, or allocates results that may alias its operands. */
export type StepBuffers = "writes-into" | "may-alias";

const vars = (atoms: readonly Atom[]): Var[] => atoms.filter((a): a is Var => !(a instanceof Lit));

/** The values a step reads and makes. */
export function stepValues(step: ProgramStep): { reads: Var[]; makes: Var[] } {
  if (step.kind === "kernel") return { reads: [...step.kernel.inputs], makes: step.kernel.outputs.map((o) => o.var) };
  return { reads: vars(step.eqn.inputs), makes: [...step.eqn.outs] };
}

/** Plans the buffers of `program`, given how each step treats buffers. */
export function planMemory(program: Program, buffersOf: (step: ProgramStep) => StepBuffers): MemoryPlan {
  const steps = program.steps.map((step) => ({ ...stepValues(step), buffers: buffersOf(step) }));
  const escaping = new Set<Var>(vars(program.outs));
  const lastUse = new Map<Var, number>();
  steps.forEach(({ reads }, i) => reads.forEach((v) => lastUse.set(v, i)));
  // Walking backwards, results of aliasing calls hand their lifetime and escape to their operands.
  for (let i = steps.length - 1; i >= 0; i--) {
    const { reads, makes, buffers } = steps[i]!;
    if (buffers === "writes-into") continue;
    const until = Math.max(i, ...makes.map((v) => lastUse.get(v) ?? i));
    const escapes = makes.some((v) => escaping.has(v));
    for (const v of reads) {
      lastUse.set(v, Math.max(lastUse.get(v) ?? i, until));
      if (escapes) escaping.add(v);
    }
  }

  const slotOf = new Map<Var, number>();
  const slots: Slot[] = [];
  const free = new Map<string, number[]>();
  const keyOf = (slot: Slot) => `${slot.dtype}:${slot.length}`;
  const releasedAfter = new Map<number, Var[]>();
  steps.forEach(({ makes, buffers }, i) => {
    if (buffers === "writes-into") {
      for (const v of makes) {
        if (escaping.has(v)) continue;
        const slot: Slot = { dtype: v.aval.dtype, length: sizeOf(v.aval.shape) };
        const reused = free.get(keyOf(slot))?.pop();
        const id = reused ?? slots.push(slot) - 1;
        slotOf.set(v, id);
        const end = lastUse.get(v) ?? i;
        releasedAfter.set(end, [...(releasedAfter.get(end) ?? []), v]);
      }
    }
    for (const v of releasedAfter.get(i) ?? []) {
      const id = slotOf.get(v)!;
      const key = keyOf(slots[id]!);
      free.set(key, [...(free.get(key) ?? []), id]);
    }
  });
  return { slotOf, slots };
}

/** Bytes held by a plan's slots (for `lower` and tests). */
export function planBytes(plan: MemoryPlan): number {
  const width: Record<DType, number> = { float32: 4, float64: 8, int32: 4, uint32: 4, bool: 1 };
  return plan.slots.reduce((total, s) => total + s.length * width[s.dtype], 0);
}
