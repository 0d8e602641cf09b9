/**
 * Offline rules for the package tool (npm, apt): install, remove, info, search, list.
 */
import { capture, has, restore, type Utterance } from '../parse.ts';
import type { Rule, RuleContext } from '../rule.ts';

function manager(u: Utterance): 'npm' | 'apt' | undefined {
  if (has(u, /\b(?:npm|node|javascript|js)\b/)) return 'npm';
  if (has(u, /\b(?:apt|apt-get|debian|dpkg|system packages?)\b/)) return 'apt';
  return undefined;
}

function packageNames(u: Utterance, verb: RegExp): string[] {
  const after = capture(
    u,
    new RegExp(
      `${verb.source}\\s+(?:the\\s+)?(?:npm\\s+|apt\\s+|node\\s+)?(?:packages?\\s+|dependency\\s+|library\\s+|module\\s+)?([@\\w./^~=+-]+(?:(?:\\s*,\\s*|\\s+and\\s+|\\s+)[@\\w./^~=+-]+)*)`,
    ),
  );
  if (!after) return u.files.filter((f) => f.startsWith('./') || f.startsWith('../'));
  return restore(u, after)
    .split(/\s*,\s*|\s+and\s+|\s+/)
    .filter(
      (w) =>
        w &&
        ![
          'with',
          'using',
          'npm',
          'apt',
          'package',
          'packages',
          'please',
          'from',
          'via',
          'globally',
          'here',
          'the',
          'as',
          'a',
          'dev',
          'dependency',
          'to',
          'this',
          'project',
          'dependencies',
          'deps',
          'devdependencies',
        ].includes(w.toLowerCase()),
    );
}

