/** Misuse rows for debug.print and debug.callback (core/debug.ts, core/debug-format.ts). */
import * as debug from "../../core/debug.js";
import * as np from "../../core/numpy/index.js";
import { misuse, type MisuseCase } from "./case.js";

const quiet = debug.print({ sink: () => undefined });
const x = np.array([1, 2], { dtype: "float32" });

export const debugCases: readonly MisuseCase[] = [
  misuse('debug.print("{} {}", x)', () => quiet("{} {}", x), "debug.print", "reads positional argument 1 but only 1 was given"),
  misuse('debug.print("{}")', () => quiet("{}"), "reads positional argument 0 but none was given"),
  misuse('debug.print("{}", x, x)', () => quiet("{}", x, x), "positional argument 1 is not used by the format"),
  misuse('debug.print("{x}", {y: x})', () => quiet("{x}", { y: x }), 'have no "x"', 'did you mean "y"?'),
  misuse('debug.print("{x}", x)', () => quiet("{x}", x), "the last argument must be a record of their values", "an array float32[2]"),
  misuse('debug.print("{x}", {x, y: x})', () => quiet("{x}", { x, y: x }), 'named value "y" not used by the format'),
  misuse('debug.print("{0} {}", x, x)', () => quiet("{0} {}", x, x), "cannot switch from manual field numbering"),
  misuse('debug.print("{", x)', () => quiet("{", x), "single '{' at position 0"),
  misuse('debug.print("total}", x)', () => quiet("total}", x), "single '}' at position 5"),
  misuse('debug.print("{0[1]}", x)', () => quiet("{0[1]}", x), "reads an attribute or index of an argument"),
  misuse('debug.print("{!a}", x)', () => quiet("{!a}", x), "unknown conversion '!a'"),
  misuse('debug.print("{:.3f}", x)', () => quiet("{:.3f}", x), "applies to scalars", "shape [2]"),
  misuse('debug.print("{:q}", 1)', () => quiet("{:q}", 1), "unsupported format spec ':q'"),
  misuse("debug.print(x)", () => debug.print(x as never), "expects a format string", "an array float32[2]"),
  misuse("debug.print({sinc: f})", () => debug.print({ sinc: () => undefined } as never), 'unknown option "sinc"', 'did you mean "sink"?'),
  misuse('debug.print({sink: f}, "{}")', () => (debug.print as (...a: unknown[]) => unknown)({ sink: () => undefined }, "{}"), "the two-call form takes options only"),
  misuse('debug.callback("f", x)', () => debug.callback("f" as never, x), "debug.callback", "the callback must be a function"),
];
