/**
 * What the evaluation's cases look at, phrased as a user notices it: which files the answer
 * names and in what order, what it says, which files are there afterwards and with what in
 * them, and that nothing else changed. Each check returns true or one line saying what was
 * wrong.
 *
 * @example
 * check: all(gone('draft.tmp', 'cache.tmp'), onlyChanged('draft.tmp', 'cache.tmp'))
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { gunzipSync, unzipSync } from 'fflate';
import type { EvalResult, Loose } from './eval-harness.ts';

export type Check = (r: EvalResult) => true | string;

export const all =
  (...checks: Check[]): Check =>
  (r) => {
    for (const c of checks) {
      const v = c(r);
      if (v !== true) return v;
    }
    return true;
  };

export const either =
  (...checks: Check[]): Check =>
  (r) => {
    const why: string[] = [];
    for (const c of checks) {
      const v = c(r);
      if (v === true) return true;
      why.push(v);
    }
    return why.join(' / ');
  };

const listed = (r: EvalResult) => r.names().slice(0, 10).join(', ') || 'nothing';

/** The answer names every one of these files. */
export const shows =
  (...names: string[]): Check =>
  (r) => {
    const n = r.names();
    const miss = names.filter((x) => !n.includes(x));
    return miss.length === 0 || `the answer does not name ${miss.join(', ')} (it names ${listed(r)})`;
  };

/** The answer names none of these files. */
export const hides =
  (...names: string[]): Check =>
  (r) => {
    const n = r.names();
    const extra = names.filter((x) => n.includes(x));
    return extra.length === 0 || `the answer names ${extra.join(', ')}, which it should not`;
  };

/** The answer names exactly these files. */
export const exactly =
  (...names: string[]): Check =>
  (r) => {
    const n = r.names();
    const ok = n.length === names.length && names.every((x) => n.includes(x));
    return ok || `expected exactly ${names.join(', ')}; the answer names ${listed(r)}`;
  };

/** The first files the answer names, in this order. */
export const first =
  (...names: string[]): Check =>
  (r) => {
    const n = r.names().slice(0, names.length);
    return n.join() === names.join() || `expected ${names.join(', ')} first; the answer begins ${listed(r)}`;
  };

/** What the person reads contains each text (case-insensitive). */
export const says =
  (...texts: string[]): Check =>
  (r) => {
    const t = r.text.toLowerCase();
    const miss = texts.filter((x) => !t.includes(x.toLowerCase()));
    return miss.length === 0 || `the answer does not say ${miss.map((m) => `'${m}'`).join(', ')}`;
  };

export const saysNot =
  (...texts: string[]): Check =>
  (r) => {
    const t = r.text.toLowerCase();
    const bad = texts.filter((x) => t.includes(x.toLowerCase()));
    return bad.length === 0 || `the answer says ${bad.map((m) => `'${m}'`).join(', ')}`;
  };

/** The answer states this number as a figure of its own (a count, a total). */
export const states =
  (...numbers: number[]): Check =>
  (r) => {
    const miss = numbers.filter((n) => !new RegExp(`(^|[\\s(:=])${n}([\\s),.:]|$)`, 'm').test(r.text));
    return miss.length === 0 || `the answer does not state ${miss.join(', ')}`;
  };

/** Some output reports a byte figure within [lo, hi] (a size, a total). */
export const reportsBytes =
  (lo: number, hi = lo): Check =>
  (r) => {
    const found: number[] = [];
    const visit = (v: Loose, key: string) => {
      if (typeof v === 'number' && /^(size|total|bytes|used)$/i.test(key)) found.push(v);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, k);
    };
    for (const o of r.outputs) visit(o, '');
    return found.some((n) => n >= lo && n <= hi) || `no size between ${lo} and ${hi} bytes in the answer`;
  };

/** Some step output satisfies `test` (its own fields, as the tool returned them). */
export const output =
  (what: string, test: (o: Loose) => boolean): Check =>
  (r) =>
    r.outputs.some((o) => o && typeof o === 'object' && test(o)) || `the answer has no ${what}`;

export const exists =
  (...paths: string[]): Check =>
  (r) => {
    const miss = paths.filter((p) => !r.exists(p));
    return miss.length === 0 || `${miss.join(', ')} ${miss.length === 1 ? 'is' : 'are'} not there`;
  };

export const gone =
  (...paths: string[]): Check =>
  (r) => {
    const left = paths.filter((p) => r.exists(p));
    return left.length === 0 || `${left.join(', ')} ${left.length === 1 ? 'is' : 'are'} still there`;
  };

