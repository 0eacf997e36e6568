/**
 * The laws library: algebraic laws of tessera's arrays, pytrees, transforms and jit as pure
 * predicates (`arrays`, `tree`, `transforms`, `jit`), fast-check arbitraries to feed them
 * (`arbitraries`, and random programs in `programs`), catalogs of np functions for the laws that
 * range over every op (`catalog`), and runners that check a law over its arbitraries from any
 * test suite (`runners`, `transform-runners`, `jit-runners`).
 *
 * @example
 * ```ts no-run
 * import { it } from "vitest";
 * import * as laws from "tessera/laws"; // this module
 * it("tessera's array laws hold", () => laws.checkArrayLaws({ numRuns: 50 }));
 * const myOp = (a: ArrayValue, b: ArrayValue) => np.add(np.square(a), b);
 * it("my op is pure", () => laws.checkLeavesInputsUnchanged([laws.opCase("myOp", laws.arbitraries.broadcastArrays(2).map(([a, b]): [ArrayValue, ArrayValue] => [a!, b!]), myOp)]));
 * ```
 */
import { installCore } from "../core/install.js";

// Laws evaluate arrays, so this entry point installs tessera's core as index.ts does.
installCore();

export * as arbitraries from "./arbitraries.js";
export * from "./arrays.js";
export * from "./catalog.js";
export * from "./checkpoint.js";
export * from "./checkpoint-runners.js";
export * from "./jit.js";
export * from "./jit-runners.js";
export * from "./optim.js";
export * from "./optim-runners.js";
export * from "./programs.js";
export * from "./runners.js";
export * from "./transform-runners.js";
export * from "./transforms.js";
export * from "./tree.js";
