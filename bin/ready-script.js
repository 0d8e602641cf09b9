// Runs a ready file of the bundle (scripts/build-dist.ts) as a classic script with V8's code
// cache, for the module of the same name that re-exports what it returns.
//
// Why not a module: Node's compile cache keeps V8's code for a module as it was right after
// compiling it, which is the top level only; every function the module runs is compiled again
// by every process. A script's code cache can be taken after it ran, with every function
// compiled by then. `aios up` says when: it emits 'aios:ready' right after its ready line, and
// each ready script that had no usable cache then keeps one, beside itself in the build's own
// folder (a build never changes, so the cache always belongs to the text it was made from).
// V8 checks the rest (its version, its flags, the text's length) and rejects a cache that does
// not fit, which is then made again.
const { readFileSync, renameSync, rmSync, writeFileSync } = process.getBuiltinModule('node:fs');
const { createRequire } = process.getBuiltinModule('node:module');
const { fileURLToPath } = process.getBuiltinModule('node:url');
const vm = process.getBuiltinModule('node:vm');

/** Ready scripts run without a usable code cache, kept at the next 'aios:ready'. */
const uncached = [];
/** Each ready script's exports by its module's URL, for the ready scripts after it. */
const readyExports = new Map();

/**
 * Runs `${name}.js` beside `url` (a ready file's module) and returns its exports. The script is
 * one function of (exports, require, module, url, load): `url` and `load` stand for the module's
 * import.meta.url and import().
 */
export function runReadyScript(url, name, load) {
  const file = fileURLToPath(new URL(`./${name}.js`, url));
  const cacheFile = `${file}.v8`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {}
  // ASCII (the build escapes the rest), so read as such: a one-byte string, with no UTF-8 to decode
  const script = new vm.Script(readFileSync(file, 'latin1'), { filename: file, cachedData });
  const module = { exports: {} };
  // The ready files before it and Node's built-ins: all a ready script requires (packages are
  // imported where they are used, after ready).
  const require = (id) =>
    readyExports.get(new URL(id, url).href) ?? process.getBuiltinModule(id) ?? createRequire(file)(id);
  script.runInThisContext()(module.exports, require, module, url, load);
  readyExports.set(url, module.exports);
  if (cachedData === undefined || script.cachedDataRejected) {
    if (uncached.length === 0) process.once('aios:ready', keepCodeCaches);
    uncached.push({ script, cacheFile });
  }
  return module.exports;
}

/** Writes each uncached script's code cache, whole or not at all (a rename), where it may. */
function keepCodeCaches() {
  for (const { script, cacheFile } of uncached.splice(0)) {
    const next = `${cacheFile}.${process.pid}`;
    try {
      writeFileSync(next, script.createCachedData());
      renameSync(next, cacheFile);
    } catch {
      // A folder aios may not write to (a checkout installed by another user): no cache, as before.
      rmSync(next, { force: true });
    }
  }
}
