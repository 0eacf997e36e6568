/**
 * The `tree` namespace (core/tree.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "./validate.js";
import * as raw from "./tree.js";

export * from "./tree.js";
export const flatten = /* @__PURE__ */ guardArity("tree.flatten", raw.flatten, 1);
export const isLeaf = /* @__PURE__ */ guardArity("tree.isLeaf", raw.isLeaf, 1);
export const leaves = /* @__PURE__ */ guardArity("tree.leaves", raw.leaves, 1);
export const map = /* @__PURE__ */ guardArity("tree.map", raw.map, 2);
export const map2 = /* @__PURE__ */ guardArity("tree.map2", raw.map2, 3);
export const mapWithPath = /* @__PURE__ */ guardArity("tree.mapWithPath", raw.mapWithPath, 2);
export const numLeaves = /* @__PURE__ */ guardArity("tree.numLeaves", raw.numLeaves, 1);
export const structure = /* @__PURE__ */ guardArity("tree.structure", raw.structure, 1);
export const treedefToString = /* @__PURE__ */ guardArity("tree.treedefToString", raw.treedefToString, 1);
export const unflatten = /* @__PURE__ */ guardArity("tree.unflatten", raw.unflatten, 2);
export const zip = /* @__PURE__ */ guardArity("tree.zip", raw.zip, Infinity);
export const zipWith = /* @__PURE__ */ guardArity("tree.zipWith", raw.zipWith, 1);
