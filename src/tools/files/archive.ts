/**
 * Archives: pack paths into a .zip (fflate) or .tar.gz (node-tar), and extract them again.
 * Extraction never writes outside its destination: entry names that are absolute or climb
 * with `..` are refused, and files it would overwrite are saved for undo first.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import type { Zippable } from 'fflate';
import { z } from 'zod';
import { human } from '../format.ts';
import { action, type ToolContext, ToolError } from '../types.ts';
import { PathArg, SourceArgs, sources } from './args.ts';
import { journalOf, mkdirp } from './change.ts';
import { entryOf, treeSize, walk } from './walk.ts';

/** The archive libraries load when an archive is touched, not with every command. */
const zipLib = () => import('fflate');
const tarLib = () => import('tar');

/** zip builds the archive in memory; beyond this, tar.gz (streamed) is the right format. */
const ZIP_MAX_BYTES = 512 * 1024 * 1024;

type Format = 'zip' | 'tar.gz';

function formatOf(path: string): Format | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.zip')) return 'zip';
  if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz')) return 'tar.gz';
  return undefined;
}

const ArchiveArgs = z
  .object({
    ...SourceArgs,
    to: PathArg.describe('The archive to create (.zip, .tar.gz or .tgz)'),
    format: z.enum(['zip', 'tar.gz']).optional().describe('Default: from the name of `to`, else zip'),
  })
  .strict();
type ArchiveArgs = z.infer<typeof ArchiveArgs>;

function archivePlan(a: ArchiveArgs, ctx: ToolContext) {
  const format = a.format ?? formatOf(a.to) ?? 'zip';
  const name = formatOf(a.to) ? a.to : `${a.to}.${format}`;
  const to = ctx.paths.resolve(name);
  const list = sources(a).map((p) => {
    const abs = ctx.paths.resolve(p);
    if (!entryOf(abs)) throw new ToolError(`'${p}' does not exist`);
    return abs;
  });
  if (list.includes(to)) throw new ToolError(`Cannot put '${name}' inside itself`);
  const base = commonDir(list);
  const bytes = list.reduce((n, p) => n + treeSize(p), 0);
  if (format === 'zip' && bytes > ZIP_MAX_BYTES)
    throw new ToolError(`${human(bytes)} is too much for a zip built in memory; use a .tar.gz name`);
  return { format, to, list, base, bytes };
}

export const archive = action<ArchiveArgs>({
  tool: 'files',
  action: 'archive',
  summary: 'Pack files and directories into a .zip or .tar.gz archive',
  args: ArchiveArgs,
  risk: 1,
  maxRisk: 2,
  preview: async (a, ctx) => {
    const p = archivePlan(a, ctx);
    const exists = entryOf(p.to) !== undefined;
    const what = p.list.length === 1 ? ctx.paths.display(p.list[0]) : `${p.list.length} items`;
    return {
      summary: `${exists ? 'replace' : 'create'} ${ctx.paths.display(p.to)} from ${what} (${human(p.bytes)})`,
      paths: [...p.list, p.to],
      bytes: p.bytes,
      risk: exists ? 2 : undefined,
    };
  },
  run: async (a, ctx) => {
    const p = archivePlan(a, ctx);
    if (entryOf(p.to)) journalOf(ctx).save(p.to);
    else mkdirp(dirname(p.to), ctx);
    const created = !entryOf(p.to);
    const rels = p.list.map((f) => relative(p.base, f) || '.');
    if (p.format === 'zip') {
      const files: Zippable = {};
      for (const abs of p.list) {
        const items =
          entryOf(abs)?.type === 'dir' ? walk(abs, { recursive: true, hidden: true }) : [entryOf(abs)!];
        for (const e of items) {
          if (e.type !== 'file') continue;
          files[relative(p.base, e.path).split(sep).join('/')] = [
            readFileSync(e.path),
            { mtime: new Date(e.mtimeMs) },
          ];
        }
      }
      writeFileSync(p.to, (await zipLib()).zipSync(files, { level: 6 }));
    } else {
      await (await tarLib()).create({ gzip: true, file: p.to, cwd: p.base, portable: true }, rels);
    }
    if (created) journalOf(ctx).created(p.to, 'file');
    return { path: p.to, format: p.format, entries: rels, bytes: statSync(p.to).size, from: p.bytes };
  },
});

/** The deepest directory containing every path. */
function commonDir(paths: string[]): string {
  let base = dirname(paths[0]);
  while (!paths.every((p) => p === base || p.startsWith(base === sep ? base : base + sep)))
    base = dirname(base);
  return base;
}

const ExtractArgs = z
  .object({
    path: PathArg.describe('The archive (.zip, .tar.gz or .tgz)'),
    to: PathArg.optional().describe('Directory to extract into; default a new one named after the archive'),
  })
  .strict();
type ExtractArgs = z.infer<typeof ExtractArgs>;

interface Member {
  name: string;
  type: 'file' | 'dir';
  size: number;
}

