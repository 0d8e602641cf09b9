/**
 * The package tool, for npm (the project in the current directory) and apt (the system):
 * search, info and list (risk 0), install (risk 2) and remove (risk 3), always confirmed.
 * npm changes save package.json and package-lock.json first and record how to reverse the
 * install or removal; apt changes need root and are refused otherwise with what to run.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { action, type ToolContext, type ToolDef, ToolError } from '../types.ts';

const Manager = z
  .enum(['npm', 'apt'])
  .optional()
  .describe('Default: npm when package.json is here, else apt');
const PackageName = z
  .string()
  .min(1)
  .max(214)
  .regex(
    /^(?:(@[a-z0-9._~-]+\/)?[a-z0-9._~+-]+(@[\w.^~<>=*|+ -]+)?|(?:\.{1,2}\/|file:)[\w./@+-]+)$/i,
    'a package name (optionally with @version) or a local path like ./lib',
  );

/** Local package paths must lie inside the allowed roots like any other path. */
function checkLocal(names: string[], ctx: ToolContext): void {
  for (const n of names) if (/^(\.{1,2}\/|file:)/.test(n)) ctx.paths.resolve(n.replace(/^file:/, ''));
}

type Mgr = 'npm' | 'apt';

// biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax
const DPKG_VERSION = '-f=${Version}';
// biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax
const DPKG_LIST = '-f=${Package}\t${Version}\n';

function managerOf(a: { manager?: Mgr }, ctx: ToolContext): Mgr {
  return a.manager ?? (existsSync(join(ctx.cwd, 'package.json')) ? 'npm' : 'apt');
}

