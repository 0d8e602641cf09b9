/**
 * Read-only checks Atlas adds around a change (risk 0): `inventory` lists what a step is about
 * to act on, with sizes and dates, just before it acts; `verify` checks after a move or copy
 * that what was sent arrived: as many files, as many bytes, as the sources held when planned.
 */
import { z } from 'zod';
import { human } from '../format.ts';
import { action, ToolError } from '../types.ts';
import { PathArg, SourceArgs, sources } from './args.ts';
import { type Entry, entryOf, walk } from './walk.ts';

const InventoryArgs = z.object(SourceArgs).strict();

export const inventory = action<z.infer<typeof InventoryArgs>>({
  tool: 'files',
  action: 'inventory',
  summary: 'List the given paths with their sizes and dates (what a later step acts on)',
  args: InventoryArgs,
  risk: 0,
  preview: async (a, ctx) => {
    const list = sources(a).map((p) => ctx.paths.resolve(p, 'entry'));
    return {
      summary: `list the ${list.length === 1 ? 'item' : `${list.length} items`} it affects`,
      paths: list,
      bytes: 0,
    };
  },
  run: async (a, ctx) => {
    const entries = sources(a).map((p) => {
      const abs = ctx.paths.resolve(p, 'entry');
      const e = entryOf(abs);
      if (!e) throw new ToolError(`'${ctx.paths.display(abs)}' does not exist`);
      const size = e.type === 'dir' ? contentOf(abs).bytes : e.size;
      return { path: abs, type: e.type, size, mtime: new Date(e.mtimeMs).toISOString() };
    });
    return { entries, total: entries.length, bytes: entries.reduce((n, e) => n + e.size, 0) };
  },
});

const VerifyArgs = z
  .object({
    paths: z.array(PathArg).min(1).max(10_000).describe('Where the files should now be'),
    files: z.number().int().min(0).describe('How many files they should hold in all'),
    bytes: z.number().int().min(0).describe('How many bytes those files should hold in all'),
  })
  .strict();

export const verify = action<z.infer<typeof VerifyArgs>>({
  tool: 'files',
  action: 'verify',
  summary: 'Check that moved or copied files arrived: the count and total size match',
  args: VerifyArgs,
  risk: 0,
  preview: async (a, ctx) => ({
    summary: `check that ${a.paths.length === 1 ? ctx.paths.display(ctx.paths.resolve(a.paths[0], 'entry')) : `${a.paths.length} paths`} hold ${a.files} ${a.files === 1 ? 'file' : 'files'} (${human(a.bytes)})`,
    paths: a.paths.map((p) => ctx.paths.resolve(p, 'entry')),
    bytes: 0,
  }),
  run: async (a, ctx) => {
    const missing: string[] = [];
    let files = 0;
    let bytes = 0;
    for (const p of a.paths) {
      const abs = ctx.paths.resolve(p, 'entry');
      if (!entryOf(abs)) {
        missing.push(ctx.paths.display(abs));
        continue;
      }
      const found = contentOf(abs);
      files += found.files;
      bytes += found.bytes;
    }
    const found = `found ${files} ${files === 1 ? 'file' : 'files'} (${human(bytes)})`;
    if (missing.length > 0)
      throw new ToolError(`Verification failed: ${missing.slice(0, 3).join(', ')} did not arrive; ${found}`);
    if (files !== a.files || bytes !== a.bytes)
      throw new ToolError(
        `Verification failed: expected ${a.files} files (${human(a.bytes)}), ${found}; look at what the previous step left`,
      );
    return { verified: true, files, bytes, paths: a.paths.map((p) => ctx.paths.resolve(p, 'entry')) };
  },
});

/** The regular files under `path` (itself when it is one): how many, and their bytes. */
export function contentOf(path: string): { files: number; bytes: number } {
  const e = entryOf(path);
  if (!e) return { files: 0, bytes: 0 };
  const list: Entry[] = e.type === 'dir' ? walk(path, { recursive: true, hidden: true }) : [e];
  const regular = list.filter((x) => x.type === 'file');
  return { files: regular.length, bytes: regular.reduce((n, x) => n + x.size, 0) };
}
