/**
 * Offline rules for git, packages, services, the network and, last of all, the shell.
 */
import { capture, has, restore, type Utterance } from '../parse.ts';
import { named, type Rule, type RuleContext } from '../rule.ts';

// ---- git

function gitRule(
  id: string,
  examples: string[],
  score: (u: Utterance, c: RuleContext) => number,
  build: Rule['build'],
): Rule {
  return { id, examples, score, build };
}

const gitStatus = gitRule(
  'git.status',
  ['git status', 'what has changed in the repo', 'do i have uncommitted changes'],
  (u, c) => {
    if (
      has(
        u,
        /\bgit status\b|\bstatus of (?:the |this )?(?:repo|repository)\b|\buncommitted\b|\bunstaged\b|\bworking tree\b|\bwhat (?:files )?(?:have|has) (?:i )?changed\b|\bis the repo clean\b/,
      )
    )
      return has(u, /\bdiff\b/) ? 5 : 9;
    if (has(u, /\b(?:modified|changed) files\b/) && c.inGitRepo()) return 7;
    return 0;
  },
  () => ({
    goal: 'Show git status',
    drafts: [{ tool: 'git', action: 'status', args: {}, why: 'branch and changed files' }],
  }),
);

const gitLog = gitRule(
  'git.log',
  ['show the last 5 commits', 'git log', 'commit history of notes.txt'],
  (u) =>
    has(u, /\bgit log\b|\bcommits?\b|\bcommit history\b|\bgit history\b/) &&
    !has(u, /^(?:please )?commit\b|\bcommit (?:everything|all|it|them|the|my|with|as)\b/)
      ? 9
      : 0,
  (u) => {
    const args: Record<string, unknown> = { limit: u.count ?? 10 };
    if (u.files.length > 0) args.file = u.files[0];
    return {
      goal: 'Show recent commits',
      drafts: [{ tool: 'git', action: 'log', args, why: 'recent commits' }],
    };
  },
);

const gitDiff = gitRule(
  'git.diff',
  ['show the diff', 'what did i change in app.js', 'show staged changes'],
  (u, c) => {
    if (has(u, /\bdiff\b/)) return 9;
    if (
      has(
        u,
        /\bwhat did i change\b|\bshow (?:me )?(?:the |my )?(?:staged |unstaged )?changes\b|\bchanges (?:to|in) _f\d+_/,
      ) &&
      c.inGitRepo()
    )
      return 8;
    return 0;
  },
  (u) => {
    const args: Record<string, unknown> = {};
    if (u.files.length > 0) args.file = u.files[0];
    if (has(u, /\bstaged\b|\bcached\b/)) args.staged = true;
    return {
      goal: 'Show changes',
      drafts: [{ tool: 'git', action: 'diff', args, why: 'uncommitted changes' }],
    };
  },
);

const gitAdd = gitRule(
  'git.add',
  ['stage all changes', 'git add notes.txt', 'add everything to git'],
  (u) => {
    if (has(u, /\bgit add\b|\bstage\b|\bunstaged\b.*\badd\b/)) return 9;
    if (has(u, /\badd\b/) && has(u, /\b(?:to git|to the index|to the repo|to staging)\b/)) return 9;
    return 0;
  },
  (u, c) => {
    const files = named(u, c).paths;
    const all = files.length === 0 || has(u, /\b(?:all|everything|every change)\b/);
    return {
      goal: 'Stage changes',
      drafts: [
        { tool: 'git', action: 'add', args: all ? { all: true } : { paths: files }, why: 'stage for commit' },
      ],
    };
  },
);

const gitCommit = gitRule(
  'git.commit',
  ["commit with message 'fix typo'", "commit everything as 'wip'"],
  (u) =>
    has(
      u,
      /^(?:(?:please|now|and|then|also)\s+)*commit\b|\bgit commit\b|\bcommit (?:everything|all|it|them|my changes|the changes|with|as)\b|\bmake a commit\b/,
    )
      ? 9
      : 0,
  (u) => {
    const message =
      (u.quoted[0] !== undefined ? u.quoted[0] : undefined) ??
      (() => {
        const m = capture(u, /\b(?:message|saying|as|with|msg)\s+(.+)$/);
        return m ? restore(u, m) : undefined;
      })();
    if (!message)
      return { clarify: "What is the commit message? For example: commit with message 'fix typo'" };
    const all = has(u, /\b(?:everything|all|every change|all changes|all files)\b/);
    return {
      goal: `Commit "${message}"`,
      drafts: [
        {
          tool: 'git',
          action: 'commit',
          args: { message, ...(all ? { all: true } : {}) },
          why: 'record a commit',
        },
      ],
    };
  },
);

