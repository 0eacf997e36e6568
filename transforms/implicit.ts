/**
 * Implicitly differentiated solvers, as jax.lax.custom_linear_solve and jax.lax.custom_root. The
 * operator (matvec, or f) is staged once to a jaxpr whose captured values (the parameters being
 * differentiated) become explicit arguments of a customVjp operation: forward, the user's solver
 * runs on plain values (its iterations are never differentiated); backward, the implicit
 * function theorem's cotangents come from the user's transposed solver:
 *
 * - customLinearSolve, x = A⁻¹ b: λ = A⁻ᵀ ct by `transposeSolve(vecmat, ct)` (or `solve` when
 *   symmetric); b gets λ and A's parameters get -(∂(A x)/∂θ)ᵀ λ.
 * - customRoot, f(x, θ) = 0: λ = J⁻ᵀ ct by `tangentSolve(v -> Jᵀ v, ct)`; θ gets -(∂f/∂θ)ᵀ λ and
 *   the initial guess none.
 *
 * Reverse mode (grad, vjp, jacrev), jit and vmap work; forward mode (jvp, jacfwd) is not
 * supported, where JAX supports it.
 */
import { isFloat } from "../core/dtype.js";
import { describeAll, fail } from "../core/errors.js";
import { callJaxpr } from "../core/eval-jaxpr.js";
import { hoistConsts } from "../core/jaxpr.js";
import type { ArrayValue } from "../core/ndarray.js";
import * as lax from "../core/lax/index.js";
import { avalOf } from "../core/rules/autodiff-helpers.js";
import * as tree from "../core/tree.js";
import { bool, checkArity, checkFunction, readOptions } from "../core/validate.js";
import { vjp } from "./autodiff.js";
import { customVjp } from "./custom.js";
import { arrayLeaves } from "./pytree-args.js";
import { stageFlat } from "./staging.js";


/** A function of pytrees shaped like `like` staged once; returns it on explicit captured values, and those values. */
function stageOperator(op: string, what: string, f: (x: never) => unknown, like: ArrayValue[], def: tree.TreeDef) {
  let outDef: tree.TreeDef | undefined;
  const staged = stageFlat((leaves) => {
    const [outs, d] = arrayLeaves(op, `the output of ${what}`, f(tree.unflatten(def, leaves) as never));
    outDef = d;
    return outs;
  }, like.map(avalOf), op);
  if (!tree.treedefEq.equals(outDef!, def)) fail(op, `${what} must return the structure of its input`);
  staged.outAvals.forEach((a, i) => {
    if (a.dtype !== like[i]!.dtype || a.shape.join(",") !== like[i]!.shape.join(",")) fail(op, `${what} must return arrays shaped and typed as its input (${describeAll(like)}), got ${describeAll(staged.outAvals)}`);
  });
  const [open, consts] = hoistConsts(staged);
  const call = (captured: readonly ArrayValue[], x: readonly ArrayValue[]) => callJaxpr(open, [...captured, ...x]);
  return { call, consts };
}

/** A solver's result, split from its aux value when it has one. */
function solution(op: string, what: string, result: unknown, hasAux: boolean, def: tree.TreeDef): [ArrayValue[], unknown] {
  if (hasAux && (!Array.isArray(result) || result.length !== 2)) fail(op, `with hasAux, ${what} must return [solution, aux]`);
  const [x, aux] = hasAux ? (result as [unknown, unknown]) : [result, null];
  const [leaves, d] = arrayLeaves(op, `the solution of ${what}`, x);
  if (!tree.treedefEq.equals(d, def)) fail(op, `${what} must return a solution of the right-hand side's structure`);
  return [leaves, aux];
}


