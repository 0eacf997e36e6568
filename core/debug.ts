/**
 * The `debug` namespace: looking at values inside transformed functions, as `jax.debug`.
 *
 * `debug.print(fmt, ...args)` prints concrete values where the program reaches the call: eagerly
 * at once; under `jit` each time the compiled program runs (the print is a step of the program);
 * in `scan`, `whileLoop` and `cond` bodies at every iteration or taken branch; under `vmap` once
 * per example; under `grad`/`jvp` the primal values, once per forward pass. `debug.callback(fn,
 * ...args)` calls any host function the same way.
 *
 * Both bind the `debugCallback` primitive (core/rules/debug.ts), which has an effect: dead-code
 * elimination, common subexpressions and constant folding never drop or merge it, and the other
 * kernels of a jitted program fuse around it as they would without it.
 *
 * @example
 * import { debug, jit, np } from "tessera";
 * jit((x) => { debug.print("x = {}, sum = {s}", x, { s: x.sum() }); return x.mul(2); })(np.arange(3));
 * // x = [0. 1. 2.], sum = 3.0
 */
import { checkFields, hasNamedFields, parseFormat, renderFormat } from "./debug-format.js";
import { fail } from "./errors.js";
import { bind } from "./interpreter.js";
import { ArrayValue, type NdArray } from "./ndarray.js";
import { checkFunction, describeValue, func, isPlainRecord, readOptions } from "./validate.js";

/** Options of the two-call form `debug.print(options)(fmt, ...args)`. */
export interface PrintOptions {
  /** Receives each printed line (without a newline); default `console.log`. */
  readonly sink?: (line: string) => void;
}

/** A print with its options fixed: `debug.print({ sink })` returns one. */
export type Printer = (fmt: string, ...args: unknown[]) => void;

/**
 * Prints `fmt` formatted with `args` (Python's `str.format` syntax, like `jax.debug.print`):
 * `{}` / `{0}` take positional arguments, `{name}` takes `name` from the last argument, a plain
 * record, whenever the format has named fields. Arguments may be arrays (concrete or traced),
 * pytrees of them, numbers or strings; arrays print as numpy's `str` (`[0. 1. 2.]`, a scalar as
 * `1.5`), `{!r}` as `String(x)`. A format spec (`{:.3f}`, `{x:>10.2e}`) applies to scalars.
 *
 * With an options record instead of a format (`debug.print({ sink })`), returns a print that
 * sends its lines to `sink` (JAX's two-call form).
 */
export function print(fmt: string, ...args: unknown[]): void;
export function print(options: PrintOptions): Printer;
export function print(first: unknown, ...args: unknown[]): void | Printer {
  if (typeof first === "string") return printWith(consoleSink, first, args);
  if (!isPlainRecord(first)) {
    fail("debug.print", `expects a format string (or an options record such as {sink: (line) => ...} for the two-call form), got ${describeValue(first)}`);
  }
  if (args.length > 0) fail("debug.print", `the two-call form takes options only, then returns the print: debug.print({sink})(fmt, ...args); got ${args.length} more argument(s)`);
  const options = readOptions("debug.print", first, { sink: func });
  const sink = (options.sink as PrintOptions["sink"]) ?? consoleSink;
  return (fmt: string, ...rest: unknown[]) => {
    if (typeof fmt !== "string") fail("debug.print", `expects a format string, got ${describeValue(fmt)}`);
    printWith(sink, fmt, rest);
  };
}

/**
 * Calls `fn(...args)` with the concrete values of `args` where the program reaches this call, as
 * `jax.debug.callback` (arrays in pytrees arrive as concrete copies the function may keep; other
 * values as given). Its return value is ignored.
 */
export function callback(fn: (...args: never[]) => unknown, ...args: unknown[]): void {
  checkFunction("debug.callback", fn, "the callback");
  const { arrays, rebuild } = splitArrays("debug.callback", args);
  bind("debugCallback", arrays, { callback: (values) => void (fn as (...a: unknown[]) => unknown)(...(rebuild(values) as unknown[])), fmt: null });
}

// console is in every JavaScript runtime tessera supports (browsers included).
const consoleSink = (line: string): void => console.log(line);

function printWith(sink: (line: string) => void, fmt: string, args: readonly unknown[]): void {
  const parts = parseFormat(fmt);
  const named = hasNamedFields(parts);
  const last = args[args.length - 1];
  if (named && !isPlainRecord(last)) {
    fail("debug.print", `the format has named fields, so the last argument must be a record of their values ({name: value}), got ${args.length === 0 ? "no arguments" : describeValue(last)}`);
  }
  const positional = named ? args.slice(0, -1) : args;
  const names = named ? (last as Record<string, unknown>) : {};
  const shapeOf = (v: unknown) => (v instanceof ArrayValue ? v.shape : undefined);
  checkFields(parts, positional, names, shapeOf);
  const { arrays, rebuild } = splitArrays("debug.print", [positional, names]);
  const host = (values: readonly NdArray[]) => {
    const [p, n] = rebuild(values) as [unknown[], Record<string, unknown>];
    sink(renderFormat(parts, p, n));
  };
  bind("debugCallback", arrays, { callback: host, fmt });
}

/**
 * The arrays in `value` (through lists and plain records, in order) and a function that rebuilds
 * `value` with other arrays in their places: the arrays become the primitive's operands, the
 * rest stays with the host function.
 */
function splitArrays(op: string, value: unknown): { arrays: ArrayValue[]; rebuild: (values: readonly NdArray[]) => unknown } {
  const arrays: ArrayValue[] = [];
  const open = new Set<object>();
  const template = (v: unknown): (values: readonly NdArray[]) => unknown => {
    if (v instanceof ArrayValue) {
      const i = arrays.push(v) - 1;
      return (values) => values[i];
    }
    if (Array.isArray(v) || isPlainRecord(v)) {
      if (open.has(v)) fail(op, "an argument contains itself; pass values without cycles");
      open.add(v);
      const entries = Object.entries(v).map(([k, x]) => [k, template(x)] as const);
      open.delete(v);
      return Array.isArray(v)
        ? (values) => entries.map(([, t]) => t(values))
        : (values) => Object.fromEntries(entries.map(([k, t]) => [k, t(values)]));
    }
    return () => v;
  };
  const rebuild = template(value);
  return { arrays, rebuild };
}
