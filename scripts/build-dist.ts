/**
 * Bundles aios's own modules with esbuild for a faster `aios up` (docs/boot.md). Packages stay
 * in node_modules; bin/aios.js uses the bundle only while it is fresh (bin/dist.js). `npm
 * install` and `npm run build` make it.
 *
 * Layout, one flat folder per build (bin/dist.js):
 * - `ready-cli.mjs`: every module `src/cli/main.ts` imports statically, in one file;
 * - `ready-up.mjs`: the rest of what `aios up` imports statically, its ready path, in one file;
 *   each of the two runs as a classic script, `ready-cli.js` and `ready-up.js`, whose exports
 *   it re-exports (bin/ready-script.js: a script's code cache can hold the functions it ran);
 * - everything else (what loads after ready, other commands, the supervisor agent, the isolate
 *   worker thread) as ESM with code splitting: named entries below, one per other
 *   `import('./x.ts')`, and shared chunks. A module of a ready file is never copied into them:
 *   they import it from that file. So whatever loads when, each module exists once.
 *
 * Paths a module finds relative to its own file (the dashboard's files, the process runtime's
 * child, the SDK's folder, `createRequire`) still point at the sources: each source's
 * `import.meta.url`, `dirname` and `filename` become its own source file's, reached from the
 * bundle's folder. Only `new URL('./x.ts', import.meta.url)` naming an entry below points at
 * that entry's bundled file instead.
 *
 *   node scripts/build-dist.ts        # writes node_modules/.cache/aios-dist (or $AIOS_BUNDLE_DIR)
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Esbuild from 'esbuild';
import { DIST_DIR, ROOT } from '../bin/dist.js';

/** What bin/dist.js checks: the Node it was built for, and each source's size and mtime (package.json's too: the MCP modules bundle its version). */
export interface Manifest {
  /** The build's own folder inside the bundle folder. */
  build: string;
  node: string;
  inputs: Record<string, [size: number, mtimeMs: number]>;
}

/**
 * The files that hold a ready path each, in load order, and the modules it starts from: a
 * command's, and those `aios up` loads by `import()` before its ready line (docs/boot.md).
 * A module missing here still works; it is only one file more to load.
 */
const READY = [
  { file: 'ready-cli', roots: ['src/cli/main.ts'] },
  {
    file: 'ready-up',
    roots: [
      'src/cli/commands/up.ts',
      'src/api/config.ts',
      'src/api/host-check.ts',
      'src/api/services.ts',
      'src/api/server.ts',
    ],
  },
];

/**
 * Named entries: what bin/aios.js imports (main, parked), what is started from its own file
 * (the supervisor agent in this process, the isolate worker thread), the parts of `aios up`
 * that load lazily and bin/warm-cache.js compiles ahead, and what test/bundle.test.ts boots.
 */
export const ENTRIES: Record<string, string> = {
  'cli-main': 'src/cli/main.ts',
  parked: 'src/runtime/parked.ts',
  'cli-up': 'src/cli/commands/up.ts',
  'api-app': 'src/api/app.ts',
  'api-prometheus': 'src/api/prometheus.ts',
  'runtime-pool': 'src/runtime/pool.ts',
  'supervisor-service': 'src/services/supervisor/service.ts',
  'supervisor-agent': 'src/services/supervisor/agent.ts',
  'worker-main': 'src/runtime/worker/main.ts',
  boot: 'src/boot.ts',
  'sdk-os': 'src/sdk/os.ts',
};

const SRC = join(ROOT, 'src');
const DIST_URL = '__aiosDistUrl__';
/** What a ready script calls its module's URL and its module's import() (bin/ready-script.js passes them). */
const READY_URL = '__aiosReadyUrl';
const READY_IMPORT = '__aiosReadyImport';
const named = new Map(Object.entries(ENTRIES).map(([name, file]) => [join(ROOT, file), name]));

/** The bundled file name of a module loaded on its own: its entry's name, else from its path. */
function entryName(file: string): string {
  return named.get(file) ?? relative(SRC, file).replace(/\.ts$/, '').split(sep).join('-');
}

/** A module of a ready file: the file, and the names it exports there. */
interface Member {
  file: string;
  exports: Map<string, string>;
}

/**
 * Rewrites each source's own location (see above) as esbuild reads it, for files in `outDir`
 * whose own URL is `metaUrl` (a ready script's is the parameter its module passes it).
 */
