/**
 * Jaxprs: tessera's typed single-assignment IR. A jaxpr lists its constant and input binders,
 * equations (a primitive applied to atoms, binding fresh variables) and outputs. It prints like
 * JAX's. This file is the data and its printing only: evaluation (core/eval-jaxpr.ts) calls
 * `bind` and type checking (core/jaxpr-check.ts) reads the rule tables, both of which sit above it.
 *
 * The IR lives in core (not beside the staging interpreter in transforms/) because higher-order
 * primitives (control flow, custom rules, jit) carry jaxprs in their params.
 */
import { aval, avalsMatch, type Aval } from "./aval.js";
import { describe, describeAll, fail } from "./errors.js";
import { inspectCustom } from "./inspect.js";
import type { ArrayValue, NdArray } from "./ndarray.js";
import type { ParamsOf, Prim } from "./primitives.js";

/** A variable: identified by the object, typed by its aval. Names are given when printing. */
export class Var {
  constructor(readonly aval: Aval) {}
}

/** A literal scalar constant inlined in an equation. */
export class Lit {
  readonly aval: Aval;
  constructor(readonly value: NdArray) {
    this.aval = aval(value.shape, value.dtype);
  }
}

/** An equation input: a variable or a literal. */
export type Atom = Var | Lit;

/** One primitive application: `outs = prim[params] inputs`. */
export interface Eqn<P extends Prim = Prim> {
  readonly prim: P;
  readonly inputs: readonly Atom[];
  readonly params: ParamsOf[P];
  readonly outs: readonly Var[];
}

/** A typed program: `{ lambda constVars ; inVars . let eqns in outs }`. */
export class Jaxpr {
  constructor(
    readonly constVars: readonly Var[],
    readonly inVars: readonly Var[],
    readonly eqns: readonly Eqn[],
    readonly outs: readonly Atom[],
  ) {}

  /** The avals of the inputs (constants excluded). */
  get inAvals(): Aval[] {
    return this.inVars.map((v) => v.aval);
  }
  /** The avals of the outputs. */
  get outAvals(): Aval[] {
    return this.outs.map((v) => v.aval);
  }

  /** Prints like JAX: one equation per line when there are several. */
  toString(): string {
    return printJaxpr(this);
  }
  /** console.log and the REPL show the jaxpr's text, not its object fields. */
  [inspectCustom](): string {
    return printJaxpr(this);
  }
}

/** A jaxpr with values for its constant binders (which may be concrete arrays or outer tracers). */
export class ClosedJaxpr {
  constructor(
    readonly jaxpr: Jaxpr,
    readonly consts: readonly ArrayValue[],
  ) {
    if (consts.length !== jaxpr.constVars.length) {
      fail("ClosedJaxpr", `${consts.length} constants given for ${jaxpr.constVars.length} constant binders`);
    }
  }
  get inAvals(): Aval[] {
    return this.jaxpr.inAvals;
  }
  get outAvals(): Aval[] {
    return this.jaxpr.outAvals;
  }
  /** The jaxpr's text (its constants are the values of its leading `lambda` binders). */
  toString(): string {
    return printJaxpr(this.jaxpr);
  }
  /** console.log and the REPL show the jaxpr's text, not its object fields. */
  [inspectCustom](): string {
    return printJaxpr(this.jaxpr);
  }
}

/**
 * A closed jaxpr whose constants became its leading inputs, and those constants: control-flow
 * bodies keep no captured values, so outer transforms see every value the body reads as an
 * operand of the equation.
 */
export function hoistConsts(closed: ClosedJaxpr): [ClosedJaxpr, ArrayValue[]] {
  const { jaxpr } = closed;
  if (jaxpr.constVars.length === 0) return [closed, []];
  const open = new Jaxpr([], [...jaxpr.constVars, ...jaxpr.inVars], jaxpr.eqns, jaxpr.outs);
  return [new ClosedJaxpr(open, []), [...closed.consts]];
}

/** Checks that `args` match a jaxpr's inputs; `op` names the primitive in the error. */
export function checkJaxprInputs(op: string, jaxpr: ClosedJaxpr, args: readonly Aval[]): void {
  if (!avalsMatch(args, jaxpr.inAvals)) {
    fail(op, `operands ${describeAll(args)} do not match the function's inputs ${describeAll(jaxpr.inAvals)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// printing

/** a, b, ..., z, ba, bb, ... (JAX's variable names). */
function nameOf(index: number): string {
  let name = "";
  let i = index;
  do {
    name = String.fromCharCode(97 + (i % 26)) + name;
    i = Math.floor(i / 26);
  } while (i > 0);
  return name;
}

function formatParam(value: unknown): string {
  if (typeof value === "function") return "<function>"; // custom rules: their source is not the IR
  if (Array.isArray(value)) return `(${value.map(formatParam).join(", ")}${value.length === 1 ? "," : ""})`;
  if (value instanceof ClosedJaxpr || value instanceof Jaxpr) return String(value).replace(/\n\s*/g, " ");
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value).map(([k, v]) => `${k}=${formatParam(v)}`).join(", ")}}`;
  }
  // Names (dtypes, methods) print bare; other text (a debug print's format) quoted, as Python's repr.
  if (typeof value === "string" && !/^[\w.-]+$/.test(value)) return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'`;
  return String(value);
}

function formatLiteral(lit: Lit): string {
  const v = lit.value.item();
  const sign = Object.is(v, -0) ? "-" : "";
  const text = typeof v === "boolean" ? (v ? "True" : "False") : Number.isInteger(v) && lit.value.dtype.startsWith("float") ? `${sign}${v}.0` : String(v);
  return `${text}:${describe(lit.aval)}`;
}

/** Renders a jaxpr in JAX's notation. */
export function printJaxpr(jaxpr: Jaxpr): string {
  const names = new Map<Var, string>();
  const name = (v: Var): string => {
    let n = names.get(v);
    if (n === undefined) {
      n = nameOf(names.size);
      names.set(v, n);
    }
    return n;
  };
  const binder = (v: Var) => `${name(v)}:${describe(v.aval)}`;
  const atom = (a: Atom) => (a instanceof Lit ? formatLiteral(a) : name(a));
  const head = `{ lambda ${jaxpr.constVars.map(binder).join(" ")}; ${jaxpr.inVars.map(binder).join(" ")}. let`;
  const lines = jaxpr.eqns.map((eqn) => {
    const params = Object.entries(eqn.params as object);
    const paramText = params.length === 0 ? "" : `[${params.map(([k, v]) => `${k}=${formatParam(v)}`).join(" ")}]`;
    // An equation run for its effect binds nothing: JAX prints it without the "=".
    const lhs = eqn.outs.length === 0 ? "" : `${eqn.outs.map(binder).join(" ")} = `;
    return `${lhs}${eqn.prim}${paramText} ${eqn.inputs.map(atom).join(" ")}`.trimEnd();
  });
  const outs = `(${jaxpr.outs.map(atom).join(", ")})`;
  if (lines.length <= 1) return `${head} ${lines.join("")}${lines.length ? " " : ""}in ${outs} }`;
  return `${head}\n${lines.map((l) => `    ${l}`).join("\n")}\n  in ${outs} }`;
}
