/**
 * Offline rules for the text tool: search (grep), head, tail, counting lines and words, and
 * replacing text in files.
 */
import { FILE_EXTS, KIND_WORDS } from '../lexicon.ts';
import { stemOfPlural } from '../morphology.ts';
import { capture, has, restore, type Utterance } from '../parse.ts';
import {
  located,
  named,
  place,
  type Rule,
  type RuleContext,
  recursion,
  sourcesOf,
  withSources,
} from '../rule.ts';
import { DELETE } from './files-shared.ts';
import { replace } from './text-replace.ts';

const USE_VERB = '(?:import|imports|require|requires|use|uses|call|calls|define|defines|include|includes)';
const FILES_THAT = '\\bfiles?\\s+(?:that\\s+|which\\s+|do\\s+|does\\s+)?';
/** "which python files import os": what the files do, and (USED) to what. */
const USES = new RegExp(`${FILES_THAT}(${USE_VERB})\\s+(?:the\\s+)?(?:_q\\d+_|[^\\s]+)`);
const USED = new RegExp(`${FILES_THAT}${USE_VERB}\\s+(?:the\\s+)?(_q\\d+_|[^\\s]+)`);

function uses(u: Utterance): { verb: string; object: string } | undefined {
  if (!USES.test(u.text)) return undefined;
  const verb = capture(u, USES);
  const object = capture(u, USED);
  if (!verb || !object) return undefined;
  return { verb: verb.toLowerCase().replace(/s$/, ''), object: restore(u, object) };
}

/** An import or require of `name`, in JavaScript, TypeScript or Python, as a regular expression. */
function importOf(name: string): string {
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // "require ./util": a word boundary only where the name starts or ends with a word character
  const start = /^\w/.test(name) ? '\\b' : '';
  const end = /\w$/.test(name) ? '\\b' : '';
  return `\\b(?:import|from|require)\\b.*${start}${n}${end}`;
}

/** "find TODOs in the code": a word in capitals is a marker to search for, not a kind of file. */
function marker(u: Utterance): string | undefined {
  const word = capture(
    u,
    /\b(?:find|show|list|look for|search for|grep)\s+(?:all\s+)?(?:the\s+)?([a-z][a-z0-9_]{2,})\b/,
  );
  const m = word ? /^([A-Z][A-Z0-9_]{2,})(?:s|es)?$/.exec(word) : null;
  // "list the JPGs", "find the PDFs": a kind of file said in capitals is still a kind
  const kind = m?.[1].toLowerCase();
  if (kind && (FILE_EXTS.has(kind) || KIND_WORDS[kind])) return undefined;
  return m?.[1];
}

/** The search pattern: quoted, or the word after for/containing/mentioning/grep. */
function pattern(u: Utterance): string | undefined {
  const use = uses(u);
  if (use) return use.object;
  const caps = marker(u);
  if (caps) return caps;
  // "files that contain http://example.com", "which js files have console.log in them"
  const thing = capture(u, /\b(?:contain|contains|containing|have|has)\s+(_[fuq]\d+_)/);
  if (thing) return restore(u, thing);
  // "where is require used": the subject of the question
  const subject = capture(
    u,
    /\bwhere (?:is|are|do|does|did)\s+(?:the\s+)?(?:(?:word|text|string|name)\s+)?(?:i\s+|we\s+)?(_q\d+_|[^\s]+)\s+(?:used|defined|called|mentioned|imported|required|set|declared|referenced|written)\b/,
  );
  if (subject && !['it', 'that', 'this', 'the'].includes(subject)) return restore(u, subject);
  const quoted = capture(
    u,
    /\b(?:for|containing|contain|contains|mention|mentions|mentioning|reference|references|referencing|grep(?:\s+-\w+)*|with|word|text|string|phrase|say|says|saying|include|includes|including|has|have)\s+(_q\d+_)/,
  );
  if (quoted) return restore(u, quoted);
  if (u.quoted.length > 0) return u.quoted[0];
  const noun = capture(
    u,
    /\b(?:find|show|list)\s+(?:all\s+)?(?:the\s+)?(\S+)\s+(?:comments|mentions|occurrences|references)\b/,
  );
  if (noun) return restore(u, noun);
  // "search for files containing the text database": the first cue followed by a word that
  // is what to look for, not what to look in.
  // "the text foo", not "the text files" (a kind of file)
  const said = capture(u, /\bthe (?:word|text|string|phrase)\s+(?!files?\b|documents?\b)(_q\d+_|[^\s]+)/);
  if (said) return restore(u, said);
  for (const re of [CUE, /\b(?:search|look|grep)\b.*?\bfor\s+(?:the\s+(?:word|text|string)\s+)?([^\s]+)/]) {
    for (const m of u.text.matchAll(new RegExp(re.source, 'g'))) {
      // "which files mention the database?": the question mark ends the sentence
      const word = m[1].replace(/[?!.,;:]+$/, '');
      if (word === '' || NOT_PATTERNS.has(word.toLowerCase())) continue;
      // "look for pictures older than 6 months": a kind of file is what to find, not a text
      if (u.exts.length > 0 && kindWord(word.toLowerCase())) return undefined;
      // as typed: the same place in the text before it was lowercased
      const start = m.index + m[0].length - m[1].length;
      return restore(u, u.norm.length === u.text.length ? u.norm.slice(start, start + word.length) : word);
    }
  }
  return undefined;
}