const pkgInstall: Rule = {
  id: 'package.install',
  examples: ['install left-pad', 'npm install lodash', 'add express as a dependency'],
  score: (u) =>
    has(u, /\b(?:search|grep|look for)\b/) && !has(u, /\b(?:package|packages|npm|apt)\b/)
      ? 0 // "search the docs for install" looks for a word
      : (has(u, /\binstall\b/) || has(u, /^npm (?:i|add)\b/)) && !has(u, /\buninstall\b|\binstalled\b/)
        ? 9
        : has(u, /\badd\b.*\bas a (?:dev )?dependency\b/)
          ? 9
          : 0,
  build(u, c) {
    // "install the local package in vendor/tiny-lib": a folder here is a local package
    const local = u.files.filter((f) => c.isDir(f) && has(u, /\b(?:local|from|in|at)\b/));
    const names =
      local.length > 0
        ? local.map((f) => (/^\.{0,2}\//.test(f) ? f : `./${f}`))
        : packageNames(u, /\b(?:install|add|npm i)/);
    if (names.length === 0) return { clarify: 'Install which package? For example: install left-pad' };
    const m = manager(u);
    const dev = has(u, /\bdev(?:elopment)? dependency\b|--save-dev|\bas dev\b/);
    return {
      goal: `Install ${names.join(', ')}`,
      drafts: [
        {
          tool: 'package',
          action: 'install',
          args: { names, ...(m ? { manager: m } : {}), ...(dev ? { dev: true } : {}) },
          why: 'install',
        },
      ],
    };
  },
};

const pkgRemove: Rule = {
  id: 'package.remove',
  examples: ['uninstall left-pad', 'remove the npm package lodash'],
  score(u, c) {
    if (has(u, /\buninstall\b/)) return 9;
    if (!has(u, /\b(?:remove|delete|drop|get rid of)\b/)) return 0;
    if (has(u, /\b(?:package|packages|dependency|dependencies|deps|npm|apt|library|module)\b/)) return 9;
    // "remove left-pad" where left-pad is a dependency here and not a file
    const words = u.text.split(' ');
    return c.dependencies().some((d) => words.includes(d.toLowerCase()) && !c.exists(d)) ? 9 : 0;
  },
  build(u) {
    const names = packageNames(u, /\b(?:uninstall|remove|delete|drop|get rid of)/);
    // "uninstall everything": a quantifier is not a package name
    if (
      names.length === 0 ||
      names.some((n) => /^(?:everything|all|anything|every|each|them|it|stuff|things)$/i.test(n))
    )
      return { clarify: 'Remove which package? For example: uninstall left-pad' };
    const m = manager(u);
    return {
      goal: `Remove ${names.join(', ')}`,
      drafts: [
        { tool: 'package', action: 'remove', args: { names, ...(m ? { manager: m } : {}) }, why: 'remove' },
      ],
    };
  },
};

const pkgList: Rule = {
  id: 'package.list',
  examples: ['list installed packages', 'what npm packages does this project use', 'show the dependencies'],
  score: (u, c) =>
    // "left-pad version": bare, only a dependency of the project here ("kernel version" is not)
    c.dependencies().includes(capture(u, BARE_VERSION) ?? '') ||
    asked(u, c) !== undefined ||
    (has(
      u,
      /\binstalled (?:packages|software|programs)\b|\b(?:list|show|what|which)\b.*\b(?:packages|dependencies|deps)\b|\bnpm ls\b|\bdpkg -l\b/,
    ) &&
      !has(u, /\b(?:search|find a|for)\b/))
      ? 8
      : 0,
  build(u) {
    const m = manager(u);
    return {
      goal: 'List installed packages',
      drafts: [{ tool: 'package', action: 'list', args: m ? { manager: m } : {}, why: 'installed packages' }],
    };
  },
};

/** "is tar installed", "do i have curl installed": whether a package is there, and its version. */
const INSTALLED =
  /\b(?:is|are|have|got)\s+(?:the\s+)?(?:package\s+|program\s+|tool\s+)?(?!it\b|that\b|this\b)([@\w.+-]+)\s+(?:package\s+|program\s+|tool\s+)?(?:already\s+)?installed\b/;

const BARE_VERSION = /^([@\w./-]+)\s+versions?\s*\??$/;

/** "what does left-pad do", "tell me about left-pad": a dependency of the project asked about. */
function asked(u: Utterance, c: RuleContext): string | undefined {
  if (!has(u, /^(?:what (?:does|is|are)|tell me (?:about|what)|describe|explain)\b/)) return undefined;
  return c
    .dependencies()
    .find((d) =>
      new RegExp(`(?:^|\\s)${d.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?=$|[\\s?])`).test(u.text),
    );
}

const pkgInfo: Rule = {
  id: 'package.info',
  examples: ['info about the package curl', 'what version of git is installed', 'npm info lodash'],
  score: (u, c) =>
    // "left-pad version": bare, only a dependency of the project here ("kernel version" is not)
    c.dependencies().includes(capture(u, BARE_VERSION) ?? '') ||
    asked(u, c) !== undefined ||
    has(
      u,
      /\b(?:npm (?:info|view|show)|apt(?:-cache)? show|package info|info (?:about|on) (?:the )?(?:npm |apt )?package|what version of [\w.-]+ is installed|(?:which|what) versions? of [@\w./-]+ (?:is installed|do (?:i|we) have|are we (?:on|using)|am i (?:on|using))|which version of [\w.-]+|describe (?:the )?package)\b/,
    ) ||
    INSTALLED.test(u.text)
      ? 9
      : 0,
  build(u, c) {
    const name =
      u.quoted[0] ??
      capture(u, INSTALLED) ??
      capture(u, BARE_VERSION) ??
      capture(
        u,
        /\bversion of\s+(?:the\s+)?(?:npm\s+|apt\s+)?(?:package\s+)?(?!the\b|package\b)([@\w./-]+)/,
      ) ??
      capture(u, /\bpackage\s+(?!is\b|are\b|was\b)([@\w./-]+)/) ??
      capture(u, /\b(?:info|view|show|about)\s+(?:the\s+)?(?:npm\s+|apt\s+)?(?:package\s+)?([@\w./-]+)/) ??
      asked(u, c);
    if (!name || ['the', 'package'].includes(name))
      return { clarify: 'Which package? For example: info about the package curl' };
    // A dependency of the project here is the npm package of that name, not the system's.
    const m =
      manager(u) ??
      (c.dependencies().includes(restore(u, name))
        ? 'npm'
        : has(u, /\binstalled\b/) && !has(u, /\bnpm\b/)
          ? 'apt'
          : undefined);
    return {
      goal: `About ${name}`,
      drafts: [
        {
          tool: 'package',
          action: 'info',
          args: { name: restore(u, name), ...(m ? { manager: m } : {}) },
          why: 'package details',
        },
      ],
    };
  },
};

const pkgSearch: Rule = {
  id: 'package.search',
  examples: ['search npm for csv parser', 'find a package for markdown', 'search apt for image viewers'],
  score: (u) =>
    has(u, /\b(?:search|find|look for|is there)\b/) &&
    has(u, /\b(?:npm|apt|package|packages|library|module)\b/) &&
    !has(u, /\binstalled\b/)
      ? 9
      : 0,
  build(u) {
    const q =
      u.quoted[0] ??
      capture(
        u,
        /\b(?:for|about)\s+(?:a\s+|an\s+)?(?:package\s+|library\s+|module\s+)?(?:for\s+|that\s+|to\s+)?(.+)$/,
      );
    if (!q) return { clarify: 'Search for what? For example: search npm for csv parser' };
    const m = manager(u);
    return {
      goal: `Search packages for '${q}'`,
      drafts: [
        {
          tool: 'package',
          action: 'search',
          args: { query: restore(u, q), ...(m ? { manager: m } : {}) },
          why: 'search packages',
        },
      ],
    };
  },
};

export const packageRules: Rule[] = [pkgRemove, pkgInstall, pkgInfo, pkgSearch, pkgList];