const gitBranch = gitRule(
  'git.branch',
  ['create a branch called feature', 'list branches', 'what branch am i on', 'delete the branch old-stuff'],
  (u) =>
    has(u, /\bbranch(?:es)?\b/) && !has(u, /\b(?:switch|checkout|check out|change to|go to)\b/) ? 9 : 0,
  (u) => {
    const name =
      u.quoted[0] ??
      capture(u, /\bbranch(?:\s+(?:called|named))?\s+([\w./-]+)/) ??
      capture(u, /\b(?:called|named)\s+([\w./-]+)/);
    const clean =
      name && !['called', 'named', 'am', 'is', 'i', 'list', 'and'].includes(name) ? name : undefined;
    if (has(u, /\b(?:delete|remove|drop)\b/)) {
      if (!clean) return { clarify: 'Delete which branch? For example: delete the branch old-stuff' };
      return {
        goal: `Delete branch ${clean}`,
        drafts: [{ tool: 'git', action: 'branch', args: { delete: clean }, why: 'delete the branch' }],
      };
    }
    if (has(u, /\b(?:create|new|make|start|add)\b/) && clean) {
      return {
        goal: `Create branch ${clean}`,
        drafts: [{ tool: 'git', action: 'branch', args: { name: clean }, why: 'create the branch' }],
      };
    }
    return { goal: 'List branches', drafts: [{ tool: 'git', action: 'branch', args: {}, why: 'branches' }] };
  },
);

const gitCheckout = gitRule(
  'git.checkout',
  ['switch to branch main', 'checkout develop', 'create and switch to a new branch called fix'],
  (u) =>
    has(
      u,
      /\b(?:checkout|check out|switch to|switch branches?|change to branch|go to branch|go back to (?:branch )?(?:main|master))\b/,
    )
      ? 9
      : 0,
  (u) => {
    const branch =
      u.quoted[0] ??
      capture(u, /\b(?:called|named)\s+([\w./-]+)/) ??
      capture(
        u,
        /\b(?:branch|checkout|check out|switch to|to)\s+(?:a\s+)?(?:the\s+)?(?:new\s+)?(?:branch\s+)?([\w./-]+)/,
      );
    if (!branch || ['a', 'the', 'branch', 'new'].includes(branch))
      return { clarify: 'Switch to which branch? For example: switch to branch main' };
    const create = has(u, /\b(?:new|create)\b/);
    return {
      goal: `Switch to ${branch}`,
      drafts: [
        {
          tool: 'git',
          action: 'checkout',
          args: { branch, ...(create ? { create: true } : {}) },
          why: 'switch branch',
        },
      ],
    };
  },
);

const gitStash = gitRule(
  'git.stash',
  ['stash my changes', 'pop the stash', 'list stashes'],
  (u) => (has(u, /\bstash(?:ed|es)?\b/) ? 9 : 0),
  (u) => {
    const op = has(u, /\b(?:pop|apply|restore|bring back|unstash|get back)\b/)
      ? 'pop'
      : has(u, /\b(?:list|show|what)\b/)
        ? 'list'
        : 'push';
    const args: Record<string, unknown> = { op };
    if (op === 'push' && u.quoted[0]) args.message = u.quoted[0];
    return { goal: `git stash ${op}`, drafts: [{ tool: 'git', action: 'stash', args, why: `stash ${op}` }] };
  },
);

// ---- packages

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
        ].includes(w.toLowerCase()),
    );
}

