/**
 * The goals Atlas recognises behind a request, and what each needs to be done safely. A goal
 * is read from the words (cues: goal words and phrases, weak cues that lean towards it) and
 * from the plan's actions; its `needs` name the implicit safety steps Atlas adds to the
 * plan when the plan does what they guard (goals/safety.ts).
 *
 * @example
 * GOALS.cleanup.needs;   // ['list-before-destroy', 'backup-before-destroy']
 */

export const GOAL_KINDS = [
  'deploy',
  'debug',
  'migrate',
  'backup',
  'cleanup',
  'secure',
  'install',
  'update',
  'organise',
  'monitor',
  'report',
] as const;

export type GoalKind = (typeof GOAL_KINDS)[number];

/**
 * Implicit safety steps: a listing of what a destroying step will take before it runs, a
 * backup of what it destroys or overwrites, a check that moved or copied files arrived (count
 * and sizes), and the project's tests or a service's status after a change of software.
 */
export type SafetyNeed =
  | 'list-before-destroy'
  | 'backup-before-destroy'
  | 'verify-after-move'
  | 'check-after-change';

export interface GoalDef {
  kind: GoalKind;
  /** How the preview names it. */
  label: string;
  /** Words and phrases that say this goal (a phrase matches as whole words). */
  cues: readonly string[];
  /** Words that lean towards it without saying it ("space" in a clean-up, "live" in a deploy). */
  weak: readonly string[];
  /** Shapes of request that say it as much as a goal word ("is nginx up", "how many pdfs"). */
  patterns?: readonly RegExp[];
  /** Plan actions (tool.action) that are evidence of it, with their weight. */
  actions: Readonly<Record<string, number>>;
  needs: readonly SafetyNeed[];
}

const def = (d: GoalDef): GoalDef => d;

