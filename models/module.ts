/**
 * The two protocols every model is written against, as plain records of pure functions.
 *
 * A `Module` is a layer or a network: `init(key)` draws a params pytree, `apply(params, x, ctx?)`
 * is the forward pass. Sizes and options live in the factory's closure, never in params, so params
 * are plain records and arrays that `grad`, `vmap`, `jit`, the optimizers and checkpoints take
 * as they are (Equinox's and Flax's model, without classes or hidden state). A module with state
 * that is not trained by gradients (batch norm's running statistics) is a `StatefulModule`: its
 * `initState()` makes the first state, and `apply` takes the state in `ctx` and returns
 * `[y, nextState]`.
 *
 * An `Estimator` is a method fitted in closed form or by its own iterations (PCA, k-means, EM,
 * naive Bayes, trees): `fit` returns params and `predict` uses them. Fits iterate with
 * `lax.whileLoop`/`scan`, so a whole fit can be jitted.
 */
import { describe, fail } from "../core/errors.js";
import { ArrayValue } from "../core/ndarray.js";
import * as np from "../core/numpy/index.js";
import { checkKey, type Key } from "../core/random/common.js";
import * as random from "../core/random/index.js";
import { anyValue, bool, describeValue, integer, readOptions } from "../core/validate.js";

/** What `apply` may receive beside params and input. */
export interface ModuleContext {
  /** Randomness for this call (dropout). Combinators hand each sublayer its own key split from it. */
  readonly key?: Key;
  /** Training mode: dropout drops and batch norm uses (and updates) batch statistics. False by default. */
  readonly train?: boolean;
}

/** The context of a stateful module's `apply`: the module's current state as well. */
export interface StatefulContext<S> extends ModuleContext {
  readonly state: S;
}

/** A layer or network: `init` draws params, `apply` is the pure forward pass. */
export interface Module<P, X = ArrayValue, Y = ArrayValue> {
  init(key: Key): P;
  apply(params: P, x: X, ctx?: ModuleContext): Y;
}

/** A module with state besides its params (batch norm's running statistics): `apply` returns the output and the next state. */
export interface StatefulModule<P, S, X = ArrayValue, Y = ArrayValue> {
  readonly stateful: true;
  init(key: Key): P;
  /** The state before any training step. */
  initState(): S;
  apply(params: P, x: X, ctx: StatefulContext<S>): [Y, S];
}

/** A method fitted to labelled data in closed form or by its own iterations. */
export interface Estimator<P, O = undefined> {
  fit(x: ArrayValue, y: ArrayValue, options?: O): P;
  predict(params: P, x: ArrayValue): ArrayValue;
}

/** A method fitted to unlabelled data (clustering, mixtures, decompositions). */
export interface UnsupervisedEstimator<P, O = undefined> {
  fit(x: ArrayValue, options?: O): P;
  predict(params: P, x: ArrayValue): ArrayValue;
}

/** Anything a combinator accepts as a layer: a module, a stateful module, or a plain function of the input (an activation). */
export type LayerLike = Module<any, any, any> | StatefulModule<any, any, any, any> | ((x: any) => any);

/** The params of a layer: a plain function has none (`null`, an empty pytree). */
export type ParamsOf<L> = L extends StatefulModule<infer P, any, any, any> ? P : L extends Module<infer P, any, any> ? P : null;

/** The state of a layer: `null` for a layer without state. */
export type StateOf<L> = L extends StatefulModule<any, infer S, any, any> ? S : null;

/** True when any of the layers has state. */
export type AnyStateful<Ls extends readonly unknown[]> = true extends { [K in keyof Ls]: Ls[K] extends StatefulModule<any, any, any, any> ? true : false }[number] ? true : false;

/** The module a combinator of `Ls` builds: stateful exactly when one of `Ls` is. */
export type Combined<Ls extends readonly LayerLike[], P, X = ArrayValue, Y = ArrayValue> =
  AnyStateful<Ls> extends true ? StatefulModule<P, { -readonly [K in keyof Ls]: StateOf<Ls[K]> }, X, Y> : Module<P, X, Y>;

/** True for a stateful module. */
export function isStateful(layer: unknown): layer is StatefulModule<unknown, unknown, unknown, unknown> {
  return typeof layer === "object" && layer !== null && (layer as { stateful?: unknown }).stateful === true;
}

/** The checks of a context record: unknown keys (a misspelt `train`) are errors, never ignored. */
const contextSpec = { key: anyValue, train: bool, state: anyValue };

/**
 * Reads `ctx` for the module `op`: a record with only `key`, `train` and `state`, the key a valid
 * PRNG key when given. Layers call it so that a misspelt option fails instead of silently
 * running in the wrong mode.
 */
export function readContext(op: string, ctx: unknown): { key?: Key; train: boolean; state?: unknown } {
  const read = readOptions(op, ctx, contextSpec);
  if (read.key !== undefined) checkKey(op, read.key, op);
  return { ...(read.key === undefined ? {} : { key: read.key as Key }), train: read.train ?? false, ...("state" in read ? { state: read.state } : {}) };
}

