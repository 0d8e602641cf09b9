/**
 * Renaming many files at once, each in its own directory: a new extension ("all .txt to
 * .md"), a prefix or a suffix before the extension, the whole name in lower case, a text
 * swapped in every name (spaces to underscores), or numbered ("holiday-1.jpg" and up). The preview lists every old and new
 * name; a new name that exists already, or that two files would share, refuses the whole
 * step before anything is renamed; every rename is journaled, so undo renames them back.
 */
import { renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { action, type ToolContext, ToolError } from '../types.ts';
import { Ext, SourceArgs, sources } from './args.ts';
import { journalOf } from './change.ts';
import { entryOf, extOf } from './walk.ts';

const NamePart = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^/\\\0]+$/, 'text without a slash');

const RenameArgs = z
  .object({
    ...SourceArgs,
    ext: Ext.optional().describe('The new extension, without the dot'),
    prefix: NamePart.optional().describe('Put this before each name'),
    suffix: NamePart.optional().describe('Put this after each name, before its extension'),
    case: z.enum(['lower', 'upper']).optional().describe('Put each whole name in lower or upper case'),
    find: z.string().min(1).max(255).optional().describe('Text to replace in each name (with `replace`)'),
    replace: z
      .string()
      .max(255)
      .regex(/^[^/\\\0]*$/, 'text without a slash')
      .optional()
      .describe('What replaces `find` in each name'),
    numbered: NamePart.regex(/\d/, 'a name with a number in it')
      .optional()
      .describe(
        "The first file's new name, e.g. 'holiday-1.jpg': its last number counts up for the next files (in name order); without an extension each keeps its own",
      ),
  })
  .strict()
  .refine(
    (a) =>
      a.ext !== undefined ||
      a.prefix !== undefined ||
      a.suffix !== undefined ||
      a.case !== undefined ||
      a.numbered !== undefined ||
      (a.find !== undefined && a.replace !== undefined),
    { message: 'say what changes: ext, prefix, suffix, case, find and replace, or numbered' },
  );
type RenameArgs = z.infer<typeof RenameArgs>;

type NameChange = Pick<RenameArgs, 'ext' | 'prefix' | 'suffix' | 'case' | 'find' | 'replace' | 'numbered'>;

/** The new base name of `name`, the `index`-th (from 0) of the files renamed, in name order. */
export function renamed(name: string, a: NameChange, index = 0): string {
  const old = extOf(name);
  const stem = old === '' ? name : name.slice(0, name.length - old.length - 1);
  // The extension as it is written ("JPG"), unless a new one is given.
  const ext = a.ext ?? (old === '' ? '' : name.slice(name.length - old.length));
  if (a.numbered !== undefined) {
    const m = /^(.*?)(\d+)(\D*)$/.exec(a.numbered)!;
    const n = String(Number(m[2]) + index).padStart(m[2].length, '0');
    const base = `${m[1]}${n}${m[3]}`;
    return extOf(a.numbered) !== '' || ext === '' ? base : `${base}.${ext}`;
  }
  let out = `${a.prefix ?? ''}${stem}${a.suffix ?? ''}${ext === '' ? '' : `.${ext}`}`;
  if (a.find !== undefined && a.replace !== undefined) out = out.split(a.find).join(a.replace);
  if (a.case === 'lower') out = out.toLowerCase();
  if (a.case === 'upper') out = out.toUpperCase();
  return out;
}

/** The renames `files.rename` would make with these arguments now (the planner probes them first). */
export function renamePairs(a: RenameArgs, ctx: ToolContext): { from: string; to: string }[] {
  const all = sources(a).map((p) => {
    const abs = ctx.paths.resolve(p, 'entry');
    if (!entryOf(abs)) throw new ToolError(`'${p}' does not exist`);
    return abs;
  });
  // Numbers follow the names' order, whatever order the files were found in.
  if (a.numbered !== undefined) all.sort((x, y) => basename(x).localeCompare(basename(y), 'en'));
  const list = all.map((abs, i) => ({ from: abs, to: join(dirname(abs), renamed(basename(abs), a, i)) }));
  const result = list.filter((p) => p.from !== p.to);
  const targets = new Set<string>();
  for (const p of result) {
    ctx.paths.resolve(p.to, 'entry');
    if (targets.has(p.to))
      throw new ToolError(`Two files would both become '${ctx.paths.display(p.to)}'; rename them one by one`);
    targets.add(p.to);
    // A name taken by a file that is itself renamed away in this step is free by then only if
    // renames ran in a careful order; refusing keeps every rename a plain, undoable move.
    if (entryOf(p.to))
      throw new ToolError(`'${ctx.paths.display(p.to)}' exists already; move it away or choose another name`);
  }
  return result;
}

export const rename = action<RenameArgs>({
  tool: 'files',
  action: 'rename',
  summary:
    'Rename many files in place: a new extension, a prefix or suffix, lower or upper case, a text swapped, or numbered (refuses to replace a file)',
  args: RenameArgs,
  risk: 1,
  preview: async (a, ctx) => {
    const list = renamePairs(a, ctx);
    const shown = list
      .slice(0, 3)
      .map((p) => `${basename(p.from)} → ${basename(p.to)}`)
      .join(', ');
    return {
      summary:
        list.length === 0
          ? 'nothing to rename'
          : `rename ${list.length} ${list.length === 1 ? 'file' : 'files'}: ${shown}${list.length > 3 ? ', …' : ''}`,
      paths: list.flatMap((p) => [p.from, p.to]),
      bytes: 0,
    };
  },
  run: async (a, ctx) => {
    const list = renamePairs(a, ctx);
    for (const p of list) {
      renameSync(p.from, p.to);
      journalOf(ctx).moved(p.from, p.to);
    }
    return { renamed: list, paths: list.map((p) => p.to) };
  },
});
