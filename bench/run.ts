/**
 * Runs every bench/*.bench.ts (or those named on the command line) and writes
 * docs/BENCHMARKS.md, one section per file, in file-name order.
 *
 *   npm run bench                 # all
 *   npm run bench -- kernel ipc   # files whose name contains one of the words
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { machine, type Section } from './lib.ts';

const dir = import.meta.dirname;

// One benchmark in this process: its section goes to stdout as JSON (see runAlone).
if (process.argv[2] === '--one') {
  const mod = (await import(pathToFileURL(join(dir, process.argv[3])).href)) as {
    default: () => Promise<Section>;
  };
  process.stdout.write(JSON.stringify(await mod.default()));
  process.exit(0);
}

/**
 * Runs one benchmark file in a process of its own, so that none measures in a heap, or
 * beside threads, that an earlier one left behind.
 */
function runAlone(file: string): Section {
  const stdout = execFileSync(process.execPath, [...process.execArgv, import.meta.filename, '--one', file], {
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 2 ** 20,
  });
  return JSON.parse(stdout.toString()) as Section;
}
const out = join(dir, '..', 'docs', 'BENCHMARKS.md');
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();

const START = '<!-- section:';
const existing = existsSync(out) ? readFileSync(out, 'utf8') : '';
const sections = new Map<string, string>();
for (const part of existing.split(START).slice(1)) {
  const name = part.slice(0, part.indexOf(' -->'));
  sections.set(name, START + part.trimEnd());
}

for (const file of files) {
  const name = file.replace('.bench.ts', '');
  process.stderr.write(`bench ${name} ...\n`);
  const section = runAlone(file);
  const date = new Date().toISOString().slice(0, 10);
  sections.set(
    name,
    `${START}${name} -->\n## ${section.title}\n\n_Measured ${date} on ${machine()}._\n\n${section.body.trim()}`,
  );
  process.stderr.write(`${section.body.trim()}\n\n`);
}

const header = `# Benchmarks

Every figure here comes from \`npm run bench\` (bench/*.bench.ts), with its baseline or peer
measured in the same run on the same machine; times are medians of repeated runs unless a row
says otherwise. Re-run a section with \`npm run bench -- <name>\`.
`;
writeFileSync(
  out,
  `${header}\n${[...sections.keys()]
    .sort()
    .map((k) => sections.get(k))
    .join('\n\n')}\n`,
);
process.stderr.write(`wrote ${out}\n`);
