/**
 * Builds the dashboard: bundles web/src/main.tsx (Preact, uPlot) with esbuild into web/dist,
 * copies index.html and writes a gzip copy of each file (served precompressed). Runs from
 * `npm install` (prepare), `npm test` (pretest) and `npm start` (prestart); about 100 ms.
 *
 *   node web/build.ts          # build
 *   node web/build.ts --check  # build and fail if app.js is over 300 KB gzipped
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const web = import.meta.dirname;
const dist = join(web, 'dist');

/** The largest gzipped JavaScript bundle the dashboard may ship. */
export const BUNDLE_LIMIT_GZ = 300 * 1024;

export async function buildWeb(): Promise<{ files: Record<string, { bytes: number; gzip: number }> }> {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  await build({
    entryPoints: { app: join(web, 'src', 'main.tsx') },
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['chrome115', 'firefox115', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: dist,
    legalComments: 'none',
    logLevel: 'warning',
  });
  copyFileSync(join(web, 'index.html'), join(dist, 'index.html'));
  copyFileSync(join(web, 'favicon.svg'), join(dist, 'favicon.svg'));
  const files: Record<string, { bytes: number; gzip: number }> = {};
  for (const name of readdirSync(dist)) {
    const data = readFileSync(join(dist, name));
    const gz = gzipSync(data, { level: 9 });
    writeFileSync(join(dist, `${name}.gz`), gz);
    files[name] = { bytes: data.length, gzip: gz.length };
  }
  return { files };
}

if (import.meta.main) {
  const { files } = await buildWeb();
  const js = files['app.js'];
  process.stderr.write(
    `web/dist: app.js ${(js.bytes / 1024).toFixed(1)} KB (${(js.gzip / 1024).toFixed(1)} KB gzipped), app.css ${(files['app.css'].gzip / 1024).toFixed(1)} KB gzipped\n`,
  );
  if (process.argv.includes('--check') && js.gzip > BUNDLE_LIMIT_GZ) {
    process.stderr.write(`app.js is ${js.gzip} bytes gzipped, over the ${BUNDLE_LIMIT_GZ} byte limit\n`);
    process.exit(1);
  }
}
