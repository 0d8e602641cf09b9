/**
 * Offline rules for the system tool: disk space, memory, CPU, load, uptime, OS, largest files
 * on the machine (processes are in process.ts).
 */

import { has } from '../parse.ts';
import { place, type Rule } from '../rule.ts';
import { CHANGES } from './files-shared.ts';
import { runtimeVersion } from './runtime.ts';

const one = (
  id: string,
  action: string,
  examples: string[],
  cue: RegExp,
  score: number,
  why: string,
  not?: RegExp,
): Rule => ({
  id,
  examples,
  score: (u) => (has(u, cue) && !(not && has(u, not)) ? score : 0),
  build: () => ({ goal: examples[0], drafts: [{ tool: 'system', action, args: {}, why }] }),
});

const PROCESSY =
  /\b(?:process|processes|programs?|apps?|applications?|tasks?|pid|hogs?|using the most|uses the most|eating|consuming)\b/;

const disk: Rule = {
  id: 'system.disk',
  examples: ['how much disk space is free', 'show disk usage', 'is the disk full'],
  score(u) {
    if (
      has(
        u,
        /\b(?:free (?:disk )?space|disk space|disk usage|disks?|space left|storage (?:left|space|usage)|partitions?|mount(?:s|ed| points?)|filesystems?|df|drive space|disk full|how full)\b/,
      )
    )
      return has(u, /\b(?:folder|directory|each|per|here|subfolders)\b/) && !has(u, /\bfree|left|full\b/)
        ? 4
        : 8;
    if (has(u, /\bhow much (?:space|storage)\b/) && has(u, /\b(?:left|free|available|remaining|have)\b/))
      return 8;
    return 0;
  },
  build(u, c) {
    const path = place(u, c, '');
    return {
      goal: 'Show disk space',
      drafts: [
        {
          tool: 'system',
          action: 'disk',
          args: path && path !== '.' ? { path } : {},
          why: 'free and used space per filesystem',
        },
      ],
    };
  },
};

const memory = one(
  'system.memory',
  'memory',
  ['how much memory is free', 'show ram usage', 'memory usage'],
  /\b(?:memory|ram|swap|mem)\b/,
  8,
  'memory figures',
  PROCESSY,
);

const cpu = one(
  'system.cpu',
  'cpu',
  ['how many cpu cores do i have', 'cpu usage', 'what processor is this'],
  /\b(?:cpus?|processors?|cores?|cpu usage|cpu load)\b/,
  8,
  'CPU model, cores and usage',
  PROCESSY,
);

const load = one(
  'system.load',
  'load',
  ['what is the load average', 'system load'],
  /\bload(?: average|avg)?\b/,
  8,
  'load averages',
  /\b(?:download|upload|unload|reload)\b/,
);

const uptime = one(
  'system.uptime',
  'uptime',
  ['how long has the machine been up', 'uptime', 'when did the system boot'],
  /\buptime\b|\bhow long (?:has|have) (?:the |this |my )?(?:machine|system|computer|server|box|it) been (?:up|running|on)\b|\b(?:last )?(?:re)?boot(?:ed)?\b|\bsince when\b.*\b(?:running|up)\b/,
  8,
  'time since boot',
);

const osInfo = one(
  'system.os',
  'os',
  ['what os is this', 'which linux distribution is this', 'kernel version', 'what is the hostname'],
  /\b(?:os|operating system|distro|distribution|kernel version|linux version|version of (?:linux|the os|the kernel|the operating system|debian|ubuntu)|which linux|what linux|hostname|host name|machine'?s? name|computer'?s? name|name of (?:this|the) (?:machine|computer|host)|architecture|os version|system info(?:rmation)?|uname|what user is this|whoami|(?:current|logged[- ]in) user|my user ?name|kernel (?:am i|are we|is this|do i have)|(?:what|which) kernel)\b/,
  8,
  'operating system details',
);

const largest: Rule = {
  id: 'system.largest',
  examples: [
    'what are the largest files on my computer',
    'biggest files in my home directory',
    "what's eating my disk",
  ],
  score(u) {
    // "delete the biggest file in my home": a change to a selection, never a report of it
    if (has(u, CHANGES)) return 0;
    if (
      has(u, /\b(?:biggest|largest|huge|hugest) files?\b/) &&
      has(u, /\b(?:computer|machine|system|disk|drive|home|everywhere)\b/)
    )
      return 10;
    if (
      has(u, /\bwhat is (?:eating|using|filling|hogging) (?:up )?(?:my |the )?(?:disk|drive|space|storage)\b/)
    )
      return 9;
    return 0;
  },
  build(u, c) {
    const path = place(u, c, '~');
    return {
      goal: `The largest files under ${path}`,
      drafts: [
        {
          tool: 'system',
          action: 'largest',
          args: { path: path === '.' ? '~' : path, limit: u.count ?? 10 },
          why: 'the largest files',
        },
      ],
    };
  },
};

const overview: Rule = {
  id: 'system.overview',
  examples: ['system status', 'give me an overview of this machine', 'how is the system doing'],
  score(u) {
    return has(
      u,
      /\b(?:system status|system overview|overview of (?:the |this )?(?:system|machine|computer)|how is the (?:system|machine|computer|server) doing|health check|system health)\b/,
    )
      ? 9
      : 0;
  },
  build() {
    return {
      goal: 'An overview of the machine',
      drafts: ['os', 'uptime', 'load', 'memory', 'disk'].map((action) => ({
        tool: 'system',
        action,
        args: {},
        why: action,
      })),
    };
  },
};

export const systemRules: Rule[] = [
  runtimeVersion,
  largest,
  overview,
  disk,
  memory,
  cpu,
  load,
  uptime,
  osInfo,
];
