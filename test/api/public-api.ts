/**
 * Builds the `*.public.ts` modules: each public namespace with every function wrapped by
 * `guardArity` (core/validate.ts) at the number of positional arguments its TypeScript signature
 * declares (the most over its overloads; a rest parameter is not guarded). The arities are read
 * by the TypeScript compiler, so they cannot drift from the signatures:
 * `npx tsx test/api/generate-public-api.ts` rewrites the modules, and
 * test/api/public-api.test.ts fails when one is stale.
 */
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A generated module: its path from the repository root and its text. */
export interface GeneratedModule {
  readonly path: string;
  readonly text: string;
}

/** The public namespaces (as index.ts names them) and the modules they come from. */
export const NAMESPACES: Readonly<Record<string, string>> = {
  np: "core/numpy/index.ts",
  nn: "core/nn.ts",
  ops: "core/ops.ts",
  lax: "transforms/lax.ts",
  scipy: "transforms/scipy/index.ts",
  random: "core/random/index.ts",
  tree: "core/tree.ts",
  debug: "core/debug.ts",
  optim: "models/optim/index.ts",
  models: "models/index.ts",
  checkpoints: "models/checkpoint/index.ts",
};

/** Entry points besides index.ts (package.json exports), by the module behind each; their functions are guarded under their bare names. */
export const ENTRY_POINTS: Readonly<Record<string, string>> = {
  "tessera/node": "node/index.ts",
};

/** The root-level functions index.ts exports, by the module that defines them. */
export const ROOT_FUNCTIONS: Readonly<Record<string, readonly string[]>> = {
  "transforms/index.ts": ["checkpoint", "clearCaches", "customJvp", "customVjp", "grad", "hessian", "jacfwd", "jacrev", "jit", "jvp", "linearize", "makeJaxpr", "remat", "savedResiduals", "valueAndGrad", "vjp", "vjpWithAux", "vmap"],
  "core/eval-jaxpr.ts": ["evalJaxpr"],
  "core/lax/primitives.ts": ["stopGradient"],
};

const RESERVED = new Set(["switch", "delete", "default", "new", "in", "case", "function", "import", "export", "class", "return", "var", "let", "const"]);

/** `./x.js` as a relative import specifier from the directory of `from` to the .ts file `to`. */
function specifier(from: string, to: string): string {
  const path = relative(dirname(from), to).replace(/\.ts$/, ".js");
  return path.startsWith(".") ? path : `./${path}`;
}

function header(what: string): string {
  return `/**
 * ${what},
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * \`npx tsx test/api/generate-public-api.ts\`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
`;
}

function guardLine(exported: string, qualified: string, source: string, arity: number): string {
  // Marked pure (guardArity only builds a function) so bundlers drop the wrappers, and with them
  // the functions they wrap, that an application never calls.
  const call = `/* @__PURE__ */ guardArity(${JSON.stringify(qualified)}, ${source}, ${arity === Infinity ? "Infinity" : arity})`;
  return RESERVED.has(exported) ? `const ${exported}_ = ${call};\nexport { ${exported}_ as ${exported} };` : `export const ${exported} = ${call};`;
}

