/**
 * File actions that change things: write, append, mkdir, copy, move, delete. Each records
 * its way back in the journal before or as it acts: created paths, saved copies of what it
 * overwrites, and deleted paths moved into the undo store rather than unlinked.
 */
import {
  appendFileSync,
  closeSync,
  cpSync,
  createReadStream,
  createWriteStream,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { human } from '../format.ts';
import { action, type Journal, type ToolContext, ToolError } from '../types.ts';
import { PathArg, SourceArgs, sources } from './args.ts';
import { entryOf, treeSize } from './walk.ts';

export function journalOf(ctx: ToolContext): Journal {
  if (!ctx.journal) throw new ToolError('This action changes files and runs only inside a confirmed plan');
  return ctx.journal;
}

/** Creates `dir` and any missing parents, journaling each directory it creates. */
export function mkdirp(dir: string, ctx: ToolContext): void {
  const missing: string[] = [];
  for (let d = dir; !entryOf(d); d = dirname(d)) missing.unshift(d);
  for (const d of missing) {
    mkdirSync(d);
    journalOf(ctx).created(d, 'dir');
  }
}

const exists = (p: string) => entryOf(p) !== undefined;
const isDir = (p: string) => entryOf(p)?.type === 'dir';

const WriteArgs = z.object({ path: PathArg, content: z.string().max(16 * 1024 * 1024) }).strict();

export const write = action<z.infer<typeof WriteArgs>>({
  tool: 'files',
  action: 'write',
  summary: 'Write text to a file, creating it or replacing its content',
  args: WriteArgs,
  risk: 1,
  maxRisk: 2,
  preview: async (a, ctx) => {
    const abs = ctx.paths.resolve(a.path);
    const bytes = Buffer.byteLength(a.content);
    if (isDir(abs)) throw new ToolError(`'${a.path}' is a directory`);
    return exists(abs)
      ? { summary: `replace the content of ${a.path} (${human(bytes)})`, paths: [abs], bytes, risk: 2 }
      : { summary: `create ${a.path} (${human(bytes)})`, paths: [abs], bytes };
  },
  run: async (a, ctx) => {
    const abs = ctx.paths.resolve(a.path);
    if (exists(abs)) journalOf(ctx).save(abs);
    else mkdirp(dirname(abs), ctx);
    const created = !exists(abs);
    writeFileSync(abs, a.content);
    if (created) journalOf(ctx).created(abs, 'file');
    return { path: abs, bytes: Buffer.byteLength(a.content) };
  },
});

const AppendArgs = z
  .object({
    path: PathArg,
    content: z.string().max(16 * 1024 * 1024),
    newline: z.boolean().default(true).describe('Put the text on a line of its own'),
  })
  .strict();

export const append = action<z.infer<typeof AppendArgs>>({
  tool: 'files',
  action: 'append',
  summary: 'Add text to the end of a file (creating it if missing)',
  args: AppendArgs,
  risk: 1,
  preview: async (a, ctx) => {
    const abs = ctx.paths.resolve(a.path);
    if (isDir(abs)) throw new ToolError(`'${a.path}' is a directory`);
    return { summary: `add ${human(Buffer.byteLength(a.content))} to ${a.path}`, paths: [abs], bytes: 0 };
  },
  run: async (a, ctx) => {
    const abs = ctx.paths.resolve(a.path);
    let text = a.content;
    if (exists(abs)) {
      const size = statSync(abs).size;
      if (a.newline && size > 0 && lastByte(abs, size) !== 0x0a) text = `\n${text}`;
      journalOf(ctx).appended(abs, size);
      if (a.newline && !text.endsWith('\n')) text += '\n';
      appendFileSync(abs, text);
    } else {
      mkdirp(dirname(abs), ctx);
      if (a.newline && !text.endsWith('\n')) text += '\n';
      writeFileSync(abs, text);
      journalOf(ctx).created(abs, 'file');
    }
    return { path: abs, bytes: Buffer.byteLength(text) };
  },
});

function lastByte(path: string, size: number): number {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(1);
    readSync(fd, b, 0, 1, size - 1);
    return b[0];
  } finally {
    closeSync(fd);
  }
}

const MkdirArgs = z.object({ path: PathArg }).strict();

export const mkdir = action<z.infer<typeof MkdirArgs>>({
  tool: 'files',
  action: 'mkdir',
  summary: 'Create a directory (and missing parents)',
  args: MkdirArgs,
  risk: 1,
  preview: async (a, ctx) => {
    const abs = ctx.paths.resolve(a.path);
    if (exists(abs) && !isDir(abs)) throw new ToolError(`'${a.path}' exists and is not a directory`);
    return {
      summary: exists(abs) ? `${a.path} exists already` : `create ${a.path}/`,
      paths: [abs],
      bytes: 0,
    };
  },
  run: async (a, ctx) => {
    const abs = ctx.paths.resolve(a.path);
    mkdirp(abs, ctx);
    return { path: abs };
  },
});

const TransferArgs = z
  .object({
    ...SourceArgs,
    to: PathArg.describe('Destination: a directory to put them in, or the new path of a single file'),
  })
  .strict();
type TransferArgs = z.infer<typeof TransferArgs>;

interface Pair {
  from: string;
  to: string;
}

