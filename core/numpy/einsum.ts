/**
 * numpy's einsum, lowered to the primitives: repeated labels within an operand take a diagonal
 * (transpose + reshape + strided slice), labels no later step needs are summed early, operands
 * are contracted pairwise left to right with one dotGeneral each (shared labels kept in the
 * output are batch axes, the others contracting axes), and a final transpose orders the result.
 * Ellipses broadcast like numpy: a size-1 ellipsis axis on one side is dropped there and kept
 * as a free axis of the other operand.
 */
import { describe, fail } from "../errors.js";
import { describeValue } from "../validate.js";
import { bind1 } from "../interpreter.js";
import type { ArrayOrScalar, ArrayValue } from "../ndarray.js";
import type { Shape } from "../shape.js";
import { cast, promote, scalar } from "./promote.js";

/** An operand during lowering: the array and one label per axis. */
interface Term {
  readonly array: ArrayValue;
  readonly labels: readonly string[];
}

/** A parsed subscripts string: labels per operand (ellipsis expanded) and for the output. */
interface Spec {
  readonly inputs: string[][];
  readonly output: string[];
}

const letter = /^[a-zA-Z]$/;

/**
 * Einstein summation: `einsum("ij,jk->ik", a, b)` is a matrix product, `"ii->i"` a diagonal,
 * `"ij->"` a total sum, `"...ij,...jk->...ik"` a batched product. Without `->` the output is
 * every label used once, in alphabetical order (after any ellipsis axes).
 */
export function einsum(subscripts: string, ...operands: ArrayOrScalar[]): ArrayValue {
  if (typeof subscripts !== "string") fail("einsum", `subscripts must be a string such as "ij,jk->ik", got ${describeValue(subscripts)}`);
  if (operands.length === 0) fail("einsum", `expected at least one operand after the subscripts "${subscripts}"`);
  let arrays = promote("einsum", ...operands);
  const wasBool = arrays[0]!.dtype === "bool";
  if (wasBool) arrays = arrays.map((x) => cast(x, "int32"));
  const spec = parse(subscripts, arrays);
  const sizes = labelSizes(subscripts, spec, arrays);
  const terms = arrays.map((array, i) => takeDiagonals({ array, labels: spec.inputs[i]! }));
  // Labels still needed after each step: those of the output and of every later operand.
  const neededAfter = (index: number): Set<string> => new Set([...spec.output, ...terms.slice(index + 1).flatMap((t) => t.labels)]);
  let current = sumUnneeded(terms[0]!, neededAfter(0));
  for (let i = 1; i < terms.length; i++) current = contractPair(current, terms[i]!, neededAfter(i));
  current = sumUnneeded(current, new Set(spec.output));
  const result = transposeTo(current.array, spec.output.map((label) => current.labels.indexOf(label)));
  // A broadcast ellipsis axis can end up size 1 where the output wants its full size.
  const outShape = spec.output.map((label) => sizes.get(label)!);
  const final = shapesEqual(result.shape, outShape) ? result : bind1("broadcastInDim", [result], { shape: outShape, broadcastDimensions: outShape.map((_, i) => i) });
  return wasBool ? bind1("ne", [final, scalar(0, "int32")], {}) : final;
}

/** Parses the subscripts, expanding each ellipsis to labels shared across operands (right-aligned). */
function parse(subscripts: string, arrays: readonly ArrayValue[]): Spec {
  const text = subscripts.replace(/\s+/g, "");
  const parts = text.split("->");
  if (parts.length > 2) fail("einsum", `subscripts "${subscripts}" contain more than one "->"`);
  const inputTerms = parts[0]!.split(",");
  if (inputTerms.length !== arrays.length) {
    fail("einsum", `subscripts "${subscripts}" name ${inputTerms.length} operand${inputTerms.length === 1 ? "" : "s"} but ${arrays.length} were given`);
  }
  const split = (term: string, where: string): { before: string[]; after: string[]; ellipsis: boolean } => {
    const pieces = term.split("...");
    if (pieces.length > 2) fail("einsum", `${where} "${term}" has more than one ellipsis`);
    for (const ch of pieces.join("")) if (!letter.test(ch)) fail("einsum", `${where} "${term}" contains "${ch}"; expected letters a-z, A-Z and at most one "..."`);
    return { before: [...pieces[0]!], after: [...(pieces[1] ?? "")], ellipsis: pieces.length === 2 };
  };
  let ellipsisRank = 0;
  const parsed = inputTerms.map((term, i) => {
    const p = split(term, `operand ${i} subscripts`);
    const named = p.before.length + p.after.length;
    const rank = arrays[i]!.ndim;
    if (p.ellipsis ? named > rank : named !== rank) {
      fail("einsum", `operand ${i} subscripts "${term}" name ${named} axes but operand ${i} is ${describe(arrays[i]!)}`);
    }
    ellipsisRank = Math.max(ellipsisRank, rank - named);
    return { ...p, extra: rank - named };
  });
  const ellipsisLabels = (count: number): string[] => Array.from({ length: count }, (_, j) => `...${ellipsisRank - count + j}`);
  const inputs = parsed.map((p) => [...p.before, ...(p.ellipsis ? ellipsisLabels(p.extra) : []), ...p.after]);
  let output: string[];
  if (parts.length === 2) {
    const p = split(parts[1]!, "output subscripts");
    output = [...p.before, ...(p.ellipsis ? ellipsisLabels(ellipsisRank) : []), ...p.after];
    const used = new Set(inputs.flat());
    for (const label of output) if (!used.has(label)) fail("einsum", `output label "${label}" in "${subscripts}" appears in no operand`);
    if (new Set(output).size !== output.length) fail("einsum", `output subscripts "${parts[1]}" repeat a label`);
  } else {
    const counts = new Map<string, number>();
    for (const label of inputs.flat()) counts.set(label, (counts.get(label) ?? 0) + 1);
    const once = [...counts].filter(([label, count]) => count === 1 && !label.startsWith("...")).map(([label]) => label);
    output = [...ellipsisLabels(ellipsisRank), ...once.sort()];
  }
  return { inputs, output };
}

