/**
 * `installCore`: the one registration step of tessera's core. It installs the eager interpreter
 * as the bottom of `bind` and the op methods on arrays. Both live above the modules that use them
 * (the rule tables and numpy call `bind`; numpy makes the arrays whose methods call numpy), which
 * is what keeps core's imports a DAG. The package's entry points (index.ts, laws/index.ts,
 * node/index.ts) call it at load; it is idempotent.
 */
import { installArrayMethods } from "./array-methods.js";
import { eagerInterpreter } from "./eager.js";
import { installEagerInterpreter } from "./interpreter.js";

/** Installs the eager interpreter and the array methods (once). */
export function installCore(): void {
  installEagerInterpreter(eagerInterpreter);
  installArrayMethods();
}
