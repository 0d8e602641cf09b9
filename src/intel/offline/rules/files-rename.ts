/**
 * The offline rule for renaming many files at once: "change the extension of all .txt files
 * to .md", "rename all .jpeg to .jpg", "add the prefix old- to every csv file", "add the
 * suffix -final to the pdfs". The files are chosen like any selection, by the extension they
 * have now.
 */
import { bareExtensions } from '../idioms.ts';
import { FILE_EXTS, KIND_WORDS } from '../lexicon.ts';
import { capture, has, restore, type Utterance } from '../parse.ts';
import { type Rule, sourcesOf, withSources } from '../rule.ts';
import { drafts } from './files-shared.ts';

/** The extension to change to: ".md" or "md" after "to"/"into", the last extension named. */
function newExt(u: Utterance): string | undefined {
  const re = /\b(?:to|into|as)\s+(?:the\s+)?(?:extension\s+)?(_ext_|\.?[a-z0-9]{1,8})\b/;
  const after = capture(u, re);
  // The extensions written with a dot come first in u.exts, in the order said; kinds of file
  // ("temp files") follow: the one after "to" is the one at its place among them.
  if (after === '_ext_') {
    const at = re.exec(u.text)?.index ?? 0;
    const before = u.text.slice(0, at).split('_ext_').length - 1;
    // as written: ".JPG to .jpg" are one extension in u.exts, two here
    return written(u)[before]?.toLowerCase() ?? u.exts[before] ?? u.exts.at(-1);
  }
  const word = after?.toLowerCase().replace(/^\./, '');
  return word && FILE_EXTS.has(word) ? word : undefined;
}

/** The prefix or suffix: quoted, or the token after "prefix"/"suffix", or before "as a prefix". */
function affix(u: Utterance, kind: 'prefix' | 'suffix'): string | undefined {
  // Each way of saying it in turn: "the prefix to all" is not the prefix "to".
  const ways = [
    new RegExp(`\\b${kind}\\s+(?:of\\s+)?(_q\\d+_|[^\\s]+)`),
    new RegExp(`\\b(?:add|put|prepend|append)\\s+(_q\\d+_|[^\\s]+)\\s+as\\s+(?:a\\s+|the\\s+)?${kind}\\b`),
    new RegExp(`\\b${kind}\\s+(?:all\\s+|every\\s+|each\\s+)?.*?\\bwith\\s+(_q\\d+_|[^\\s]+)`),
  ];
  for (const re of ways) {
    const word = capture(u, re);
    if (word && !['to', 'the', 'a', 'all', 'every', 'each', 'of'].includes(word)) return restore(u, word);
  }
  return undefined;
}

/** "rename every jpg to jpeg": the extension named bare, before "to". */
function bareExt(u: Utterance, target: string): string | undefined {
  const m =
    /\b(?:all|every|each|the)\s+(?:the\s+)?\.?([a-z0-9]{1,8})\s+(?:files\s+|extensions?\s+)?(?:to|into|as)\b/.exec(
      u.text,
    );
  return m && m[1] !== target && FILE_EXTS.has(m[1]) ? m[1] : undefined;
}

/** The extensions written with a dot, in the order said, as typed. */
function written(u: Utterance): string[] {
  return [...bareExtensions(u.raw).matchAll(/(?:^|\s)\*?\.([A-Za-z0-9]{1,12})(?=$|[\s,;:!?])/g)].map(
    (m) => m[1],
  );
}

/** The kinds of file said in words ("the images", "temp files"), as their extensions. */
function kindsSaid(u: Utterance): (readonly string[])[] {
  return u.text
    .split(' ')
    .map((w) => KIND_WORDS[w] ?? KIND_WORDS[w.replace(/s$/, '')])
    .filter((k): k is readonly string[] => k !== undefined);
}