/** The key a random layer (dropout) needs in training mode, with an error that says how to pass one. */
export function requireKey(op: string, ctx: { key?: Key }): Key {
  if (ctx.key === undefined) fail(op, "needs a PRNG key in training mode: call apply(params, x, { train: true, key })");
  return ctx.key;
}

/** A layer in the one form combinators run: stateful, with `null` params and state where it has none. */
interface Uniform {
  init(key: Key): unknown;
  initState(): unknown;
  apply(params: unknown, x: unknown, ctx: StatefulContext<unknown>): [unknown, unknown];
}

function uniform(op: string, layer: unknown, index: number): Uniform {
  if (typeof layer === "function") {
    return { init: () => null, initState: () => null, apply: (_params, x, ctx) => [layer(x), ctx.state] };
  }
  if (typeof layer !== "object" || layer === null || typeof (layer as Module<unknown>).init !== "function" || typeof (layer as Module<unknown>).apply !== "function") {
    fail(op, `layer ${index} must be a module ({ init, apply }) or a function of the input, got ${describeValue(layer)}`);
  }
  if (isStateful(layer)) return layer as Uniform;
  const module = layer as Module<unknown, unknown, unknown>;
  return { init: (key) => module.init(key), initState: () => null, apply: (params, x, ctx) => [module.apply(params, x, contextWithoutState(ctx)), null] };
}

function contextWithoutState(ctx: StatefulContext<unknown>): ModuleContext {
  return { ...(ctx.key === undefined ? {} : { key: ctx.key }), ...(ctx.train === undefined ? {} : { train: ctx.train }) };
}

/** Splits `key` into one key per layer (none when no key was given). */
function layerKeys(key: Key | undefined, count: number): (Key | undefined)[] {
  if (key === undefined || count === 0) return Array.from({ length: count }, () => undefined);
  const keys = random.split(key, count);
  return Array.from({ length: count }, (_, i) => np.slice(keys, i));
}

/** Reads the params and state arrays a combinator of `count` layers was handed. */
function checkList(op: string, name: string, value: unknown, count: number): readonly unknown[] {
  if (!Array.isArray(value) || value.length !== count) {
    fail(op, `${name} must be an array with one entry per layer (${count}), got ${Array.isArray(value) ? `an array of ${value.length}` : describeValue(value)}`);
  }
  return value;
}

/**
 * Builds a combinator's module from the uniform layers: `run(params, x, ctx)` returns the output
 * and the layers' next states. The result is stateful exactly when one of the layers is.
 */
function combine(
  op: string,
  layers: readonly unknown[],
  initParams: (layers: readonly Uniform[], key: Key) => unknown,
  run: (layers: readonly Uniform[], params: unknown, x: unknown, ctx: { keys: (Key | undefined)[]; train: boolean | undefined; states: readonly unknown[] }) => [unknown, unknown[]],
): Module<unknown, unknown, unknown> | StatefulModule<unknown, unknown, unknown, unknown> {
  const uniforms = layers.map((layer, i) => uniform(op, layer, i));
  const stateful = layers.some(isStateful);
  const init = (key: Key): unknown => {
    checkKey(op, key, op);
    return initParams(uniforms, key);
  };
  const step = (params: unknown, x: unknown, rawCtx: unknown, states: readonly unknown[]) => {
    const ctx = readContext(op, rawCtx);
    return run(uniforms, params, x, { keys: layerKeys(ctx.key, uniforms.length), train: ctx.train, states });
  };
  if (!stateful) {
    const module: Module<unknown, unknown, unknown> = { init, apply: (params, x, ctx) => step(params, x, ctx, uniforms.map(() => null))[0] };
    return module;
  }
  const module: StatefulModule<unknown, unknown, unknown, unknown> = {
    stateful: true,
    init,
    initState: () => uniforms.map((layer) => layer.initState()),
    apply(params, x, ctx) {
      if (typeof ctx !== "object" || ctx === null || !("state" in ctx)) fail(op, "has stateful layers: call apply(params, x, { state, train?, key? }) with the state from initState()");
      const states = checkList(op, "ctx.state", ctx.state, uniforms.length);
      return step(params, x, ctx, states) as [unknown, unknown];
    },
  };
  return module;
}

/** Splits `key` into one init key per layer. */
function initEach(layers: readonly Uniform[], key: Key): unknown[] {
  const keys = layerKeys(key, layers.length);
  return layers.map((layer, i) => layer.init(keys[i]!));
}

/**
 * Layers applied one after another; plain functions (activations) may stand between modules.
 * Params are an array with one entry per layer (`null` for a function), and so is the state when
 * a layer has state. `ctx.key` is split into one key per layer.
 *
 * @example
 * import { models, nn, np, random } from "tessera";
 * const net = models.sequential(models.layers.dense(4, 8), nn.relu, models.layers.dense(8, 2));
 * const params = net.init(random.key(0));
 * net.apply(params, np.ones([5, 4])).shape; // [5, 2]
 */
