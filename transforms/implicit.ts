/**
 * Implicitly differentiated solvers, as jax.lax.custom_linear_solve and jax.lax.custom_root. The
 * operator (matvec, or f) and the user's solvers are staged once to jaxprs whose captured values
 * become explicit arguments; the solve is a customJvp operation whose solver runs on plain values
 * (its iterations are never differentiated) and whose tangent is the implicit function theorem's:
 *
 * - customLinearSolve, x = A⁻¹ b: ẋ = A⁻¹ (ḃ − (∂(A x)/∂θ) θ̇), solved by `solve` again.
 * - customRoot, f(x, θ) = 0: ẋ = −J⁻¹ (∂f/∂θ) θ̇ by `tangentSolve(v -> J v, ·)`, J = ∂f/∂x at the
 *   root; the initial guess gets no tangent.
 *
 * The tangent solve is a customLinear operation (linear in its right-hand side): evaluated, it runs
 * the forward solve; transposed (reverse mode), the transposed system's: `transposeSolve(vecmat, ·)`
 * (or `solve` when symmetric) for customLinearSolve, `tangentSolve(v -> Jᵀ v, ·)` for customRoot.
 * Inside the jvp rule the solution is computed by the implicit function itself, so jvp, grad,
 * jacfwd, jacrev, their compositions to any order, jit and vmap all differentiate implicitly.
 * Only the operator is differentiated: the solvers' own captured values get no derivative (JAX too).
 */
import { isFloat } from "../core/dtype.js";
import { describeAll, fail } from "../core/errors.js";
import { callJaxpr } from "../core/eval-jaxpr.js";
import { bind } from "../core/interpreter.js";
import { hoistConsts } from "../core/jaxpr.js";
import type { ArrayValue } from "../core/ndarray.js";
import * as lax from "../core/lax/index.js";
import { avalOf } from "../core/rules/autodiff-helpers.js";
import * as tree from "../core/tree.js";
import { bool, checkArity, checkFunction, readOptions } from "../core/validate.js";
import { jvp, vjp } from "./autodiff.js";
import { customJvp } from "./custom.js";
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


/**
 * The tangent of `call(captured)` along the captured values' tangents (the float ones; integer
 * captures have none), or null when none is float.
 */
function capturedTangent(call: (captured: ArrayValue[]) => ArrayValue[], captured: readonly ArrayValue[], tangents: readonly ArrayValue[]): ArrayValue[] | null {
  const floats = captured.map((c, i) => (isFloat(c.dtype) ? i : -1)).filter((i) => i >= 0);
  if (floats.length === 0) return null;
  const withFloats = (...fs: ArrayValue[]) => call(captured.map((c, i) => (floats.includes(i) ? fs[floats.indexOf(i)]! : c)));
  return jvp(withFloats, floats.map((i) => captured[i]!), floats.map((i) => tangents[i]!))[1] as ArrayValue[];
}

/** A user solver staged on (captured operator values, right-hand side) -> [solution, aux]; its own captured values are explicit too. */
interface StagedSolver {
  readonly call: (solverConsts: readonly ArrayValue[], captured: readonly ArrayValue[], rhs: readonly ArrayValue[]) => ArrayValue[];
  readonly consts: ArrayValue[];
}

