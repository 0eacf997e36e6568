/**
 * `npm run repl`: a TypeScript REPL with tessera loaded. Every export of the package is a global
 * (np, lax, random, tree, nn, optim, models, checkpoints, debug, grad, jit, vmap, makeJaxpr, ...),
 * and `tessera` holds them all. Entries may use TypeScript syntax (annotations, `as`): each is
 * compiled to JavaScript with the TypeScript compiler before Node's REPL evaluates it.
 *
 *   tessera> makeJaxpr((x: ArrayValue) => np.sin(x).mul(2))(np.ones([3]))
 *   { lambda ; a:f32[3]. let
 *       b:f32[3] = sin a
 *       c:f32[3] = mul b 2.0:f32[]
 *     in (c) }
 */
import repl, { type REPLEval } from "node:repl";
import ts from "typescript";
import * as tessera from "../index.js";

/**
 * An entry as JavaScript. Compiling is synchronous, so entries piped in together run in order.
 * Input that does not parse yet (the first line of a multi-line entry) is passed on as it is, so
 * Node's REPL sees it is incomplete and asks for more. An entry starting with `{` is tried as an
 * object literal first, as Node's REPL does (TypeScript would read a block).
 */
function toJavaScript(code: string): string {
  const attempts = /^\s*\{/.test(code) && !/;\s*$/.test(code) ? [`(${code.trimEnd()})\n`, code] : [code];
  for (const attempt of attempts) {
    const out = ts.transpileModule(attempt, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
      reportDiagnostics: true,
    });
    if ((out.diagnostics ?? []).length === 0) return out.outputText;
  }
  return code;
}

const names = Object.keys(tessera).sort();
console.log(`tessera REPL: ${names.join(", ")} are globals (and \`tessera\`, all of them). Type .help for commands, .exit to leave.`);

// Entries run in this realm (useGlobal), not a fresh vm context: there `{ a: 1 }` would have another
// realm's Object.prototype, and pytrees accept only plain objects of this one.
Object.assign(globalThis, tessera, { tessera });
const server = repl.start({ prompt: "tessera> ", useGlobal: true });
const evaluateJavaScript: REPLEval = server.eval;
const evaluateTypeScript: REPLEval = function (this: repl.REPLServer, code, context, file, callback) {
  evaluateJavaScript.call(this, toJavaScript(code), context, file, callback);
};
(server as { eval: REPLEval }).eval = evaluateTypeScript;
