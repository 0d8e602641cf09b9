/**
 * git said in the course of other words, read over the whole request before it is split into
 * clauses: "add notes.txt and commit it as 'x'" adds to git (in front of a commit, "add" is
 * git's, never a write or an append), and in a request that commits, stages or pushes, "show
 * me the log" or "the history" is git's log, never a question about which .log file is meant;
 * "put notes.txt in git" stages it (a folder named git is never made for it).
 *
 * @example
 * gitSaid("add notes.txt and commit it as 'x'");      // "stage notes.txt and commit it as 'x'"
 * gitSaid("commit all as 'x' and show me the log");   // "commit all as 'x' and show me the git log"
 */

/** A clause of git's own: what makes "the log" git's. */
const GIT_CLAUSE =
  /(?:^|[,;]\s*|\b(?:and|then)\s+)(?:git\s+\w+|commit|stage|push|pull|merge|rebase|checkout|stash|amend)\b/i;

const REWRITES: [RegExp, string][] = [
  // "stage notes.txt, commit 'wip'": a bare comma before git's verb starts its clause
  [/\s*,\s*(?:and\s+)?(?=(?:then\s+)?(?:commit|push|stage)\b)/gi, ' and '],
  // "add notes.txt and commit it", "pls add todo.txt, then commit 'x'": stage what is added
  [
    /^((?:(?:please|pls|plz|now|ok|okay)\s+)*)add\s+(?!(?:a|an|the\s+(?:line|text|word))\s)(.+?)(\s*,\s*|\s+and\s+|\s*,\s*and\s+)((?:then\s+)?commit\b)/i,
    '$1stage $2$3$4',
  ],
  // "… and then show me the log", "… and display the history": git's log
  [
    /\b((?:show|display|print|view|see|check|give|list|open)\s+(?:me\s+|us\s+)?(?:the\s+)?(?:(?:new|updated|latest|commit)\s+)?)(log|history)\b(?!\s+(?:file|of\s+\S+\.\w+|in\b|from\b))/gi,
    '$1git $2',
  ],
];

/** "put notes.txt in git", "track todo.txt in version control": staged, never moved into a folder git/. */
const INTO_GIT =
  /\b(?:put|add|place|stick|track|get)\s+(.+?)\s+(?:in|into|to|under|onto)\s+(?:git|version\s+control|the\s+(?:git\s+)?(?:repo|repository|index|staging\s+area))\b(?!\s*\/)/gi;

/** `request` with git's words read as git's where the request speaks of git. */
export function gitSaid(request: string): string {
  let s = request
    .replace(INTO_GIT, 'stage $1')
    .replace(/\s+&\s+(?=(?:then\s+)?(?:commit|push|stage)\b)/gi, ' and ');
  if (!GIT_CLAUSE.test(s)) return s;
  for (const [re, to] of REWRITES) s = s.replace(re, to);
  return s;
}