const pkgInstall: Rule = {
  id: 'package.install',
  examples: ['install left-pad', 'npm install lodash', 'add express as a dependency'],
  score: (u) =>
    has(u, /\binstall\b/) && !has(u, /\buninstall\b|\binstalled\b/)
      ? 9
      : has(u, /\badd\b.*\bas a (?:dev )?dependency\b/)
        ? 9
        : 0,
  build(u) {
    const names = packageNames(u, /\b(?:install|add)/);
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
    if (has(u, /\b(?:package|packages|dependency|npm|apt|library|module)\b/)) return 9;
    // "remove left-pad" where left-pad is a dependency here and not a file
    const words = u.text.split(' ');
    return c.dependencies().some((d) => words.includes(d.toLowerCase()) && !c.exists(d)) ? 9 : 0;
  },
  build(u) {
    const names = packageNames(u, /\b(?:uninstall|remove|delete|drop|get rid of)/);
    if (names.length === 0) return { clarify: 'Remove which package? For example: uninstall left-pad' };
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
  score: (u) =>
    has(
      u,
      /\binstalled (?:packages|software|programs)\b|\b(?:list|show|what|which)\b.*\b(?:packages|dependencies|deps)\b|\bnpm ls\b|\bdpkg -l\b/,
    ) && !has(u, /\b(?:search|find a|for)\b/)
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

const pkgInfo: Rule = {
  id: 'package.info',
  examples: ['info about the package curl', 'what version of git is installed', 'npm info lodash'],
  score: (u) =>
    has(
      u,
      /\b(?:npm (?:info|view|show)|apt(?:-cache)? show|package info|info (?:about|on) (?:the )?(?:npm |apt )?package|what version of [\w.-]+ is installed|which version of [\w.-]+|describe (?:the )?package)\b/,
    )
      ? 9
      : 0,
  build(u) {
    const name =
      u.quoted[0] ??
      capture(u, /\bpackage\s+([@\w./-]+)/) ??
      capture(u, /\bversion of\s+([@\w./-]+)/) ??
      capture(u, /\b(?:info|view|show|about)\s+(?:the\s+)?(?:npm\s+|apt\s+)?(?:package\s+)?([@\w./-]+)/);
    if (!name || ['the', 'package'].includes(name))
      return { clarify: 'Which package? For example: info about the package curl' };
    const m = manager(u) ?? (has(u, /\binstalled\b/) && !has(u, /\bnpm\b/) ? 'apt' : undefined);
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

// ---- services

function serviceName(u: Utterance): string | undefined {
  const n =
    u.quoted[0] ??
    capture(
      u,
      /\b(?:start|stop|restart|reload|status of|enable|disable)\s+(?:the\s+)?([\w@.:-]+)(?:\s+(?:service|daemon|server))?/,
    ) ??
    capture(u, /\b(?:is|are)\s+(?:the\s+)?([\w@.:-]+)\s+service\b/) ??
    capture(u, /\b([\w@.:-]+)\s+(?:service|daemon)\b/);
  return n && !['the', 'a', 'service', 'services'].includes(n) ? restore(u, n) : undefined;
}

function serviceRule(action: 'status' | 'start' | 'stop' | 'restart'): Rule {
  const cue =
    action === 'status'
      ? /\b(?:status of|is the [\w@.:-]+ service|service status|[\w@.:-]+ service (?:status|running))\b|\bsystemctl status\b/
      : new RegExp(`\\b(?:systemctl\\s+)?${action}\\b`);
  return {
    id: `service.${action}`,
    examples:
      action === 'status'
        ? ['status of the nginx service', 'is the ssh service running']
        : [`${action} nginx`, `${action} the cron service`],
    score(u, c) {
      if (!has(u, cue) || has(u, /\b(?:process|pid|branch|git|container)\b/)) return 0;
      if (action === 'start' && has(u, /\brestart\b/)) return 0;
      if (action === 'status') return has(u, /\b(?:service|daemon|systemctl)\b/) ? 9 : 0;
      if (!serviceName(u)) return 0;
      if (has(u, /\b(?:service|daemon|systemctl)\b/)) return 9;
      return action === 'stop' && !c.hasSystemd() ? 6 : 8;
    },
    build(u) {
      const name = serviceName(u);
      if (!name) return { clarify: `Which service? For example: ${action} nginx` };
      return {
        goal: `${action} ${name}`,
        drafts: [{ tool: 'service', action, args: { name }, why: `${action} the service` }],
      };
    },
  };
}

// ---- network

const netGet: Rule = {
  id: 'network.get',
  examples: [
    'fetch https://example.com',
    'download https://example.com/file.txt',
    'is https://example.com up',
  ],
  score(u) {
    if (u.urls.length === 0 && !(u.hosts.length > 0 && has(u, /\b(?:fetch|curl|download|http get)\b/)))
      return 0;
    if (has(u, /\b(?:resolve|dns|lookup|ip address|ip of)\b/)) return 0;
    return 9;
  },
  build(u) {
    const url = u.urls[0] ?? `https://${u.hosts[0]}`;
    const args: Record<string, unknown> = { url };
    if (has(u, /\bhead\b|\bheaders\b/)) args.method = 'HEAD';
    if (has(u, /\b(?:download|save|store)\b/)) {
      const to = capture(u, /\b(?:to|as|into)\s+(_f\d+_|[\w.-]+\.\w+)/);
      const name = to
        ? restore(u, to)
        : (new URL(url).pathname.split('/').filter(Boolean).pop() ?? 'download');
      args.save = name || 'download';
    }
    return {
      goal: args.save ? `Download ${url}` : `Fetch ${url}`,
      drafts: [{ tool: 'network', action: 'get', args, why: args.save ? 'download' : 'HTTP request' }],
    };
  },
};

const netDns: Rule = {
  id: 'network.dns',
  examples: ['resolve example.com', 'what is the ip address of localhost', 'dns lookup for example.org'],
  score(u) {
    if (
      !has(
        u,
        /\b(?:resolve|dns|nslookup|dig|lookup|look up|ip(?: address)? of|ip for|address of|mx records?)\b/,
      )
    )
      return 0;
    return u.hosts.length > 0 || has(u, /\blocalhost\b/) || u.urls.length > 0 ? 9 : 0;
  },
  build(u) {
    const host = u.hosts[0] ?? (u.urls[0] ? new URL(u.urls[0]).hostname : 'localhost');
    const type = has(u, /\bmx\b/)
      ? 'MX'
      : has(u, /\btxt\b/)
        ? 'TXT'
        : has(u, /\bns records?|name servers?\b/)
          ? 'NS'
          : has(u, /\bipv6|aaaa\b/)
            ? 'AAAA'
            : undefined;
    return {
      goal: `Look up ${host}`,
      drafts: [
        { tool: 'network', action: 'dns', args: { host, ...(type ? { type } : {}) }, why: 'DNS lookup' },
      ],
    };
  },
};

const netPorts: Rule = {
  id: 'network.ports',
  examples: ['which ports are open', 'what is listening on port 8080', 'is port 3000 in use'],
  score: (u) =>
    has(u, /\bports?\b|\blistening\b|\bnetstat\b|\bss -\w+/) &&
    !has(u, /\bexport|import|passport|report|support\b/)
      ? 9
      : 0,
  build(u) {
    const port = capture(u, /\bport\s+(\d{1,5})\b/);
    return {
      goal: port ? `Check port ${port}` : 'List listening ports',
      drafts: [
        {
          tool: 'network',
          action: 'ports',
          args: port ? { port: Number(port) } : {},
          why: 'listening sockets',
        },
      ],
    };
  },
};

// ---- shell: only an explicit command, and only when no tool matches it better

const shellRun: Rule = {
  id: 'shell.run',
  examples: ["run 'make test'", 'execute the command npm test', 'run `ls -la /tmp`'],
  score(u) {
    if (
      has(
        u,
        /^(?:(?:please|now|and|then)\s+)*(?:run|execute|exec)\b|\b(?:run|execute) the command\b|\bin the shell\b|\bshell command\b/,
      )
    )
      return 7;
    return 0;
  },
  build(u) {
    const command =
      u.quoted[0] ??
      (() => {
        const rest = capture(u, /\b(?:run|execute|exec)\s+(?:the\s+)?(?:shell\s+)?(?:command\s+)?(.+)$/);
        return rest ? restore(u, rest) : undefined;
      })();
    if (!command) return { clarify: "Run which command? Quote it, for example: run 'make test'" };
    return {
      goal: `Run ${command}`,
      drafts: [{ tool: 'shell', action: 'run', args: { command }, why: 'no tool fits; run the command' }],
    };
  },
};

export const gitRules: Rule[] = [
  gitCommit,
  gitStash,
  gitCheckout,
  gitBranch,
  gitAdd,
  gitDiff,
  gitLog,
  gitStatus,
];
export const packageRules: Rule[] = [pkgRemove, pkgInstall, pkgInfo, pkgSearch, pkgList];
export const serviceRules: Rule[] = [
  serviceRule('restart'),
  serviceRule('start'),
  serviceRule('stop'),
  serviceRule('status'),
];
export const networkRules: Rule[] = [netGet, netDns, netPorts];
export const shellRules: Rule[] = [shellRun];
