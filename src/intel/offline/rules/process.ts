/**
 * Offline rules for the process tool: listing, finding, inspecting and killing processes.
 */
import { capture, has, restore, type Utterance } from '../parse.ts';
import { processRelation } from '../process-relations.ts';
import type { Rule } from '../rule.ts';

/** "running", "up and running", "still alive", "up": a program said to be running. */
const RUNNING = '(?:still\\s+)?(?:up and running|running|alive)\\b';

/**
 * Programs that run many unrelated programs (aios itself runs on node): stopping every process
 * of one by name stops far more than the person means, so the kill asks for a pid instead.
 */
const INTERPRETERS = new Set([
  'node',
  'nodejs',
  'python',
  'python3',
  'python2',
  'java',
  'ruby',
  'perl',
  'php',
  'deno',
  'bun',
  'bash',
  'sh',
  'zsh',
  'dash',
  'fish',
  'systemd',
  'init',
  'sshd',
  'aios',
]);

/** A process name: quoted, after named/called, or the word before/after process. */
function procName(u: Utterance): string | undefined {
  if (u.quoted.length > 0) return u.quoted[0];
  const m =
    capture(u, /\b(?:named|called)\s+([\w.-]+)/) ??
    capture(
      u,
      new RegExp(`\\b(?:is|are)\\s+(?:the\\s+)?(?!still\\b)([\\w.-]+)\\s+(?:process(?:es)?\\s+)?${RUNNING}`),
    ) ??
    // "check if mailsyncd is still running": the subject before the verb
    capture(
      u,
      new RegExp(
        `\\b(?:if|whether|that)\\s+(?:the\\s+)?([\\w.-]+)\\s+(?:process(?:es)?\\s+)?(?:is|are)\\s+${RUNNING}`,
      ),
    ) ??
    capture(u, /\b(?:is|are) there (?:an?y?\s+)?([\w.-]+)\s+process(?:es)?\b/) ??
    capture(
      u,
      /\b(?:kill|terminate|end|stop|quit|close|find|show|list|display|get|give|count|how many)\s+(?:off\s+)?(?:me\s+)?(?:all\s+)?(?:the\s+|my\s+)?(?:running\s+)?([\w.-]+)\s+(?:process(?:es)?|instances?|copies)\b/,
    ) ??
    capture(u, /\bprocess(?:es)?\s+(?:of|for|named|called)\s+([\w.-]+)/) ??
    capture(u, /\bpid of\s+([\w.-]+)/) ??
    // "pgrep pollerd", "pidof nginx": the command that finds a program's processes
    capture(u, /^(?:pgrep|pidof)\s+(?:-\w+\s+)*([\w.-]+)$/) ??
    capture(
      u,
      /\b(?:kill|killall|pkill|terminate|force quit|force-quit|quit|close|stop)\s+(?:-(?:9|15|kill|term|KILL|TERM)\s+)?(?:off\s+)?(?:all\s+)?(?:the\s+)?([a-z][\w.-]*)/,
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
      'top',
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
      !has(u, /\b(?:top|start|beginning) of\b|_f\d+_/) &&
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
        new RegExp(
          `\\b(?:is|are)\\s+(?:the\\s+)?[\\w.-]+\\s+(?:process(?:es)?\\s+)?${RUNNING}|\\b(?:if|whether|that)\\s+(?:the\\s+)?[\\w.-]+\\s+(?:process(?:es)?\\s+)?(?:is|are)\\s+${RUNNING}|\\bpid of\\b|\\b(?:is|are) there\\b.*\\b(?:process|running)`,
        ),
      )
    )
      return 9;
    // "how many mailsyncd processes are there", "count the pollerd instances"
    if (has(u, /\b(?:how many|count|number of)\b.*\b(?:process(?:es)?|instances?|copies)\b/)) return 9;
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
    // "stop whatever started pollerd", "send a HUP to the owner of port 8080": a relation, stopped
    if (
      processRelation(u) &&
      has(u, /\b(?:kill|stop|end|terminate|quit|close|free|shut down|send|signal|sig\w+|hup|interrupt)\b/)
    )
      return 11; // above "which process is on port N", a question
    if (has(u, /\b(?:kill|killall|pkill|terminate|force quit|force-quit)\b/)) return 9;
    if (
      has(u, /\b(?:stop|end|quit|close)\b/) &&
      (has(u, /\bprocess(?:es)?\b|\bpid\b/) || (!c.hasSystemd() && procName(u) && !has(u, /\bservice\b/)))
    )
      return 8;
    return 0;
  },
  build(u) {
    const signal = has(u, /\bforce|forcefully|-9\b|sigkill|hard\b/)
      ? 'KILL'
      : has(u, /\b(?:sig)?hup\b|\bhang ?up\b/)
        ? 'HUP'
        : has(u, /\bsigint\b|\binterrupt\b/)
          ? 'INT'
          : 'TERM';
    const rel = processRelation(u);
    if (rel) {
      const args =
        'port' in rel
          ? { port: rel.port, signal }
          : { relation: rel.relation, ...(rel.pid ? { pids: [rel.pid] } : { name: rel.name }), signal };
      const said =
        'port' in rel ? `the owner of port ${rel.port}` : `the ${rel.relation} of ${rel.pid ?? rel.name}`;
      return {
        goal: `Stop ${said}`,
        drafts: [{ tool: 'process', action: 'kill', args, why: `SIG${signal} to ${said}` }],
      };
    }
    const list = pids(u);
    if (list.length > 0)
      return {
        goal: `Stop process ${list.join(', ')}`,
        drafts: [{ tool: 'process', action: 'kill', args: { pids: list, signal }, why: `SIG${signal}` }],
      };
    const name = procName(u);
    if (!name) return { clarify: 'Which process? Give its pid or name, for example: kill process 1234' };
    if (INTERPRETERS.has(name.toLowerCase()))
      return {
        clarify: `Every program that runs on '${name}' would be stopped (aios itself runs on node), so nothing was stopped; list them with "show the ${name} processes" and kill one by its pid`,
      };
    return {
      goal: `Stop the ${name} processes`,
      drafts: [{ tool: 'process', action: 'kill', args: { name, signal }, why: `SIG${signal} to ${name}` }],
    };
  },
};

export const processRules: Rule[] = [psKill, psInfo, psFind, psList];