/** "pictures", "pdfs", "log": a word that names a kind of file. */
function kindWord(w: string): boolean {
  const single = w.replace(/s$/, '');
  return KIND_WORDS[w] !== undefined || KIND_WORDS[single] !== undefined || FILE_EXTS.has(single);
}

/** "find 'Install it' in the docs": a quoted phrase (spaces, no extension) is text, not a name. */
function phrase(u: Utterance): boolean {
  return u.quoted.some((q) => /\S\s+\S/.test(q) && !/\.[a-z0-9]{1,5}$/i.test(q.trim()));
}

const CUE =
  /\b(?:search(?:ing)? for|look(?:ing)? for|containing|contain|contains|mention|mentions|mentioning|reference|references|referencing|grep(?:\s+-\w+)*(?:\s+for)?|occurrences of|instances of|lines with|where)\s+(?:the\s+(?:word|text|string|phrase)\s+)?(?:the\s+)?([^\s]+)/;
const NOT_PATTERNS = new Set(['the', 'a', 'files', 'file', 'lines', 'text', 'in', 'all', 'any']);

/** Where to search: named files, a selection, or a directory. */
function scope(u: Utterance, c: RuleContext, pat: string): Record<string, unknown> {
  const files = u.files
    .filter((f) => f !== pat)
    .map((f) => located(f, u, c))
    .filter((f) => !c.isDir(f));
  if (files.length > 0) return { paths: files };
  const said = named(u, c, [pat, pat.toLowerCase()]).paths;
  // "search the dup files for content": the files a stem names
  if (has(u, /\b[\w-]+ files\b/) && said.length > 1 && said.every((p) => !c.isDir(p))) return { paths: said };
  const dir = said.find((p) => c.isDir(p));
  const args: Record<string, unknown> = { path: dir ?? place(u, c) };
  if (u.exts.length > 0) args.ext = u.exts;
  else if (has(u, /\bin (?:the |my |our |all the )?(?:code|source code|sources|codebase)\b/))
    args.ext = [...KIND_WORDS.code];
  if (!recursion(u, true)) args.recursive = false;
  return args;
}

