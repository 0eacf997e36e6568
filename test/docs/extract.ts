/**
 * Finds the code examples of the documentation: the ```ts blocks of the Markdown pages and the
 * `@example` blocks of the JSDoc comments in the library's sources. A block whose fence says
 * `ts no-run` is type-checked but not run.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** One code example and where it is written. */
export interface Example {
  /** The file, relative to the repository root. */
  readonly file: string;
  /** The 1-based line of the block's first code line in that file. */
  readonly line: number;
  readonly code: string;
  /** False for blocks marked `no-run`: type-checked only. */
  readonly run: boolean;
  /** For a JSDoc example: the module whose comment holds it (its exports are in the example's scope). */
  readonly fromSource: boolean;
}

const FENCE = /^(\s*)(```+)\s*(\S*)\s*(.*)$/;
const TS_LANGS = new Set(["ts", "typescript"]);

/** The ```ts blocks of a Markdown text; `firstLine` is the line number of `lines[0]` in its file. */
function fencedBlocks(file: string, lines: readonly string[], firstLine: number, fromSource: boolean): Example[] {
  const blocks: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (open === null) continue;
    const [, indent, ticks, lang, flags] = open;
    const end = lines.findIndex((l, j) => j > i && l.trim().startsWith(ticks!) && l.trim().replace(/`/g, "") === "");
    const close = end === -1 ? lines.length : end;
    if (TS_LANGS.has(lang!)) {
      const body = lines.slice(i + 1, close).map((l) => (l.startsWith(indent!) ? l.slice(indent!.length) : l));
      blocks.push({ file, line: firstLine + i + 1, code: body.join("\n"), run: !flags!.split(/\s+/).includes("no-run"), fromSource });
    }
    i = close;
  }
  return blocks;
}

/** The ```ts blocks of a Markdown file. */
export function markdownExamples(root: string, file: string): Example[] {
  const lines = readFileSync(join(root, file), "utf8").split("\n");
  return fencedBlocks(file, lines, 1, false);
}

/**
 * The `@example` blocks of the JSDoc comments of a TypeScript file. An example's content runs to
 * the next tag or the comment's end; without a fence it is all code (as TypeDoc reads it), with
 * one the fenced blocks are the code.
 */
export function jsdocExamples(root: string, file: string): Example[] {
  const lines = readFileSync(join(root, file), "utf8").split("\n");
  const examples: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const tag = /^\s*\*\s?@example\b ?(.*)$/.exec(lines[i]!);
    if (tag === null) continue;
    const content: string[] = [tag[1]!];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      if (/^\s*\*\//.test(line) || /^\s*\*\s?@\w/.test(line)) break;
      const text = /^\s*\*(?: |$)(.*)$/.exec(line);
      content.push(text === null ? line : text[1]!);
    }
    const first = content[0]!.trim() === "" ? 1 : 0;
    const body = content.slice(first);
    const startLine = i + 1 + first; // 1-based line of body[0]
    if (body.some((l) => FENCE.test(l))) examples.push(...fencedBlocks(file, body, startLine, true));
    else examples.push({ file, line: startLine, code: body.join("\n").trimEnd(), run: true, fromSource: true });
    i = j - 1;
  }
  return examples;
}

/** Every .ts file under `dir` (relative to root), generated `*.public.ts` wrappers left out. */
export function sourceFiles(root: string, dir: string): string[] {
  const full = join(root, dir);
  if (statSync(full).isFile()) return [dir];
  return readdirSync(full)
    .sort()
    .flatMap((name) => {
      const path = join(full, name);
      if (statSync(path).isDirectory()) return sourceFiles(root, relative(root, path));
      return name.endsWith(".ts") && !name.endsWith(".public.ts") && !name.endsWith(".d.ts") ? [relative(root, path)] : [];
    });
}
