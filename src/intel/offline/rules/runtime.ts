/**
 * The offline rule for the installed version of a runtime or tool: "what version of node is
 * installed", "python version", "git --version", "is go installed". The program answers for
 * itself (system.version), never its package manager.
 */
import { RUNTIMES } from '../../../tools/system/version.ts';
import { has, type Utterance } from '../parse.ts';
import type { Rule } from '../rule.ts';

/** Names people give runtimes, beyond the program names themselves. */
const RUNTIME_ALIASES: Record<string, string> = {
  nodejs: 'node',
  'node.js': 'node',
  golang: 'go',
  rust: 'rustc',
};

/** The runtime a request asks the version of: "what version of node", "python version", "git --version". */
function runtimeOf(u: Utterance): string | undefined {
  // "which npm version is installed": every phrasing is tried, the first that names a runtime wins
  for (const re of ASKED) {
    const word = re.exec(u.text)?.[1];
    const name = word === undefined ? undefined : (RUNTIME_ALIASES[word] ?? word);
    if (name !== undefined && Object.hasOwn(RUNTIMES, name)) return name;
  }
  return undefined;
}

/** Where the runtime is in a question about its version. */
const ASKED = [
  /\bversions? (?:of|is)\s+(?:the\s+)?([\w.]+)/,
  /\b(?:is|are|have|got)\s+(?:the\s+)?([\w.]+)\s+(?:already\s+)?installed\b/,
  /\b([\w.]+)\s+(?:--version|-v|-version|version)\b/,
  /\b(?:do|did) (?:i|we|you) (?:have|got)\s+(?:the\s+|a\s+)?([\w.]+)(?:\s+installed|\s+on (?:this|my|the) (?:machine|computer|system|box))?\s*\??$/,
  /^(?:is|are)\s+(?:there\s+)?(?:an?\s+)?([\w.]+)\s+(?:installed|available|on (?:this|my|the) (?:machine|computer|system|box|path))\b/,
];

export const runtimeVersion: Rule = {
  id: 'system.version',
  examples: ['what version of node is installed', 'python version', 'git --version'],
  score(u) {
    return runtimeOf(u) && !has(u, /\b(?:package|packages|dependency|apt|dpkg|npm (?:info|view|show))\b/)
      ? 10
      : 0;
  },
  build(u) {
    const program = runtimeOf(u)!;
    return {
      goal: `The installed version of ${program}`,
      drafts: [
        { tool: 'system', action: 'version', args: { program }, why: `${program} reports its version` },
      ],
    };
  },
};