const search: Rule = {
  id: 'text.search',
  examples: [
    "search for 'TODO' in src",
    'which files mention database',
    'grep error in app.log',
    'find lines containing password',
  ],
  score(u, c) {
    if (
      has(
        u,
        /\b(?:replace|substitute|package|npm|apt|process|commits?|create|write|make|touch|save|overwrite|append)\b/,
      )
    )
      return 0;
    // "delete the files that contain nothing": a change is never answered by a search
    if (has(u, DELETE) || has(u, /^(?:move|mv|copy|cp|zip|compress|archive|tar|rename)\b/)) return 0;
    const p = pattern(u);
    if (!p) return 0;
    if (uses(u)) return 10;
    // the text is a URL or a name right after "contain": a search, not a fetch or a read
    if (
      has(u, /\b(?:contain|contains|containing|have|has)\s+_[fuq]\d+_/) &&
      has(u, /\b(?:files?|any|which|what)\b/)
    )
      return 10;
    if (marker(u)) return 8;
    // "is the word 'answer' anywhere in src?"
    if (
      has(u, /\b(?:anywhere|somewhere)\b/) &&
      (u.quoted.length > 0 || has(u, /\bthe (?:word|text|string)\b/))
    )
      return 9;
    if (
      has(
        u,
        /\bgrep\b|\b(?:contain(?:s|ing)?|mention(?:s|ing)?|referenc(?:e|es|ing))\b|\blines? (?:with|containing|that)\b|\boccurrences of\b/,
      )
    )
      return 9;
    if (has(u, /\b(?:search|look)\b(?:.*\s)?for\b/) && (!/\.[a-z0-9]{1,5}$/i.test(p) || u.hosts.includes(p)))
      return 8;
    if (phrase(u) && has(u, /\b(?:find|search|look for|locate)\b/)) return 9;
    // "find 'Dear' in my downloads": a quoted word that names nothing, looked for in a place
    if (
      has(u, /\b(?:find|look for|locate)\s+_q0_\s+(?:in|inside|under)\s/) &&
      !/\.[a-z0-9]{1,5}$/i.test(u.quoted[0]) &&
      named(u, c).paths.length === 0
    )
      return 9;
    if (has(u, /\bwhere\b.*\b(?:used|defined|called|mentioned)\b/)) return 8;
    if (has(u, /\b(?:comments|mentions|occurrences|references)\b/)) return 8;
    // "which files say 'revenue'", "find the word TODO in notes.txt"
    if (has(u, /\b(?:say|says|saying)\s+_q\d+_/) && has(u, /\b(?:files?|which|what|any)\b/)) return 9;
    if (
      has(u, /\bthe (?:word|text|string|phrase)\b/) &&
      has(u, /\b(?:find|search|look|show|where|which|any)\b/)
    )
      return 9;
    return 0;
  },
  build(u, c) {
    const said = pattern(u)!;
    // "which files mention databases": the word in any number, unless typed in quotes
    const typedQuoted = new RegExp(`["'\`“‘]${said.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["'\`”’]`).test(
      u.raw,
    );
    const pat = (!typedQuoted && stemOfPlural(said)) || said;
    const args: Record<string, unknown> = { pattern: pat, ...scope(u, c, said) };
    const use = uses(u);
    if (use) {
      args.filesOnly = true;
      if (use.verb === 'import' || use.verb === 'require')
        Object.assign(args, { pattern: importOf(pat), regex: true });
    }
    if (has(u, /\bcase[- ]sensitive\b|\bexact case\b/)) args.ignoreCase = false;
    if (
      has(u, /\bwhich files\b|\bwhat files\b|\blist (?:the )?files\b|\bfiles (?:that )?(?:contain|mention)/)
    )
      args.filesOnly = true;
    return {
      goal: `Search for '${pat}'`,
      drafts: [{ tool: 'text', action: 'search', args, why: `search for '${pat}'` }],
    };
  },
};