function sourceLocations(outDir: string, metaUrl = 'import.meta.url'): Esbuild.Plugin {
  return {
    name: 'aios-source-locations',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (!args.path.startsWith(SRC + sep)) return undefined;
        let text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.')) return { contents: text, loader: 'ts' };
        text = text.replace(
          /new URL\((['"])(\.[^'"]+)\1, import\.meta\.url\)/g,
          (whole, _q, spec: string) => {
            const entry = named.get(resolve(dirname(args.path), spec));
            return entry ? `new URL('./${entry}.mjs', ${DIST_URL})` : whole;
          },
        );
        const own = JSON.stringify(relative(outDir, args.path).split(sep).join('/'));
        const url = `new URL(${own}, ${metaUrl})`;
        const file = `process.getBuiltinModule('node:url').fileURLToPath(${url})`;
        text = text
          .replaceAll('import.meta.url', `${url}.href`)
          .replaceAll('import.meta.filename', file)
          .replaceAll('import.meta.dirname', `process.getBuiltinModule('node:path').dirname(${file})`)
          .replaceAll(DIST_URL, metaUrl);
        return { contents: text, loader: 'ts' };
      });
    },
  };
}

/**
 * Imports of a module that lives in another output file become imports of that file: members of
 * ready files other than `own` (a stand-in module re-exporting them from there) and, where
 * `lazy` collects them (in a ready file), modules loaded by `import()`: their own entry's file,
 * so that a ready file never loads another one, or anything else, before it is asked to.
 */
function outside(members: Map<string, Member>, own: string | undefined, lazy?: Set<string>): Esbuild.Plugin {
  return {
    name: 'aios-outside',
    setup(build) {
      build.onResolve({ filter: /^\.\/[\w-]+\.mjs$/ }, (args) =>
        args.namespace === 'aios-member' ? { path: args.path, external: true } : undefined,
      );
      build.onResolve({ filter: /.*/ }, (args) => {
        const relativePath = args.path.startsWith('.') && args.namespace === 'file';
        if (!relativePath && args.kind !== 'entry-point') return undefined;
        const path = resolve(args.resolveDir || ROOT, args.path);
        const member = members.get(path);
        if (lazy && args.kind === 'dynamic-import' && member?.file !== own) {
          lazy.add(path);
          return { path: `./${entryName(path)}.mjs`, external: true };
        }
        return member && member.file !== own ? { path, namespace: 'aios-member' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'aios-member' }, (args) => {
        const member = members.get(args.path)!;
        const names = [...member.exports].map(([name, as]) => `${as} as ${name}`);
        return { contents: `export { ${names.join(', ')} } from './${member.file}.mjs';`, loader: 'js' };
      });
    },
  };
}

/** Leaves out what a module loads by `import()`: a ready path is what loads statically. */
const staticOnly: Esbuild.Plugin = {
  name: 'aios-static-only',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    );
  },
};

const COMMON = {
  absWorkingDir: ROOT,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node24',
  packages: 'external',
  logLevel: 'warning',
  metafile: true,
} as const;

/**
 * Builds the bundle into a new folder of `dir`, then points the manifest at it; earlier builds
 * but the one it replaces are removed. Returns the manifest.
 */
