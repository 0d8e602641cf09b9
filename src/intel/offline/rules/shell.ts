/**
 * The offline rule for the shell tool: only an explicit command, and the translator gives it
 * to a tool instead when one fits (see OfflineTranslator).
 */
import { capture, has, restore } from '../parse.ts';
import type { Rule } from '../rule.ts';

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

export const shellRules: Rule[] = [shellRun];
