/**
 * A process said by its relation to another: "pollerd's parent", "the parent of process 4242",
 * "whatever started pollerd", "pollerd's children", "the processes mailsyncd spawned", "the
 * process that owns port 8080", "whatever is listening on port 3000". Read into the kill's
 * arguments (`relation` with the name or pid, or `port`), which the process tool resolves from
 * the process table when it previews, so the person confirms the very pids; a relation said but
 * not read, or said to an action that cannot carry it (a restart, a service), asks. It is never
 * dropped so that the action falls on the process named.
 *
 * @example
 * processRelation(parse("kill pollerd's parent"));  // { relation: 'parent', name: 'pollerd' }
 */
import { capture, type Utterance } from './parse.ts';
import type { Draft } from './rule.ts';

export type ProcessRelation =
  | { relation: 'parent' | 'children'; name?: string; pid?: number }
  | { port: number };

const NAME = '(\\d{1,7}|[a-z][\\w.-]*)';
const OF = `(?:the\\s+)?(?:process(?:es)?\\s+|program\\s+|pid\\s+)?(?:(?:called|named)\\s+)?${NAME}`;
const POSSESSIVE = "(?:'s|’s|s'|')";
const PARENT = '(?:parent|parent\\s+process|ppid|parent\\s+pid|mother\\s+process)';
const CHILDREN =
  '(?:children|child(?:ren)?\\s+process(?:es)?|child|kids|subprocess(?:es)?|sub-process(?:es)?|child\\s+pids?|offspring)';
const STARTS = '(?:started|launched|spawned|forked|created|runs|opened)';

const PARENT_FORMS = [
  new RegExp(`\\b${PARENT}\\s+of\\s+${OF}`),
  new RegExp(`\\b${NAME}${POSSESSIVE}\\s+${PARENT}\\b`),
  new RegExp(
    `\\b(?:(?:whatever|whoever|what|which)(?:\\s+(?:process|program))?|the\\s+(?:process|program|thing|one)\\s+(?:that|which)|the\\s+(?:process|program))\\s+${STARTS}\\s+${OF}`,
  ),
];
const CHILD_FORMS = [
  new RegExp(`\\b${CHILDREN}\\s+of\\s+${OF}`),
  new RegExp(`\\b${NAME}${POSSESSIVE}\\s+${CHILDREN}\\b`),
  new RegExp(
    `\\b(?:whatever|everything|anything|what|all|the\\s+(?:processes|programs|things|ones))\\s+(?:that\\s+)?${OF}\\s+(?:has\\s+|have\\s+)?${STARTS}\\b`,
  ),
  new RegExp(
    `\\b(?:processes|programs|everything|anything|whatever)\\s+(?:that\\s+)?(?:was\\s+|were\\s+)?${STARTS}\\s+by\\s+${OF}`,
  ),
];
const PORT =
  /\b(?:owns?|owning|using|uses|use|on|listening\s+(?:on|at)|listens\s+(?:on|at)|bound\s+to|holds?|holding|has|occupy(?:ing)?|occupies|blocking|blocks|hogging|behind|serving|free(?:\s+up)?)\s+(?:the\s+)?(?:tcp\s+|udp\s+)?port\s+(?:number\s+)?(\d{1,5})\b/;

/** "send a HUP to": how a signal is said, read into the kill's signal. */
const SEND = /\bsend\s+(?:a\s+|the\s+)?(?:sig)?(?:hup|term|kill|int)(?:\s+signal)?\s+to\b/g;

/** Words that say a relation between processes, read or not. */
const RELATION_WORDS = new RegExp(
  `\\b(?:${PARENT}|${CHILDREN}|${STARTS}\\s+by)\\b|\\b(?:whatever|whoever|the\\s+(?:process|program|thing)\\s+(?:that|which))\\s+${STARTS}\\b|\\bport\\s+\\d{1,5}\\b`,
);

/** The relation said, with what it is of; undefined when none is said or it is not read. */
export function processRelation(u: Utterance): ProcessRelation | undefined {
  // "ppid" is read as the typo of "pid", which would lose the relation it says
  if (u.corrected.some((f) => /^ppids?$/i.test(f.from)))
    u = { ...u, text: u.text.replace(/\bpid\b/, 'ppid'), norm: u.norm.replace(/\bpid\b/i, 'ppid') };
  const port = PORT.exec(u.text);
  if (port) return { port: Number(port[1]) };
  for (const [relation, forms] of [
    ['parent', PARENT_FORMS],
    ['children', CHILD_FORMS],
  ] as const) {
    for (const form of forms) {
      const of = capture(u, form);
      if (of === undefined || /^(?:the|a|it|this|that|process|program|pid)$/i.test(of)) continue;
      return /^\d+$/.test(of) ? { relation, pid: Number(of) } : { relation, name: of };
    }
  }
  return undefined;
}

/**
 * `u` with the relation the plan carries set aside (blanked, so positions stay), for the
 * accounting of every word (coverage.ts): "started", "spawned", "owns port" are read.
 */
export function relationRead(u: Utterance, drafts: readonly Draft[]): Utterance {
  const carried = drafts.some(
    (d) => d.tool === 'process' && (d.args.relation !== undefined || d.args.port !== undefined),
  );
  if (!carried) return u;
  let text = u.text;
  for (const re of [PORT, ...PARENT_FORMS, ...CHILD_FORMS, SEND])
    text = text.replace(new RegExp(re.source, 'g'), (m) => ' '.repeat(m.length));
  return { ...u, text };
}

/** Whether the request speaks of a relation between processes ("parent", "started by", "port N"). */
export function saysRelation(u: Utterance): boolean {
  return RELATION_WORDS.test(u.text) || u.corrected.some((f) => /^ppids?$/i.test(f.from));
}

/**
 * When a plan acts on processes or services but leaves out a relation the request said, the
 * question to ask instead (nothing is stopped); undefined when the plan carries it or acts on
 * neither.
 */
export function relationDropped(u: Utterance, drafts: readonly Draft[], clause: string): string | undefined {
  const acting = drafts.filter(
    (d) => (d.tool === 'process' && d.action === 'kill') || (d.tool === 'service' && d.action !== 'status'),
  );
  if (acting.length === 0 || !saysRelation(u)) return undefined;
  if (acting.every((d) => d.args.relation !== undefined || d.args.port !== undefined)) return undefined;
  const word = RELATION_WORDS.exec(u.text)?.[0] ?? 'relation';
  return `"${clause}" names a process by its relation ("${word}"), which this action cannot act on exactly, so nothing was stopped; find the pid first ("show the processes"), then say: kill process PID`;
}
