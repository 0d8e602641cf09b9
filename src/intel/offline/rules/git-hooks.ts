/**
 * Writing a git hook ("write a post-commit hook that echoes hi", "add a pre-commit hook that
 * runs the tests"): a hook is a program git runs on every commit, merge or push, a start-up
 * file of the repository. Atlas has no action that writes one as git needs it (an executable
 * file under .git/hooks), and writing its text into a file of that name would be read as done
 * while nothing runs; so the request is answered with a question, never with another plan
 * (a look at the log because "commit" was said).
 */
import { has } from '../parse.ts';
import type { Rule } from '../rule.ts';

const HOOK =
  /\b(?:(?:pre|post|prepare)-?(?:commit|merge|push|checkout|rewrite|rebase|receive|applypatch|auto-gc)(?:-msg)?|commit-msg|update)\s+hooks?\b|\bgit\s+hooks?\b|\bhooks?\s+(?:in|for|of)\s+(?:the\s+|this\s+|my\s+)?(?:git|repo|repository)\b|\bhooks?\b.*\b(?:on|before|after|every)\s+(?:each\s+)?(?:commit|push|merge|checkout)\b/;
const WRITES = /\b(?:write|create|make|add|set up|setup|install|put|generate|configure|enable)\b/;

export const gitHooks: Rule = {
  id: 'git.hooks',
  examples: ['write a pre-commit hook that runs npm test'],
  score: (u) => (has(u, HOOK) && has(u, WRITES) ? 12 : 0),
  build: () => ({
    clarify:
      'A git hook is a program git runs on every commit, and Atlas has no action that installs one, so nothing was changed; write the script to .git/hooks/<name> yourself and make it executable (chmod +x)',
  }),
};
