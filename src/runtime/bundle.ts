/**
 * Turns agent files into the scripts an isolate runs, with esbuild: the SDK bundle (the same
 * src/sdk modules every runtime uses, plus a UTF-8 prelude), and one bundle per agent image.
 * An agent may import only files inside its own folder, and the SDK (which resolves to the
 * copy already in its isolate); Node built-ins and packages are refused at build time.
 * Bundles are cached by the image's SHA-256.
 *
 * @example
 * const sdk = await sdkBundle();
 * const code = await agentBundle({ ref: '/abs/agent.ts', hash });
 */
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { ImageRef } from '../kernel/index.ts';

const SDK_DIR = resolve(import.meta.dirname, '..', 'sdk');
const SDK_ENTRY = join(import.meta.dirname, 'isolate', 'sdk-entry.ts');
const CACHE_MAX = 256;

let sdk: Promise<string> | undefined;
const agents = new Map<string, Promise<string>>();

type Esbuild = typeof import('esbuild');
let esbuildModule: Promise<Esbuild> | undefined;
const esbuild = () => {
  esbuildModule ??= import('esbuild');
  return esbuildModule;
};

export class BundleError extends Error {}

/** The SDK as a script defining the global `__aiosSdk` ({ createOs, AiosError }). */
export function sdkBundle(): Promise<string> {
  sdk ??= esbuild().then(async (e) => {
    const out = await e.build({
      entryPoints: [SDK_ENTRY],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: '__aiosSdk',
      platform: 'neutral',
      target: 'es2023',
      logLevel: 'silent',
    });
    return out.outputFiles[0].text;
  });
  return sdk;
}

/**
 * The agent as a script defining the global `__aiosAgent` (its module namespace). Throws
 * BundleError naming the first import it refused or the first syntax error.
 */
export function agentBundle(image: ImageRef): Promise<string> {
  const key = `${image.ref}\0${image.hash}`;
  let entry = agents.get(key);
  if (!entry) {
    entry = build(image.ref);
    agents.set(key, entry);
    entry.catch(() => agents.delete(key));
    if (agents.size > CACHE_MAX) agents.delete(agents.keys().next().value!);
  }
  return entry;
}

async function build(file: string): Promise<string> {
  const e = await esbuild();
  const root = dirname(file);
  try {
    const out = await e.build({
      entryPoints: [file],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: '__aiosAgent',
      platform: 'neutral',
      target: 'es2023',
      logLevel: 'silent',
      plugins: [
        {
          name: 'aios-agent-imports',
          setup(b) {
            b.onResolve({ filter: /.*/ }, (args) => {
              if (args.kind === 'entry-point') return undefined;
              const spec = args.path;
              if (!spec.startsWith('.') && !isAbsolute(spec)) {
                return {
                  errors: [
                    {
                      text: `Cannot import '${spec}': agents in an isolate may import only files beside them (use --runtime process for packages)`,
                    },
                  ],
                };
              }
              const target = resolve(args.resolveDir, spec);
              if (inside(SDK_DIR, target)) return { path: 'sdk', namespace: 'aios-sdk' };
              if (!inside(root, target)) {
                return { errors: [{ text: `Cannot import '${spec}': it is outside the agent's folder` }] };
              }
              return undefined;
            });
            b.onLoad({ filter: /.*/, namespace: 'aios-sdk' }, () => ({
              contents:
                'const s = globalThis.__aiosSdk; export const AiosError = s.AiosError; export const createOs = s.createOs;',
              loader: 'js',
            }));
          },
        },
      ],
    });
    return out.outputFiles[0].text;
  } catch (error) {
    const errors = (error as { errors?: { text: string; location?: { file: string; line: number } }[] })
      .errors;
    const first = errors?.[0];
    if (first) {
      const where = first.location ? ` (${first.location.file}:${first.location.line})` : '';
      throw new BundleError(`${first.text}${where}`);
    }
    throw error;
  }
}

function inside(dir: string, target: string): boolean {
  const rel = relative(dir, target);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
