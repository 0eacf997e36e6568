/**
 * A tracer that escaped a finished transform is an error when it is passed as an argument to any
 * transform, including those that would otherwise hand it straight back without binding a
 * primitive (vmap, jvp and vjp of the identity): never a dead tracer returned as if it were a value.
 */
import { describe, expect, it } from "vitest";
import { grad, jit, jvp, lax, linearize, makeJaxpr, np, valueAndGrad, vjp, vmap, type ArrayValue } from "../../index.js";
import { errorOf } from "../helpers.js";


const a = np.array([1, 2, 3]);
const t = np.array([1, 1, 1]);

/** A tracer leaked out of a finished jit. */
function leakFromJit(): ArrayValue {
  let leak: ArrayValue | undefined;
  jit((x: ArrayValue) => ((leak = x), x))(a);
  return leak!;
}

/** A tracer leaked out of a finished vmap (per-example shape [3]). */
function leakFromVmap(): ArrayValue {
  let leak: ArrayValue | undefined;
  vmap((x: ArrayValue) => ((leak = x), x))(np.ones([2, 3]));
  return leak!;
}

const id = (y: ArrayValue) => y;

describe.each([
  ["jit", leakFromJit],
  ["vmap", leakFromVmap],
])("a tracer leaked from %s", (from, leak) => {
  const escaped = new RegExp(`a traced value \\(f32\\[3\\]\\) from a ${from} transform that has already returned was used here; it escaped`);
  it("is rejected by vmap of the identity", () => {
    const e = errorOf(() => vmap(id)(leak()));
    expect(e.op).toBe("vmap");
    expect(e.message).toMatch(escaped);
  });
  it("is rejected by jvp and vjp of the identity (as primal and as tangent)", () => {
    expect(errorOf(() => jvp(id, [leak()], [t])).message).toMatch(/^tessera\.jvp: /);
    expect(errorOf(() => jvp(id, [a], [leak()])).message).toMatch(escaped);
    expect(errorOf(() => vjp(id, leak())).message).toMatch(/^tessera\.vjp: .*escaped/);
  });
  it("is rejected by linearize, grad, valueAndGrad, jit and makeJaxpr", () => {
    const sum = (y: ArrayValue) => np.sum(y);
    expect(errorOf(() => linearize(id, leak())).message).toMatch(/^tessera\.linearize: .*escaped/);
    expect(errorOf(() => grad(sum)(leak())).message).toMatch(/^tessera\.grad: .*escaped/);
    expect(errorOf(() => valueAndGrad(sum)(leak())).message).toMatch(/escaped/);
    expect(errorOf(() => jit(id)(leak())).message).toMatch(/^tessera\.jit: .*escaped/);
    expect(errorOf(() => makeJaxpr(id)(leak())).message).toMatch(/^tessera\.makeJaxpr: .*escaped/);
  });
  it("is rejected inside a pytree argument and as a non-differentiated argument", () => {
    expect(errorOf(() => vmap((p: { x: ArrayValue }) => p.x)({ x: leak() })).message).toMatch(escaped);
    expect(errorOf(() => vmap((x: ArrayValue, _y: ArrayValue) => x, { inAxes: [0, null] })(np.ones([2]), leak())).message).toMatch(escaped);
  });
  it("is rejected as an operand of lax.cond and the initial carry of lax.whileLoop", () => {
    expect(errorOf(() => lax.cond(true, id, id, leak())).message).toMatch(/escaped/);
    expect(errorOf(() => lax.whileLoop(() => false, id, leak())).message).toMatch(/escaped/);
  });
});

it("a live tracer of an enclosing transform is still accepted", () => {
  const f = jit((x: ArrayValue) => vmap(id)(x));
  expect(f(np.ones([2, 3])).toArray()).toEqual([
    [1, 1, 1],
    [1, 1, 1],
  ]);
});