/** The size of every label; named labels must agree exactly, ellipsis labels broadcast. */
function labelSizes(subscripts: string, spec: Spec, arrays: readonly ArrayValue[]): Map<string, number> {
  const sizes = new Map<string, number>();
  spec.inputs.forEach((labels, i) => {
    labels.forEach((label, axis) => {
      const size = arrays[i]!.shape[axis]!;
      const known = sizes.get(label);
      if (known === undefined || known === size) sizes.set(label, size);
      else if (label.startsWith("...") && (known === 1 || size === 1)) sizes.set(label, Math.max(known, size));
      else {
        const what = label.startsWith("...") ? "an ellipsis axis" : `label "${label}"`;
        fail("einsum", `${what} has size ${known} and ${size} in "${subscripts}" (operands ${arrays.map(describe).join(", ")})`);
      }
    });
  });
  return sizes;
}

/** Replaces every repeated label of a term by its diagonal, leaving each label once. */
function takeDiagonals(term: Term): Term {
  let { array, labels } = term;
  for (;;) {
    const i = labels.findIndex((label, k) => labels.indexOf(label) !== k);
    if (i < 0) return { array, labels };
    const first = labels.indexOf(labels[i]!);
    const n = array.shape[first]!;
    const rest = labels.map((_, k) => k).filter((k) => k !== first && k !== i);
    const moved = transposeTo(array, [...rest, first, i]);
    const outer = rest.map((k) => array.shape[k]!);
    const flat = reshapeTo(moved, [...outer, n * n]);
    // Element (j, j) of an n x n block sits at j * (n + 1).
    array = bind1("slice", [flat], { start: [...outer.map(() => 0), 0], limit: [...outer, n * n], strides: [...outer.map(() => 1), n + 1] });
    labels = [...rest.map((k) => labels[k]!), labels[i]!];
  }
}

/** Sums away the labels of a term that are not in `needed`. */
function sumUnneeded(term: Term, needed: ReadonlySet<string>): Term {
  const axes = term.labels.map((_, k) => k).filter((k) => !needed.has(term.labels[k]!));
  if (axes.length === 0) return term;
  return { array: bind1("reduceSum", [term.array], { axes }), labels: term.labels.filter((label) => needed.has(label)) };
}

/** Contracts two terms with one dotGeneral, keeping the labels in `needed`. */
function contractPair(x: Term, y: Term, needed: ReadonlySet<string>): Term {
  x = sumUnneeded(x, new Set([...needed, ...y.labels]));
  y = sumUnneeded(y, new Set([...needed, ...x.labels]));
  // A broadcast (size-1) axis shared with a larger one is dropped; the other side keeps it as free.
  x = dropBroadcast(x, y);
  y = dropBroadcast(y, x);
  const shared = x.labels.filter((label) => y.labels.includes(label));
  const batch = shared.filter((label) => needed.has(label));
  const contracting = shared.filter((label) => !needed.has(label));
  const axesOf = (term: Term, labels: readonly string[]): number[] => labels.map((label) => term.labels.indexOf(label));
  const array = bind1("dotGeneral", [x.array, y.array], {
    contracting: [axesOf(x, contracting), axesOf(y, contracting)],
    batch: [axesOf(x, batch), axesOf(y, batch)],
    preferredDtype: null,
  });
  const free = (term: Term): string[] => term.labels.filter((label) => !shared.includes(label));
  return { array, labels: [...batch, ...free(x), ...free(y)] };
}

/** Drops the axes of `term` that have size 1 where `other` has the same label with a larger size. */
function dropBroadcast(term: Term, other: Term): Term {
  const drop = term.labels.map((label, k) => {
    const j = other.labels.indexOf(label);
    return j >= 0 && term.array.shape[k] === 1 && other.array.shape[j]! > 1;
  });
  if (!drop.includes(true)) return term;
  const keep = term.labels.map((_, k) => k).filter((k) => !drop[k]);
  return { array: reshapeTo(term.array, keep.map((k) => term.array.shape[k]!)), labels: keep.map((k) => term.labels[k]!) };
}

function shapesEqual(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function reshapeTo(x: ArrayValue, shape: Shape): ArrayValue {
  return shapesEqual(x.shape, shape) ? x : bind1("reshape", [x], { newShape: [...shape] });
}

function transposeTo(x: ArrayValue, permutation: readonly number[]): ArrayValue {
  return permutation.every((p, i) => p === i) ? x : bind1("transpose", [x], { permutation: [...permutation] });
}
