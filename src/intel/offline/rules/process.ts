/**
 * Offline rules for the process tool: listing, finding, inspecting and killing processes.
 */
import { capture, has, restore, type Utterance } from '../parse.ts';
import type { Rule } from '../rule.ts';

/** A process name: quoted, after named/called, or the word before/after process. */
function procName(u: Utterance): string | undefined {
  if (u.quoted.length > 0) return u.quoted[0];
  const m =
    capture(u, /\b(?:named|called)\s+([\w.-]+)/) ??
    capture(
      u,
      /\b(?:is|are)\s+(?:the\s+)?(?!still\b)([\w.-]+)\s+(?:process(?:es)?\s+)?(?:still\s+)?running\b/,
    ) ??
    // "check if mailsyncd is still running": the subject before the verb
    capture(
      u,
      /\b(?:if|whether|that)\s+(?:the\s+)?([\w.-]+)\s+(?:process(?:es)?\s+)?(?:is|are)\s+(?:still\s+)?running\b/,
    ) ??
    capture(u, /\b(?:is|are) there (?:an?y?\s+)?([\w.-]+)\s+process(?:es)?\b/) ??
    capture(
      u,
      /\b(?:kill|terminate|end|stop|quit|close|find|show|list|display|get|give)\s+(?:me\s+)?(?:all\s+)?(?:the\s+|my\s+)?(?:running\s+)?([\w.-]+)\s+process(?:es)?\b/,
    ) ??
    capture(u, /\bprocess(?:es)?\s+(?:of|for|named|called)\s+([\w.-]+)/) ??
    capture(u, /\bpid of\s+([\w.-]+)/) ??
    // "pgrep pollerd", "pidof nginx": the command that finds a program's processes
    capture(u, /^(?:pgrep|pidof)\s+(?:-\w+\s+)*([\w.-]+)$/) ??
    capture(
      u,
      /\b(?:kill|killall|pkill|terminate|force quit|force-quit|quit|close)\s+(?:all\s+)?(?:the\s+)?([a-z][\w.-]*)/,
    );
  if (
    !m ||
    [
      'the',
      'a',
      'all',
      'process',
      'processes',
      'pid',
      'that',
      'it',
      'this',
      'running',
      'list',
      'every',
      'my',
      // qualifiers, not names: "kill the biggest process" must ask which
      'biggest',
      'largest',
      'heaviest',
      'oldest',
      'newest',
      'latest',
      'slowest',
      'hungriest',
      'first',
      'last',
      'other',
      'stuck',
      'zombie',
      // states, not names: "kill the hung processes" must ask which ones
      'hung',
      'hanging',
      'frozen',
      'idle',
      'unresponsive',
      'dead',
      'defunct',
      'orphan',
      'orphaned',
      'runaway',
      'crashed',
      'broken',
      'misbehaving',
    ].some(
      (w) =>
        w === m.toLowerCase() ||
        // "stuck" read as the typo of "stick" is still the state said
        u.corrected.some((fix) => fix.to === m.toLowerCase() && fix.from.toLowerCase() === w),
    )
  )
    return undefined;
  return restore(u, m);
}

/** Pids named: "pid 42", "process 42", "processes 42 and 43", "kill 42". */
function pids(u: Utterance): number[] {
  const out: number[] = [];
  for (const m of u.text.matchAll(
    /\b(?:pids?|process(?:es)?|kill|terminate|end)\s+(?:-(?:9|15|kill|term|s \w+)\s+)?#?(\d{1,7}(?:(?:\s*,\s*|\s+and\s+|\s+)#?\d{1,7})*)\b/g,
  )) {
    for (const n of m[1].split(/\D+/)) if (n !== '') out.push(Number(n));
  }
  return [...new Set(out)];
}