export const contains =
  (path: string, ...texts: string[]): Check =>
  (r) => {
    if (!r.exists(path)) return `${path} is not there`;
    const body = r.read(path);
    const miss = texts.filter((t) => !body.includes(t));
    return miss.length === 0 || `${path} does not contain ${miss.map((m) => `'${m}'`).join(', ')}`;
  };

export const lacks =
  (path: string, ...texts: string[]): Check =>
  (r) => {
    if (!r.exists(path)) return `${path} is not there`;
    const body = r.read(path);
    const bad = texts.filter((t) => body.includes(t));
    return bad.length === 0 || `${path} still contains ${bad.map((m) => `'${m}'`).join(', ')}`;
  };

/** Nothing changed outside these paths (relative to cwd, each with everything below it). */
export const onlyChanged =
  (...paths: string[]): Check =>
  (r) => {
    const allowed = paths.map((p) => resolve(r.cwd, p));
    const other = r.changed.filter((rel) => {
      const abs = resolve(r.cwd, rel);
      return !allowed.some((a) => abs === a || abs.startsWith(a + sep));
    });
    return other.length === 0 || `it also changed ${other.slice(0, 5).join(', ')}`;
  };

/** These paths are exactly as they were. */
export const untouched =
  (...paths: string[]): Check =>
  (r) => {
    const hit = paths.filter((p) => {
      const abs = resolve(r.cwd, p);
      return r.changed.some((rel) => {
        const c = resolve(r.cwd, rel);
        return c === abs || c.startsWith(abs + sep);
      });
    });
    return hit.length === 0 || `${hit.join(', ')} changed`;
  };

/** Files created by the request (under cwd or HOME) whose name matches. */
export function created(r: EvalResult, pattern: RegExp): string[] {
  return r.changed.filter(
    (rel) => pattern.test(basename(rel)) && r.exists(rel) && isFile(resolve(r.cwd, rel)),
  );
}

function isFile(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}

/** The names inside a .zip or .tar.gz file. */
export function archiveNames(abs: string): string[] {
  const data = readFileSync(abs);
  if (/\.zip$/i.test(abs)) return Object.keys(unzipSync(new Uint8Array(data)));
  const tar = gunzipSync(new Uint8Array(data));
  const names: string[] = [];
  for (let off = 0; off + 512 <= tar.length; ) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const text = (a: number, b: number) =>
      Buffer.from(header.subarray(a, b)).toString().replace(/\0.*$/s, '');
    const prefix = text(345, 500);
    names.push(prefix ? `${prefix}/${text(0, 100)}` : text(0, 100));
    const size = Number.parseInt(text(124, 136).trim() || '0', 8);
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return names;
}

/** A new archive (matching `pattern`) holds files with all these base names. */
export const newArchiveWith =
  (pattern: RegExp, ...names: string[]): Check =>
  (r) => {
    const made = created(r, pattern);
    if (made.length === 0) return `no new archive matching ${pattern} was made`;
    for (const rel of made) {
      let inside: string[];
      try {
        inside = archiveNames(resolve(r.cwd, rel)).map((n) => basename(n.replace(/\/$/, '')));
      } catch {
        continue;
      }
      if (names.every((n) => inside.includes(n))) return true;
    }
    return `the new archive ${made.join(', ')} does not hold ${names.join(', ')}`;
  };

/** Some file below `dir` (relative to cwd) has this base name. */
export const foundBelow =
  (dir: string, name: string): Check =>
  (r) => {
    const walk = (abs: string): boolean =>
      readdirSync(abs, { withFileTypes: true }).some((d) =>
        d.isDirectory() ? walk(join(abs, d.name)) : d.name === name,
      );
    return walk(resolve(r.cwd, dir)) || `no ${name} anywhere below ${dir}`;
  };

/** Runs git in the case's working directory (for checks on the repository). */
export function git(r: EvalResult, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: r.cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** Output of a program on this machine, or '' when it is missing. */
export function probe(command: string, ...args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    return '';
  }
}

export const rel = (r: EvalResult, abs: string) => relative(r.cwd, abs);

/** A file the request created (its base name matching `pattern`) holds every one of these texts. */
export const newFileWith =
  (pattern: RegExp, ...texts: string[]): Check =>
  (r) => {
    const made = created(r, pattern);
    if (made.length === 0) return `no new file matching ${pattern} was made`;
    const fits = made.find((rel) => texts.every((t) => r.read(rel).includes(t)));
    return (
      fits !== undefined ||
      `the new file ${made.join(', ')} does not hold ${texts.map((t) => `'${t}'`).join(', ')}`
    );
  };