/** Every generated module, computed from the current sources. */
export function generatePublicModules(): GeneratedModule[] {
  const config = ts.readConfigFile(join(root, "tsconfig.json"), (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  // The namespaces' own modules are roots too: index.ts may name a public module not yet generated.
  const sources = [...Object.values(NAMESPACES), ...Object.values(ENTRY_POINTS), ...Object.keys(ROOT_FUNCTIONS)].map((p) => join(root, p));
  const program = ts.createProgram([join(root, "index.ts"), ...sources], parsed.options);
  const checker = program.getTypeChecker();
    const resolve = (s: ts.Symbol) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);

  const arityOf = (symbol: ts.Symbol): number | undefined => {
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
    if (declaration === undefined || !(symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Variable))) return undefined;
    const signatures = checker.getTypeOfSymbolAtLocation(symbol, declaration).getCallSignatures();
    if (signatures.length === 0) return undefined;
    let most = 0;
    for (const signature of signatures) {
      if ((signature.getDeclaration()?.parameters ?? []).some((p) => p.dotDotDotToken !== undefined)) return Infinity;
      most = Math.max(most, signature.getParameters().length);
    }
    return most;
  };

  const modules: GeneratedModule[] = [];
  /** Generates the public module of the namespace module `file` (absolute .ts path); returns its path. */
  const namespaceModule = (qualified: string, moduleSymbol: ts.Symbol, prefix = `${qualified}.`): string => {
    const file = moduleSymbol.valueDeclaration!.getSourceFile().fileName;
    const publicPath = file.replace(/\.ts$/, ".public.ts");
    const lines: string[] = [];
    const nested: string[] = [];
    const exports = checker.getExportsOfModule(moduleSymbol).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const member of exports) {
      const resolved = resolve(member);
      if (resolved.flags & ts.SymbolFlags.Module && resolved.valueDeclaration && ts.isSourceFile(resolved.valueDeclaration)) {
        const childPublic = namespaceModule(`${prefix}${member.name}`, resolved);
        nested.push(`export * as ${member.name} from "${specifier(publicPath, childPublic)}";`);
        continue;
      }
      if (/^[A-Z]/.test(member.name)) continue;
      const arity = arityOf(resolved);
      if (arity !== undefined) lines.push(guardLine(member.name, `${prefix}${member.name}`, `raw.${member.name}`, arity));
    }
    // A namespace of namespaces only (as scipy) guards nothing itself, so it imports nothing.
    const imports = lines.length === 0 ? "" : `import { guardArity } from "${specifier(publicPath, join(root, "core", "validate.ts"))}";
import * as raw from "${specifier(publicPath, file)}";

`;
    const text = `${header(`The \`${qualified}\` namespace (${relative(root, file)})`)}${imports}export * from "${specifier(publicPath, file)}";
${[...nested, ...lines].join("\n")}
`;
    modules.push({ path: relative(root, publicPath), text });
    return publicPath;
  };

  for (const [name, path] of Object.entries(NAMESPACES)) {
    namespaceModule(name, checker.getSymbolAtLocation(program.getSourceFile(join(root, path))!)!);
  }
  for (const [name, path] of Object.entries(ENTRY_POINTS)) {
    namespaceModule(name, checker.getSymbolAtLocation(program.getSourceFile(join(root, path))!)!, "");
  }
  const rootFunctions = new Map<string, string>();
  for (const [path, names] of Object.entries(ROOT_FUNCTIONS)) {
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(join(root, path))!)!;
    const exports = new Map(checker.getExportsOfModule(moduleSymbol).map((s) => [s.name, s]));
    for (const name of names) {
      const arity = arityOf(resolve(exports.get(name)!));
      if (arity !== undefined) rootFunctions.set(name, `${path.replace(/\.ts$/, ".js")}|${arity}`);
    }
  }
  const rootPath = join(root, "transforms", "root.public.ts");
  const imports = new Map<string, string>();
  const lines: string[] = [];
  for (const [name, entry] of [...rootFunctions].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [from, arity] = entry.split("|") as [string, string];
    const target = join(root, from.replace(/\.js$/, ".ts"));
    if (!imports.has(target)) imports.set(target, `m${imports.size}`);
    lines.push(guardLine(name, name, `${imports.get(target)}.${name}`, Number(arity)));
  }
  const importLines = [...imports].map(([target, alias]) => `import * as ${alias} from "${specifier(rootPath, target)}";`);
  modules.push({
    path: relative(root, rootPath),
    text: `${header("The root-level functions of index.ts (the transforms and their companions)")}import { guardArity } from "${specifier(rootPath, join(root, "core", "validate.ts"))}";
${importLines.join("\n")}

${lines.join("\n")}
`,
  });
  return modules.sort((a, b) => (a.path < b.path ? -1 : 1));
}
