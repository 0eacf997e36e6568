/**
 * Common-subexpression elimination: an equation that applies the same primitive, with equal
 * params, to the same inputs as an earlier one computes the same values (primitives are pure),
 * so its outputs are renamed to the earlier equation's.
 *
 * Equations with effects (debug prints) are never merged: each one runs.
 *
 * Equality is decided through a key string: variables and opaque params (jaxprs, functions)
 * by identity, literals by dtype and exact value (-0 differs from 0, NaN equals NaN), plain
 * params structurally. Strings are length-prefixed, so no two different params share a key.
 */
import { hasEffects } from "../../../core/effects.js";
import { ClosedJaxpr, Jaxpr, Lit, type Atom, type Eqn } from "../../../core/jaxpr.js";
import { rewriteEqns, type Pass } from "./rewrite.js";

/** Reuses the outputs of the first of several identical equations. */
export const commonSubexpressionElimination: Pass = (jaxpr: Jaxpr): Jaxpr => {
  const identities = new IdentityKeys();
  const seen = new Map<string, Eqn>();
  return rewriteEqns(jaxpr, (eqn) => {
    if (hasEffects(eqn)) return eqn;
    const key = `${eqn.prim}|${paramKey(eqn.params, identities)}|${eqn.inputs.map((a) => atomKey(a, identities)).join(",")}`;
    const first = seen.get(key);
    if (first !== undefined) return first.outs;
    seen.set(key, eqn);
    return eqn;
  });
};

/** Numbers as exact text: -0 keeps its sign, NaN is one value. */
function numberKey(n: number): string {
  return Object.is(n, -0) ? "-0" : String(n);
}

/** A string as `s<length>:<text>`: unambiguous whatever the text holds. */
function stringKey(text: string): string {
  return `s${text.length}:${text}`;
}

function atomKey(a: Atom, identities: IdentityKeys): string {
  if (!(a instanceof Lit)) return identities.of(a);
  const data = Array.from(a.value.toTypedArray() as ArrayLike<number>, numberKey).join(" ");
  return `lit:${a.value.dtype}[${a.value.shape.join(",")}](${data})`;
}

function paramKey(value: unknown, identities: IdentityKeys): string {
  if (typeof value === "number") return numberKey(value);
  if (typeof value === "string") return stringKey(value);
  if (typeof value === "boolean" || value === null || value === undefined) return String(value);
  if (typeof value === "function" || value instanceof ClosedJaxpr || value instanceof Jaxpr) return identities.of(value);
  if (Array.isArray(value)) return `[${value.map((v) => paramKey(v, identities)).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${stringKey(k)}:${paramKey(v, identities)}`).join(",")}}`;
  }
  // Symbols and bigints do not occur in params; identity is the safe answer for anything unknown.
  return identities.of(value as object);
}

/** A distinct key per object, for values compared by identity. */
class IdentityKeys {
  private readonly keys = new Map<unknown, string>();
  of(value: unknown): string {
    let key = this.keys.get(value);
    if (key === undefined) {
      key = `#${this.keys.size}`;
      this.keys.set(value, key);
    }
    return key;
  }
}