function lineRule(action: 'head' | 'tail'): Rule {
  const cue =
    action === 'head'
      ? /\b(?:head|first \d+ lines|first lines|first line|top of|beginning of|start of|top \d+ lines|first few lines)\b/
      : /\b(?:tail|last \d+ lines|last lines|last line|end of|bottom of|final \d+ lines|latest lines|last few lines|most recent lines)\b/;
  return {
    id: `text.${action}`,
    examples:
      action === 'head'
        ? ['show the first 5 lines of notes.txt', 'head of data.csv']
        : ['last 20 lines of app.log', 'tail the server log'],
    score(u, c) {
      if (!has(u, cue) || has(u, /\b(?:append|add|write|put|insert)\b/)) return 0;
      // "foo should be bar, but not in the last line": an edit, never answered by a read
      if (has(u, /\b(?:should|must|needs? to|has to)\s+(?:be|say|read|become)\b|\bbecomes?\b|->|=>/))
        return 0;
      // "delete the first line of todo.txt" takes lines out (text-line-ends.ts), never reads them
      if (
        has(
          u,
          /^(?:delete|remove|erase|drop|cut|strip|get rid of|chop|trim|lop|clear|wipe|kill|take|keep|leave)\b/,
        )
      )
        return 0;
      if (has(u, /\bcommits?\b/)) return 0;
      return named(u, c).paths.length > 0 || u.exts.length > 0 || c.previous ? 9 : 5;
    },
    build(u, c) {
      const obj = named(u, c);
      if (obj.ambiguous)
        return { clarify: `Which '${obj.ambiguous.word}' do you mean: ${obj.ambiguous.options.join(', ')}?` };
      let path = obj.paths.find((p) => !c.isDir(p));
      if (!path && u.exts.length > 0) {
        const hits = c.names().filter((n) => u.exts.some((e) => n.toLowerCase().endsWith(`.${e}`)));
        if (hits.length === 1) path = hits[0];
        else if (hits.length > 1) return { clarify: `Which file: ${hits.join(', ')}?` };
      }
      if (!path && c.previous?.paths.length === 1) path = c.previous.paths[0];
      if (!path)
        return {
          clarify: `Which file? For example: ${action === 'head' ? 'first 10 lines of notes.txt' : 'last 20 lines of app.log'}`,
        };
      const lines = u.count ?? (has(u, /\b(?:first|last) line\b/) ? 1 : 10);
      return {
        goal: `Show the ${action === 'head' ? 'first' : 'last'} ${lines} lines of ${path}`,
        drafts: [{ tool: 'text', action, args: { path, lines }, why: `${action} of ${path}` }],
      };
    },
  };
}

const count: Rule = {
  id: 'text.count',
  examples: [
    'how many lines are in app.log',
    'count the words in essay.md',
    'line count of all python files',
  ],
  score(u) {
    if (
      has(
        u,
        /\b(?:how many|count|number of|wc|line count|word count|character count|total lines|lines of code)\b/,
      ) &&
      has(u, /\b(?:lines?|words?|characters?|chars|loc|wc|line count|word count)\b/)
    )
      return 9;
    return 0;
  },
  build(u, c) {
    // "count the lines containing ERROR in app.log": the matching lines, which a search counts
    const matching = capture(
      u,
      /\blines?\s+(?:that\s+|which\s+)?(?:contain|contains|containing|with|mentioning|mention|mentions|matching|match|matches)\s+(?:the\s+(?:word|text|string)\s+)?(_q\d+_|\S+)/,
    );
    if (matching) {
      const pat = restore(u, matching);
      const files = u.files.filter((f) => f !== pat);
      return {
        goal: `Count the lines with '${pat}'`,
        drafts: [
          {
            tool: 'text',
            action: 'search',
            args: { pattern: pat, ...(files.length > 0 ? { paths: files } : { path: place(u, c) }) },
            why: `the lines with '${pat}'`,
          },
        ],
      };
    }
    const what = has(u, /\bwords?\b|word count/)
      ? 'words'
      : has(u, /\bcharacters?|chars\b/)
        ? 'chars'
        : 'lines';
    const src = sourcesOf(u, c, { recursive: recursion(u, true) });
    if ('clarify' in src) return { clarify: `Count in which files? ${src.clarify}` };
    if (src.find && !src.find.ext && !src.find.name && has(u, /\bcode\b/))
      src.find.ext = ['js', 'ts', 'py', 'rb', 'go', 'rs', 'c', 'h', 'java', 'sh'];
    return {
      goal: `Count ${what}`,
      drafts: withSources(src, { tool: 'text', action: 'count', args: { what }, why: `count ${what}` }),
    };
  },
};

