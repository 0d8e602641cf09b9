/**
 * The installed version of a runtime or developer tool, as the program itself reports it
 * (`node --version`, `go version`, `java -version`). Only the programs listed here can be
 * asked, each found on PATH by its plain name: a read-only action never runs a program a
 * plan names.
 */
import { z } from 'zod';
import { action, ToolError } from '../types.ts';

/** Program names people use, and the command that prints the version. */
export const RUNTIMES: Record<string, readonly string[]> = {
  node: ['node', '--version'],
  npm: ['npm', '--version'],
  npx: ['npx', '--version'],
  deno: ['deno', '--version'],
  bun: ['bun', '--version'],
  python: ['python3', '--version'],
  python3: ['python3', '--version'],
  pip: ['pip3', '--version'],
  ruby: ['ruby', '--version'],
  perl: ['perl', '-e', 'print "perl $^V\\n"'],
  php: ['php', '--version'],
  java: ['java', '-version'],
  go: ['go', 'version'],
  rustc: ['rustc', '--version'],
  cargo: ['cargo', '--version'],
  gcc: ['gcc', '--version'],
  make: ['make', '--version'],
  git: ['git', '--version'],
  docker: ['docker', '--version'],
  bash: ['bash', '--version'],
  curl: ['curl', '--version'],
  sqlite3: ['sqlite3', '--version'],
  tsc: ['tsc', '--version'],
};

const VersionArgs = z
  .object({
    program: z
      .enum(Object.keys(RUNTIMES) as [string, ...string[]])
      .describe('The runtime or tool whose installed version to report'),
  })
  .strict();

export const version = action<z.infer<typeof VersionArgs>>({
  tool: 'system',
  action: 'version',
  summary:
    'The installed version of a runtime or tool (node, python, git, go, java…), from the program itself',
  args: VersionArgs,
  risk: 0,
  preview: async (a) => ({
    summary: `ask ${a.program} for its version`,
    paths: [],
    bytes: 0,
    target: a.program,
  }),
  run: async (a, ctx) => {
    const [command, ...args] = RUNTIMES[a.program];
    const r = await ctx.exec(command, args, { timeoutMs: 10_000, maxBytes: 64 * 1024 });
    // "do i have go installed": no is an answer, not a failure
    if (r.missing)
      return { program: a.program, installed: false, version: `not installed (no '${command}' on PATH)` };
    // java prints its version on stderr; the others on stdout.
    const first = `${r.stdout}\n${r.stderr}`
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '');
    if (r.code !== 0 || first === undefined)
      throw new ToolError(
        `'${command} ${args.join(' ')}' failed (exit ${r.code}); is ${a.program} installed correctly?`,
      );
    return { program: a.program, installed: true, command: [command, ...args].join(' '), version: first };
  },
});
