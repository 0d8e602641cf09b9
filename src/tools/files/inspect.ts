/**
 * Read-only file actions (risk 0): list, find, stat, read, usage, duplicates.
 */
import { createHash } from 'node:crypto';
import { createReadStream, lstatSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { action, type ToolContext, ToolError } from '../types.ts';
import { Duration, Ext, PathArg } from './args.ts';
import { durationMs, type Entry, entryOf, extOf, globRegExp, treeSize, walk } from './walk.ts';

export interface EntryOut {
  path: string;
  type: Entry['type'];
  size: number;
  mtime: string;
}

const out = (e: Entry): EntryOut => ({
  path: e.path,
  type: e.type,
  size: e.size,
  mtime: new Date(e.mtimeMs).toISOString(),
});

function dirOf(ctx: Pick<ToolContext, 'paths'>, path: string): string {
  const dir = ctx.paths.resolve(path);
  const e = entryOf(dir);
  if (!e) throw new ToolError(`'${path}' does not exist`);
  // A link to a folder is looked into where it leads (resolve has checked that place is
  // inside the roots); the walk below it still follows no link.
  if (e.type !== 'dir' && !(e.type === 'link' && statSync(dir).isDirectory()))
    throw new ToolError(`'${path}' is not a directory`);
  return dir;
}

function existing(ctx: ToolContext, path: string): string {
  const abs = ctx.paths.resolve(path);
  if (!entryOf(abs)) throw new ToolError(`'${path}' does not exist`);
  return abs;
}

const readOnly = (what: string, paths: string[]) => ({ summary: what, paths, bytes: 0 });

const ListArgs = z
  .object({
    path: PathArg.default('.'),
    hidden: z.boolean().optional().describe('Include names starting with a dot'),
  })
  .strict();

export const list = action<z.infer<typeof ListArgs>>({
  tool: 'files',
  action: 'list',
  summary: 'List the entries of a directory',
  args: ListArgs,
  risk: 0,
  preview: async (a, ctx) => readOnly(`list ${a.path}`, [ctx.paths.resolve(a.path)]),
  run: async (a, ctx) => {
    const entries = walk(dirOf(ctx, a.path), { hidden: a.hidden }).map(out);
    return { entries, total: entries.length, bytes: entries.reduce((n, e) => n + e.size, 0) };
  },
});

export const FindArgs = z
  .object({
    path: PathArg.default('.').describe('Directory to search'),
    name: z.string().max(256).optional().describe('Name glob (*.txt) or part of the name'),
    ext: z.array(Ext).max(64).optional().describe('Extensions to match'),
    type: z.enum(['file', 'dir', 'any']).default('file'),
    minSize: z.number().int().nonnegative().optional().describe('At least this many bytes'),
    maxSize: z.number().int().nonnegative().optional().describe('At most this many bytes'),
    olderThan: Duration.optional().describe('Last modified longer ago than this'),
    newerThan: Duration.optional().describe('Last modified within this'),
    empty: z.boolean().optional().describe('Only empty files or directories'),
    recursive: z.boolean().default(true),
    hidden: z.boolean().optional(),
    sort: z.enum(['size', 'mtime', 'name']).optional(),
    order: z.enum(['asc', 'desc']).optional().describe('Default: desc for size and mtime, asc for name'),
    limit: z.number().int().min(1).max(100_000).optional(),
    exclude: z.array(PathArg).max(64).optional().describe('Paths to leave out'),
  })
  .strict();
export type FindArgs = z.infer<typeof FindArgs>;

/** The entries `find` selects, sorted and limited, and how many matched before the limit. */
export function findEntries(
  a: FindArgs,
  ctx: Pick<ToolContext, 'paths' | 'now'>,
): { entries: Entry[]; total: number } {
  const root = dirOf(ctx, a.path);
  const exclude = (a.exclude ?? []).map((p) => ctx.paths.absolute(p));
  const now = ctx.now();
  const nameRe = a.name === undefined ? undefined : /[*?]/.test(a.name) ? globRegExp(a.name) : undefined;
  const needle = a.name?.toLowerCase();
  const exts = a.ext && new Set(a.ext);
  let entries = walk(root, { recursive: a.recursive, hidden: a.hidden, exclude }).filter((e) => {
    if (a.type === 'file' ? e.type !== 'file' : a.type === 'dir' ? e.type !== 'dir' : e.type === 'other')
      return false;
    const name = basename(e.path);
    if (nameRe ? !nameRe.test(name) : needle !== undefined && !name.toLowerCase().includes(needle))
      return false;
    if (exts && !exts.has(extOf(name))) return false;
    if (a.minSize !== undefined && e.size < a.minSize) return false;
    if (a.maxSize !== undefined && e.size > a.maxSize) return false;
    if (a.olderThan && now - e.mtimeMs < durationMs(a.olderThan)) return false;
    if (a.newerThan && now - e.mtimeMs > durationMs(a.newerThan)) return false;
    if (a.empty && !isEmpty(e)) return false;
    return true;
  });
  if (a.sort) {
    const dir = (a.order ?? (a.sort === 'name' ? 'asc' : 'desc')) === 'asc' ? 1 : -1;
    const key = (e: Entry) => (a.sort === 'size' ? e.size : a.sort === 'mtime' ? e.mtimeMs : 0);
    entries.sort((x, y) =>
      a.sort === 'name'
        ? dir * basename(x.path).localeCompare(basename(y.path))
        : dir * (key(x) - key(y)) || (x.path < y.path ? -1 : 1),
    );
  }
  const total = entries.length;
  if (a.limit !== undefined) entries = entries.slice(0, a.limit);
  return { entries, total };
}

function isEmpty(e: Entry): boolean {
  if (e.type === 'file') return e.size === 0;
  if (e.type === 'dir') return walk(e.path, { hidden: true, max: 1 }).length === 0;
  return false;
}

export const find = action<FindArgs>({
  tool: 'files',
  action: 'find',
  summary: 'Find files by name, extension, size or age; sort by size, date or name',
  args: FindArgs,
  risk: 0,
  preview: async (a, ctx) => readOnly(`search ${a.path}`, [ctx.paths.resolve(a.path)]),
  run: async (a, ctx) => {
    const { entries, total } = findEntries(a, ctx);
    return { entries: entries.map(out), total, bytes: entries.reduce((n, e) => n + e.size, 0) };
  },
});

const StatArgs = z.object({ path: PathArg }).strict();

export const stat = action<z.infer<typeof StatArgs>>({
  tool: 'files',
  action: 'stat',
  summary: 'Size, type, permissions and times of a file or directory',
  args: StatArgs,
  risk: 0,
  preview: async (a, ctx) => readOnly(`inspect ${a.path}`, [ctx.paths.resolve(a.path, 'entry')]),
  run: async (a, ctx) => {
    const abs = ctx.paths.resolve(a.path, 'entry');
    let st: ReturnType<typeof lstatSync>;
    try {
      st = lstatSync(abs);
    } catch {
      throw new ToolError(`'${a.path}' does not exist`);
    }
    const type = st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
    return {
      path: abs,
      type,
      size: type === 'dir' ? treeSize(abs) : Number(st.size),
      mode: `0${(Number(st.mode) & 0o777).toString(8)}`,
      modified: new Date(Number(st.mtimeMs)).toISOString(),
      changed: new Date(Number(st.ctimeMs)).toISOString(),
      created: new Date(Number(st.birthtimeMs)).toISOString(),
      ...(type === 'link' ? { target: readlinkSync(abs) } : {}),
      ...(type === 'dir' ? { entries: walk(abs, { hidden: true }).length } : {}),
    };
  },
});

const ReadArgs = z
  .object({
    path: PathArg,
    maxBytes: z
      .number()
      .int()
      .min(1)
      .max(16 * 1024 * 1024)
      .default(1024 * 1024),
  })
  .strict();

export const read = action<z.infer<typeof ReadArgs>>({
  tool: 'files',
  action: 'read',
  summary: 'Show the text of a file',
  args: ReadArgs,
  risk: 0,
  preview: async (a, ctx) => readOnly(`read ${a.path}`, [ctx.paths.resolve(a.path)]),
  run: async (a, ctx) => {
    const abs = existing(ctx, a.path);
    if (statSync(abs).isDirectory()) throw new ToolError(`'${a.path}' is a directory; list it instead`);
    const data = readFileSync(abs);
    const bytes = data.length;
    const head = data.subarray(0, a.maxBytes);
    if (head.includes(0)) return { path: abs, bytes, binary: true, text: '' };
    return { path: abs, bytes, text: head.toString('utf8'), truncated: bytes > a.maxBytes };
  },
});

const UsageArgs = z
  .object({
    path: PathArg.default('.'),
    limit: z.number().int().min(1).max(1000).default(20),
    hidden: z.boolean().default(true),
  })
  .strict();

export const usage = action<z.infer<typeof UsageArgs>>({
  tool: 'files',
  action: 'usage',
  summary: 'Disk usage of a tree: the size of each entry, largest first',
  args: UsageArgs,
  risk: 0,
  preview: async (a, ctx) => readOnly(`measure ${a.path}`, [ctx.paths.resolve(a.path)]),
  run: async (a, ctx) => {
    const root = dirOf(ctx, a.path);
    const children = walk(root, { hidden: a.hidden }).map((e) => ({
      path: e.path,
      type: e.type,
      size: e.type === 'dir' ? treeSize(e.path) : e.size,
    }));
    children.sort((x, y) => y.size - x.size || (x.path < y.path ? -1 : 1));
    const total = children.reduce((n, e) => n + e.size, 0);
    return { path: root, total, entries: children.slice(0, a.limit), count: children.length };
  },
});

const DuplicatesArgs = z
  .object({
    path: PathArg.default('.'),
    minSize: z.number().int().min(0).default(1).describe('Ignore files smaller than this'),
    hidden: z.boolean().optional(),
  })
  .strict();

export const duplicates = action<z.infer<typeof DuplicatesArgs>>({
  tool: 'files',
  action: 'duplicates',
  summary: 'Find files with identical content (same size, then same SHA-256)',
  args: DuplicatesArgs,
  risk: 0,
  preview: async (a, ctx) => readOnly(`compare files in ${a.path}`, [ctx.paths.resolve(a.path)]),
  run: async (a, ctx) => {
    const files = walk(dirOf(ctx, a.path), { recursive: true, hidden: a.hidden }).filter(
      (e) => e.type === 'file' && e.size >= a.minSize,
    );
    const bySize = new Map<number, Entry[]>();
    for (const f of files) bySize.set(f.size, [...(bySize.get(f.size) ?? []), f]);
    const groups: { hash: string; size: number; paths: string[] }[] = [];
    for (const [size, same] of bySize) {
      if (same.length < 2) continue;
      const byHash = new Map<string, string[]>();
      for (const f of same) {
        const h = await hashFile(f.path);
        byHash.set(h, [...(byHash.get(h) ?? []), f.path]);
      }
      // The copy with the shortest path is taken as the original: it comes first, and stays.
      for (const [hash, paths] of byHash) {
        if (paths.length > 1)
          groups.push({ hash, size, paths: paths.sort((x, y) => x.length - y.length || (x < y ? -1 : 1)) });
      }
    }
    groups.sort((x, y) => y.size * y.paths.length - x.size * x.paths.length || (x.hash < y.hash ? -1 : 1));
    const wasted = groups.reduce((n, g) => n + g.size * (g.paths.length - 1), 0);
    // `paths`: every copy but the first of each group, what a follow-up "delete them" means.
    return { groups, wasted, paths: groups.flatMap((g) => g.paths.slice(1)) };
  },
});

export function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => hash.update(d))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}
