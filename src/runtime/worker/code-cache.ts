/**
 * This thread's cache of compiled code: V8's code cache for each trusted source (the SDK and
 * the boot code, while a thread still loads them without the snapshot) and each agent bundle
 * after its first time here, so a bundle compiles from its cache rather than from source. At
 * most CODE_CACHE_MAX entries, the least recently used going first.
 *
 * @example
 * const load = agentLoader({ isolate, context }, { code, file });
 */
import { createHash } from 'node:crypto';
import type IvmModule from 'isolated-vm';

/** Agent bundles whose compiled code this thread keeps. */
const CODE_CACHE_MAX = 64;

type CachedData = IvmModule.ExternalCopy<ArrayBuffer>;
type CachedScript = IvmModule.Script & { cachedData?: CachedData; cachedDataRejected?: boolean };

const codeCache = new Map<string, CachedData>();

/** Trusted source compiled from this thread's code cache (made the first time). */
export function compileCached(
  isolate: IvmModule.Isolate,
  source: string,
  filename: string,
): IvmModule.Script {
  const key = cacheKey(filename, source);
  const cached = codeCache.get(key);
  if (cached) {
    const script = isolate.compileScriptSync(source, { cachedData: cached, filename }) as CachedScript;
    if (!script.cachedDataRejected) return script;
  }
  const script = isolate.compileScriptSync(source, { produceCachedData: true, filename }) as CachedScript;
  if (script.cachedData) remember(key, script.cachedData);
  return script;
}

/**
 * The agent's bundle as a function that runs its top-level code and returns its exports,
 * compiled (from this thread's code cache when it has the bundle's) but not yet run. The
 * wrapper opens on the bundle's first line, so line numbers in stack traces stay true.
 */
export function agentLoader(
  ready: { isolate: IvmModule.Isolate; context: IvmModule.Context },
  agent: { code: string; file: string },
): IvmModule.Reference<() => unknown> {
  const source = `(function () {${agent.code}\nreturn __aiosAgent;\n})`;
  const script = compileCached(ready.isolate, source, `file://${agent.file}`);
  // Evaluating a function expression runs none of the agent's code.
  return script.runSync(ready.context, { reference: true, timeout: 1000 }) as IvmModule.Reference<
    () => unknown
  >;
}

/** Releases every cached compilation (see forgetAll in isolates.ts). */
export function forgetCodeCache(): void {
  for (const data of codeCache.values()) data.release();
  codeCache.clear();
}

/**
 * The code cache's key for a source: its file name and SHA-256. V8 checks a cache only
 * against the source's length, so a key looser than the exact text could run one agent's
 * compiled code for another's bundle.
 */
function cacheKey(filename: string, source: string): string {
  return `${filename}\0${createHash('sha256').update(source).digest('base64')}`;
}

function remember(key: string, data: CachedData): void {
  codeCache.delete(key);
  codeCache.set(key, data);
  if (codeCache.size > CODE_CACHE_MAX) codeCache.delete(codeCache.keys().next().value!);
}
