/**
 * A change to the files chosen by what they contain: "delete the files in logs that have
 * 'ERROR' in them", "move the txt files containing budget to docs", "zip the notes that
 * mention Bob". The files are found by a search that lists only their names (the text as said:
 * exact case when it was quoted or has capitals), and the change acts on exactly those. Without
 * this, the content filter was a word the plan could not carry.
 */
import { capture, has, restore, type Utterance } from '../parse.ts';
import { destination, place, type Rule, recursion } from '../rule.ts';
import { DELETE } from './files-shared.ts';

/** The text the files hold, after the words that say so. */
const HOLDING =
  /\b(?:(?:that|which|who)\s+(?:have|has|contain|contains|mention|mentions|include|includes|say|says|reference|references)\s+(?:the\s+(?:word|text|string)\s+)?|(?:containing|mentioning|including|referencing|saying)\s+(?:the\s+(?:word|text|string)\s+)?|with\s+(?=_q\d+_\s+in\s+(?:them|it|their|its)\b))(_q\d+_|[^\s,]+)/;

const VERBS: [RegExp, 'delete' | 'move' | 'copy' | 'archive'][] = [
  [DELETE, 'delete'],
  [/\b(?:move|mv|relocate|transfer|shift)\b/, 'move'],
  [/\b(?:copy|cp)\b/, 'copy'],
  [/^(?:zip|compress|archive|tar|pack|bundle)\b/, 'archive'],
];

function actionOf(u: Utterance): 'delete' | 'move' | 'copy' | 'archive' | undefined {
  return VERBS.find(([re]) => has(u, re))?.[1];
}

/** "in their name", "in the filename": what is said before it is in the name, not the text. */
const IN_NAME = /^\s+in\s+(?:the\s+|their\s+|its\s+)?(?:file\s*)?names?\b/;

/** Words that choose files by their name. */
const BY_NAME =
  /\b(?:named|called|whose (?:file ?)?names?|(?:file ?)?names? (?:contains?|includes?|has|starts?|ends?))\b|\bin (?:the |their |its )?(?:file ?)?names?\b/;

function held(u: Utterance): string | undefined {
  const said = capture(u, HOLDING);
  if (!said || /^(?:a|an|the|it|them|nothing|no)$/i.test(said)) return undefined;
  const m = HOLDING.exec(u.text);
  if (m && IN_NAME.test(u.text.slice(m.index + m[0].length))) return undefined;
  return restore(u, said);
}

export const byContent: Rule = {
  id: 'files.by-content',
  examples: [
    "delete the files in logs that have 'ERROR' in them",
    'move the txt files containing budget to docs',
  ],
  score(u) {
    // "delete the lines that say X in app.log" edits the text; the files stay
    if (has(u, /\blines?\b/)) return 0;
    return actionOf(u) &&
      held(u) !== undefined &&
      has(u, /\b(?:files?|logs|documents|notes|ones|_ext_)\b|s\s+(?:that|which|containing)\b/)
      ? 11
      : 0;
  },
  build(u, c) {
    const action = actionOf(u)!;
    const text = held(u)!;
    // a name and a text both said: which one a word belongs to is not read here, so it asks
    if (has(u, BY_NAME))
      return {
        clarify: `Is '${text}' in the files' names or in their text? Nothing was changed; say "with '${text}' in their name" or "containing '${text}'"`,
      };
    const exact = u.quoted.includes(text) || /[A-Z]/.test(text);
    // The text held is not where to look: "in them" is the files themselves
    const look = { ...u, text: u.text.replace(/\bin (?:them|it|their \w+|its \w+)\b/g, '') };
    const args: Record<string, unknown> = {
      pattern: text,
      path: place(look, c),
      filesOnly: true,
      recursive: recursion(u, false),
    };
    if (u.exts.length > 0) args.ext = u.exts;
    if (exact) args.ignoreCase = false;
    const change: Record<string, unknown> = {};
    if (action === 'move' || action === 'copy') {
      const to = destination(u, undefined, c);
      if (!to)
        return { clarify: `Where to? For example: ${action} the files containing '${text}' to archive/` };
      change.to = to.endsWith('/') || to === '.' || to === '~' ? to : `${to}/`;
    }
    if (action === 'archive')
      change.to = `${text.replace(/[^\w.-]+/g, '-').slice(0, 40) || 'matching'}-files.zip`;
    return {
      goal: `${action} the files that contain '${text}'`,
      drafts: [
        { tool: 'text', action: 'search', args, why: `the files that contain '${text}'` },
        { tool: 'files', action, args: change, why: `${action} those files`, fromDraft: 0 },
      ],
    };
  },
};
