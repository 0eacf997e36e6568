/**
 * The format strings of `debug.print`: Python's `str.format` syntax, as `jax.debug.print` takes.
 * `{}` takes the next positional argument, `{0}` a numbered one, `{name}` a named one; `{{` and
 * `}}` are literal braces; `!s` / `!r` choose str (numpy's `str`, JAX's default) or repr
 * (tessera's `String(x)`); after `:` a format spec for scalars (`{:.3f}`, `{x:>8.2e}`, `{:d}`).
 *
 * A format is parsed and checked against its arguments when `debug.print` is called, so a bad
 * one fails there (traced or not); rendering happens later, on concrete values.
 */
import { fail } from "./errors.js";
import { formatArray, formatArrayStr } from "./format.js";
import { NdArray, storageOf } from "./ndarray.js";
import { closestName, describeValue } from "./validate.js";

/** A replacement field: which argument, how to convert it, and its format spec. */
export interface Field {
  readonly kind: "field";
  /** A positional index, or a name. */
  readonly key: number | string;
  readonly conversion: "s" | "r";
  readonly spec: string;
}

/** A parsed format: literal text and fields in order. */
export type FormatPart = string | Field;

const op = "debug.print";

/** Parses `fmt` (Python's grammar, without attribute, index or nested fields). */
export function parseFormat(fmt: string): FormatPart[] {
  const parts: FormatPart[] = [];
  let text = "";
  let automatic: boolean | undefined;
  let next = 0;
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i]!;
    if (c === "}") {
      if (fmt[i + 1] !== "}") fail(op, `single '}' at position ${i} of the format ${describeValue(fmt)}; write '}}' for a literal brace`);
      text += "}";
      i += 2;
      continue;
    }
    if (c !== "{") {
      text += c;
      i++;
      continue;
    }
    if (fmt[i + 1] === "{") {
      text += "{";
      i += 2;
      continue;
    }
    const close = fmt.indexOf("}", i);
    if (close < 0) fail(op, `single '{' at position ${i} of the format ${describeValue(fmt)}; write '{{' for a literal brace`);
    const body = fmt.slice(i + 1, close);
    if (body.includes("{")) fail(op, `nested replacement fields ('${fmt.slice(i, close + 1)}') are not supported`);
    const match = /^([^!:]*)(?:!([^:]*))?(?::(.*))?$/.exec(body)!;
    const name = match[1]!;
    const conversion = match[2] ?? "s";
    if (conversion !== "s" && conversion !== "r") fail(op, `unknown conversion '!${conversion}' in '{${body}}'; expected !s or !r`);
    if (/[.[\]]/.test(name)) fail(op, `'{${body}}' reads an attribute or index of an argument, which debug.print does not support; pass the value itself`);
    let key: number | string;
    if (name === "") {
      if (automatic === false) fail(op, "cannot switch from manual field numbering ({0}) to automatic field numbering ({}) in one format");
      automatic = true;
      key = next++;
    } else if (/^\d+$/.test(name)) {
      if (automatic === true) fail(op, "cannot switch from automatic field numbering ({}) to manual field numbering ({0}) in one format");
      automatic = false;
      key = Number(name);
    } else {
      if (!/^[A-Za-z_$][\w$]*$/.test(name)) fail(op, `'{${body}}' is not a field name; expected {}, {0} or {name}`);
      key = name;
    }
    if (text !== "") parts.push(text);
    text = "";
    parts.push({ kind: "field", key, conversion, spec: match[3] ?? "" });
    i = close + 1;
  }
  if (text !== "") parts.push(text);
  return parts;
}

/** True when the format has `{name}` fields (then the last argument of debug.print holds their values). */
export function hasNamedFields(parts: readonly FormatPart[]): boolean {
  return parts.some((p) => typeof p !== "string" && typeof p.key === "string");
}

/** The shape of a value, when it is an array (concrete or traced), else undefined. */
type ShapeOf = (value: unknown) => readonly number[] | undefined;

/**
 * Checks that the fields and the arguments match, as JAX does: every field has a value, every
 * value is used, and a format spec is given only to scalars (0-d arrays, numbers) or text.
 */
export function checkFields(parts: readonly FormatPart[], positional: readonly unknown[], named: Readonly<Record<string, unknown>>, shapeOf: ShapeOf): void {
  const usedPositions = new Set<number>();
  const usedNames = new Set<string>();
  for (const part of parts) {
    if (typeof part === "string") continue;
    let value: unknown;
    if (typeof part.key === "number") {
      if (part.key >= positional.length) {
        fail(op, `the format reads positional argument ${part.key} but ${positional.length === 0 ? "none was" : `only ${positional.length} ${positional.length === 1 ? "was" : "were"}`} given`);
      }
      usedPositions.add(part.key);
      value = positional[part.key];
    } else {
      if (!Object.prototype.hasOwnProperty.call(named, part.key)) {
        const hint = closestName(part.key, Object.keys(named));
        fail(op, `the format reads {${part.key}} but the named values (the last argument) have no "${part.key}"${hint === undefined ? "" : `; did you mean "${hint}"?`}`);
      }
      usedNames.add(part.key);
      value = named[part.key];
    }
    if (part.spec !== "") checkSpec(part, value, shapeOf);
  }
  const unusedPositions = positional.map((_, i) => i).filter((i) => !usedPositions.has(i));
  if (unusedPositions.length > 0) {
    fail(op, `positional argument${unusedPositions.length > 1 ? "s" : ""} ${unusedPositions.join(", ")} ${unusedPositions.length > 1 ? "are" : "is"} not used by the format; add a {} for each value (JAX rejects unused arguments too)`);
  }
  const unusedNames = Object.keys(named).filter((k) => !usedNames.has(k));
  if (unusedNames.length > 0) fail(op, `named value${unusedNames.length > 1 ? "s" : ""} ${unusedNames.map((k) => `"${k}"`).join(", ")} not used by the format`);
}