/** The cotangents of the captured values of `call(captured)`, pulled back from `ct` (int captures get zeros). */
function capturedCotangents(call: (captured: ArrayValue[]) => ArrayValue[], captured: readonly ArrayValue[], ct: readonly ArrayValue[]): ArrayValue[] {
  const floats = captured.map((c, i) => (isFloat(c.dtype) ? i : -1)).filter((i) => i >= 0);
  const out = captured.map((c) => lax.fullLike(c, 0));
  if (floats.length === 0) return out;
  const withFloats = (fs: ArrayValue[]) => call(captured.map((c, i) => (floats.includes(i) ? fs[floats.indexOf(i)]! : c)));
  const [grads] = (vjp(withFloats, floats.map((i) => captured[i]!))[1] as (ct: ArrayValue[]) => [ArrayValue[]])([...ct]);
  floats.forEach((i, k) => (out[i] = grads[k]!));
  return out;
}

/** A user solver staged on (captured operator values, right-hand side) -> [solution, aux]; its own captured values are explicit too. */
interface StagedSolver {
  readonly call: (solverConsts: readonly ArrayValue[], captured: readonly ArrayValue[], rhs: readonly ArrayValue[]) => ArrayValue[];
  readonly consts: ArrayValue[];
  readonly auxDef: tree.TreeDef;
}

function stageSolver(op: string, run: (captured: ArrayValue[], rhs: ArrayValue[]) => [ArrayValue[], unknown], captured: readonly ArrayValue[], rhs: readonly ArrayValue[]): StagedSolver {
  let auxDef: tree.TreeDef | undefined;
  const staged = stageFlat((leaves) => {
    const [x, aux] = run(leaves.slice(0, captured.length), leaves.slice(captured.length));
    const [auxLeaves, d] = arrayLeaves(op, "the aux value", aux);
    auxDef = d;
    return [...x, ...auxLeaves];
  }, [...captured, ...rhs].map(avalOf), op);
  const [open, consts] = hoistConsts(staged);
  return { call: (sc, c, r) => callJaxpr(open, [...sc, ...c, ...r]), consts, auxDef: auxDef! };
}

/** The transposed solve staged on (captured, solution, cotangent) -> λ, with its own captured values explicit. */
interface StagedTransposer {
  readonly call: (consts: readonly ArrayValue[], captured: readonly ArrayValue[], x: readonly ArrayValue[], ct: readonly ArrayValue[]) => ArrayValue[];
  readonly consts: ArrayValue[];
}

function stageTransposer(op: string, run: (captured: ArrayValue[], x: ArrayValue[], ct: ArrayValue[]) => ArrayValue[], captured: readonly ArrayValue[], like: readonly ArrayValue[]): StagedTransposer {
  const nc = captured.length;
  const n = like.length;
  const staged = stageFlat((leaves) => run(leaves.slice(0, nc), leaves.slice(nc, nc + n), leaves.slice(nc + n)), [...captured, ...like, ...like].map(avalOf), op);
  const [open, consts] = hoistConsts(staged);
  return { call: (tc, c, x, ct) => callJaxpr(open, [...tc, ...c, ...x, ...ct]), consts };
}

/**
 * The staged solver as one customVjp operation of (the solvers' captured values, the operator's
 * captured values, rhs). Backward, λ = `transposer`(ct) and `cotangents(captured, x, λ)` gives the
 * operator's and the rhs's cotangents; the solvers' own captured values get none (JAX too
 * differentiates only through the operator). A null transposer makes reverse mode an error
 * naming `op`, saying `missing`. Returns the solution's leaves and the aux value (stopped).
 */