export function sequential<const Ls extends readonly LayerLike[]>(...layers: Ls): Combined<Ls, { -readonly [K in keyof Ls]: ParamsOf<Ls[K]> }> {
  if (layers.length === 0) fail("sequential", "needs at least one layer");
  return combine("sequential", layers, initEach, (uniforms, params, x, ctx) => {
    const list = checkList("sequential", "params", params, uniforms.length);
    const states: unknown[] = [];
    let h = x;
    uniforms.forEach((layer, i) => {
      const [y, state] = layer.apply(list[i], h, layerContext(ctx, i));
      states.push(state);
      h = y;
    });
    return [h, states];
  }) as never;
}

function layerContext(ctx: { keys: (Key | undefined)[]; train: boolean | undefined; states: readonly unknown[] }, i: number): StatefulContext<unknown> {
  return { ...(ctx.keys[i] === undefined ? {} : { key: ctx.keys[i] }), ...(ctx.train === undefined ? {} : { train: ctx.train }), state: ctx.states[i] };
}

/** The params of a residual block: the block's and the shortcut's (`null` for the identity). */
export interface ResidualParams<B, S> {
  readonly block: B;
  readonly shortcut: S;
}

/** Adds two outputs, with an error naming the shapes when they differ. */
function addOutputs(op: string, y: unknown, skip: unknown): ArrayValue {
  if (!(y instanceof ArrayValue) || !(skip instanceof ArrayValue)) fail(op, `the block and the shortcut must return arrays, got ${describeValue(y)} and ${describeValue(skip)}`);
  if (y.shape.length !== skip.shape.length || y.shape.some((d, i) => d !== skip.shape[i])) {
    fail(op, `the block's output ${describe(y)} and the shortcut's ${describe(skip)} must have the same shape (give residual a projection shortcut)`);
  }
  return np.add(y, skip);
}

/**
 * `block(x) + shortcut(x)`: a skip connection around `block`. The shortcut is the identity unless
 * given (a projection when the block changes the shape). State and keys go to both.
 */
export function residual<const B extends LayerLike, const S extends LayerLike = never>(
  block: B,
  shortcut?: S,
): Combined<[B, [S] extends [never] ? (x: ArrayValue) => ArrayValue : S], ResidualParams<ParamsOf<B>, [S] extends [never] ? null : ParamsOf<S>>> {
  const layers = shortcut === undefined ? [block, (x: unknown) => x] : [block, shortcut];
  return combine(
    "residual",
    layers,
    (uniforms, key) => {
      const [blockParams, shortcutParams] = initEach(uniforms, key);
      return { block: blockParams, shortcut: shortcutParams };
    },
    (uniforms, params, x, ctx) => {
      if (typeof params !== "object" || params === null || !("block" in params) || !("shortcut" in params)) {
        fail("residual", `params must be a { block, shortcut } record, got ${describeValue(params)}`);
      }
      const record = params as ResidualParams<unknown, unknown>;
      const [y, blockState] = uniforms[0]!.apply(record.block, x, layerContext(ctx, 0));
      const [skip, shortcutState] = uniforms[1]!.apply(record.shortcut, x, layerContext(ctx, 1));
      return [addOutputs("residual", y, skip), [blockState, shortcutState]];
    },
  ) as never;
}

/** Runs every branch on the same input: the outputs are a list, one per branch. */
function runBranches(op: string): Parameters<typeof combine>[3] {
  return (uniforms, params, x, ctx) => {
    const list = checkList(op, "params", params, uniforms.length);
    const outputs: unknown[] = [];
    const states: unknown[] = [];
    uniforms.forEach((layer, i) => {
      const [y, state] = layer.apply(list[i], x, layerContext(ctx, i));
      outputs.push(y);
      states.push(state);
    });
    return [outputs, states];
  };
}

/** Every branch applied to the same input; the output is the list of the branches' outputs. */
export function parallel<const Ls extends readonly LayerLike[]>(
  ...branches: Ls
): Combined<Ls, { -readonly [K in keyof Ls]: ParamsOf<Ls[K]> }, ArrayValue, ArrayValue[]> {
  if (branches.length === 0) fail("parallel", "needs at least one branch");
  return combine("parallel", branches, initEach, runBranches("parallel")) as never;
}

/** Options of concat: the axis the branches' outputs are joined along (the last by default). */
export interface ConcatOptions {
  readonly axis?: number;
}

/** Every branch applied to the same input, the outputs concatenated along `axis` (Inception-style blocks, DenseNet). */
export function concat<const Ls extends readonly LayerLike[]>(
  branches: Ls,
  options?: ConcatOptions,
): Combined<Ls, { -readonly [K in keyof Ls]: ParamsOf<Ls[K]> }> {
  const axis = readOptions("concat", options, { axis: integer }).axis ?? -1;
  if (!Array.isArray(branches) || branches.length === 0) fail("concat", `branches must be a non-empty array of layers, got ${describeValue(branches)}`);
  const branchesOf = runBranches("concat");
  return combine("concat", branches, initEach, (uniforms, params, x, ctx) => {
    const [outputs, states] = branchesOf(uniforms, params, x, ctx) as [ArrayValue[], unknown[]];
    return [np.concatenate(outputs, { axis }), states];
  }) as never;
}
