/**
 * Offline rules for the git tool: status, log, diff, add, commit, branch, checkout, stash.
 */
import { capture, has, restore, type Utterance } from '../parse.ts';
import { named, type Rule, type RuleContext } from '../rule.ts';
import { gitHooks } from './git-hooks.ts';

function gitRule(
  id: string,
  examples: string[],
  score: (u: Utterance, c: RuleContext) => number,
  build: Rule['build'],
): Rule {
  return { id, examples, score, build };
}

const NOT_COMMITTED =
  /\b(?:is|are) (?:the |my |this |our )?(?:repo|repository|git repo|checkout|working directory|workspace|branch)(?: \w+)? (?:clean|dirty)\b|\b(?:anything|something|nothing|stuff|changes) (?:left )?(?:to commit|not (?:yet )?committed)\b|\b(?:is|was|has) everything (?:been )?committed\b|\bdid (?:i|we) commit everything\b|\bnot (?:yet )?(?:been )?committed\b|\bforg[eo]t to commit\b/;

const gitStatus = gitRule(
  'git.status',
  ['git status', 'what has changed in the repo', 'do i have uncommitted changes'],
  (u, c) => {
    // "delete the uncommitted files" is a change, never answered by a report
    if (has(u, /\b(?:delete|remove|rm|erase|trash|wipe|discard|get rid of|throw away)\b/)) return 0;
    // "is my repo clean", "anything left to commit?", "did i commit everything": a question
    // about what is not committed, never a commit nor the log
    if (has(u, NOT_COMMITTED)) return 11;
    if (
      has(
        u,
        /\bgit status\b|\bstatus of (?:the |this |my |our )?(?:repo|repository|git|project)\b|\buncommitted\b|\bunstaged\b|\bworking (?:tree|copy)\b|\bwhat (?:files )?(?:have|has) (?:i )?changed\b|\b(?:pending|local) changes\b/,
      )
    )
      return has(u, /\bdiff\b/) ? 5 : 9;
    if (has(u, /\b(?:modified|changed) files\b/) && c.inGitRepo()) return 7;
    // "which files aren't tracked by git", "the untracked files", "what does git not know about"
    if (
      has(
        u,
        /\buntracked\b|\bnot (?:yet )?(?:tracked|in git)\b|\bgit (?:does|do) not know\b|\bdoes git not know\b/,
      )
    )
      return 9;
    return 0;
  },
  () => ({
    goal: 'Show git status',
    drafts: [{ tool: 'git', action: 'status', args: {}, why: 'branch and changed files' }],
  }),
);

/** "how many commits", "count the commits", "the commit count": a number, not the log. */
function counting(u: Utterance): boolean {
  return has(
    u,
    /\bhow many (?:\w+ )?commits\b|\b(?:count|tally|total)(?: up)? (?:the |all |all the |my )?commits\b|\bcommit count\b|\b(?:number|amount) of commits\b/,
  );
}

