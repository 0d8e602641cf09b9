/**
 * Offline rules that edit text by what it means rather than by a literal swap: "set debug to
 * false in config.json" (a setting's value, in JSON, YAML, INI or .env), and "rename the
 * variable db to database in main.js" (a whole word, never part of a longer one). Both are
 * text.replace with a regular expression the person never has to write.
 */
import { extname } from 'node:path';
import { has, restore, type Utterance } from '../parse.ts';
import { type Rule, sourcesOf, withSources } from '../rule.ts';

const quote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const SETTING =
  /\bset\s+(?:the\s+)?(?:value\s+of\s+|setting\s+|option\s+|key\s+)?(_q\d+_|[\w.-]+)\s+(?:to|=)\s+(_q\d+_|\S+)/;
/** "change the url to …" in a settings file: "the" makes it a setting, not a literal word. */
const CHANGE_SETTING =
  /\b(?:change|update|switch)\s+the\s+(?:value\s+of\s+(?:the\s+)?|setting\s+|option\s+|key\s+)?(_q\d+_|[\w.-]+)\s+(?:to|into)\s+(_q\d+_|\S+)/;
const SETTINGS_FILE = /\.(?:json|ya?ml|toml|ini|env|conf|cfg|properties)$/i;

function setting(u: Utterance): { key: string; value: string } | undefined {
  const m =
    new RegExp(SETTING.source, 'd').exec(u.text) ??
    (u.files.some((f) => SETTINGS_FILE.test(f)) ? new RegExp(CHANGE_SETTING.source, 'd').exec(u.text) : null);
  if (!m) return undefined;
  const grab = (i: number) => {
    const raw = u.norm.length === u.text.length ? u.norm.slice(m.indices![i]![0], m.indices![i]![1]) : m[i];
    return restore(u, raw).replace(/[.,;!?]+$/, '');
  };
  const key = grab(1);
  if (/^_f\d+_$/.test(m[1]) || ['it', 'them', 'the', 'a'].includes(key)) return undefined;
  return { key, value: grab(2) };
}

/** The value as it is written in a file of this kind: JSON quotes strings, the others do not. */
function written(value: string, path: string): string {
  if (extname(path).toLowerCase() !== '.json') return value;
  return /^(?:true|false|null|-?\d+(?:\.\d+)?)$/.test(value) ? value : JSON.stringify(value);
}

const settingRule: Rule = {
  id: 'text.replace:setting',
  examples: ['set debug to false in config.json', 'in settings.ini set port to 8080'],
  score(u) {
    return setting(u) && u.files.length > 0 && !has(u, /\b(?:git|npm|env var|environment)\b/) ? 10 : 0;
  },
  build(u, c) {
    const s = setting(u)!;
    const src = sourcesOf(u, c, { skip: [s.key, s.value] });
    if ('clarify' in src) return { clarify: `Set ${s.key} in which file? ${src.clarify}` };
    const target = ((src.args.paths as string[] | undefined) ?? [])[0] ?? '';
    // The key, quoted or not, then : or =, then its old value (quoted, or up to a comma, brace
    // or line end): only the value changes, the rest of the line stays as it was.
    const find = `(?<key>(?:^|[{,\\s])["']?${quote(s.key)}["']?\\s*[:=]\\s*)(?:"[^"\\n]*"|'[^'\\n]*'|[^\\s,}\\n]*)`;
    return {
      goal: `Set ${s.key} to ${s.value}`,
      drafts: withSources(src, {
        tool: 'text',
        action: 'replace',
        args: { find, replace: `$<key>${written(s.value, target).replace(/\$/g, '$$$$')}`, regex: true },
        why: `set ${s.key} to ${s.value}`,
      }),
    };
  },
};

const SYMBOL =
  /\b(?:rename|change)\s+(?:the\s+)?(?:variable|var|function|method|class|constant|identifier|symbol|field|property|word)\s+(_q\d+_|[\w$]+)\s+(?:to|into|as)\s+(_q\d+_|[\w$]+)/;

const symbolRule: Rule = {
  id: 'text.replace:symbol',
  examples: ['rename the variable db to database in src/main.js', 'rename the function foo to bar in app.js'],
  score(u) {
    return has(u, SYMBOL) ? 11 : 0;
  },
  build(u, c) {
    const m = new RegExp(SYMBOL.source, 'd').exec(u.text)!;
    const grab = (i: number) =>
      restore(u, u.norm.length === u.text.length ? u.norm.slice(m.indices![i]![0], m.indices![i]![1]) : m[i]);
    const from = grab(1);
    const to = grab(2);
    const src = sourcesOf(u, c, { skip: [from, to] });
    if ('clarify' in src) return { clarify: `Rename ${from} in which files? ${src.clarify}` };
    return {
      goal: `Rename ${from} to ${to}`,
      drafts: withSources(src, {
        tool: 'text',
        action: 'replace',
        // A whole name: "db" is renamed, "dbPath" and "mydb" are not.
        args: {
          find: `(?<![\\w$])${quote(from)}(?![\\w$])`,
          replace: to.replace(/\$/g, '$$$$'),
          regex: true,
        },
        why: `rename ${from} to ${to}`,
      }),
    };
  },
};

/** "delete the lines containing Bob in notes.txt", "remove blank lines from notes.txt". */
const LINES_WITH =
  /^(?:delete|remove|drop|strip|erase|get rid of|cut)\s+(?:out\s+)?(?:all\s+|every\s+|any\s+)?(?:of\s+)?(?:the\s+)?lines?\s+(?:that\s+|which\s+)?(?:contain|containing|contains|with|mentioning|mention|mentions|matching|that have|having|have|has|saying|say|says)\s+(?:the\s+(?:word|text|string)\s+)?(_q\d+_|\S+)\s+(?:in|from|of)\s+/;
const EMPTY_LINES =
  /^(?:delete|remove|drop|strip|erase|get rid of|cut)\s+(?:out\s+)?(?:all\s+|every\s+|any\s+)?(?:of\s+)?(?:the\s+)?(?:empty|blank)\s+lines?\s+(?:in|from|of)\s+/;

const linesRule: Rule = {
  id: 'text.replace:lines',
  examples: ['delete the lines containing TODO in notes.txt', 'remove blank lines from notes.txt'],
  score(u) {
    return (has(u, LINES_WITH) || has(u, EMPTY_LINES)) && u.files.length > 0 ? 11 : 0;
  },
  build(u, c) {
    const m = new RegExp(LINES_WITH.source, 'd').exec(u.text);
    const text = m
      ? restore(
          u,
          u.norm.length === u.text.length ? u.norm.slice(m.indices![1]![0], m.indices![1]![1]) : m[1],
        )
      : undefined;
    const src = sourcesOf(u, c, { skip: text ? [text, text.toLowerCase()] : [] });
    if ('clarify' in src) return { clarify: `Remove lines from which file? ${src.clarify}` };
    // A whole line, from just after a line break (or the start) through its own line break.
    const find = text ? `(?<![^\\n])[^\\n]*${quote(text)}[^\\n]*(?:\\n|$)` : '(?<![^\\n])[ \\t]*\\n';
    const what = text ? `the lines with '${text}'` : 'the empty lines';
    return {
      goal: `Remove ${what}`,
      drafts: withSources(src, {
        tool: 'text',
        action: 'replace',
        args: { find, replace: '', regex: true },
        why: `remove ${what}`,
      }),
    };
  },
};

export const textEditRules: Rule[] = [linesRule, symbolRule, settingRule];