export async function buildDist(dir: string = DIST_DIR): Promise<Manifest> {
  const esbuild = await import('esbuild');
  // Sizes and times from before the build: a source edited while it runs makes the bundle stale.
  const sources = new Map<string, [number, number]>();
  for (const name of [
    ...(await readdir(SRC, { recursive: true })).map((n) => join('src', n)),
    'package.json',
  ]) {
    const stat = statSync(join(ROOT, name));
    if (stat.isFile()) sources.set(name.split(sep).join('/'), [stat.size, stat.mtimeMs]);
  }
  const build = `${Date.now().toString(36)}-${process.pid}`;
  const out = join(dir, build);
  await mkdir(out, { recursive: true });
  const inputs = new Set<string>();
  const keep = (result: { metafile: Esbuild.Metafile }) => {
    for (const path of Object.keys(result.metafile.inputs)) {
      // aios's own files: not packages, nor the modules made up here (a ready file's list)
      if (!path.startsWith('node_modules/') && existsSync(join(ROOT, path))) inputs.add(path);
    }
  };

  // Which modules each ready file holds: those its roots import statically, less earlier ones.
  const members = new Map<string, Member>();
  let index = 0;
  for (const ready of READY) {
    const graph = await esbuild.build({
      ...COMMON,
      entryPoints: ready.roots,
      write: false,
      outdir: out,
      plugins: [staticOnly],
    });
    const files = Object.keys(graph.metafile.inputs).filter(
      (path) => path.startsWith('src/') && !members.has(join(ROOT, path)),
    );
    // The names each module exports, as esbuild sees them (`export *` spelled out, no types).
    const shape = await esbuild.build({
      ...COMMON,
      entryPoints: files,
      splitting: true,
      write: false,
      outdir: out,
      plugins: [staticOnly],
    });
    for (const output of Object.values(shape.metafile.outputs)) {
      if (!output.entryPoint || !files.includes(output.entryPoint)) continue;
      const m = index++;
      // Unique across the ready files, and still the module's own name where it is a plain one.
      const own = (name: string, k: number) => (/^[\w$]+$/.test(name) ? name : `_${k}`);
      const exports = new Map(output.exports.map((name, k) => [name, `m${m}$${own(name, k)}`]));
      members.set(join(ROOT, output.entryPoint), { file: ready.file, exports });
    }
  }

  // Each ready file: its members' exports under names of their own, in one script, and the
  // module that runs it and exports them (bin/ready-script.js).
  const lazy = new Set<string>();
  const runner = relative(out, join(ROOT, 'bin', 'ready-script.js'))
    .split(sep)
    .join('/');
  for (const ready of READY) {
    const own = [...members].filter(([, member]) => member.file === ready.file);
    const lines = own.map(([path, member]) => {
      const names = [...member.exports].map(([name, as]) => `${name} as ${as}`);
      return `export { ${names.join(', ')} } from ${JSON.stringify(path)};`;
    });
    const script = await esbuild.build({
      ...COMMON,
      format: 'cjs',
      write: false,
      stdin: { contents: lines.join('\n'), resolveDir: ROOT, sourcefile: `${ready.file}.ts`, loader: 'ts' },
      outfile: join(out, `${ready.file}.js`),
      plugins: [outside(members, ready.file, lazy), sourceLocations(out, READY_URL)],
    });
    keep(script);
    // A script's import() would resolve through vm, whose loader for it is experimental: its
    // module's import() takes its place, which resolves from the same folder. One line of
    // wrapper, so that the script's line numbers are the bundle's.
    const body = script.outputFiles[0].text
      .replace(/(?<![\w$.])import\(/g, `${READY_IMPORT}(`)
      .replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const head = `(function (exports, require, module, ${READY_URL}, ${READY_IMPORT}) {'use strict';`;
    await writeFile(join(out, `${ready.file}.js`), `${head}${body}\n})\n`);
    const names = own.flatMap(([, member]) => [...member.exports.values()]);
    await writeFile(
      join(out, `${ready.file}.mjs`),
      `import { runReadyScript } from ${JSON.stringify(runner)};\n` +
        `export const { ${names.join(', ')} } = runReadyScript(import.meta.url, ${JSON.stringify(ready.file)}, (specifier) => import(specifier));\n`,
    );
  }

  // Everything else, split, with the ready files' modules imported from them.
  const entries = new Map(Object.entries(ENTRIES).map(([name, file]) => [name, join(ROOT, file)]));
  for (const path of lazy) entries.set(entryName(path), path);
  keep(
    await esbuild.build({
      ...COMMON,
      entryPoints: [...entries].map(([name, file]) => ({ in: file, out: name })),
      outdir: out,
      splitting: true,
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunk-[hash]',
      entryNames: '[name]',
      plugins: [outside(members, undefined), sourceLocations(out)],
    }),
  );

  const manifest: Manifest = { build, node: process.versions.node, inputs: {} };
  for (const path of [...inputs].sort()) {
    const before = sources.get(path);
    if (!before) throw new Error(`${path} appeared while bundling; run the build again`);
    manifest.inputs[path] = before;
  }
  const previous = await currentBuild(dir);
  const next = join(dir, `manifest.json.${process.pid}`);
  await writeFile(next, `${JSON.stringify(manifest)}\n`);
  await rename(next, join(dir, 'manifest.json'));
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== build && entry.name !== previous) {
      await rm(join(dir, entry.name), { recursive: true, force: true });
    }
  }
  return manifest;
}

async function currentBuild(dir: string): Promise<string | undefined> {
  try {
    return (JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest).build;
  } catch {
    return undefined;
  }
}

// `--optional` (postinstall): a failed build is a warning, and aios runs from its sources.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const manifest = await buildDist();
    const where = relative(process.cwd(), join(DIST_DIR, manifest.build));
    console.log(`aios: bundled ${Object.keys(manifest.inputs).length} modules into ${where}`);
  } catch (error) {
    if (!process.argv.includes('--optional')) throw error;
    console.warn(`aios: no bundle (${(error as Error).message.split('\n')[0]}); aios runs from its sources`);
  }
}
