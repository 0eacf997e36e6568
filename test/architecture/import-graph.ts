/**
 * The import graph of tessera's own modules, read with the TypeScript parser: every relative
 * `import`/`export ... from` of every .ts file under the library folders, each edge marked
 * type-only or not. Used by the cycle and layering checks (imports.test.ts) and printed by
 * `npx tsx test/architecture/print-import-graph.ts`.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

/** The folders (and top-level files) that make up the library, relative to the repository root. */
export const LIBRARY_ROOTS = ["core", "transforms", "models", "laws", "node", "index.ts"] as const;

export const REPO_ROOT = resolve(dirname(new URL(import.meta.url).pathname), "../..");

export interface ImportEdge {
  readonly from: string;
  /** Repository-relative path of the imported .ts file, or the bare specifier ("fp-ts/...", "node:fs"). */
  readonly to: string;
  /** True when the import brings in types only (erased at run time). */
  readonly typeOnly: boolean;
}

/** Every library .ts file (no .d.ts), repository-relative, sorted. */
export function libraryFiles(root = REPO_ROOT): string[] {
  const files: string[] = [];
  const walk = (path: string): void => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path)) walk(join(path, entry));
    } else if (path.endsWith(".ts") && !path.endsWith(".d.ts")) {
      files.push(relative(root, path));
    }
  };
  for (const entry of LIBRARY_ROOTS) {
    const path = join(root, entry);
    try {
      statSync(path);
    } catch {
      continue; // a folder that does not exist (yet) holds no modules
    }
    walk(path);
  }
  return files.sort();
}

function isTypeOnly(statement: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(statement)) {
    if (statement.isTypeOnly) return true;
    const clause = statement.exportClause;
    return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
  }
  const clause = statement.importClause;
  if (clause === undefined) return false; // `import "./x.js"` runs the module
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return clause.name === undefined && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

/** The imports of one file (dynamic `import()` calls are not module-graph edges and are not listed). */
export function importsOf(file: string, root = REPO_ROOT): ImportEdge[] {
  const source = ts.createSourceFile(file, readFileSync(join(root, file), "utf8"), ts.ScriptTarget.Latest);
  const edges: ImportEdge[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
    const specifier = statement.moduleSpecifier;
    if (specifier === undefined || !ts.isStringLiteral(specifier)) continue;
    const text = specifier.text;
    const to = text.startsWith(".") ? relative(root, resolve(root, dirname(file), text)).replace(/\.js$/, ".ts") : text;
    edges.push({ from: file, to, typeOnly: isTypeOnly(statement) });
  }
  return edges;
}

/** The whole graph: file -> its edges. */
export function importGraph(root = REPO_ROOT): Map<string, ImportEdge[]> {
  return new Map(libraryFiles(root).map((file) => [file, importsOf(file, root)]));
}

/**
 * The strongly connected components with more than one file (Tarjan's algorithm), each sorted,
 * largest first: every import cycle lies inside one. `keep` selects the edges that count.
 */
export function cycles(graph: ReadonlyMap<string, readonly ImportEdge[]>, keep: (edge: ImportEdge) => boolean = () => true): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const edge of graph.get(v) ?? []) {
      const w = edge.to;
      if (!keep(edge) || !graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return components.sort((a, b) => b.length - a.length || a[0]!.localeCompare(b[0]!));
}
