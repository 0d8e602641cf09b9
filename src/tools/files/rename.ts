/**
 * Renaming many files at once, each in its own directory: a new extension ("all .txt to
 * .md"), a prefix or a suffix before the extension. The preview lists every old and new
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
  })
  .strict()
  .refine((a) => a.ext !== undefined || a.prefix !== undefined || a.suffix !== undefined, {
    message: 'say what changes: ext, prefix or suffix',
  });
type RenameArgs = z.infer<typeof RenameArgs>;

/** The new base name of `name`. */
export function renamed(name: string, a: Pick<RenameArgs, 'ext' | 'prefix' | 'suffix'>): string {
  const old = extOf(name);
  const stem = old === '' ? name : name.slice(0, name.length - old.length - 1);
  const ext = a.ext ?? old;
  return `${a.prefix ?? ''}${stem}${a.suffix ?? ''}${ext === '' ? '' : `.${ext}`}`;
}

function pairs(a: RenameArgs, ctx: ToolContext): { from: string; to: string }[] {
  const list = sources(a).map((p) => {
    const abs = ctx.paths.resolve(p, 'entry');
    if (!entryOf(abs)) throw new ToolError(`'${p}' does not exist`);
    return { from: abs, to: join(dirname(abs), renamed(basename(abs), a)) };
  });
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
  summary: 'Rename many files in place: a new extension, a prefix or a suffix (refuses to replace a file)',
  args: RenameArgs,
  risk: 1,
  preview: async (a, ctx) => {
    const list = pairs(a, ctx);
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
    const list = pairs(a, ctx);
    for (const p of list) {
      renameSync(p.from, p.to);
      journalOf(ctx).moved(p.from, p.to);
    }
    return { renamed: list, paths: list.map((p) => p.to) };
  },
});
