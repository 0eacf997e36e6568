/**
 * Turns documentation examples into modules, type-checks them all in one TypeScript program and
 * transpiles them for running.
 *
 * The scope convention (what an example may use without importing it):
 * - every export of `"tessera"` (np, nn, lax, random, tree, debug, optim, models, checkpoints,
 *   the transforms, ArrayValue, the public types), `laws` and `arb` (its `arbitraries`) from
 *   `"tessera/laws"`, `fc` (fast-check), fp-ts's `pipe` and `flow`, and `E` (fp-ts/Either);
 * - for a JSDoc example, also the exports of its module's public namespace (an example in the
 *   optimizers' sources may write `chain(...)` for `optim.chain(...)`) and of its own module;
 * - the sample values of test/docs/sample-values.ts (`x`, `params`, `grads`, ...).
 * A name the example declares or imports itself wins. Examples may import `"tessera"`,
 * `"tessera/laws"` and `"tessera/node"` (mapped to this repository's entry modules), fp-ts,
 * io-ts and `node:*` modules.
 */
import { dirname, join, relative } from "node:path";
import ts from "typescript";
import type { Example } from "./extract.js";

/** The package's entries as an example imports them, and the modules they are in this repository. */
export const ENTRIES: Readonly<Record<string, string>> = {
  tessera: "index.ts",
  "tessera/laws": "laws/index.ts",
  "tessera/node": "node/index.ts",
};

const SAMPLES = "test/docs/sample-values.ts";
/** Scope names that are not tessera's root exports, as the import line that brings each in. */
const OTHER_IMPORTS: Readonly<Record<string, string>> = {
  laws: `import * as laws from "tessera/laws";`,
  arb: `import { arbitraries as arb } from "tessera/laws";`,
  fc: `import fc from "fast-check";`,
  E: `import * as E from "fp-ts/Either";`,
  pipe: `import { pipe } from "fp-ts/function";`,
  flow: `import { flow } from "fp-ts/function";`,
};

/** An example as a module: its virtual path, text and how its lines map back. */
export interface ExampleModule {
  readonly example: Example;
  readonly path: string;
  readonly text: string;
}

/** A problem found in an example, placed at its file and line. */
export interface ExampleProblem {
  readonly where: string;
  readonly message: string;
}

/** Where an example's module text line `moduleLine` (0-based) is written. */
export function sourceLine(module: ExampleModule, moduleLine: number): string {
  return `${module.example.file}:${module.example.line + moduleLine - 1}`;
}

/** The compiler options of the repository, loosened where an example is a fragment (unused names allowed). */
function compilerOptions(root: string): ts.CompilerOptions {
  const configPath = join(root, "tsconfig.json");
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, root);
  const paths = Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, [`./${file}`]]));
  return { ...parsed.options, noUnusedLocals: false, noUnusedParameters: false, verbatimModuleSyntax: false, isolatedModules: false, noEmit: true, paths };
}

/** The module that a source file's examples see unqualified: its public namespace's module, if any. */
export function homeModule(file: string, namespaces: readonly string[]): string | undefined {
  if (namespaces.includes(file)) return file;
  const containing = namespaces.filter((m) => m.endsWith("index.ts") && file.startsWith(dirname(m) + "/"));
  return containing.sort((a, b) => b.length - a.length)[0];
}

/** Names an example uses, and names its top-level statements declare or import (an inner declaration only shadows). */
function namesOf(code: string): { used: Set<string>; declared: Set<string> } {
  const source = ts.createSourceFile("example.ts", code, ts.ScriptTarget.ES2022, true);
  const used = new Set<string>();
  const declared = new Set<string>();
  const bindingNames = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) declared.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNames(element.name);
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name !== undefined) declared.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings !== undefined && ts.isNamespaceImport(bindings)) declared.add(bindings.name.text);
      else if (bindings !== undefined) for (const element of bindings.elements) declared.add(element.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) bindingNames(declaration.name);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && statement.name !== undefined) {
      declared.add(statement.name.text);
    }
  }
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const isMemberName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isQualifiedName(parent) && parent.right === node) ||
        ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node);
      if (!isMemberName) used.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { used, declared };
}