const OCCURS =
  /\b(?:count|tally)\s+(?:the\s+)?(?:word|text|string|phrase)\s+(?!in\b|of\b)\S|\bhow (?:many times|often)\b|\b(?:count|number of|count the|tally)\s+(?:the\s+)?(?:occurrences|instances|mentions|times)\b|\b(?:occurrences|instances|mentions) of\b.*\b(?:count|how many)\b|\bhow many (?:occurrences|instances|mentions)\b/;

/** The text whose occurrences to count: quoted, after "of", or the subject of "does X appear". */
function counted(u: Utterance, c: RuleContext): string | undefined {
  const word =
    capture(u, /\b(?:occurrences|instances|mentions) of\s+(?:the\s+(?:word|text|string)\s+)?(_q\d+_|\S+)/) ??
    capture(u, /\b(?:count|tally)\s+(?:the\s+|how many\s+)?(?:word|text|string|phrase)\s+(_q\d+_|\S+)/) ??
    capture(
      u,
      /\bhow (?:many times|often)\s+(?:does|do|is|are|did|was|were|has|have)\s+(?:the\s+(?:word|text|string)\s+)?(_q\d+_|\S+)/,
    ) ??
    capture(
      u,
      /\bhow many times\s+(?:the\s+(?:word|text|string)\s+)?(_q\d+_|\S+)\s+(?:appears|occurs|is)\b/,
    ) ??
    (u.quoted.length > 0 ? '_q0_' : undefined);
  if (word && !['the', 'a', 'it', 'this'].includes(word)) return restore(u, word);
  return noun(u, c);
}

/**
 * "count the errors in app.log", "how many warnings are in debug.log": a noun counted in a
 * named file is that word's occurrences (in the singular, any case). Not a kind of file or a
 * unit the count rule measures ("count the lines", "how many pdfs in docs").
 */
const COUNTED_NOUN =
  /\b(?:count|how many|number of)\s+(?:the\s+|all\s+(?:the\s+)?)?([a-z][\w-]*)\s+(?:are\s+(?:there\s+)?|there are\s+)?(?:in|inside)\s+(?:the\s+)?(?:file\s+|folder\s+)?(_f\d+_|[\w.-]+)/;

function noun(u: Utterance, c: RuleContext): string | undefined {
  const word = capture(u, COUNTED_NOUN);
  if (!word) return undefined;
  // in a file named, or in a folder here ("count the TODOs in src")
  const where = COUNTED_NOUN.exec(u.text)?.[2] ?? '';
  if (!/^_f\d+_$/.test(where) && !c.isDir(where)) return undefined;
  const lower = word.toLowerCase();
  const single =
    lower.length > 3 && lower.endsWith('s') && !lower.endsWith('ss') ? lower.slice(0, -1) : lower;
  if (
    /^(?:lines?|words?|char(?:acter)?s?|files?|folders?|directories|entries|items|times|bytes|occurrences|instances|mentions|matches)$/.test(
      lower,
    ) ||
    KIND_WORDS[single] ||
    FILE_EXTS.has(single) ||
    FILE_EXTS.has(lower.replace(/s$/, ''))
  )
    return undefined;
  return single;
}

const occurrences: Rule = {
  id: 'text.count:occurrences',
  examples: ['how many times does TODO appear in notes.txt', 'count occurrences of database in README.md'],
  score(u, c) {
    if (has(u, OCCURS) && counted(u, c) !== undefined) return 10;
    return noun(u, c) !== undefined ? 10 : 0;
  },
  build(u, c) {
    const pat = counted(u, c)!;
    const src = sourcesOf(u, c, { skip: [pat, pat.toLowerCase()], recursive: recursion(u, true) });
    if ('clarify' in src) return { clarify: `Count '${pat}' in which files? ${src.clarify}` };
    return {
      goal: `Count occurrences of '${pat}'`,
      drafts: withSources(src, {
        tool: 'text',
        action: 'count',
        args: { what: 'occurrences', pattern: pat },
        why: `count '${pat}'`,
      }),
    };
  },
};

export const textRules: Rule[] = [occurrences, replace, count, lineRule('head'), lineRule('tail'), search];
