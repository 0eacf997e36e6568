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
export const flatten = guardArity("tree.flatten", raw.flatten, 1);
export const isLeaf = guardArity("tree.isLeaf", raw.isLeaf, 1);
export const leaves = guardArity("tree.leaves", raw.leaves, 1);
export const map = guardArity("tree.map", raw.map, 2);
export const map2 = guardArity("tree.map2", raw.map2, 3);
export const mapWithPath = guardArity("tree.mapWithPath", raw.mapWithPath, 2);
export const numLeaves = guardArity("tree.numLeaves", raw.numLeaves, 1);
export const structure = guardArity("tree.structure", raw.structure, 1);
export const treedefToString = guardArity("tree.treedefToString", raw.treedefToString, 1);
export const unflatten = guardArity("tree.unflatten", raw.unflatten, 2);
export const zip = guardArity("tree.zip", raw.zip, Infinity);
export const zipWith = guardArity("tree.zipWith", raw.zipWith, 1);