/** Some output field whose name matches `key` holds a number within [lo, hi] (a free space, an uptime). */
export const reportsNumber =
  (key: RegExp, lo: number, hi: number): Check =>
  (r) => {
    const found: number[] = [];
    const visit = (v: Loose, k: string) => {
      if (typeof v === 'number' && key.test(k)) found.push(v);
      else if (v && typeof v === 'object') for (const [name, x] of Object.entries(v)) visit(x, name);
    };
    for (const o of r.outputs) visit(o, '');
    return found.some((n) => n >= lo && n <= hi) || `no ${key} figure between ${lo} and ${hi} in the answer`;
  };

/** What `command --version` (or `args`) prints here is in the answer, or, when it is missing, the answer says so. */
export const runtimeVersion =
  (command: string, ...args: string[]): Check =>
  (r) => {
    const printed = probe(command, ...(args.length > 0 ? args : ['--version']));
    const version = /\d+\.\d+(\.\d+)?/.exec(printed)?.[0];
    if (!version) return says('not')(r);
    return says(version)(r);
  };

/** What the person reads names these texts in this order (case-insensitive): a ranking. */
export const saysInOrder =
  (...texts: string[]): Check =>
  (r) => {
    const t = r.text.toLowerCase();
    let from = 0;
    for (const [i, x] of texts.entries()) {
      const at = t.indexOf(x.toLowerCase(), from);
      if (at < 0) return `the answer does not say '${x}'${i > 0 ? ` after '${texts[i - 1]}'` : ''}`;
      from = at + x.length;
    }
    return true;
  };

/**
 * The case's programs (`needs: 'proc'`: 0 and 1 are mailsyncd, 2 is pollerd) at these
 * indexes have stopped, and the others still run.
 */
export const stoppedOnly =
  (...indexes: number[]): Check =>
  (r) => {
    const wrong = r.pids
      .map((pid, i) => ({ pid, i, stopped: !r.alive(pid) }))
      .filter((p) => p.stopped !== indexes.includes(p.i));
    return (
      wrong.length === 0 ||
      wrong
        .map(
          (p) =>
            `process ${p.i} (${p.i < 2 ? 'mailsyncd' : 'pollerd'}) ${p.stopped ? 'stopped' : 'still runs'}`,
        )
        .join(', ')
    );
  };

/** What the person reads names the pids of the case's programs at these indexes. */
export const saysPids =
  (...indexes: number[]): Check =>
  (r) =>
    states(...indexes.map((i) => r.pids[i]))(r);

/** What the person reads has each of these as a whole word (case-insensitive): a short name like a host's. */
export const saysWord =
  (...words: string[]): Check =>
  (r) => {
    const miss = words.filter(
      (w) =>
        !new RegExp(`(?<![\\w.-])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-]|\\.\\w)`, 'i').test(
          r.text,
        ),
    );
    return miss.length === 0 || `the answer does not say ${miss.map((m) => `'${m}'`).join(', ')} as a word`;
  };

/** The version dpkg records for a Debian package is in the answer, or, when it is not installed, the answer says so. */
export const packageVersion =
  (name: string): Check =>
  (r) => {
    // dpkg-query's own format field, not a template.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text is dpkg's format, passed as is
    const recorded = probe('dpkg-query', '-W', '-f=${Version}', name);
    const version = /\d+\.\d+(\.\d+)?/.exec(recorded)?.[0];
    if (!version) return says('not')(r);
    return says(version)(r);
  };

/** A new archive (matching `pattern`) holds none of these base names. */
export const newArchiveWithout =
  (pattern: RegExp, ...names: string[]): Check =>
  (r) => {
    const made = created(r, pattern);
    if (made.length === 0) return `no new archive matching ${pattern} was made`;
    for (const rel of made) {
      const inside = archiveNames(resolve(r.cwd, rel)).map((n) => basename(n.replace(/\/$/, '')));
      const extra = names.filter((n) => inside.includes(n));
      if (extra.length > 0) return `the new archive ${rel} also holds ${extra.join(', ')}`;
    }
    return true;
  };

/** Running this file (relative to cwd) with `interpreter` prints the text: a program written as asked. */
export const printsWhenRun =
  (interpreter: string, path: string, text: string): Check =>
  (r) => {
    if (!r.exists(path)) return `${path} is not there`;
    const printed = probe(interpreter, resolve(r.cwd, path));
    return printed.includes(text) || `${interpreter} ${path} prints '${printed.slice(0, 60)}', not '${text}'`;
  };
