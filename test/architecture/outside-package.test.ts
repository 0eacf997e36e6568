/**
 * A script outside any `"type": "module"` package (a scratch file in a temporary folder) run by
 * tsx, which then loads it as CommonJS and tessera's sources through require(esm): before core
 * was a DAG, arrays made there had methods that failed ("np.add is not a function").
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { REPO_ROOT } from "./import-graph.js";

it("a tsx script outside the package imports tessera and uses array methods, jit and grad", { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "tessera-outside-"));
  try {
    const script = join(dir, "scratch.ts");
    writeFileSync(
      script,
      `import { grad, jit, np, type ArrayValue } from ${JSON.stringify(join(REPO_ROOT, "index.ts"))};
       const x = np.array([1, 2, 3]);
       console.log(String(x.add(1)), String(grad((v: ArrayValue) => v.mul(v).sum())(x)), String(jit((v: ArrayValue) => v.T.sum())(x)));`,
    );
    const result = spawnSync(join(REPO_ROOT, "node_modules", ".bin", "tsx"), [script], { cwd: dir, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("array([2., 3., 4.], dtype=float32) array([2., 4., 6.], dtype=float32) array(6., dtype=float32)");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