const psList: Rule = {
  id: 'process.list',
  examples: ['list running processes', 'which processes use the most memory', 'top 5 processes by cpu'],
  score(u) {
    if (has(u, /\b(?:kill|terminate)\b/)) return 0;
    if (
      has(u, /\b(?:ps|top|htop|task manager)\b/) &&
      !has(u, /\btop \d+ (?:files|lines)\b/) &&
      !has(u, /\b(?:files?|lines?|commits?)\b/)
    )
      return 8;
    if (
      has(u, /\b(?:processes|programs|apps|applications|tasks)\b/) &&
      has(u, /\b(?:list|show|running|all|which|what|top|most|display)\b/) &&
      !procName(u)
    )
      return 8;
    if (has(u, /\b(?:disk|space|storage|drive)\b/)) return 0;
    if (
      has(
        u,
        /\bwhat is (?:running|using|eating|hogging)\b|\bwhat(?:'s| is) using (?:the most |all the )?(?:cpu|memory|ram)\b/,
      )
    )
      return 9;
    if (
      has(
        u,
        /\b(?:memory|cpu|ram) hogs?\b|\b(?:using|uses|use|eating|eat|consuming|consume|take|takes|taking) (?:up )?(?:the most|all the|a lot of|most) (?:cpu|memory|ram)\b/,
      )
    )
      return 9;
    return 0;
  },
  build(u) {
    const sort = has(u, /\b(?:memory|ram|mem)\b/)
      ? 'memory'
      : has(u, /\bby name\b/)
        ? 'name'
        : has(u, /\bby pid\b/)
          ? 'pid'
          : 'cpu';
    const args: Record<string, unknown> = { sort, limit: u.count ?? (has(u, /\ball\b/) ? 10_000 : 20) };
    const user = capture(u, /\b(?:of|by|for) (?:the )?user\s+([\w.-]+)/);
    if (user) args.user = user;
    return {
      goal: `Processes by ${sort}`,
      drafts: [{ tool: 'process', action: 'list', args, why: `processes sorted by ${sort}` }],
    };
  },
};

const psFind: Rule = {
  id: 'process.find',
  examples: ['is nginx running', 'find the node processes', 'what is the pid of sleep'],
  score(u) {
    if (has(u, /\b(?:kill|terminate|service|daemon)\b/) || has(u, /\bport\b/)) return 0;
    if (!procName(u)) return 0;
    if (
      has(
        u,
        /\b(?:is|are)\s+(?:the\s+)?[\w.-]+\s+(?:process(?:es)?\s+)?(?:still\s+)?running\b|\b(?:if|whether|that)\s+(?:the\s+)?[\w.-]+\s+(?:process(?:es)?\s+)?(?:is|are)\s+(?:still\s+)?running\b|\bpid of\b|\b(?:is|are) there\b.*\bprocess/,
      )
    )
      return 9;
    if (has(u, /\b(?:find|show|list|display|get|give|any|which|search|look for)\b.*\bprocess(?:es)?\b/))
      return 9;
    if (has(u, /^(?:pgrep|pidof)\s/)) return 9;
    return 0;
  },
  build(u) {
    const name = procName(u)!;
    return {
      goal: `Find processes named ${name}`,
      drafts: [{ tool: 'process', action: 'find', args: { name }, why: `look for ${name}` }],
    };
  },
};

const psInfo: Rule = {
  id: 'process.info',
  examples: ['details of process 1234', 'what is pid 42'],
  score(u) {
    if (has(u, /\b(?:kill|terminate|stop|end)\b/)) return 0;
    return pids(u).length > 0 && has(u, /\b(?:info|details|what is|about|show|describe|inspect)\b/) ? 9 : 0;
  },
  build(u) {
    return {
      goal: `Process ${pids(u).join(', ')}`,
      drafts: pids(u).map((pid) => ({
        tool: 'process',
        action: 'info',
        args: { pid },
        why: `details of ${pid}`,
      })),
    };
  },
};

const psKill: Rule = {
  id: 'process.kill',
  examples: ['kill process 1234', 'kill all sleep processes', 'force quit firefox'],
  score(u, c) {
    if (has(u, /\b(?:kill|killall|pkill|terminate|force quit|force-quit)\b/)) return 9;
    if (
      has(u, /\b(?:stop|end|quit|close)\b/) &&
      (has(u, /\bprocess(?:es)?\b|\bpid\b/) || (!c.hasSystemd() && procName(u) && !has(u, /\bservice\b/)))
    )
      return 8;
    return 0;
  },
  build(u) {
    const signal = has(u, /\bforce|forcefully|-9\b|sigkill|hard\b/) ? 'KILL' : 'TERM';
    const list = pids(u);
    if (list.length > 0)
      return {
        goal: `Stop process ${list.join(', ')}`,
        drafts: [{ tool: 'process', action: 'kill', args: { pids: list, signal }, why: `SIG${signal}` }],
      };
    const name = procName(u);
    if (!name) return { clarify: 'Which process? Give its pid or name, for example: kill process 1234' };
    return {
      goal: `Stop the ${name} processes`,
      drafts: [{ tool: 'process', action: 'kill', args: { name, signal }, why: `SIG${signal} to ${name}` }],
    };
  },
};

export const processRules: Rule[] = [psKill, psInfo, psFind, psList];