/** The exported names of each module, read by the type checker of a program over them. */
function exportedNames(root: string, options: ts.CompilerOptions, modules: readonly string[]): Map<string, Set<string>> {
  const program = ts.createProgram(modules.map((m) => join(root, m)), options);
  const checker = program.getTypeChecker();
  return new Map(
    modules.map((m) => {
      const symbol = checker.getSymbolAtLocation(program.getSourceFile(join(root, m))!);
      return [m, new Set(symbol === undefined ? [] : checker.getExportsOfModule(symbol).map((s) => s.name))];
    }),
  );
}

/** Relative import specifier from the examples' directory to a repository module. */
function specifierFrom(dir: string, root: string, module: string): string {
  const path = relative(dir, join(root, module)).replace(/\.ts$/, ".js");
  return path.startsWith(".") ? path : `./${path}`;
}

/**
 * Writes each example as a module (one line of imports for the names it takes from its scope,
 * then its code) at a virtual path under test/docs/__examples__/.
 */
export function exampleModules(root: string, examples: readonly Example[], namespaces: readonly string[]): { modules: ExampleModule[]; options: ts.CompilerOptions } {
  const options = compilerOptions(root);
  const homesOf = (e: Example): string[] => (e.fromSource ? [homeModule(e.file, namespaces), e.file].filter((m): m is string => m !== undefined) : []);
  const homes = [...new Set(examples.flatMap(homesOf))];
  const exports = exportedNames(root, options, [ENTRIES.tessera!, SAMPLES, ...homes]);
  const dir = join(root, "test/docs/__examples__");
  const modules = examples.map((example, index) => {
    const { used, declared } = namesOf(example.code);
    const wanted = [...used].filter((n) => !declared.has(n)).sort();
    const imports = new Map<string, string[]>();
    const take = (from: string, name: string) => imports.set(from, [...(imports.get(from) ?? []), name]);
    const otherLines: string[] = [];
    for (const name of wanted) {
      const home = homesOf(example).find((m) => exports.get(m)!.has(name));
      if (home !== undefined) take(specifierFrom(dir, root, home), name);
      else if (exports.get(ENTRIES.tessera!)!.has(name)) take("tessera", name);
      else if (name in OTHER_IMPORTS) otherLines.push(OTHER_IMPORTS[name]!);
      else if (exports.get(SAMPLES)!.has(name)) take(specifierFrom(dir, root, SAMPLES), name);
    }
    const header = [...[...imports].map(([from, names]) => `import { ${names.join(", ")} } from "${from}";`), ...otherLines].join(" ");
    const name = `${example.file.replace(/[^\w]+/g, "_")}_L${example.line}_${index}.ts`;
    return { example, path: join(dir, name), text: `${header}\nexport {};\n${example.code}\n` };
  });
  return { modules, options };
}

/** Lines a module's text has before the example's code (its scope imports and `export {}`). */
export const HEADER_LINES = 2;

/** Type-checks every example module in one program; problems are placed at the examples' own lines. */
export function typecheck(modules: readonly ExampleModule[], options: ts.CompilerOptions): ExampleProblem[] {
  const byPath = new Map(modules.map((m) => [m.path, m]));
  const host = ts.createCompilerHost(options);
  const readSource = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (path, language, ...rest) => {
    const module = byPath.get(path);
    return module === undefined ? readSource(path, language, ...rest) : ts.createSourceFile(path, module.text, language);
  };
  host.fileExists = (path) => byPath.has(path) || fileExists(path);
  const program = ts.createProgram([...byPath.keys()], options, host);
  return modules.flatMap((module) => {
    const file = program.getSourceFile(module.path)!;
    return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map((d) => {
      const line = d.start === undefined ? 0 : file.getLineAndCharacterOfPosition(d.start).line;
      const where = line < HEADER_LINES ? `${module.example.file}:${module.example.line} (scope imports)` : sourceLine(module, line - HEADER_LINES + 1);
      return { where, message: ts.flattenDiagnosticMessageText(d.messageText, "\n") };
    });
  });
}

/** An example module as CommonJS-style JavaScript, to run inside an async function given `require`. */
export function transpile(module: ExampleModule): string {
  return ts.transpileModule(module.text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
}

/** The repository file (or package name) an import specifier of an example module refers to. */
export function resolveSpecifier(root: string, module: ExampleModule, specifier: string): string {
  if (specifier in ENTRIES) return join(root, ENTRIES[specifier]!);
  if (specifier.startsWith(".")) return join(dirname(module.path), specifier).replace(/\.js$/, ".ts");
  return specifier;
}
