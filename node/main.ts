/**
 * What `import ... from "tessera"` gives under Node (the "node" condition of package.json's
 * exports): the public face, index.ts, unchanged except that `models.fit` reports to the
 * terminal by default. Browsers and bundlers targeting them get index.ts itself.
 */
export * from "../index.js";
export * as models from "./models.js";