async function members(file: string, format: Format): Promise<Member[]> {
  const out: Member[] = [];
  if (format === 'zip') {
    for (const [name, data] of Object.entries((await zipLib()).unzipSync(readFileSync(file)))) {
      out.push({ name, type: name.endsWith('/') ? 'dir' : 'file', size: data.length });
    }
  } else {
    await (await tarLib()).list({
      file,
      onReadEntry: (e) => {
        if (e.type === 'File' || e.type === 'OldFile' || e.type === 'ContiguousFile')
          out.push({ name: e.path, type: 'file', size: e.size ?? 0 });
        else if (e.type === 'Directory') out.push({ name: e.path, type: 'dir', size: 0 });
        else
          throw new ToolError(
            `The archive holds '${e.path}', a ${e.type}; only files and directories are extracted`,
          );
      },
    });
  }
  for (const m of out) {
    const n = normalize(m.name);
    if (isAbsolute(m.name) || n === '..' || n.startsWith(`..${sep}`))
      throw new ToolError(
        `The archive entry '${m.name}' would land outside the destination; refusing to extract`,
      );
  }
  return out;
}

async function extractPlan(a: ExtractArgs, ctx: ToolContext) {
  const file = ctx.paths.resolve(a.path);
  if (entryOf(file)?.type !== 'file') throw new ToolError(`'${a.path}' is not an archive file`);
  const format = formatOf(file);
  if (!format) throw new ToolError(`'${a.path}' is not a .zip, .tar.gz or .tgz archive`);
  const stem = basename(file).replace(/\.(zip|tar\.gz|tgz)$/i, '');
  const to = ctx.paths.resolve(a.to ?? join(dirname(file), stem));
  const list = await members(file, format);
  const clobbered = list.filter((m) => m.type === 'file' && entryOf(join(to, m.name)) !== undefined);
  return { file, format, to, list, clobbered, bytes: list.reduce((n, m) => n + m.size, 0) };
}

export const extract = action<ExtractArgs>({
  tool: 'files',
  action: 'extract',
  summary: 'Unpack a .zip or .tar.gz archive into a directory',
  args: ExtractArgs,
  risk: 1,
  maxRisk: 2,
  preview: async (a, ctx) => {
    const p = await extractPlan(a, ctx);
    const extra = p.clobbered.length > 0 ? `, replacing ${p.clobbered.length} existing files` : '';
    return {
      summary: `extract ${p.list.length} entries (${human(p.bytes)}) into ${ctx.paths.display(p.to)}${extra}`,
      // Every entry's landing place: one that lands on a startup file or a hook raises the risk.
      paths: [p.file, p.to, ...p.list.map((m) => join(p.to, m.name))],
      bytes: p.bytes,
      risk: p.clobbered.length > 0 ? 2 : undefined,
    };
  },
  run: async (a, ctx) => {
    const p = await extractPlan(a, ctx);
    const fresh = !entryOf(p.to);
    if (fresh) {
      mkdirp(dirname(p.to), ctx);
      mkdirSync(p.to);
    }
    // What the archive will add, parents before children, so undo removes children first.
    const newDirs = new Set<string>();
    const newFiles: string[] = [];
    for (const m of p.list) {
      const target = join(p.to, m.name);
      if (entryOf(target)) continue;
      if (m.type === 'file') newFiles.push(target);
      for (let d = m.type === 'dir' ? target : dirname(target); d.startsWith(`${p.to}${sep}`); d = dirname(d))
        if (!entryOf(d)) newDirs.add(normalize(d));
    }
    for (const m of p.clobbered) journalOf(ctx).save(join(p.to, m.name));
    if (p.format === 'zip') {
      for (const [name, data] of Object.entries((await zipLib()).unzipSync(readFileSync(p.file)))) {
        const target = join(p.to, name);
        if (name.endsWith('/')) mkdirSync(target, { recursive: true });
        else {
          mkdirSync(dirname(target), { recursive: true });
          writeFileSync(target, data);
        }
      }
    } else {
      await (await tarLib()).extract({ file: p.file, cwd: p.to });
    }
    if (fresh) journalOf(ctx).created(p.to, 'tree');
    else {
      for (const d of [...newDirs].sort((x, y) => x.length - y.length)) journalOf(ctx).created(d, 'dir');
      for (const f of newFiles) journalOf(ctx).created(f, 'file');
    }
    return { path: p.to, entries: p.list.length, bytes: p.bytes };
  },
});

const ContentsArgs = z.object({ path: PathArg.describe('The archive (.zip, .tar.gz or .tgz)') }).strict();
type ContentsArgs = z.infer<typeof ContentsArgs>;

async function contentsOf(a: ContentsArgs, ctx: ToolContext) {
  const file = ctx.paths.resolve(a.path);
  if (entryOf(file)?.type !== 'file') throw new ToolError(`'${a.path}' is not an archive file`);
  const format = formatOf(file);
  if (!format) throw new ToolError(`'${a.path}' is not a .zip, .tar.gz or .tgz archive; name one of those`);
  return { file, list: await members(file, format) };
}

/** What an archive holds, read without unpacking it: "what's inside archive.zip". */
export const contents = action<ContentsArgs>({
  tool: 'files',
  action: 'contents',
  summary: 'List what a .zip or .tar.gz archive holds, without extracting it',
  args: ContentsArgs,
  risk: 0,
  preview: async (a, ctx) => ({
    summary: `list the entries of ${a.path}`,
    paths: [ctx.paths.resolve(a.path)],
    bytes: 0,
  }),
  run: async (a, ctx) => {
    const { file, list } = await contentsOf(a, ctx);
    return {
      path: file,
      entries: list.map((m) => ({ name: m.name, type: m.type, size: m.size })),
      total: list.length,
      bytes: list.reduce((n, m) => n + m.size, 0),
    };
  },
});
