/**
 * The text tool: search files (grep), show the first or last lines, count lines and words,
 * and replace text in files (risk 2; each file is saved for undo before it is changed).
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { Ext, PathArg, SourceArgs, sources } from '../files/args.ts';
import { journalOf } from '../files/change.ts';
import { entryOf, extOf, walk } from '../files/walk.ts';
import { human } from '../format.ts';
import { action, type ToolContext, type ToolDef, ToolError } from '../types.ts';

/** Files bigger than this are skipped by search, count and replace. */
const MAX_TEXT_BYTES = 32 * 1024 * 1024;

function isText(data: Buffer): boolean {
  return !data.subarray(0, 8192).includes(0);
}

/** Text files to work on: the given paths (directories walked) or a directory's tree. */
function textFiles(
  ctx: ToolContext,
  a: { paths?: string[]; path?: string; ext?: string[]; recursive?: boolean },
): string[] {
  const roots = a.paths && a.paths.length > 0 ? a.paths : [a.path ?? '.'];
  const out: string[] = [];
  for (const p of roots) {
    const abs = ctx.paths.resolve(p);
    const e = entryOf(abs);
    if (!e) throw new ToolError(`'${p}' does not exist`);
    if (e.type === 'file') out.push(abs);
    else if (e.type === 'dir') {
      for (const f of walk(abs, { recursive: a.recursive ?? true })) if (f.type === 'file') out.push(f.path);
    }
  }
  const exts = a.ext && new Set(a.ext);
  return out.filter((f) => (!exts || exts.has(extOf(basename(f)))) && statSync(f).size <= MAX_TEXT_BYTES);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function regexOf(pattern: string, regex: boolean, ignoreCase: boolean, global = false): RegExp {
  try {
    return new RegExp(
      regex ? pattern : escapeRegExp(pattern),
      `${ignoreCase ? 'i' : ''}${global ? 'g' : ''}`,
    );
  } catch (error) {
    throw new ToolError(`'${pattern}' is not a valid regular expression: ${(error as Error).message}`);
  }
}

const SearchArgs = z
  .object({
    pattern: z.string().min(1).max(1000).describe('Text (or regular expression) to look for'),
    paths: z.array(PathArg).min(1).max(10_000).optional().describe('Files or directories to search'),
    from: SourceArgs.from,
    path: PathArg.default('.').describe('Directory to search when no paths are given'),
    ext: z.array(Ext).max(64).optional(),
    recursive: z.boolean().default(true),
    regex: z.boolean().default(false),
    ignoreCase: z.boolean().default(true),
    filesOnly: z.boolean().default(false).describe('List matching files, not lines'),
    limit: z.number().int().min(1).max(100_000).default(500),
  })
  .strict();

const search = action<z.infer<typeof SearchArgs>>({
  tool: 'text',
  action: 'search',
  summary: 'Search files for text (like grep), case-insensitive by default',
  args: SearchArgs,
  risk: 0,
  preview: async (a, ctx) => ({
    summary: `search for '${a.pattern}'`,
    paths: (a.paths ?? [a.path]).map((p) => ctx.paths.resolve(p)),
    bytes: 0,
  }),
  run: async (a, ctx) => {
    const re = regexOf(a.pattern, a.regex, a.ignoreCase);
    const matches: { path: string; line: number; text: string }[] = [];
    const files = new Set<string>();
    let total = 0;
    for (const f of textFiles(ctx, a)) {
      const data = readFileSync(f);
      if (!isText(data)) continue;
      const lines = data.toString('utf8').split('\n');
      lines.forEach((text, i) => {
        if (!re.test(text)) return;
        total++;
        files.add(f);
        if (matches.length < a.limit) matches.push({ path: f, line: i + 1, text: text.slice(0, 500) });
      });
    }
    return a.filesOnly ? { paths: [...files], total } : { matches, total, files: files.size };
  },
});

const LinesArgs = z
  .object({ path: PathArg, lines: z.number().int().min(1).max(100_000).default(10) })
  .strict();

function lineAction(name: 'head' | 'tail') {
  return action<z.infer<typeof LinesArgs>>({
    tool: 'text',
    action: name,
    summary: name === 'head' ? 'The first lines of a file' : 'The last lines of a file',
    args: LinesArgs,
    risk: 0,
    preview: async (a, ctx) => ({
      summary: `${name} ${a.path}`,
      paths: [ctx.paths.resolve(a.path)],
      bytes: 0,
    }),
    run: async (a, ctx) => {
      const abs = ctx.paths.resolve(a.path);
      if (entryOf(abs)?.type !== 'file') throw new ToolError(`'${a.path}' is not a file`);
      const data = readFileSync(abs);
      if (!isText(data)) throw new ToolError(`'${a.path}' is not a text file`);
      const all = data.toString('utf8').split('\n');
      if (all.length > 0 && all[all.length - 1] === '') all.pop();
      const lines = name === 'head' ? all.slice(0, a.lines) : all.slice(Math.max(0, all.length - a.lines));
      return { path: abs, lines, text: lines.join('\n'), total: all.length };
    },
  });
}

const CountArgs = z
  .object({
    ...SourceArgs,
    what: z
      .enum(['lines', 'words', 'chars', 'occurrences', 'all'])
      .default('all')
      .describe('What the person asked about'),
    pattern: z
      .string()
      .min(1)
      .max(1000)
      .optional()
      .describe('Also count the occurrences of this text (case-insensitive)'),
  })
  .strict()
  .refine((a) => a.what !== 'occurrences' || a.pattern !== undefined, {
    message: 'counting occurrences needs a pattern',
    path: ['pattern'],
  });

const count = action<z.infer<typeof CountArgs>>({
  tool: 'text',
  action: 'count',
  summary: 'Count lines, words and characters of files (like wc)',
  args: CountArgs,
  risk: 0,
  preview: async (a, ctx) => ({
    summary: `count ${a.what} in ${sources(a).length} paths`,
    paths: sources(a).map((p) => ctx.paths.resolve(p)),
    bytes: 0,
  }),
  run: async (a, ctx) => {
    const files: { path: string; lines: number; words: number; chars: number; occurrences?: number }[] = [];
    const re = a.pattern === undefined ? undefined : regexOf(a.pattern, false, true, true);
    for (const f of textFiles(ctx, { paths: sources(a) })) {
      const data = readFileSync(f);
      if (!isText(data)) continue;
      const text = data.toString('utf8');
      files.push({
        path: f,
        lines: (text.match(/\n/g) ?? []).length + (text.length > 0 && !text.endsWith('\n') ? 1 : 0),
        words: (text.match(/\S+/g) ?? []).length,
        chars: [...text].length,
        ...(re ? { occurrences: (text.match(re) ?? []).length } : {}),
      });
    }
    const total = files.reduce(
      (t, f) => ({
        lines: t.lines + f.lines,
        words: t.words + f.words,
        chars: t.chars + f.chars,
        ...(re ? { occurrences: (t.occurrences ?? 0) + (f.occurrences ?? 0) } : {}),
      }),
      { lines: 0, words: 0, chars: 0 } as {
        lines: number;
        words: number;
        chars: number;
        occurrences?: number;
      },
    );
    return { files, total, what: a.what, ...(a.pattern !== undefined ? { pattern: a.pattern } : {}) };
  },
});

const ReplaceArgs = z
  .object({
    ...SourceArgs,
    find: z.string().min(1).max(1000),
    replace: z.string().max(100_000),
    regex: z.boolean().default(false),
    ignoreCase: z.boolean().default(false),
    firstPerLine: z
      .boolean()
      .default(false)
      .describe("Replace only the first match on each line (sed's s/a/b/ without g)"),
  })
  .strict();
type ReplaceArgs = z.infer<typeof ReplaceArgs>;

function replacements(a: ReplaceArgs, ctx: ToolContext) {
  const re = regexOf(a.find, a.regex, a.ignoreCase, !a.firstPerLine);
  const by = a.regex ? a.replace : a.replace.replace(/\$/g, '$$$$');
  const out: { path: string; count: number; text: string; bytes: number }[] = [];
  for (const f of textFiles(ctx, { paths: sources(a) })) {
    const data = readFileSync(f);
    if (!isText(data)) continue;
    const before = data.toString('utf8');
    const lines = a.firstPerLine ? before.split('\n') : [];
    const n = a.firstPerLine ? lines.filter((line) => re.test(line)).length : (before.match(re) ?? []).length;
    if (n === 0) continue;
    out.push({
      path: f,
      count: n,
      text: a.firstPerLine ? lines.map((line) => line.replace(re, by)).join('\n') : before.replace(re, by),
      bytes: data.length,
    });
  }
  return out;
}

const replace = action<ReplaceArgs>({
  tool: 'text',
  action: 'replace',
  summary: 'Replace text in files (each changed file is saved for undo first)',
  args: ReplaceArgs,
  risk: 2,
  preview: async (a, ctx) => {
    const list = replacements(a, ctx);
    const n = list.reduce((t, r) => t + r.count, 0);
    return {
      summary: `replace ${n} occurrences of '${a.find}' in ${list.length} files (${human(list.reduce((t, r) => t + r.bytes, 0))})`,
      paths: list.map((r) => r.path),
      bytes: list.reduce((t, r) => t + r.bytes, 0),
    };
  },
  run: async (a, ctx) => {
    const list = replacements(a, ctx);
    for (const r of list) {
      journalOf(ctx).save(r.path);
      writeFileSync(r.path, r.text);
    }
    return {
      changed: list.map((r) => ({ path: r.path, count: r.count })),
      total: list.reduce((t, r) => t + r.count, 0),
      paths: list.map((r) => r.path),
    };
  },
});

export const text: ToolDef = {
  name: 'text',
  summary: 'Text in files',
  actions: [search, lineAction('head'), lineAction('tail'), count, replace],
};
