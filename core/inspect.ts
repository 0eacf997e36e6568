/**
 * The key Node's `util.inspect` (console.log, the REPL) looks up on an object to get its printed
 * form. It is a registered symbol, so defining it needs no `node:util` import and costs nothing in
 * a browser, where nothing looks it up.
 */
export const inspectCustom: unique symbol = Symbol.for("nodejs.util.inspect.custom");
