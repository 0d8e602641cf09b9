/**
 * The shell tool: run a command line. Always risk 3 and always confirmed, and never chosen
 * when a tool fits. What a command will change cannot be known in advance, so before it runs
 * the files of its directory are snapshotted (up to a size limit): undo restores every file
 * it changed or deleted there and removes the files it created. Outside that directory a
 * command's effects cannot be undone, and the preview says so.
 */
import { z } from 'zod';
import { PathArg } from '../files/args.ts';
import { journalOf } from '../files/change.ts';
import { entryOf, walk } from '../files/walk.ts';
import { human } from '../format.ts';
import { action, type ToolContext, type ToolDef, ToolError } from '../types.ts';

/** Snapshot limits: beyond them the command runs without a way back. */
const SNAPSHOT_MAX_BYTES = 64 * 1024 * 1024;
const SNAPSHOT_MAX_FILES = 5000;
/** Trees that are rebuilt rather than restored (and would blow the limits). */
const SKIP = ['node_modules', '.git'];

const RunArgs = z
  .object({
    command: z.string().min(1).max(8192).describe('A command line for /bin/sh'),
    cwd: PathArg.default('.').describe('Directory to run it in'),
    timeoutMs: z.number().int().min(100).max(3_600_000).default(300_000),
  })
  .strict();
type RunArgs = z.infer<typeof RunArgs>;

function snapshotPlan(dir: string) {
  const skip = SKIP.map((s) => `${dir}/${s}`);
  const entries = walk(dir, { recursive: true, hidden: true, exclude: skip, max: SNAPSHOT_MAX_FILES * 2 });
  const files = entries.filter((e) => e.type === 'file');
  const bytes = files.reduce((n, f) => n + f.size, 0);
  const fits =
    files.length <= SNAPSHOT_MAX_FILES &&
    bytes <= SNAPSHOT_MAX_BYTES &&
    entries.length < SNAPSHOT_MAX_FILES * 2;
  return { files, bytes, fits, skip, existed: new Set(entries.map((e) => e.path)) };
}

function where(a: RunArgs, ctx: ToolContext): string {
  const dir = ctx.paths.resolve(a.cwd);
  if (entryOf(dir)?.type !== 'dir') throw new ToolError(`'${a.cwd}' is not a directory`);
  return dir;
}

const run = action<RunArgs>({
  tool: 'shell',
  action: 'run',
  summary: 'Run a shell command (always confirmed; used only when no tool fits)',
  args: RunArgs,
  risk: 3,
  preview: async (a, ctx) => {
    const dir = where(a, ctx);
    const snap = snapshotPlan(dir);
    return {
      summary: `run \`${a.command}\` in ${ctx.paths.display(dir)}`,
      paths: [dir],
      bytes: snap.bytes,
      irreversible: snap.fits
        ? `undo restores the files in ${ctx.paths.display(dir)} (not ${SKIP.join(' or ')}); effects elsewhere cannot be undone`
        : `${ctx.paths.display(dir)} is too large to snapshot (${human(snap.bytes)}, ${snap.files.length} files); this cannot be undone`,
    };
  },
  run: async (a, ctx) => {
    const dir = where(a, ctx);
    const snap = snapshotPlan(dir);
    if (snap.fits) for (const f of snap.files) journalOf(ctx).save(f.path);
    const r = await ctx.exec(a.command, [], { shell: true, cwd: dir, timeoutMs: a.timeoutMs });
    if (snap.fits) {
      // What the command created (walk lists parents before children), so undo can take it away.
      const tops: string[] = [];
      for (const e of walk(dir, {
        recursive: true,
        hidden: true,
        exclude: snap.skip,
        max: SNAPSHOT_MAX_FILES * 4,
      })) {
        if (snap.existed.has(e.path) || tops.some((t) => e.path.startsWith(`${t}/`))) continue;
        if (e.type === 'dir') tops.push(e.path);
        journalOf(ctx).created(e.path, e.type === 'dir' ? 'tree' : 'file');
      }
    }
    if (r.timedOut) throw new ToolError(`\`${a.command}\` ran longer than ${a.timeoutMs} ms and was stopped`);
    if (r.code !== 0) {
      const why = (r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ');
      throw new ToolError(`\`${a.command}\` exited with code ${r.code}${why ? `: ${why}` : ''}`);
    }
    return { command: a.command, code: r.code, stdout: r.stdout, stderr: r.stderr };
  },
});

export const shellTool: ToolDef = {
  name: 'shell',
  summary: 'Shell commands (risk 3, confirmed)',
  actions: [run],
};
