/**
 * `npm run repl`: a TypeScript REPL with tessera loaded. Every export of the package is a global
 * (np, lax, random, tree, nn, optim, models, checkpoints, debug, grad, jit, vmap, makeJaxpr, ...),
 * and `tessera` holds them all. Input may use TypeScript syntax (annotations, `as`): tsx's REPL
 * patch compiles each entry with esbuild before Node evaluates it.
 *
 *   tessera> makeJaxpr((x: ArrayValue) => np.sin(x).mul(2))(np.ones([3]))
 *   { lambda ; a:f32[3]. let
 *       b:f32[3] = sin a
 *       c:f32[3] = mul b 2.0:f32[]
 *     in (c) }
 */
import repl, { type REPLEval } from "node:repl";
// Patches node:repl's start so each entry is compiled from TypeScript first (tsx ships it for its own REPL).
import "tsx/patch-repl";
import * as tessera from "../index.js";

const names = Object.keys(tessera).sort();
console.log(`tessera REPL: ${names.join(", ")} are globals (and \`tessera\`, all of them). Type .help for commands, .exit to leave.`);

// Entries run in this realm (useGlobal), not a fresh vm context: there `{ a: 1 }` would have another
// realm's Object.prototype, and pytrees accept only plain objects of this one.
Object.assign(globalThis, tessera, { tessera });
const server = repl.start({ prompt: "tessera> ", useGlobal: true });

// The patched evaluator compiles asynchronously, so lines piped in together (`echo ... | npm run
// repl`) would finish out of order; a queue runs each entry after the one before it.
const compileAndRun: REPLEval = server.eval;
let previous = Promise.resolve();
const inOrder: REPLEval = function (this: repl.REPLServer, code, context, file, callback) {
  previous = previous.then(
    () =>
      new Promise<void>((done) =>
        compileAndRun.call(this, code, context, file, (error, result) => {
          callback(error, result);
          done();
        }),
      ),
  );
};
(server as { eval: REPLEval }).eval = inOrder;