/** ".jpeg to .jpg for the images": the extensions written before "to", the files' own. */
function saidBefore(u: Utterance): string[] {
  const at = /\b(?:to|into|as)\s+(?:the\s+)?(?:extension\s+)?_ext_/.exec(u.text)?.index;
  if (at === undefined) return [];
  const before = u.text.slice(0, at).split('_ext_').length - 1;
  return [
    ...new Set(
      written(u)
        .slice(0, before)
        .map((e) => e.toLowerCase()),
    ),
  ];
}

/** "every .JPG in photos to .jpg": the same extension, written two ways. */
function caseChange(u: Utterance): boolean {
  const spelled = written(u);
  return (
    spelled.length >= 2 &&
    new Set(spelled.map((w) => w.toLowerCase())).size === 1 &&
    new Set(spelled).size > 1
  );
}

const EXT_CHANGE =
  /\b(?:change|switch|rename|convert|make)\b.*\bextensions?\b|\b(?:rename|change|switch)\b.+\b(?:to|into|as)\s+(?:the\s+)?(?:_ext_|\.?[a-z0-9]{1,8})(?:\s|$)/;

export const renameMany: Rule = {
  id: 'files.rename',
  examples: [
    'change the extension of all .txt files to .md',
    'rename all .jpeg files to .jpg',
    'add the prefix old- to every csv file',
  ],
  score(u) {
    if (has(u, /\b(?:prefix|suffix)\b/) && has(u, /\b(?:add|put|prepend|append|prefix|suffix)\b/)) return 10;
    if (!has(u, EXT_CHANGE)) return 0;
    const ext = newExt(u);
    if (!ext) return 0;
    // Files chosen by the extension they have now: "rename the folder drafts to old" is not one.
    if (!has(u, /\bextensions?\b/) && !u.exts.some((e) => e !== ext) && !bareExt(u, ext) && !caseChange(u))
      return 0;
    // "rename notes.txt to notes.md" is one file's new name: the single rename does it.
    if (u.files.length > 0 && !has(u, /\bextensions?\b/)) return 0;
    return 10;
  },
  build(u, c) {
    const prefix = has(u, /\bprefix\b/) ? affix(u, 'prefix') : undefined;
    const suffix = has(u, /\bsuffix\b/) ? affix(u, 'suffix') : undefined;
    const ext = prefix === undefined && suffix === undefined ? newExt(u) : undefined;
    if (prefix === undefined && suffix === undefined && ext === undefined)
      return { clarify: 'Rename them how? For example: change the extension of all .txt files to .md' };
    // The files are chosen by the extensions they have, not the one they get; "every .JPG to
    // .jpg" changes only how it is written, so the files are those of that extension.
    const others = ext ? u.exts.filter((e) => e !== ext) : [];
    // ".JPG to .jpg for the pictures": the files of the extension written, not every picture
    // ".jpeg to .jpg for the images": within a kind, only the files of the extension said
    const within = ext !== undefined && (caseChange(u) || kindsSaid(u).some((k) => k.includes(ext)));
    const said = ext && within ? saidBefore(u).filter((e) => e !== ext || caseChange(u)) : [];
    const from = said.length > 0 ? said : ext && u.exts.includes(ext) && caseChange(u) ? [ext] : others;
    const bare = ext && from.length === 0 ? bareExt(u, ext) : undefined;
    const chosen: Utterance = ext ? { ...u, exts: bare ? [bare] : from } : u;
    const skip = [prefix, suffix].filter((x): x is string => x !== undefined);
    const src = sourcesOf(chosen, c, { skip: [...skip, ...skip.map((x) => x.toLowerCase())] });
    if ('clarify' in src) return { clarify: `Rename which files? ${src.clarify}` };
    const args: Record<string, unknown> = {};
    if (ext) args.ext = ext;
    if (prefix !== undefined) args.prefix = prefix;
    if (suffix !== undefined) args.suffix = suffix;
    const what = ext
      ? `to .${ext}`
      : prefix !== undefined
        ? `with the prefix ${prefix}`
        : `with the suffix ${suffix}`;
    return drafts(
      `Rename files ${what}`,
      withSources(src, { tool: 'files', action: 'rename', args, why: `rename ${what}` }),
    );
  },
};
