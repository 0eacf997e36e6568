/**
 * Misuse rows for the transforms, tree, optim, models and checkpoint options: unknown option keys
 * (with their hints), options that are not records, function arguments that are not functions
 * (rejected when the transform is called, not when its result is applied), option values of the
 * wrong type (never coerced), and values no message may choke on (BigInts, cycles).
 */
import { customJvp, customVjp, checkpoint, grad, jacrev, jvp, makeJaxpr, models, np, optim, tree, valueAndGrad, vmap } from "../../index.js";
import * as node from "../../node/index.public.js";
import { misuse, type MisuseCase } from "./case.js";

const x = np.array([1, 2, 3]);
const f = (v: typeof x) => np.sum(np.sin(v));
const cyclic: unknown[] = [0];
cyclic.push(cyclic);

export const apiCases: readonly MisuseCase[] = [
  // unknown option keys, with a "did you mean" hint
  misuse("vmap(f, {in_axes: 0})", () => vmap(f, { in_axes: 0 } as never), 'tessera.vmap: unknown option "in_axes"', 'did you mean "inAxes"?', "vmap takes inAxes, outAxes, axisSize"),
  misuse("optim.inverseTimeDecay({decayRate: 0.5})", () => optim.inverseTimeDecay({ initValue: 1, decayRate: 0.5 } as never), 'tessera.inverseTimeDecay: unknown option "decayRate"', 'did you mean "rate"?'),
  misuse("grad(f, {has_aux: true})", () => grad(f, { has_aux: true } as never), 'unknown option "has_aux"', 'did you mean "hasAux"?'),
  misuse("optim.adam({lr: 1e-3})", () => optim.adam({ lr: 1e-3 } as never), 'tessera.adam: unknown option "lr"', 'did you mean "learningRate"?'),
  misuse("optim.exponentialDecay({..., transition_begin: 5})", () => optim.exponentialDecay({ initValue: 1, transitionSteps: 10, decayRate: 0.5, transition_begin: 5 } as never), 'unknown option "transition_begin"', 'did you mean "transitionBegin"?'),
  misuse("models.fit({..., epoch: 3})", () => models.fit({ loss: f, params: x, optimizer: optim.sgd({ learningRate: 0.1 }), data: x, epoch: 3 } as never), 'tessera.fit: unknown option "epoch"', 'did you mean "epochs"?'),
  misuse("models.meanSquaredError(x, x, {reduce: 'sum'})", () => models.meanSquaredError(x, x, { reduce: "sum" } as never), 'unknown option "reduce"', 'did you mean "reduction"?'),
  misuse("saveCheckpointSync(path, tree, {fromat: 'json'}) (tessera/node)", () => node.saveCheckpointSync("unused.json", { x }, { fromat: "json" } as never), 'tessera.saveCheckpointSync: unknown option "fromat"', 'did you mean "format"?'),
  // options that are not records; null is no options, so a required option is named
  misuse("vmap(f, 0)", () => vmap(f, 0 as never), "tessera.vmap: options must be a plain object", "got 0"),
  misuse("optim.adam(null)", () => optim.adam(null as never), "tessera.adam: missing required option learningRate"),
  misuse("optim.sgd()", () => (optim.sgd as (o?: unknown) => unknown)(), "tessera.sgd: missing required option learningRate"),
  // function arguments, checked when the transform is called
  misuse("vmap(null)", () => vmap(null as never), "tessera.vmap: the function argument must be a function, got null"),
  misuse("grad('x => x')", () => grad("x => x" as never), 'tessera.grad: the function argument must be a function, got "x => x"'),
  misuse("customJvp(f, 42)", () => customJvp(f, 42 as never), "tessera.customJvp: the jvp rule must be a function, got 42"),
  misuse("customVjp(f, fwd, undefined)", () => customVjp(f, (v: typeof x) => [f(v), v], undefined as never), "tessera.customVjp: bwd must be a function, got undefined"),
  misuse("checkpoint(f, {policy})", () => (checkpoint as (...a: unknown[]) => unknown)(f, { policy: "dots" }), "tessera.checkpoint: takes at most 1 argument, got 2"),
  misuse("makeJaxpr(f, {static_argnums: [0]})", () => (makeJaxpr as (...a: unknown[]) => unknown)(f, { static_argnums: [0] }), "tessera.makeJaxpr: takes at most 1 argument, got 2"),
  misuse("jvp(f, x, x)", () => jvp(f, x as never, x as never), "tessera.jvp: primals must be a list"),
  misuse("tree.map({a: 1}, 'double')", () => tree.map({ a: 1 }, "double" as never), "tessera.tree.map: the last argument (the function) must be a function"),
  misuse("optim.masked(42, true)", () => optim.masked(42 as never, true), "tessera.masked: inner is not a gradient transformation", "got 42"),
  misuse("optim.masked(optim.scale(0), 'w')", () => optim.masked(optim.scale(0), "w" as never), "tessera.masked: mask must be a predicate", 'got "w"'),
  misuse("models.layers.mlp([2, 1], 'relu')", () => models.layers.mlp([2, 1], "relu" as never), 'tessera.mlp: activation must be a function, got "relu"'),
  // values are checked, never coerced
  misuse("optim.sgd({learningRate: '0.1'})", () => optim.sgd({ learningRate: "0.1" } as never), "tessera.sgd: learningRate must be a number or a schedule", '"0.1"'),
  misuse("grad(f, {hasAux: 'yes'})", () => grad(f, { hasAux: "yes" } as never), 'tessera.grad: hasAux must be true or false, got "yes"'),
  misuse("jacrev(f, {argnums: []})", () => jacrev(f, { argnums: [] }), "tessera.jacrev: argnums must have at least 1 entries"),
  misuse("valueAndGrad(f, {argnums: 0.5})", () => valueAndGrad(f, { argnums: 0.5 }), "tessera.valueAndGrad: argnums must be an integer, got 0.5"),
  misuse("vmap(f, {inAxes: '0'})", () => vmap(f, { inAxes: "0" }), "tessera.vmap: inAxes must be an integer axis, null, or a list or record", 'got "0"'),
  misuse("optim.cosineDecay({initValue: 1, decaySteps: '100'})", () => optim.cosineDecay({ initValue: 1, decaySteps: "100" } as never), "tessera.cosineDecay: decaySteps must be a non-negative integer", '"100"'),
  misuse("optim.sgd({learningRate: 0.1, nesterov: true})", () => optim.sgd({ learningRate: 0.1, nesterov: true }), "tessera.sgd: nesterov: true needs a momentum"),
  misuse("models.textChart([1, 2], {width: '40'})", () => models.textChart([1, 2], { width: "40" } as never), "tessera.textChart: width must be a non-negative integer", '"40"'),
  // messages never choke on the value they describe
  misuse("grad(f, {argnums: 1n})", () => grad(f, { argnums: 1n } as never), "tessera.grad: argnums must be a list, got 1n"),
  misuse("vmap(f, {inAxes: cyclic})", () => vmap(f, { inAxes: cyclic }), "tessera.vmap: inAxes[1] contains a cycle"),
  misuse("optim.adam({learningRate: Symbol()})", () => optim.adam({ learningRate: Symbol("lr") } as never), "tessera.adam: learningRate must be a number or a schedule", "Symbol(lr)"),
  misuse("models.minibatches(key, 1n, 2)", () => models.minibatches(x, 1n as never, 2), "tessera.minibatches: n must be an integer >= 0, got 1n"),
];
