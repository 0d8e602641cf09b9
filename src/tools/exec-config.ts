/**
 * Files that decide what programs run: a repository's .git/config and hooks, shell startup
 * files, ~/.ssh, .npmrc, .env, crontabs, systemd units, directories on PATH, and the like.
 * Changing one is as strong as running a command (append a line to .git/config, and the
 * next read-only "git status" runs it; add one to .bashrc, and the next login does), so any
 * step that changes such a path — write, append, copy or move onto it, move it away, replace
 * text in it, extract into it, delete it — is risk 3 and needs a yes, whatever its action.
 * This is decided here, once, from the paths an action's preview names, so a new action
 * cannot forget it.
 *
 * @example
 * const preview = await previewAction(def, args, ctx); // risk 3 if it writes ~/.bashrc
 */
import { basename, isAbsolute, relative, sep } from 'node:path';
import { inside, realLocation } from './roots.ts';
import type { ActionDef, Preview, ToolContext } from './types.ts';

/** Names that configure execution wherever they are (a project's .envrc, a repo's .gitattributes). */
const NAMES = new Set([
  '.bashrc',
  '.bash_profile',
  '.bash_login',
  '.bash_logout',
  '.bash_aliases',
  '.profile',
  '.login',
  '.logout',
  '.zshrc',
  '.zshenv',
  '.zprofile',
  '.zlogin',
  '.zlogout',
  '.cshrc',
  '.tcshrc',
  '.kshrc',
  '.mkshrc',
  '.xprofile',
  '.xinitrc',
  '.xsession',
  '.xsessionrc',
  '.pam_environment',
  '.npmrc',
  '.yarnrc',
  '.yarnrc.yml',
  '.envrc',
  '.env',
  '.gitattributes',
  '.gitmodules',
  '.gitconfig',
  '.git-credentials',
  '.netrc',
  '.hgrc',
  '.vimrc',
  '.gvimrc',
  '.exrc',
  '.nvimrc',
  '.gdbinit',
  '.lldbinit',
  '.tmux.conf',
  '.screenrc',
  '.wgetrc',
  '.curlrc',
  '.pypirc',
  '.pre-commit-config.yaml',
  'crontab',
]);

/** Directory names whose whole content configures execution, wherever they are. */
const DIRS = new Set(['.git', '.hg', '.husky', '.ssh', '.gnupg', '.vscode']);

/** Locations under HOME whose content configures execution (user units, autostart, PATH). */
const HOME_PLACES = [
  '.config/git',
  '.config/systemd',
  '.config/autostart',
  '.config/environment.d',
  '.config/fish',
  '.config/nvim',
  '.config/direnv',
  '.config/pip',
  '.local/share/systemd',
  '.local/bin',
  // Python's user site: a .pth file there runs at every Python start.
  '.local/lib',
  'bin',
  '.cargo/config',
  '.cargo/config.toml',
  '.cargo/bin',
  '.docker',
  '.kube',
  '.aws',
];

/** Host locations that configure execution (only reachable when a root includes them). */
const HOST_PLACES = [
  '/etc',
  '/var/spool/cron',
  '/usr/lib/systemd',
  '/lib/systemd',
  '/usr/local/bin',
  '/usr/local/sbin',
];

/**
 * Why changing `abs` changes what programs run (the file or place that does), or undefined.
 * A directory in HOME that holds such a place counts too: moving ~/.config away moves
 * ~/.config/git (HOME itself is a root, which no action changes as a whole).
 */
export function configuresExecution(abs: string, home: string): string | undefined {
  const homes = [...new Set([home, realLocation(home)])];
  for (const p of [abs, realLocation(abs)]) {
    const parts = p.split(sep).filter(Boolean);
    const name = basename(p);
    if (NAMES.has(name) || name.startsWith('.env.')) return name;
    const dir = parts.find((part) => DIRS.has(part));
    if (dir) return dir;
    for (const h of homes) {
      const below = p !== h && inside(p, h);
      for (const place of HOME_PLACES.map((rel) => `${h}${sep}${rel}`)) {
        if (inside(p, place) || (below && inside(place, p))) return display(place, h);
      }
    }
    for (const place of HOST_PLACES) if (inside(p, place)) return place;
  }
  return undefined;
}

/**
 * The preview of `args` for `def`, its risk raised to 3 when a step that changes anything
 * names a path that configures execution. Every preview Atlas shows or checks goes through here.
 */
export async function previewAction<A>(def: ActionDef<A>, args: A, ctx: ToolContext): Promise<Preview> {
  const preview = await def.preview(args, ctx);
  const changes = Math.max(def.risk, preview.risk ?? 0) >= 1;
  if (!changes || (preview.risk ?? 0) >= 3) return preview;
  for (const path of preview.paths) {
    const why = configuresExecution(path, ctx.home);
    if (why === undefined) continue;
    return {
      ...preview,
      risk: 3,
      summary: `${preview.summary} (${ctx.paths.display(path)}: ${why} decides what programs run)`,
    };
  }
  return preview;
}

function display(place: string, home: string): string {
  const rel = relative(home, place);
  return rel.startsWith('..') || isAbsolute(rel) ? place : `~/${rel}`;
}
