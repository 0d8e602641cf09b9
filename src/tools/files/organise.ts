/**
 * Organise a directory: move its top-level files into folders by kind (Images, Documents, …)
 * or by month of last change (2024-05). Each move is journaled, so undo puts every file back.
 */
import { renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { human } from '../format.ts';
import { action, type ToolContext, ToolError } from '../types.ts';
import { PathArg } from './args.ts';
import { journalOf, mkdirp } from './change.ts';
import { entryOf, extOf, walk } from './walk.ts';

/** Folder for each extension when organising by type; anything else goes to Other. */
export const KINDS: Record<string, readonly string[]> = {
  Images: ['jpg', 'jpeg', 'png', 'gif', 'bmp', 'svg', 'webp', 'heic', 'tiff', 'ico'],
  Documents: ['pdf', 'doc', 'docx', 'odt', 'rtf', 'txt', 'md', 'tex', 'pages', 'epub'],
  Spreadsheets: ['xls', 'xlsx', 'ods', 'csv', 'tsv', 'numbers'],
  Presentations: ['ppt', 'pptx', 'odp', 'key'],
  Audio: ['mp3', 'wav', 'flac', 'ogg', 'm4a', 'aac', 'opus'],
  Video: ['mp4', 'mkv', 'mov', 'avi', 'webm', 'wmv', 'm4v'],
  Archives: ['zip', 'tar', 'gz', 'tgz', 'tar.gz', 'bz2', 'xz', '7z', 'rar'],
  Code: [
    'js',
    'ts',
    'py',
    'rb',
    'go',
    'rs',
    'c',
    'h',
    'cpp',
    'java',
    'sh',
    'json',
    'yaml',
    'yml',
    'toml',
    'html',
    'css',
  ],
};

const BY_EXT = new Map<string, string>(
  Object.entries(KINDS).flatMap(([kind, exts]) => exts.map((e) => [e, kind] as [string, string])),
);

const OrganiseArgs = z
  .object({
    path: PathArg.default('.'),
    by: z.enum(['type', 'date']).default('type').describe('type: Images, Documents, …; date: YYYY-MM'),
  })
  .strict();
type OrganiseArgs = z.infer<typeof OrganiseArgs>;

function moves(a: OrganiseArgs, ctx: ToolContext) {
  const dir = ctx.paths.resolve(a.path);
  if (entryOf(dir)?.type !== 'dir') throw new ToolError(`'${a.path}' is not a directory`);
  const result: { from: string; to: string; size: number }[] = [];
  for (const e of walk(dir)) {
    if (e.type !== 'file') continue;
    const name = basename(e.path);
    const folder =
      a.by === 'type' ? (BY_EXT.get(extOf(name)) ?? 'Other') : new Date(e.mtimeMs).toISOString().slice(0, 7);
    const to = join(dir, folder, name);
    if (entryOf(to)) continue; // never overwrite while tidying
    result.push({ from: e.path, to, size: e.size });
  }
  return result;
}

export const organise = action<OrganiseArgs>({
  tool: 'files',
  action: 'organise',
  summary: 'Sort the files of a directory into folders by type or by month',
  args: OrganiseArgs,
  risk: 1,
  preview: async (a, ctx) => {
    const list = moves(a, ctx);
    const folders = new Set(list.map((m) => basename(join(m.to, '..'))));
    const bytes = list.reduce((n, m) => n + m.size, 0);
    return {
      summary: `move ${list.length} files (${human(bytes)}) into ${folders.size} folders: ${[...folders].sort().join(', ')}`,
      paths: list.flatMap((m) => [m.from, m.to]),
      bytes,
    };
  },
  run: async (a, ctx) => {
    const list = moves(a, ctx);
    for (const m of list) {
      mkdirp(join(m.to, '..'), ctx);
      journalOf(ctx).moved(m.from, m.to);
      renameSync(m.from, m.to);
    }
    return { moved: list.map((m) => ({ from: m.from, to: m.to })), paths: list.map((m) => m.to) };
  },
});