function stageSolver(op: string, run: (captured: ArrayValue[], rhs: ArrayValue[]) => [ArrayValue[], unknown], captured: readonly ArrayValue[], rhs: readonly ArrayValue[]): StagedSolver & { auxDef: tree.TreeDef } {
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

/** A tangent solve staged on (captured, root, rhs) -> solution, with its own captured values explicit. */
interface StagedTangentSolver {
  readonly call: (consts: readonly ArrayValue[], captured: readonly ArrayValue[], x: readonly ArrayValue[], rhs: readonly ArrayValue[]) => ArrayValue[];
  readonly consts: ArrayValue[];
}

function stageTangentSolver(op: string, run: (captured: ArrayValue[], x: ArrayValue[], rhs: ArrayValue[]) => ArrayValue[], captured: readonly ArrayValue[], like: readonly ArrayValue[]): StagedTangentSolver {
  const nc = captured.length;
  const n = like.length;
  const staged = stageFlat((leaves) => run(leaves.slice(0, nc), leaves.slice(nc, nc + n), leaves.slice(nc + n)), [...captured, ...like, ...like].map(avalOf), op);
  const [open, consts] = hoistConsts(staged);
  return { call: (tc, c, x, r) => callJaxpr(open, [...tc, ...c, ...x, ...r]), consts };
}

/**
 * A linear system A x = r: its solver, the solver of the transposed system (null: none, so
 * reverse mode is an error saying `missing`) and A applied to x. `transposed()` swaps the
 * solvers and A for Aᵀ, as the transpose of a solve is the transposed solve.
 */
interface LinearSystem {
  readonly op: string;
  readonly solve: StagedSolver;
  readonly transposeSolve: StagedSolver | null;
  readonly matvec: (captured: readonly ArrayValue[], x: readonly ArrayValue[]) => ArrayValue[];
  readonly missing: string;
  readonly transposed: () => LinearSystem;
}

/**
 * x = A⁻¹ r (then the solver's aux leaves) as a customJvp function of (the solvers' captured
 * values, the operator's captured values θ, r): ẋ = A⁻¹ (ṙ − (∂(A x)/∂θ) θ̇), its solve a
 * customLinear operation whose forward is this function again and whose transpose is the
 * transposed system's, so jvp, vjp (the transposed tangent solve) and their compositions all
 * differentiate implicitly. The solvers' captured values get no derivative (as in JAX, only the
 * operator is differentiated).
 */
function linearSolve(system: LinearSystem, solveConsts: readonly ArrayValue[], transposeConsts: readonly ArrayValue[], captured: readonly ArrayValue[], rhs: readonly ArrayValue[]): ArrayValue[] {
  const numX = rhs.length;
  const solved = customJvp(
    (sc: ArrayValue[], _tc: ArrayValue[], c: ArrayValue[], r: ArrayValue[]) => system.solve.call(sc, c, r),
    (([sc, tc, c, r]: ArrayValue[][], [, , dc, dr]: ArrayValue[][]) => {
      // The solution again as this implicit function, so higher derivatives of x are implicit too.
      const outs = linearSolve(system, sc!, tc!, c!, r!);
      const x = outs.slice(0, numX);
      const dA = capturedTangent((cc) => system.matvec(cc, x), c!, dc!);
      const tangentRhs = dA === null ? dr! : dr!.map((t, i) => lax.sub(t, dA[i]!));
      const dx = tangentSolve(system, sc!, tc!, c!, tangentRhs);
      return [outs, [...dx, ...outs.slice(numX).map((a) => lax.fullLike(a, 0))]];
    }) as (primals: unknown[], tangents: unknown[]) => [unknown, unknown],
  );
  return solved([...solveConsts], [...transposeConsts], [...captured], [...rhs]) as ArrayValue[];
}

/** A⁻¹ r as a customLinear operation in r: forward the implicit solve, transposed the transposed system's. */
function tangentSolve(system: LinearSystem, sc: readonly ArrayValue[], tc: readonly ArrayValue[], c: readonly ArrayValue[], r: readonly ArrayValue[]): ArrayValue[] {
  const split = (args: readonly ArrayValue[]) => [args.slice(0, sc.length), args.slice(sc.length, sc.length + tc.length), args.slice(sc.length + tc.length, sc.length + tc.length + c.length), args.slice(sc.length + tc.length + c.length)] as const;
  const numResiduals = sc.length + tc.length + c.length;
  const forward = (args: readonly ArrayValue[]) => {
    const [s, t, cc, rr] = split(args);
    return linearSolve(system, s, t, cc, rr).slice(0, rr.length);
  };
  const bwd = (args: readonly ArrayValue[]) => {
    const [s, t, cc, ct] = split(args);
    if (system.transposeSolve === null) return fail(system.op, system.missing);
    return linearSolve(system.transposed(), t, s, cc, ct).slice(0, ct.length);
  };
  return bind("customLinear", [...sc, ...tc, ...c, ...r], { forward, bwd, numResiduals, outAvals: r.map(avalOf) });
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
 * tangents go through `solve` again, gradients through `transposeSolve(vecmat, ct)` (or `solve`
 * when `symmetric`; without either, reverse mode is an error), never through the solver's
 * iterations. `b` may be a pytree.
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
  // vecmat = Aᵀ: the pullback of the (linear) matvec.
  const vecmat = (captured: readonly ArrayValue[], y: readonly ArrayValue[]): ArrayValue[] =>
    (vjp((x: ArrayValue[]) => matrix.call(captured, x), bLeaves.map((l) => lax.fullLike(l, 0)))[1] as (ct: ArrayValue[]) => [ArrayValue[]])([...y])[0];
  const symmetric = o.symmetric === true;
  // The transposed system: solve itself when symmetric, else transposeSolve with vecmat = Aᵀ.
  const transposer = symmetric
    ? solver
    : transposeSolve === undefined || transposeSolve === null
      ? null
      : stageSolver(op, (captured, ct) => solution(op, "transposeSolve", transposeSolve(asTree((y) => vecmat(captured, y)), tree.unflatten(def, ct) as T), hasAux, def), matrix.consts, bLeaves);
  const missing = "reverse-mode differentiation needs transposeSolve (or symmetric: true)";
  const transposedMatvec = symmetric ? matrix.call : vecmat;
  const system = (s: StagedSolver, t: StagedSolver | null, mv: LinearSystem["matvec"], tmv: LinearSystem["matvec"]): LinearSystem =>
    ({ op, solve: s, transposeSolve: t, matvec: mv, missing, transposed: () => system(t!, s, tmv, mv) });
  const outs = linearSolve(system(solver, transposer, matrix.call, transposedMatvec), solver.consts, transposer?.consts ?? [], matrix.consts, bLeaves);
  const x = outs.slice(0, bLeaves.length);
  const aux = tree.unflatten(solver.auxDef, outs.slice(bLeaves.length).map((l) => lax.stopGradient(l)));
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
 * linear map v -> J v; in reverse mode v -> Jᵀ v, for J⁻ᵀ), never through the solver's iterations.
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
  const fAt = (captured: readonly ArrayValue[]) => asTree((x) => fn.call(captured, x)) as (x: T) => T;
  // The tangent solve J⁻¹ r by tangentSolve with v -> J v (f's jvp at the root), and its transpose J⁻ᵀ ct with v -> Jᵀ v (f's pullback).
  const forward = stageTangentSolver(op, (captured, xs, r) => {
    const jv = (v: T) => jvp(fAt(captured), [tree.unflatten(def, xs) as T], [v] as never)[1] as T;
    return solution(op, "tangentSolve", tangentSolve(jv, tree.unflatten(def, r) as T), false, def)[0];
  }, fn.consts, guess);
  const transposed = stageTangentSolver(op, (captured, xs, ct) => {
    const pullback = vjp(fAt(captured), tree.unflatten(def, xs) as T)[1] as (ct: T) => [T];
    return solution(op, "tangentSolve", tangentSolve((v: T) => pullback(v)[0], tree.unflatten(def, ct) as T), false, def)[0];
  }, fn.consts, guess);
  const n = guess.length;
  const [nf, nt, nc] = [forward.consts.length, transposed.consts.length, fn.consts.length];
  // Residuals (forward's consts, transposed's consts, θ, x) then the linear rhs.
  const split = (args: readonly ArrayValue[]) => [args.slice(0, nf), args.slice(nf, nf + nt), args.slice(nf + nt, nf + nt + nc), args.slice(nf + nt + nc, nf + nt + nc + n), args.slice(nf + nt + nc + n)] as const;
  const linear = {
    forward: (args: readonly ArrayValue[]) => { const [fc, , c, x, r] = split(args); return forward.call(fc, c, x, r); },
    bwd: (args: readonly ArrayValue[]) => { const [, tc, c, x, ct] = split(args); return transposed.call(tc, c, x, ct); },
    numResiduals: nf + nt + nc + n,
    outAvals: guess.map(avalOf),
  };
  // f(x, θ) = 0: ẋ = -J⁻¹ (∂f/∂θ) θ̇; the initial guess gets no tangent.
  const rooted: (...args: ArrayValue[][]) => unknown = customJvp(
    (sc: ArrayValue[], _fc: ArrayValue[], _tc: ArrayValue[], c: ArrayValue[], x0: ArrayValue[]) => solver.call(sc, c, x0),
    (([sc, fc, tc, c, x0]: ArrayValue[][], [, , , dc]: ArrayValue[][]) => {
      // The root again as this implicit function, so higher derivatives of x are implicit too.
      const outs = rooted(sc!, fc!, tc!, c!, x0!) as ArrayValue[];
      const x = outs.slice(0, n);
      const dTheta = capturedTangent((cc) => fn.call(cc, x), c!, dc!);
      const dx = dTheta === null ? x.map((l) => lax.fullLike(l, 0)) : bind("customLinear", [...fc!, ...tc!, ...c!, ...x, ...dTheta], linear).map((t) => lax.neg(t));
      return [outs, [...dx, ...outs.slice(n).map((a) => lax.fullLike(a, 0))]];
    }) as (primals: unknown[], tangents: unknown[]) => [unknown, unknown],
  );
  const outs = rooted(solver.consts, forward.consts, transposed.consts, fn.consts, guess) as ArrayValue[];
  const root = outs.slice(0, n);
  const aux = tree.unflatten(solver.auxDef, outs.slice(n).map((l) => lax.stopGradient(l)));
  const out = tree.unflatten(def, root);
  return hasAux ? [out, aux] : out;
}
