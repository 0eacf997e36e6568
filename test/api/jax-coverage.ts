/**
 * Builds docs/jax-coverage.md: JAX's public functions (test/fixtures/jax_api.json, read from the
 * JAX wheel) against tessera's, with the decisions of test/api/jax-coverage-decisions.ts. Whether
 * a function is provided is looked up in tessera's namespaces, never written by hand, and every
 * inconsistency (a JAX function neither provided nor explained, an explanation for a function
 * that exists, a tessera function the page does not mention) is reported as a problem:
 * `npx tsx test/api/generate-jax-coverage.ts` refuses to write the page while there are any, and
 * test/api/jax-coverage.test.ts fails.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MIRRORED, NAMESPACES, NOT_PROVIDED, NOTES, OTHER_NAMES, RENAMED, TESSERA_ONLY, type Entry } from "./jax-coverage-decisions.js";
import { root } from "./public-api.js";

/** test/fixtures/jax_api.json: JAX's public names by namespace and kind. */
export interface JaxApi {
  readonly generator: string;
  readonly jax: string;
  readonly namespaces: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** One JAX function and where it stands in tessera. */
export interface Row {
  readonly namespace: string;
  readonly name: string;
  /** The tessera path it maps to when provided. */
  readonly tessera: string | null;
  readonly note: string | null;
  /** The title of its reason group when not provided. */
  readonly reason: string | null;
  /** What to use instead (markdown), when not provided and there is something. */
  readonly instead: string | null;
}

export interface Coverage {
  readonly rows: readonly Row[];
  /** The tessera functions of the mirrored namespaces that no JAX name maps to. */
  readonly tesseraOnly: readonly string[];
  readonly problems: readonly string[];
}

export const PAGE = "docs/jax-coverage.md";
export const REGENERATE = "npx tsx test/api/generate-jax-coverage.ts";

export function loadJaxApi(): JaxApi {
  return JSON.parse(readFileSync(join(root, "test/fixtures/jax_api.json"), "utf8")) as JaxApi;
}

/** `expand_dims` -> `expandDims`, `atleast_1d` -> `atleast1d`. */
export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

const isModule = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && Object.prototype.toString.call(value) === "[object Module]";

/** The value at a dotted path in tessera's exports, or undefined. */
function lookup(tessera: Record<string, unknown>, path: string): unknown {
  let value: unknown = tessera;
  for (const key of path.split(".")) {
    if (value === null || (typeof value !== "object" && typeof value !== "function")) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Every function under the mirrored tessera namespaces, as dotted paths. */
function tesseraFunctions(tessera: Record<string, unknown>): string[] {
  const out: string[] = [];
  const walk = (prefix: string, ns: Record<string, unknown>) => {
    for (const [name, value] of Object.entries(ns)) {
      if (typeof value === "function" && !/^[A-Z]/.test(name)) out.push(`${prefix}${name}`);
      else if (isModule(value)) walk(`${prefix}${name}.`, value);
    }
  };
  for (const name of MIRRORED) if (isModule(tessera[name])) walk(`${name}.`, tessera[name]);
  return out.sort();
}

const entryName = (entry: Entry) => (typeof entry === "string" ? entry : entry[0]);
const matches = (pattern: string, name: string) => (pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : pattern === name);

/** Compares JAX's functions with tessera's exports under the decisions. */
export function computeCoverage(api: JaxApi, tessera: Record<string, unknown>): Coverage {
  const problems: string[] = [];
  const jaxFunctions = new Set<string>();
  for (const [ns, kinds] of Object.entries(api.namespaces)) for (const name of kinds["functions"] ?? []) jaxFunctions.add(`${ns}.${name}`);

  for (const ns of Object.keys(api.namespaces)) if (!(ns in NAMESPACES)) problems.push(`${ns}: no entry in NAMESPACES`);
  for (const ns of Object.keys(NAMESPACES)) if (!(ns in api.namespaces)) problems.push(`NAMESPACES names ${ns}, which jax_api.json does not list`);
  for (const [qualified, target] of Object.entries(RENAMED)) {
    if (!jaxFunctions.has(qualified)) problems.push(`RENAMED names ${qualified}, which is not a JAX function`);
    if (typeof lookup(tessera, target) !== "function") problems.push(`RENAMED maps ${qualified} to ${target}, which is not a tessera function`);
  }

  // Each reason group's entries, checked to match something and to overlap no other group.
  const reasonOf = new Map<string, { reason: string; instead: string | null }>();
  for (const group of NOT_PROVIDED) {
    for (const [ns, entries] of Object.entries(group.names)) {
      const names = api.namespaces[ns]?.["functions"] ?? [];
      for (const entry of entries) {
        const hits = names.filter((name) => matches(entryName(entry), name));
        if (hits.length === 0) problems.push(`"${group.title}" lists ${ns}.${entryName(entry)}, which is not a JAX function`);
        for (const name of hits) {
          const qualified = `${ns}.${name}`;
          if (reasonOf.has(qualified)) problems.push(`${qualified} is listed under both "${reasonOf.get(qualified)!.reason}" and "${group.title}"`);
          reasonOf.set(qualified, { reason: group.title, instead: typeof entry === "string" ? null : entry[1] });
        }
      }
    }
  }

  const rows: Row[] = [];
  for (const [ns, kinds] of Object.entries(api.namespaces)) {
    const home = NAMESPACES[ns]?.tessera ?? null;
    for (const name of kinds["functions"] ?? []) {
      const qualified = `${ns}.${name}`;
      const target = RENAMED[qualified] ?? (home === null ? null : `${home}.${camelCase(name)}`);
      const provided = target !== null && typeof lookup(tessera, target) === "function";
      const why = reasonOf.get(qualified);
      if (provided && why) problems.push(`${qualified} is provided as ${target} but listed under "${why.reason}": remove it there`);
      if (!provided && !why) problems.push(`${qualified}: tessera has no ${target ?? "function for it"}; provide it, map it in RENAMED, or give a reason in NOT_PROVIDED`);
      if (!provided && NOTES[qualified] !== undefined) problems.push(`NOTES has a note for ${qualified}, which is not provided`);
      rows.push({
        namespace: ns,
        name,
        tessera: provided ? target : null,
        note: provided ? NOTES[qualified] ?? null : null,
        reason: provided ? null : why?.reason ?? null,
        instead: provided ? null : why?.instead ?? null,
      });
    }
  }
  for (const qualified of Object.keys(NOTES)) if (!jaxFunctions.has(qualified)) problems.push(`NOTES names ${qualified}, which is not a JAX function`);

  for (const [ns, kinds] of Object.entries(api.namespaces)) {
    for (const kind of Object.keys(kinds)) if (kind !== "functions" && OTHER_NAMES[`${ns} ${kind}`] === undefined) problems.push(`OTHER_NAMES has no line for "${ns} ${kind}"`);
  }
  for (const key of Object.keys(OTHER_NAMES)) {
    const [ns, kind] = key.split(" ");
    if (!api.namespaces[ns!]?.[kind!]?.length) problems.push(`OTHER_NAMES has a line for "${key}", which jax_api.json does not list`);
  }

  const targets = new Set(rows.map((row) => row.tessera).filter((t): t is string => t !== null));
  const functions = tesseraFunctions(tessera);
  const tesseraOnly = functions.filter((path) => !targets.has(path));
  for (const path of tesseraOnly) if (TESSERA_ONLY[path] === undefined) problems.push(`${path} matches no JAX name: map one to it in RENAMED or describe it in TESSERA_ONLY`);
  for (const path of Object.keys(TESSERA_ONLY)) {
    if (targets.has(path)) problems.push(`TESSERA_ONLY lists ${path}, which a JAX name maps to`);
    else if (!functions.includes(path)) problems.push(`TESSERA_ONLY lists ${path}, which is not a tessera function`);
  }
  return { rows, tesseraOnly, problems };
}

const code = (text: string) => `\`${text}\``;

/** A namespace's names as one line: plain names first, then `norm.{cdf, pdf}` groups. */
function nameList(rows: readonly Row[]): string {
  const plain: string[] = [];
  const grouped = new Map<string, string[]>();
  for (const row of rows) {
    const dot = row.name.indexOf(".");
    const label = row.instead === null ? code(row.name) : `${code(row.name)} → ${row.instead}`;
    if (dot < 0) plain.push(label);
    else grouped.set(row.name.slice(0, dot), [...(grouped.get(row.name.slice(0, dot)) ?? []), row.name.slice(dot + 1)]);
  }
  return [...plain, ...[...grouped].map(([prefix, names]) => code(`${prefix}.{${names.join(", ")}}`))].join(", ");
}

/** The page's markdown. */
export function renderPage(api: JaxApi, coverage: Coverage): string {
  const byNamespace = (ns: string) => coverage.rows.filter((row) => row.namespace === ns);
  const namespaces = Object.keys(api.namespaces);
  const out: string[] = [];
  const provided = coverage.rows.filter((row) => row.tessera !== null).length;
  out.push(
    "# JAX API coverage",
    "",
    `Every public function of JAX ${api.jax}'s \`jax.numpy\`, \`jax.numpy.linalg\`, \`jax.numpy.fft\`, \`jax.nn\`,`,
    "`jax.nn.initializers`, `jax.lax`, `jax.lax.linalg`, `jax.random`, `jax.scipy.special`, `jax.scipy.stats` and",
    "`jax.ops`, and where it is in tessera: under the same name in camelCase (`jnp.expand_dims` is",
    "`np.expandDims`) unless the table says otherwise, with JAX's semantics and dtype promotion, or not",
    "provided, for the reason given. [tessera for JAX users](jax-users.md) describes the differences that",
    "apply everywhere.",
    "",
    `This page is generated (\`${REGENERATE}\`) from the names in JAX's wheel`,
    `(\`${api.generator}\` writes \`test/fixtures/jax_api.json\`), the decisions in`,
    "`test/api/jax-coverage-decisions.ts`, and tessera's exports: whether a function is provided is read from",
    "tessera itself, and `test/api/jax-coverage.test.ts` fails when a function is added or removed without",
    "this page following.",
    "",
    "## Summary",
    "",
    "| JAX namespace | tessera | functions | provided | not provided |",
    "| --- | --- | ---: | ---: | ---: |",
  );
  for (const ns of namespaces) {
    const rows = byNamespace(ns);
    const n = rows.filter((row) => row.tessera !== null).length;
    const home = NAMESPACES[ns]?.tessera;
    out.push(`| \`${ns}\` | ${home ? code(home) : "(none)"} | ${rows.length} | ${n} | ${rows.length - n} |`);
  }
  out.push(`| **all** | | **${coverage.rows.length}** | **${provided}** | **${coverage.rows.length - provided}** |`, "");

  const reasons = NOT_PROVIDED.map((group) => ({ group, rows: coverage.rows.filter((row) => row.reason === group.title) }));
  out.push("Not provided, by reason:", "", "| reason | functions |", "| --- | ---: |");
  for (const { group, rows } of reasons) out.push(`| [${group.title}](#${anchor(`${group.title} (${rows.length})`)}) | ${rows.length} |`);
  out.push("", "## Provided", "");
  for (const ns of namespaces) {
    const rows = byNamespace(ns).filter((row) => row.tessera !== null);
    const home = NAMESPACES[ns]?.tessera;
    out.push(`### \`${ns}\`${home ? ` → \`${home}\`` : ""} (${rows.length} of ${byNamespace(ns).length})`, "");
    if (NAMESPACES[ns]?.note) out.push(NAMESPACES[ns]!.note!, "");
    if (rows.length === 0) {
      out.push("None yet.", "");
      continue;
    }
    const notes = rows.some((row) => row.note !== null);
    out.push(notes ? "| JAX | tessera | note |" : "| JAX | tessera |", notes ? "| --- | --- | --- |" : "| --- | --- |");
    for (const row of rows) out.push(`| ${code(row.name)} | ${code(row.tessera!)} |${notes ? ` ${row.note ?? ""} |` : ""}`);
    out.push("");
  }

  out.push("## Not provided", "");
  for (const { group, rows } of reasons) {
    out.push(`### ${group.title} (${rows.length})`, "", group.why, "");
    for (const ns of namespaces) {
      const inNamespace = rows.filter((row) => row.namespace === ns);
      if (inNamespace.length > 0) out.push(`- \`${ns}\`: ${nameList(inNamespace)}`);
    }
    out.push("");
  }

  out.push("## Names that are not functions", "", "| JAX namespace | kind | names | in tessera |", "| --- | --- | ---: | --- |");
  for (const [ns, kinds] of Object.entries(api.namespaces)) {
    for (const [kind, names] of Object.entries(kinds)) if (kind !== "functions") out.push(`| \`${ns}\` | ${kind} | ${names.length} | ${OTHER_NAMES[`${ns} ${kind}`] ?? ""} |`);
  }
  out.push("", "## tessera functions without a JAX namesake", "", "In the namespaces above, besides the functions JAX's names map to:", "", "| tessera | what it is |", "| --- | --- |");
  for (const path of coverage.tesseraOnly) out.push(`| ${code(path)} | ${TESSERA_ONLY[path] ?? ""} |`);
  out.push("");
  return out.join("\n");
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to dashes. */
function anchor(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9 -]/g, "").replace(/ /g, "-");
}