function implicitSolve(
  solver: StagedSolver,
  transposer: StagedTransposer | null,
  op: string,
  missing: string,
  captured: readonly ArrayValue[],
  rhs: readonly ArrayValue[],
  cotangents: (captured: ArrayValue[], x: ArrayValue[], lambda: ArrayValue[]) => [ArrayValue[], ArrayValue[]],
): [ArrayValue[], unknown] {
  const numX = rhs.length;
  const solved = customVjp(
    (sc: ArrayValue[], _tc: ArrayValue[], c: ArrayValue[], r: ArrayValue[]) => solver.call(sc, c, r),
    (sc: ArrayValue[], tc: ArrayValue[], c: ArrayValue[], r: ArrayValue[]) => {
      const outs = solver.call(sc, c, r);
      return [outs, [sc, tc, c, outs.slice(0, numX)]] as [unknown, unknown];
    },
    (([sc, tc, c, x]: ArrayValue[][], ct: ArrayValue[]) => {
      if (transposer === null) return fail(op, missing);
      const lambda = transposer.call(tc!, c!, x!, ct.slice(0, numX));
      const [dc, dr] = cotangents(c!, x!, lambda);
      return [sc!.map((v) => lax.fullLike(v, 0)), tc!.map((v) => lax.fullLike(v, 0)), dc, dr];
    }) as never,
  );
  const outs = solved(solver.consts, transposer?.consts ?? [], [...captured], [...rhs]) as ArrayValue[];
  return [outs.slice(0, numX), tree.unflatten(solver.auxDef, outs.slice(numX).map((l) => lax.stopGradient(l)))];
}

/** Options of customLinearSolve. */
export interface CustomLinearSolveOptions {
  /** The operator is symmetric: `solve` also solves the transposed system. */
  readonly symmetric?: boolean;
  /** `solve` (and `transposeSolve`) return `[x, aux]`; the result is then `[x, aux]`. */
  readonly hasAux?: boolean;
}

/**
 * The solution x of `matvec(x) = b` found by `solve(matvec, b)`, differentiated implicitly:
 * gradients go through `transposeSolve(vecmat, ct)` (or `solve` when `symmetric`), never
 * through the solver's iterations. `b` may be a pytree.
 *
 * @example
 * const a = np.array([[2, 0], [0, 4]]);
 * lax.customLinearSolve((v) => np.matmul(a, v), np.array([2, 2]), (mv, r) => r.div(np.array([2, 4])), null, { symmetric: true }) // array([1, 0.5], dtype=float32)
 */
export function customLinearSolve<T>(matvec: (x: T) => unknown, b: T, solve: (matvec: (x: T) => T, b: T) => unknown, transposeSolve?: ((vecmat: (x: T) => T, b: T) => unknown) | null, options: CustomLinearSolveOptions | null = {}): unknown {
  const op = "lax.customLinearSolve";
  checkArity(op, arguments, 5);
  checkFunction(op, matvec, "matvec (x) => A x");
  checkFunction(op, solve, "solve (matvec, b) => x");
  if (transposeSolve !== undefined && transposeSolve !== null) checkFunction(op, transposeSolve, "transposeSolve (vecmat, b) => x");
  const o = readOptions(op, options, { symmetric: bool, hasAux: bool });
  const hasAux = o.hasAux ?? false;
  const [bLeaves, def] = arrayLeaves(op, "b", b);
  const matrix = stageOperator(op, "matvec", matvec as never, bLeaves, def);
  const asTree = (f: (x: readonly ArrayValue[]) => ArrayValue[]) => (x: T) => tree.unflatten(def, f(arrayLeaves(op, "the operator's input", x)[0])) as T;
  const operatorOn = (captured: readonly ArrayValue[]) => asTree((x) => matrix.call(captured, x));
  const solver = stageSolver(op, (captured, rhs) => solution(op, "solve", solve(operatorOn(captured), tree.unflatten(def, rhs) as T), hasAux, def), matrix.consts, bLeaves);
  // The transposed system: solve itself when symmetric, else transposeSolve with vecmat = Aᵀ.
  const transposeRun = (captured: ArrayValue[], _x: ArrayValue[], ct: ArrayValue[]): ArrayValue[] => {
    const forward = operatorOn(captured);
    if (o.symmetric === true) return solution(op, "solve", solve(forward, tree.unflatten(def, ct) as T), hasAux, def)[0];
    const zero = tree.unflatten(def, bLeaves.map((l) => lax.fullLike(l, 0))) as T;
    const vecmat = (y: T) => (vjp(forward as (x: T) => T, zero)[1] as (ct: T) => [T])(y)[0];
    return solution(op, "transposeSolve", transposeSolve!(vecmat, tree.unflatten(def, ct) as T), hasAux, def)[0];
  };
  const canTranspose = o.symmetric === true || (transposeSolve !== undefined && transposeSolve !== null);
  const transposer = canTranspose ? stageTransposer(op, transposeRun, matrix.consts, bLeaves) : null;
  // x = A⁻¹ b: the solve forward; backward λ = A⁻ᵀ ct, b gets λ and A's parameters -(∂(A x)/∂θ)ᵀ λ.
  const [x, aux] = implicitSolve(solver, transposer, op, "reverse-mode differentiation needs transposeSolve (or symmetric: true)", matrix.consts, bLeaves, (captured, xs, lambda) => {
    const dA = capturedCotangents((c) => matrix.call(c, xs), captured, lambda);
    return [dA.map((g) => lax.neg(g)), lambda];
  });
  const out = tree.unflatten(def, x);
  return hasAux ? [out, aux] : out;
}