const gitLog = gitRule(
  'git.log',
  ['show the last 5 commits', 'git log', 'commit history of notes.txt'],
  (u, c) =>
    // "who changed notes.txt last", "who edited the readme": the history answers
    (c.inGitRepo() &&
      has(u, /^who (?:last )?(?:changed|edited|modified|touched|wrote|committed|updated)\b/)) ||
    (has(u, /\bgit log\b|\bcommits?\b|\bcommit history\b|\bgit history\b/) &&
      !has(u, /^(?:please )?commit\b|\bcommit (?:everything|all|it|them|the|my|with|as)\b/))
      ? counting(u)
        ? 10
        : 9
      : 0,
  (u) => {
    if (counting(u)) {
      const args: Record<string, unknown> = { count: true };
      if (u.files.length > 0) args.file = u.files[0];
      return {
        goal: 'Count the commits',
        drafts: [{ tool: 'git', action: 'log', args, why: 'how many commits' }],
      };
    }
    // "the latest commit", "my last commit": one
    const one = has(
      u,
      /\b(?:latest|last|most recent|newest|previous) commit\b(?!s)|^who (?:last )?\w+ .*\blast$|^who last\b/,
    );
    const args: Record<string, unknown> = { limit: u.count ?? (one ? 1 : 10) };
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
    // "discard the changes in notes.txt" asks to undo them: never answered by showing them
    if (has(u, /\b(?:discard|throw away|throw out|get rid of|wipe|revert|undo|reset|remove|delete|drop)\b/))
      return 0;
    if (has(u, /\bdiff\b/)) return 9;
    // "what changed since the last commit": the changes not yet committed
    if (
      has(
        u,
        /\b(?:since|from|compared (?:to|with)|against)\s+(?:the |my |our )?(?:last|latest|previous) commit\b|\bsince head\b/,
      ) &&
      has(u, /\b(?:change[sd]?|different|differs?|difference|new)\b/)
    )
      return 10;
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
  (u, c) => {
    const message =
      (u.quoted[0] !== undefined ? u.quoted[0] : undefined) ??
      (() => {
        const m =
          capture(u, /\b(?:message|msg)\s+(?!is\b)(.+)$/) ?? capture(u, /\b(?:saying|as|with)\s+(.+)$/);
        return m ? restore(u, m) : undefined;
      })();
    if (!message)
      return { clarify: "What is the commit message? For example: commit with message 'fix typo'" };
    const all = has(u, /\b(?:everything|all|every change|all changes|all files)\b/);
    // "commit new.txt with message …": the files named are staged first, and only they go in.
    const files = u.files.filter((f) => c.exists(f));
    return {
      goal: `Commit "${message}"`,
      drafts: [
        ...(files.length > 0
          ? [{ tool: 'git', action: 'add', args: { paths: files }, why: 'stage the files named' }]
          : []),
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
    has(u, /\bbranch(?:es)?\b/) &&
    !has(
      u,
      /\b(?:switch|checkout|check out|change to|go to)\b|\b(?:hop|jump|move|get|go|change)\s+(?:me\s+|us\s+)?(?:over\s+|back\s+)?(?:on)?to\s+(?:the\s+)?[\w./-]+\s+branch\b/,
    )
      ? 9
      : 0,
  (u) => {
    const name =
      u.quoted[0] ??
      capture(u, /\bbranch(?:\s+(?:called|named))?\s+([\w./-]+)/) ??
      capture(u, /\b(?:called|named)\s+([\w./-]+)/) ??
      capture(u, /\b(?:delete|remove|drop)\s+(?:the\s+)?(?!a\b|the\b|new\b|current\b)([\w./-]+)\s+branch\b/);
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
      /\b(?:checkout|check out|switch (?:over |back )?to|switch branches?|change to branch|go to branch|go back to (?:branch )?(?:main|master))\b|\b(?:switch|change|hop|jump|move|go|get)\s+(?:me\s+|us\s+)?(?:over\s+|back\s+)?(?:on)?to\s+(?:the\s+)?[\w./-]+\s+branch\b/,
    )
      ? 9
      : 0,
  (u) => {
    const branch =
      u.quoted[0] ??
      capture(u, /\b(?:called|named)\s+([\w./-]+)/) ??
      capture(
        u,
        /\b(?:branch|checkout|check out|switch to|onto|to)\s+(?:a\s+)?(?:the\s+)?(?:new\s+)?(?:branch\s+)?([\w./-]+)/,
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
    // dropping or clearing a stash destroys the only copy of that work: there is no action for
    // it, and "drop the stash" must never stash again
    if (
      has(
        u,
        /\b(?:drop|clear|delete|remove|erase|discard|trash|wipe|purge|nuke|destroy|throw (?:away|out)|get rid of|rid of)\b(?!.*\b(?:pop|apply|restore)\b)/,
      ) &&
      has(u, /\bstash(?:es|ed)?\b/)
    )
      return {
        clarify:
          'Dropping or clearing a stash destroys the work kept in it, and Atlas has no action for it, so nothing was changed; to do it yourself: git stash drop (one) or git stash clear (all)',
      };
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

export const gitRules: Rule[] = [
  gitHooks,
  gitCommit,
  gitStash,
  gitCheckout,
  gitBranch,
  gitAdd,
  gitDiff,
  gitLog,
  gitStatus,
];