export const GOALS: Readonly<Record<GoalKind, GoalDef>> = {
  deploy: def({
    kind: 'deploy',
    label: 'deploy',
    cues: ['deploy', 'redeploy', 'ship', 'rollout', 'roll out', 'release', 'publish', 'go live', 'push live'],
    weak: ['live', 'production', 'prod', 'staging', 'launch', 'server', 'site', 'build', 'put'],
    actions: { 'service.restart': 1, 'service.start': 1 },
    needs: ['backup-before-destroy', 'check-after-change'],
  }),
  debug: def({
    kind: 'debug',
    label: 'debug',
    cues: [
      'debug',
      'bug',
      'troubleshoot',
      'diagnose',
      'crash',
      'crashing',
      'failing',
      'broken',
      'wrong',
      'leak',
    ],
    weak: [
      'why',
      'fix',
      'error',
      'errors',
      'fail',
      'fails',
      'investigate',
      'causing',
      'cause',
      'problem',
      'slow',
      'keeps',
      'look into',
    ],
    patterns: [
      /^(?:why|what) (?:is|does|did|do|are|keeps?)\b.*\b(?:fail|crash|break|error|wrong|restart|slow)/,
    ],
    actions: { 'text.search': 0.5 },
    needs: ['backup-before-destroy'],
  }),
  migrate: def({
    kind: 'migrate',
    label: 'migrate',
    cues: ['migrate', 'migration', 'relocate', 'transfer', 'move over', 'carry over', 'port'],
    weak: [
      'new',
      'drive',
      'disk',
      'location',
      'machine',
      'everything',
      'whole',
      'over',
      'move',
      'shift',
      'bigger',
    ],
    actions: { 'files.move': 1, 'files.copy': 0.5 },
    needs: ['backup-before-destroy', 'verify-after-move'],
  }),
  backup: def({
    kind: 'backup',
    label: 'back up',
    cues: [
      'backup',
      'back up',
      'snapshot',
      'spare copy',
      'keep a copy',
      'somewhere safe',
      'lose',
      'lost',
      'bak',
    ],
    weak: ['copy', 'safe', 'archive', 'zip', 'preserve', 'duplicate', 'save', 'before', 'spare', 'keep'],
    actions: { 'files.copy': 1, 'files.archive': 1 },
    needs: ['verify-after-move'],
  }),
  cleanup: def({
    kind: 'cleanup',
    label: 'clean up',
    cues: [
      'clean',
      'cleanup',
      'clean up',
      'tidy',
      'declutter',
      'purge',
      'junk',
      'get rid',
      'free up',
      'reclaim',
      'clear out',
      'prune',
    ],
    weak: [
      'space',
      'leftover',
      'cache',
      'caches',
      'temp',
      'tmp',
      'old',
      'delete',
      'remove',
      'wipe',
      'clear',
      'artifacts',
    ],
    actions: { 'files.delete': 1, 'package.remove': 0.5, 'files.duplicates': 0.5 },
    needs: ['list-before-destroy', 'backup-before-destroy'],
  }),
  secure: def({
    kind: 'secure',
    label: 'secure',
    cues: [
      'secure',
      'security',
      'harden',
      'encrypt',
      'protect',
      'lock down',
      'permissions',
      'private',
      'restrict',
      'exposed',
      'leaked',
      'world-writable',
    ],
    weak: [
      'keys',
      'key',
      'ssh',
      'secrets',
      'secret',
      'password',
      'token',
      'tokens',
      'rotate',
      'readable',
      'access',
      'nobody',
      'users',
      'other users',
      'can read',
      'can write',
    ],
    actions: {},
    needs: ['backup-before-destroy'],
  }),
  install: def({
    kind: 'install',
    label: 'install',
    cues: ['install', 'set up', 'setup', 'dependency', 'npm i', 'apt', 'instal'],
    weak: ['add', 'need', 'get', 'package', 'put', 'machine', 'system', 'dependencies', 'project'],
    actions: { 'package.install': 2 },
    needs: ['check-after-change'],
  }),
  update: def({
    kind: 'update',
    label: 'update',
    cues: ['update', 'upgrade', 'bump', 'patch', 'outdated', 'up to date', 'updates', 'patches'],
    weak: ['latest', 'newest', 'refresh', 'version', 'pull', 'apply'],
    actions: { 'package.install': 0.5 },
    needs: ['backup-before-destroy', 'check-after-change'],
  }),
  organise: def({
    kind: 'organise',
    label: 'organise',
    cues: [
      'organise',
      'organize',
      'sort',
      'arrange',
      'categorise',
      'categorize',
      'group',
      'file away',
      'structure',
    ],
    weak: [
      'folders',
      'folder',
      'type',
      'month',
      'year',
      'date',
      'album',
      'albums',
      'artist',
      'per',
      'tidy',
      'into',
    ],
    actions: { 'files.organise': 3, 'files.move': 0.5, 'files.rename': 0.5 },
    needs: ['backup-before-destroy', 'verify-after-move'],
  }),
  monitor: def({
    kind: 'monitor',
    label: 'monitor',
    cues: [
      'monitor',
      'watch',
      'keep an eye',
      'running',
      'status',
      'health',
      'healthy',
      'alert',
      'is up',
      'uptime',
    ],
    weak: ['up', 'cpu', 'memory', 'load', 'free', 'left', 'usage', 'processes', 'eating', 'using', 'when'],
    patterns: [/^(?:is|are) (?:the )?[\w -]+ (?:up|running|alive|down|healthy)$/],
    actions: {
      'service.status': 1,
      'process.find': 1,
      'process.list': 1,
      'system.memory': 1,
      'system.cpu': 1,
      'system.load': 1,
      'system.disk': 0.5,
    },
    needs: [],
  }),
  report: def({
    kind: 'report',
    label: 'report',
    cues: [
      'report',
      'summary',
      'summarise',
      'summarize',
      'overview',
      'inventory',
      'stats',
      'statistics',
      'breakdown',
    ],
    weak: ['list', 'count', 'each', 'per', 'sizes', 'biggest', 'largest', 'changed', 'show', 'tell'],
    patterns: [/^how many (?!\w+ (?:are|is) (?:running|up)\b)/],
    actions: { 'files.usage': 1, 'text.count': 1, 'git.log': 1, 'files.find': 0.5, 'system.largest': 1 },
    needs: [],
  }),
};