/** Options of customRoot. */
export interface CustomRootOptions {
  /** `solve` returns `[root, aux]`; the result is then `[root, aux]`. */
  readonly hasAux?: boolean;
}

/**
 * The root x of `f(x) = 0` found by `solve(f, initialGuess)`, differentiated implicitly: the
 * derivative is -J⁻¹ ∂f with J = ∂f/∂x at the root, applied by `tangentSolve(g, y)` (g the
 * linear map v -> J v), never through the solver's iterations.
 *
 * @example
 * const newton = (f: (x: ArrayValue) => ArrayValue, x0: ArrayValue) => lax.foriLoop(0, 20, (_, x: ArrayValue) => x.sub(f(x).div(grad(f)(x))), x0);
 * lax.customRoot((x: ArrayValue) => x.mul(x).sub(2), np.array(1), newton, (g, y) => y.div(g(np.array(1)))) // array(1.4142135, dtype=float32)
 */
export function customRoot<T>(f: (x: T) => unknown, initialGuess: T, solve: (f: (x: T) => T, initialGuess: T) => unknown, tangentSolve: (g: (x: T) => T, y: T) => unknown, options: CustomRootOptions | null = {}): unknown {
  const op = "lax.customRoot";
  checkArity(op, arguments, 5);
  checkFunction(op, f, "f (x) => residual");
  checkFunction(op, solve, "solve (f, initialGuess) => root");
  checkFunction(op, tangentSolve, "tangentSolve (g, y) => x");
  const o = readOptions(op, options, { hasAux: bool });
  const hasAux = o.hasAux ?? false;
  const [guess, def] = arrayLeaves(op, "initialGuess", initialGuess);
  const fn = stageOperator(op, "f", f as never, guess, def);
  const asTree = (g: (x: readonly ArrayValue[]) => ArrayValue[]) => (x: T) => tree.unflatten(def, g(arrayLeaves(op, "the function's input", x)[0])) as T;
  const solver = stageSolver(op, (captured, x0) => solution(op, "solve", solve(asTree((x) => fn.call(captured, x)), tree.unflatten(def, x0) as T), hasAux, def), fn.consts, guess);
  // Backward: λ = J⁻ᵀ ct by tangentSolve with v -> Jᵀ v (the pullback of f at the root); θ gets -(∂f/∂θ)ᵀ λ.
  const transposer = stageTransposer(op, (captured, xs, ct) => {
    const pullback = vjp(asTree((x) => fn.call(captured, x)) as (x: T) => T, tree.unflatten(def, xs) as T)[1] as (ct: T) => [T];
    return solution(op, "tangentSolve", tangentSolve((v: T) => pullback(v)[0], tree.unflatten(def, ct) as T), false, def)[0];
  }, fn.consts, guess);
  const [root, aux] = implicitSolve(solver, transposer, op, "", fn.consts, guess, (captured, xs, lambda) => {
    const dTheta = capturedCotangents((c) => fn.call(c, xs), captured, lambda);
    return [dTheta.map((g) => lax.neg(g)), xs.map((r) => lax.fullLike(r, 0))];
  });
  const out = tree.unflatten(def, root);
  return hasAux ? [out, aux] : out;
}
