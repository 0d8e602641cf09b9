// aios's modules bundled by scripts/build-dist.ts (at `npm install` and `npm run build`): where
// the bundle lives, and whether it may be used. It is used only while every source it was built
// from is as it was then (size and modification time, recorded in its manifest): after an edit,
// a checkout or a failed build, aios runs from its sources as if there were no bundle.
// AIOS_BUNDLE=0 runs from the sources in any case; AIOS_BUNDLE_DIR names another bundle folder.
//
// Each build has a folder of its own, named in the manifest, so a build never changes the files
// of a system already running from an earlier one (it loads some of them later).
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
export const DIST_DIR = process.env.AIOS_BUNDLE_DIR || join(ROOT, 'node_modules', '.cache', 'aios-dist');

/** The current build's folder as a URL ending in '/' when it is there and fresh, else undefined. */
export function freshDist() {
  if (process.env.AIOS_BUNDLE === '0') return undefined;
  // Not ES imports: `node:fs`'s would load parts nothing here uses (docs/boot.md), and this
  // module loads before bin/aios.js has checked the Node version that has getBuiltinModule.
  const { readFileSync, statSync } = process.getBuiltinModule('node:fs');
  const { pathToFileURL } = process.getBuiltinModule('node:url');
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(DIST_DIR, 'manifest.json'), 'utf8'));
  } catch {
    return undefined;
  }
  if (manifest.node !== process.versions.node || !/^[\w-]+$/.test(manifest.build)) return undefined;
  const root = `${ROOT}/`;
  for (const path in manifest.inputs) {
    const [size, mtimeMs] = manifest.inputs[path];
    const stat = statSync(root + path, { throwIfNoEntry: false });
    if (stat?.size !== size || stat.mtimeMs !== mtimeMs) return undefined;
  }
  return pathToFileURL(join(DIST_DIR, manifest.build, '/')).href;
}