function checkSpec(field: Field, value: unknown, shapeOf: ShapeOf): void {
  const shape = shapeOf(value);
  const where = `{${typeof field.key === "number" ? "" : field.key}:${field.spec}}`;
  if (shape !== undefined && shape.length > 0) {
    fail(op, `the format spec in ${where} applies to scalars, but the value is an array of shape [${shape.join(",")}]; drop the spec or print a scalar`);
  }
  const spec = parseSpec(field.spec);
  if (spec === undefined) fail(op, `unsupported format spec ':${field.spec}' in ${where}; expected [[fill]align][sign][width][.precision][type] with type one of f, e, g, d, %`);
  if (typeof value === "string" && spec.type !== "") fail(op, `format type '${spec.type}' in ${where} does not apply to the text ${describeValue(value)}`);
}

interface Spec {
  readonly fill: string;
  readonly align: "<" | ">" | "^" | "";
  readonly sign: "+" | "-" | " " | "";
  readonly width: number;
  readonly precision: number | undefined;
  readonly type: "f" | "F" | "e" | "E" | "g" | "G" | "d" | "%" | "";
}

function parseSpec(text: string): Spec | undefined {
  const m = /^(?:(.)?([<>^]))?([+\- ])?(\d+)?(?:\.(\d+))?([fFeEgGd%])?$/.exec(text);
  if (m === null) return undefined;
  return {
    fill: m[1] ?? " ",
    align: (m[2] ?? "") as Spec["align"],
    sign: (m[3] ?? "") as Spec["sign"],
    width: m[4] === undefined ? 0 : Number(m[4]),
    precision: m[5] === undefined ? undefined : Number(m[5]),
    type: (m[6] ?? "") as Spec["type"],
  };
}

/** Python's exponent notation: at least two exponent digits (`1.50e+03`). */
function exponential(x: number, digits: number): string {
  return x.toExponential(digits).replace(/e([+-])(\d)$/, "e$10$2");
}

/** A number under a spec's type and precision, as Python's `format` writes it. */
function formatNumber(x: number, spec: Spec, plain: () => string): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x) && spec.type !== "d") return x > 0 ? "inf" : "-inf";
  const p = spec.precision;
  switch (spec.type) {
    case "f":
    case "F":
      return x.toFixed(p ?? 6);
    case "e":
    case "E":
      return exponential(x, p ?? 6);
    case "%":
      return `${(x * 100).toFixed(p ?? 6)}%`;
    case "d":
      if (!Number.isInteger(x)) fail(op, `format type 'd' needs an integer, got ${x}`);
      return String(x);
    case "g":
    case "G": {
      // Python's general format: significant digits, scientific outside [1e-4, 10^precision), no trailing zeros.
      const precision = Math.max(p ?? 6, 1);
      if (x === 0) return "0";
      const exponent = Number(x.toExponential(precision - 1).split("e")[1]);
      const text = exponent < -4 || exponent >= precision ? exponential(x, precision - 1) : x.toFixed(precision - 1 - exponent);
      return text.replace(/(\.\d*?)0+(e|$)/, "$1$2").replace(/\.(e|$)/, "$1");
    }
    default:
      return p === undefined ? plain() : Number(x.toPrecision(p)).toString();
  }
}

function applySpec(text: string, spec: Spec, numeric: boolean): string {
  let out = text;
  if (numeric && spec.sign !== "" && spec.sign !== "-" && !out.startsWith("-")) out = spec.sign + out;
  if (out.length >= spec.width) return out;
  const pad = spec.width - out.length;
  const align = spec.align === "" ? (numeric ? ">" : "<") : spec.align;
  if (align === "<") return out + spec.fill.repeat(pad);
  if (align === ">") return spec.fill.repeat(pad) + out;
  const left = Math.floor(pad / 2);
  return spec.fill.repeat(left) + out + spec.fill.repeat(pad - left);
}

/** A value as `str` (or `repr`) shows it: arrays numpy-style, records and lists of them recursively. */
export function showValue(value: unknown, conversion: "s" | "r"): string {
  if (value instanceof NdArray) return conversion === "r" ? formatArray(storageOf(value), value.shape, value.dtype) : formatArrayStr(storageOf(value), value.shape, value.dtype);
  if (typeof value === "string") return conversion === "r" ? describeValue(value) : value;
  if (Array.isArray(value)) return `[${value.map((v) => showValue(v, "r" === conversion ? "r" : "s")).join(", ")}]`;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return `{${Object.entries(value).map(([k, v]) => `${k}: ${showValue(v, conversion)}`).join(", ")}}`;
  }
  return String(value);
}

/** Renders a checked format on concrete values. */
export function renderFormat(parts: readonly FormatPart[], positional: readonly unknown[], named: Readonly<Record<string, unknown>>): string {
  return parts
    .map((part) => {
      if (typeof part === "string") return part;
      const value = typeof part.key === "number" ? positional[part.key] : named[part.key];
      if (part.spec === "") return showValue(value, part.conversion);
      const spec = parseSpec(part.spec)!;
      const scalar = value instanceof NdArray ? value.item() : value;
      if (typeof scalar === "number") return applySpec(formatNumber(scalar, spec, () => showValue(value, part.conversion)), spec, true);
      return applySpec(showValue(value, part.conversion), spec, false);
    })
    .join("");
}