/** Source and target of each path: into `to` when it is (or will be) a directory. */
function pairs(a: TransferArgs, ctx: ToolContext, use: 'content' | 'entry'): Pair[] {
  const list = sources(a).map((p) => {
    const abs = ctx.paths.resolve(p, use);
    if (!exists(abs)) throw new ToolError(`'${p}' does not exist`);
    return abs;
  });
  const to = ctx.paths.resolve(a.to, 'content');
  const into = list.length > 1 || isDir(to) || a.to.endsWith('/');
  const all = list.map((from) => ({ from, to: into ? join(to, basename(from)) : to }));
  // What is already where it should go is left alone ("move all pdfs into docs" from below docs).
  const result = all.filter((p) => p.from !== p.to);
  if (result.length === 0) throw new ToolError(`'${ctx.paths.display(all[0].from)}' is already there`);
  for (const p of result) {
    if (p.to.startsWith(`${p.from}/`))
      throw new ToolError(`Cannot put '${ctx.paths.display(p.from)}' inside itself`);
    ctx.paths.resolve(p.to, 'entry');
  }
  const seen = new Set<string>();
  for (const p of result) {
    if (seen.has(p.to)) throw new ToolError(`Two sources would both become '${ctx.paths.display(p.to)}'`);
    seen.add(p.to);
  }
  return result;
}

function transferPreview(verb: string, list: Pair[], ctx: ToolContext) {
  const bytes = list.reduce((n, p) => n + treeSize(p.from), 0);
  const clobbered = list.filter((p) => exists(p.to));
  const what =
    list.length === 1
      ? `${ctx.paths.display(list[0].from)} to ${ctx.paths.display(list[0].to)}`
      : `${list.length} items (${human(bytes)}) into ${ctx.paths.display(dirname(list[0].to))}`;
  const extra = clobbered.length > 0 ? `, replacing ${clobbered.length} existing` : '';
  return {
    summary: `${verb} ${what}${extra}`,
    paths: list.flatMap((p) => [p.from, p.to]),
    bytes,
    risk: clobbered.length > 0 ? (2 as const) : undefined,
  };
}

export const copy = action<TransferArgs>({
  tool: 'files',
  action: 'copy',
  summary: 'Copy files or directories',
  args: TransferArgs,
  risk: 1,
  maxRisk: 2,
  preview: async (a, ctx) => transferPreview('copy', pairs(a, ctx, 'content'), ctx),
  run: async (a, ctx) => {
    const list = pairs(a, ctx, 'content');
    const total = list.reduce((n, p) => n + treeSize(p.from), 0);
    let done = 0;
    for (const p of list) {
      mkdirp(dirname(p.to), ctx);
      if (exists(p.to)) journalOf(ctx).trash(p.to);
      const size = treeSize(p.from);
      if (isDir(p.from)) {
        cpSync(p.from, p.to, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
        journalOf(ctx).created(p.to, 'tree');
        done += size;
        ctx.progress?.(done, total);
      } else {
        const base = done;
        await copyFile(p.from, p.to, (n) => ctx.progress?.(base + n, total));
        journalOf(ctx).created(p.to, 'file');
        done += size;
      }
    }
    return { paths: list.map((p) => p.to), bytes: total };
  },
});

/** Copies a file with its mode and mtime, reporting bytes copied as it goes. */
async function copyFile(from: string, to: string, progress: (n: number) => void): Promise<void> {
  const st = statSync(from);
  let n = 0;
  const source = createReadStream(from, { highWaterMark: 1024 * 1024 });
  source.on('data', (d) => {
    n += d.length;
    progress(n);
  });
  await pipeline(source, createWriteStream(to, { mode: st.mode & 0o777 }));
  utimesSync(to, st.atime, st.mtime);
}

export const move = action<TransferArgs>({
  tool: 'files',
  action: 'move',
  summary: 'Move or rename files or directories',
  args: TransferArgs,
  risk: 1,
  maxRisk: 2,
  preview: async (a, ctx) => transferPreview('move', pairs(a, ctx, 'entry'), ctx),
  run: async (a, ctx) => {
    const list = pairs(a, ctx, 'entry');
    for (const p of list) {
      mkdirp(dirname(p.to), ctx);
      if (exists(p.to)) journalOf(ctx).trash(p.to);
      journalOf(ctx).moved(p.from, p.to);
      renameOrCopy(p.from, p.to);
    }
    return { paths: list.map((p) => p.to) };
  },
});

/** The moves `files.move` would make with these arguments now: what the planner probes before it runs. */
export function movePairs(a: TransferArgs, ctx: ToolContext): Pair[] {
  return pairs(a, ctx, 'entry');
}

function renameOrCopy(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    throw new ToolError(`Cannot move '${from}' to another filesystem; copy it and delete the original`);
  }
}

const DeleteArgs = z.object(SourceArgs).strict();

export const remove = action<z.infer<typeof DeleteArgs>>({
  tool: 'files',
  action: 'delete',
  summary: 'Delete files or directories (kept in the undo store, so undo brings them back)',
  args: DeleteArgs,
  risk: 3,
  preview: async (a, ctx) => {
    const list = deletable(a, ctx);
    const bytes = list.reduce((n, p) => n + treeSize(p), 0);
    const what = list.length === 1 ? ctx.paths.display(list[0]) : `${list.length} items`;
    return { summary: `delete ${what} (${human(bytes)}; kept for undo)`, paths: list, bytes };
  },
  run: async (a, ctx) => {
    const list = deletable(a, ctx);
    const bytes = list.reduce((n, p) => n + treeSize(p), 0);
    for (const p of list) journalOf(ctx).trash(p);
    return { deleted: list, bytes };
  },
});

/** The paths `files.delete` would move away with these arguments now (the planner probes them first). */
export function deletable(a: z.infer<typeof DeleteArgs>, ctx: ToolContext): string[] {
  const list = [...new Set(sources(a).map((p) => ctx.paths.resolve(p, 'entry')))];
  for (const p of list) if (!exists(p)) throw new ToolError(`'${ctx.paths.display(p)}' does not exist`);
  // A path inside another one in the list goes with it.
  return list.filter((p) => !list.some((q) => q !== p && p.startsWith(`${q}/`)));
}