async function run(ctx: ToolContext, command: string, args: string[], timeoutMs = 120_000): Promise<string> {
  const r = await ctx.exec(command, args, {
    timeoutMs,
    env: { ...process.env, npm_config_update_notifier: 'false', DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.missing) throw new ToolError(`${command} is not installed here`);
  if (r.timedOut) throw new ToolError(`${command} ${args[0]} took longer than ${timeoutMs / 1000} s`);
  if (r.code !== 0) {
    const why = (r.stderr || r.stdout)
      .trim()
      .split('\n')
      .filter((l) => !/^npm (warn|notice)/i.test(l))
      .slice(-2)
      .join(' ');
    throw new ToolError(`${command} ${args[0]} failed: ${why || `exit code ${r.code}`}`);
  }
  return r.stdout;
}

function needRoot(what: string): void {
  if (process.getuid?.() !== 0)
    throw new ToolError(
      `${what} system packages needs root; run it yourself with sudo (apt is not run with sudo from here)`,
    );
}

const SearchArgs = z
  .object({
    query: z.string().min(1).max(200),
    manager: Manager,
    limit: z.number().int().min(1).max(100).default(10),
  })
  .strict();

const search = action<z.infer<typeof SearchArgs>>({
  tool: 'package',
  action: 'search',
  summary: 'Search the npm registry or the apt package lists',
  args: SearchArgs,
  risk: 0,
  preview: async (a, ctx) => ({
    summary: `search ${managerOf(a, ctx)} for '${a.query}'`,
    paths: [],
    bytes: 0,
  }),
  run: async (a, ctx) => {
    const m = managerOf(a, ctx);
    if (m === 'npm') {
      const out = await run(ctx, 'npm', ['search', '--json', `--searchlimit=${a.limit}`, a.query], 30_000);
      const list = JSON.parse(out || '[]') as { name: string; version: string; description?: string }[];
      return {
        manager: m,
        results: list
          .slice(0, a.limit)
          .map((p) => ({ name: p.name, version: p.version, description: p.description ?? '' })),
      };
    }
    const out = await run(ctx, 'apt-cache', ['search', '--names-only', a.query]);
    const results = out
      .split('\n')
      .filter(Boolean)
      .slice(0, a.limit)
      .map((l) => ({ name: l.split(' - ')[0], description: l.split(' - ').slice(1).join(' - ') }));
    return { manager: m, results };
  },
});

const InfoArgs = z.object({ name: PackageName, manager: Manager }).strict();

const info = action<z.infer<typeof InfoArgs>>({
  tool: 'package',
  action: 'info',
  summary: 'Version, description and whether a package is installed',
  args: InfoArgs,
  risk: 0,
  preview: async (a, ctx) => ({
    summary: `look up ${managerOf(a, ctx)} package ${a.name}`,
    paths: [],
    bytes: 0,
  }),
  run: async (a, ctx) => {
    const m = managerOf(a, ctx);
    if (m === 'npm') {
      const local = installedNpm(ctx)[a.name];
      const out = await ctx.exec(
        'npm',
        ['view', '--json', a.name, 'name', 'version', 'description', 'license', 'homepage'],
        { timeoutMs: 30_000 },
      );
      if (out.code !== 0) {
        if (local) return { manager: m, name: a.name, installed: local, version: local };
        throw new ToolError(`npm has no package '${a.name}' (or the registry cannot be reached)`);
      }
      const v = JSON.parse(out.stdout) as Record<string, string>;
      return {
        manager: m,
        name: v.name,
        version: v.version,
        description: v.description ?? '',
        license: v.license ?? '',
        installed: local ?? null,
      };
    }
    const r = await ctx.exec('apt-cache', ['show', '--no-all-versions', a.name], { timeoutMs: 30_000 });
    if (r.missing) throw new ToolError('apt-cache is not installed here');
    if (r.code !== 0 || r.stdout.trim() === '') throw new ToolError(`apt knows no package '${a.name}'`);
    const field = (k: string) => new RegExp(`^${k}: (.*)$`, 'm').exec(r.stdout)?.[1] ?? '';
    const q = await ctx.exec('dpkg-query', ['-W', DPKG_VERSION, a.name]);
    return {
      manager: m,
      name: a.name,
      version: field('Version'),
      description: field('Description(?:-en)?'),
      installed: q.code === 0 && q.stdout !== '' ? q.stdout : null,
    };
  },
});

function installedVersion(ctx: ToolContext, name: string): string | undefined {
  try {
    const file = join(ctx.cwd, 'node_modules', name, 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}

function installedNpm(ctx: ToolContext): Record<string, string> {
  const pkg = join(ctx.cwd, 'package.json');
  if (!existsSync(pkg)) return {};
  try {
    const json = JSON.parse(readFileSync(pkg, 'utf8')) as Record<string, Record<string, string>>;
    return { ...json.devDependencies, ...json.dependencies };
  } catch {
    throw new ToolError(`${pkg} is not valid JSON`);
  }
}

const ListArgs = z.object({ manager: Manager }).strict();

const list = action<z.infer<typeof ListArgs>>({
  tool: 'package',
  action: 'list',
  summary: 'Installed packages: the project’s npm dependencies, or the system’s apt packages',
  args: ListArgs,
  risk: 0,
  preview: async (a, ctx) => ({ summary: `list ${managerOf(a, ctx)} packages`, paths: [], bytes: 0 }),
  run: async (a, ctx) => {
    const m = managerOf(a, ctx);
    if (m === 'npm') {
      const deps = installedNpm(ctx);
      const packages = Object.entries(deps).map(([name, wanted]) => {
        let version = wanted;
        try {
          version = (
            JSON.parse(readFileSync(join(ctx.cwd, 'node_modules', name, 'package.json'), 'utf8')) as {
              version: string;
            }
          ).version;
        } catch {
          // declared but not installed: show the range
        }
        return { name, version };
      });
      return { manager: m, packages, total: packages.length };
    }
    const out = await run(ctx, 'dpkg-query', ['-W', DPKG_LIST]);
    const packages = out
      .split('\n')
      .filter(Boolean)
      .map((l) => ({ name: l.split('\t')[0], version: l.split('\t')[1] }));
    return { manager: m, packages, total: packages.length };
  },
});

const ChangeArgs = z
  .object({
    names: z.array(PackageName).min(1).max(50),
    manager: Manager,
    dev: z.boolean().default(false).describe('npm: a development dependency'),
  })
  .strict();
type ChangeArgs = z.infer<typeof ChangeArgs>;

function saveManifests(ctx: ToolContext): void {
  for (const f of ['package.json', 'package-lock.json']) {
    const p = join(ctx.cwd, f);
    if (existsSync(p)) ctx.journal?.save(p);
  }
}

const install = action<ChangeArgs>({
  tool: 'package',
  action: 'install',
  summary: 'Install packages (npm into this project; apt needs root)',
  args: ChangeArgs,
  risk: 2,
  preview: async (a, ctx) => {
    const m = managerOf(a, ctx);
    checkLocal(a.names, ctx);
    const paths = m === 'npm' ? [join(ctx.cwd, 'package.json'), join(ctx.cwd, 'node_modules')] : [];
    return {
      summary: `${m} install ${a.names.join(' ')}`,
      paths,
      bytes: 0,
      target: `${m}:${a.names.join(',')}`,
    };
  },
  run: async (a, ctx) => {
    const m = managerOf(a, ctx);
    if (m === 'apt') {
      needRoot('Installing');
      await run(ctx, 'apt-get', ['install', '-y', ...a.names], 600_000);
      ctx.journal?.tool('package', 'apt-remove', { names: a.names.map((n) => n.split('=')[0]) });
      return { manager: m, installed: a.names };
    }
    ctx.paths.resolve(join(ctx.cwd, 'package.json'));
    saveManifests(ctx);
    const lockCreated = !existsSync(join(ctx.cwd, 'package-lock.json'));
    const before = installedNpm(ctx);
    await run(
      ctx,
      'npm',
      ['install', '--no-audit', '--no-fund', ...(a.dev ? ['--save-dev'] : []), ...a.names],
      600_000,
    );
    const after = installedNpm(ctx);
    const added = Object.keys(after).filter((n) => !(n in before));
    ctx.journal?.tool('package', 'npm-uninstall', { cwd: ctx.cwd, names: added, lockCreated });
    return { manager: m, installed: a.names, added };
  },
});

const remove = action<ChangeArgs>({
  tool: 'package',
  action: 'remove',
  summary: 'Remove packages (undo installs the same versions again)',
  args: ChangeArgs,
  risk: 3,
  preview: async (a, ctx) => {
    const m = managerOf(a, ctx);
    if (m === 'npm') {
      const have = installedNpm(ctx);
      const missing = a.names.filter((n) => !(n in have));
      if (missing.length > 0) throw new ToolError(`This project does not depend on ${missing.join(', ')}`);
    }
    return {
      summary: `${m} remove ${a.names.join(' ')}`,
      paths: m === 'npm' ? [join(ctx.cwd, 'package.json')] : [],
      bytes: 0,
      target: `${m}:${a.names.join(',')}`,
    };
  },
  run: async (a, ctx) => {
    const m = managerOf(a, ctx);
    if (m === 'apt') {
      needRoot('Removing');
      const versions: Record<string, string> = {};
      for (const n of a.names) {
        const q = await ctx.exec('dpkg-query', ['-W', DPKG_VERSION, n]);
        if (q.code === 0) versions[n] = q.stdout;
      }
      await run(ctx, 'apt-get', ['remove', '-y', ...a.names], 600_000);
      ctx.journal?.tool('package', 'apt-install', { versions });
      return { manager: m, removed: a.names };
    }
    saveManifests(ctx);
    const versions: Record<string, string> = {};
    const declared = installedNpm(ctx);
    for (const n of a.names) {
      // A local or git dependency is reinstalled from where it came; a registry one at its exact version.
      if (/^(file:|link:|git|https?:|\.|\/)/.test(declared[n] ?? '')) versions[n] = declared[n];
      else versions[n] = installedVersion(ctx, n) ?? declared[n];
    }
    await run(ctx, 'npm', ['uninstall', '--no-audit', '--no-fund', ...a.names], 600_000);
    ctx.journal?.tool('package', 'npm-reinstall', { cwd: ctx.cwd, versions, dev: a.dev });
    return { manager: m, removed: a.names, versions };
  },
});

export const packageTool: ToolDef = {
  name: 'package',
  summary: 'Software packages (npm, apt)',
  actions: [search, info, list, install, remove],
  async undo(op, data, ctx) {
    const cwd = String(data.cwd ?? ctx.cwd);
    const here = { ...ctx, exec: (c: string, a: string[], o = {}) => ctx.exec(c, a, { ...o, cwd }) };
    switch (op) {
      case 'npm-uninstall': {
        const names = data.names as string[];
        if (names.length > 0)
          await run(here, 'npm', ['uninstall', '--no-audit', '--no-fund', ...names], 600_000);
        // npm wrote a lock file the project did not have: it goes with the install.
        if (data.lockCreated === true) rmSync(join(cwd, 'package-lock.json'), { force: true });
        return `npm: removed ${names.join(', ') || 'nothing new'}`;
      }
      case 'npm-reinstall': {
        const specs = Object.entries(data.versions as Record<string, string>).map(([n, v]) => `${n}@${v}`);
        await run(
          here,
          'npm',
          ['install', '--no-audit', '--no-fund', ...(data.dev ? ['--save-dev'] : []), ...specs],
          600_000,
        );
        return `npm: installed ${specs.join(', ')} again`;
      }
      case 'apt-remove':
        needRoot('Removing');
        await run(ctx, 'apt-get', ['remove', '-y', ...(data.names as string[])], 600_000);
        return `apt: removed ${(data.names as string[]).join(', ')}`;
      case 'apt-install': {
        needRoot('Installing');
        const specs = Object.entries(data.versions as Record<string, string>).map(([n, v]) => `${n}=${v}`);
        await run(ctx, 'apt-get', ['install', '-y', ...specs], 600_000);
        return `apt: installed ${specs.join(', ')} again`;
      }
      default:
        throw new ToolError(`Unknown package undo '${op}'`);
    }
  },
};
