/**
 * `aios plan …`: the planner's operations as derived from its declaration (service-command.ts),
 * except that `aios plan run FILE` reads the plan from FILE (JSON or YAML; `-` for stdin) and
 * sends its text with the current directory, where relative paths in its tool nodes start.
 *
 * @example
 * // aios plan run deploy.yaml --wait
 * // aios plan approve p1a2b3c4d5 --node review --args '{"path":"notes.txt"}'
 */
import { readFileSync } from 'node:fs';
import { PLANNER } from '../../services/planner/ops.ts';
import { type Command, UsageError } from '../command.ts';
import { serviceCommand } from '../service-command.ts';

const derived = serviceCommand(PLANNER);

const command: Command = {
  ...derived,
  usage: ['plan run FILE [--wait] [--json]', 'plan <operation> [arguments] [--json]'],
  async run(ctx) {
    const [op, file, ...rest] = ctx.positionals;
    if (op === 'run' && (file === '--help' || file === '-h' || rest.includes('--help'))) {
      // the derived help, in the words of the command line: a file, not the plan's text
      const out = (text = '') =>
        ctx.out(
          text
            .replace('run <plan>', 'run FILE')
            .replace(/^ {2}<plan>( +).*$/m, '  FILE  $1a JSON or YAML plan file (- reads stdin), required'),
        );
      return derived.run({ ...ctx, out });
    }
    if (op !== 'run' || file === undefined || (file.startsWith('-') && file !== '-')) return derived.run(ctx);
    let text: string;
    try {
      text = readFileSync(file === '-' ? 0 : file, 'utf8');
    } catch (error) {
      const why =
        (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      throw new UsageError(
        `cannot read the plan file '${file}' (${why}); give the path of a JSON or YAML plan`,
      );
    }
    if (text.trim() === '')
      throw new UsageError(
        `the plan file '${file}' is empty; write a plan in JSON or YAML (docs/planner.md)`,
      );
    const cwd = rest.includes('--cwd') ? [] : ['--cwd', process.cwd()];
    return derived.run({ ...ctx, positionals: ['run', text, ...cwd, ...rest] });
  },
};

export default command;
