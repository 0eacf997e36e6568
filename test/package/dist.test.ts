/**
 * The built package as a consumer gets it: `npm run build`'s output installed as
 * node_modules/tessera (fp-ts and io-ts resolved from the repository's node_modules). Checks that
 * `require("tessera")` works through Node's require(esm) and the `default` condition, that
 * `import` under Node gets the entry whose `fit` reports to the terminal, that arrays have their
 * methods in both, and that a TypeScript project without @types/node compiles against the
 * declarations, array methods included (they come from declaration merging).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { root } from "../api/public-api.js";

const work = join(root, "node_modules", ".cache", `tessera-dist-${process.pid}`);
const installed = join(work, "node_modules", "tessera");
const bin = (name: string) => join(root, "node_modules", ".bin", name);

beforeAll(() => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(installed, { recursive: true });
  cpSync(join(root, "package.json"), join(installed, "package.json"));
  execFileSync(bin("tsc"), ["-p", join(root, "tsconfig.build.json"), "--outDir", join(installed, "dist"), "--sourceMap", "false"], { cwd: root });
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs a script in the consumer folder with plain Node; returns its stdout (fails on a non-zero exit). */
function runNode(file: string, source: string): string {
  writeFileSync(join(work, file), source);
  const result = spawnSync(process.execPath, [join(work, file)], { cwd: work, encoding: "utf8" });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return result.stdout.trim();
}

describe("the built package", () => {
  it("loads with require(): the main entry, tessera/node and their array methods", () => {
    const out = runNode(
      "consumer.cjs",
      `const t = require("tessera");
       const x = t.np.array([1, 2]);
       console.log(String(x.add(1).T.sum()), typeof require("tessera/node").loadCsv, typeof t.models.fit);`,
    );
    expect(out).toBe("array(5., dtype=float32) function function");
  });

  it("loads with import under Node: the Node entry, whose fit reports to the terminal by default", () => {
    const out = runNode(
      "consumer.mjs",
      `import * as t from "tessera";
       const x = t.np.ones([4, 1]);
       t.models.fit({ loss: (p, b) => b.x.mul(p.w).sub(1).square().mean(), params: { w: t.np.zeros([1]) },
         optimizer: t.optim.sgd({ learningRate: 0.1 }), data: { x }, batchSize: 4, epochs: 2 });
       console.log(String(t.jit((v) => v.mul(2))(t.np.array([3]))));`,
    );
    // stdout is a pipe, not a terminal: the default reporter writes progress lines, the last at the last step.
    const lines = out.split("\n");
    expect(lines.at(-1)).toBe("array([6.], dtype=float32)");
    expect(lines.slice(0, -1).length).toBeGreaterThan(0);
    expect(lines.at(-2)).toMatch(/^step 2\/2\b/);
  });

  it("type-checks a consumer without @types/node, array methods included", () => {
    writeFileSync(
      join(work, "consumer.ts"),
      `import { np, grad, type ArrayValue } from "tessera";
       const x: ArrayValue = np.array([1, 2, 3]);
       const y: ArrayValue = x.add(1).T.sum();
       const g: ArrayValue = grad((v: ArrayValue) => v.mul(v).sum())(x);
       for (const row of x) row.mul(2);
       export const values: unknown[] = [y.toArray(), g.toArray()];
       // @ts-expect-error: a method that does not exist stays an error
       x.notAMethod();`,
    );
    writeFileSync(
      join(work, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", lib: ["ES2022", "DOM"], types: [], noEmit: true, skipLibCheck: false },
        files: ["consumer.ts"],
      }),
    );
    const result = spawnSync(bin("tsc"), ["-p", join(work, "tsconfig.json")], { cwd: work, encoding: "utf8" });
    expect(result.stdout).toBe("");
    expect(result.status).toBe(0);
  });
});
