/**
 * Prints the import graph's summary: module and edge counts, and every import cycle (run-time
 * imports, then counting type-only imports too). Run: `npx tsx test/architecture/print-import-graph.ts`.
 */
import { cycles, importGraph } from "./import-graph.js";

const graph = importGraph();
const edges = [...graph.values()].flat().filter((e) => graph.has(e.to));
console.log(`${graph.size} modules, ${edges.length} imports between them (${edges.filter((e) => e.typeOnly).length} type-only)`);
for (const [label, keep] of [
  ["run-time imports", (e: { typeOnly: boolean }) => !e.typeOnly],
  ["all imports, type-only included", () => true],
] as const) {
  const found = cycles(graph, keep);
  console.log(`cycles among ${label}: ${found.length === 0 ? "none" : ""}`);
  for (const c of found) console.log(`  ${c.length} modules: ${c.join(" ")}`);
}
