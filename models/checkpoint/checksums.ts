/**
 * Integrity checks of version-2 checkpoints: a CRC-32C per array over its element bytes (in the
 * array node's `crc32c` field), and one over everything else, so any change to a file's values
 * or structure is found on reading instead of decoding to different values. The binary form
 * checksums its header and structure bytes as stored (binary.ts); the JSON form, whose text may
 * be re-spaced or re-ordered without changing it, checksums a canonical text of its tree:
 *
 * ```
 * C(array)     = "a" dtype "[" dims in decimal, comma-separated "]" crc32c in decimal ";"
 * C(number)    = "n" 16 lowercase hex digits of the IEEE 754 binary64 bit pattern ";"
 *                (the node's value as decoded: "NaN" is 7ff8000000000000, "-0" is 8000000000000000)
 * C(boolean)   = "t;" or "f;"         C(null) = "N;"         C(undefined) = "U;"
 * C(list)      = "[" C(item) for each item in order "]"
 * C(record)    = "{" for each key in ascending order of UTF-16 code units:
 *                "k" lowercase hex of the key's UTF-16LE bytes ":" C(child) "}"
 * ```
 *
 * all ASCII, checksummed as its bytes. So `crc32c("n3ff0000000000000;")` is the structure
 * checksum of a tree that is the number 1.
 */
import { crc32c, hex32 } from "./crc32c.js";

/** The field holding a checksum: in version-2 array nodes, the JSON envelope and (as a number) the binary header. */
export const checksumField = "crc32c";

/** A recorded checksum as read from a file: an integer in [0, 2^32), or undefined for anything else. */
export function recordedChecksum(u: unknown): number | undefined {
  return typeof u === "number" && Number.isInteger(u) && u >= 0 && u <= 0xffffffff ? u : undefined;
}

/** The message of a failed check: what was checksummed, the computed and the recorded values. */
export function checksumMismatch(what: string, actual: number, recorded: number): string {
  return `checksum mismatch: ${what} has CRC-32C ${hex32(actual)}, but the file records ${hex32(recorded)}; the file is damaged or was edited`;
}

/**
 * The CRC-32C of the canonical text of a JSON-form tree node (above), or undefined when the node
 * does not follow the grammar (the tree decoder then reports why). Never throws.
 */
export function jsonStructureChecksum(node: unknown): number | undefined {
  const parts: string[] = [];
  const bits = new DataView(new ArrayBuffer(8));
  const own = (record: object, key: string): unknown => (Object.prototype.hasOwnProperty.call(record, key) ? (record as Record<string, unknown>)[key] : undefined);
  const visit = (u: unknown, depth: number): boolean => {
    if (depth > 10_000 || typeof u !== "object" || u === null || Array.isArray(u)) return false;
    switch (own(u, "kind")) {
      case "array": {
        const dtype = own(u, "dtype");
        const shape = own(u, "shape");
        const crc = recordedChecksum(own(u, checksumField));
        if (typeof dtype !== "string" || !Array.isArray(shape) || crc === undefined) return false;
        if (!shape.every((d) => typeof d === "number" && Number.isSafeInteger(d) && d >= 0)) return false;
        parts.push(`a${dtype}[${shape.join(",")}]${crc};`);
        return true;
      }
      case "number": {
        const value = numberValue(own(u, "value"));
        if (value === undefined) return false;
        if (Number.isNaN(value)) parts.push("n7ff8000000000000;");
        else {
          bits.setFloat64(0, value);
          parts.push(`n${bits.getUint32(0).toString(16).padStart(8, "0")}${bits.getUint32(4).toString(16).padStart(8, "0")};`);
        }
        return true;
      }
      case "boolean": {
        const value = own(u, "value");
        if (typeof value !== "boolean") return false;
        parts.push(value ? "t;" : "f;");
        return true;
      }
      case "null":
        parts.push("N;");
        return true;
      case "undefined":
        parts.push("U;");
        return true;
      case "list": {
        const items = own(u, "items");
        if (!Array.isArray(items)) return false;
        parts.push("[");
        for (const item of items) if (!visit(item, depth + 1)) return false;
        parts.push("]");
        return true;
      }
      case "record": {
        const fields = own(u, "fields");
        if (typeof fields !== "object" || fields === null || Array.isArray(fields)) return false;
        parts.push("{");
        // The default sort compares UTF-16 code units, the order the format states.
        for (const key of Object.keys(fields).sort()) {
          parts.push(`k${utf16leHex(key)}:`);
          if (!visit(own(fields, key), depth + 1)) return false;
        }
        parts.push("}");
        return true;
      }
      default:
        return false;
    }
  };
  try {
    if (!visit(node, 0)) return undefined;
  } catch {
    return undefined; // a structure nested deeper than the stack allows; the decoder reports it
  }
  return crc32c(new TextEncoder().encode(parts.join("")));
}

/** A number node's value as the tree decoder reads it (a JSON number or one of the four special strings). */
function numberValue(u: unknown): number | undefined {
  if (typeof u === "number") return u;
  const special: Readonly<Record<string, number>> = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity, "-0": -0 };
  return typeof u === "string" && Object.prototype.hasOwnProperty.call(special, u) ? special[u] : undefined;
}

function utf16leHex(key: string): string {
  let out = "";
  for (let i = 0; i < key.length; i++) {
    const unit = key.charCodeAt(i);
    out += (unit & 0xff).toString(16).padStart(2, "0") + (unit >>> 8).toString(16).padStart(2, "0");
  }
  return out;
}
