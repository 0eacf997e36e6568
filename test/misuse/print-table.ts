/** Prints the misuse catalogue as a Markdown table (input | error text): `npx tsx test/misuse/print-table.ts`. */
import { catalogue } from "./catalogue.js";

const escape = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
console.log("| area | input | error |\n| --- | --- | --- |");
for (const [area, cases] of Object.entries(catalogue)) {
  for (const c of cases) {
    let message = "(no error)";
    try {
      c.run();
    } catch (e) {
      message = e instanceof Error ? e.message : String(e);
    }
    console.log(`| ${area} | \`${escape(c.input)}\` | ${escape(message)} |`);
  }
}
