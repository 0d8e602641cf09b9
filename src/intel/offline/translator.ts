/**
 * The offline translator: deterministic rules, no model. It splits a request into clauses
 * ("find the pdfs and move them to docs"), scores every rule against each clause, and builds
 * the best rule's steps, chaining "them" to the previous clause or to the last turn of the
 * session. When no rule fits it says so and suggests the closest requests it can do; when a
 * request is ambiguous it asks.
 *
 * @example
 * const t = new OfflineTranslator();
 * const { plan } = await t.translate('show the 5 biggest files here', { cwd, home, catalog: [] });
 */

import { basename, join } from 'node:path';
import { findAction } from '../../tools/registry.ts';
import type { Step, TranslateContext, Translation, Translator } from '../intent.ts';
import { splitClauses } from './clauses.ts';
import { excludes, uncovered } from './coverage.ts';
import { gitSaid } from './git-said.ts';
import { goInto } from './go-into.ts';
import { KIND_WORDS } from './lexicon.ts';
import { readThroughTypos } from './misread.ts';
import { parse, type Utterance } from './parse.ts';
import { placeReferences } from './place-refs.ts';
import { currentFolder, folderFiles, homeFiles, located } from './places.ts';
import { relationDropped, relationRead } from './process-relations.ts';
import { type Build, contextFor, type Draft, type Rule, type RuleContext, resolveWord } from './rule.ts';
import { RULES } from './rules/index.ts';
import { beyondRoots, wholeMachine } from './scope.ts';
import { shellForms } from './shell-forms.ts';
import { oneMeant } from './singular.ts';
import { closest } from './suggest.ts';
import { joinedVerbs } from './verbs.ts';

const DELETES = /\b(?:delete|remove|rm|erase|trash|get rid of|wipe|discard)\b/;

/** A text edit said: "A becomes B", "A should say B", "A -> B", "change A to B". */
const EDIT_SAID =
  /\bbecomes?\b|\b(?:should|must|needs? to|has to)\s+(?:be|say|read|become)\b|\s(?:->|=>|→)\s|^(?:in\s+\S+\s*,?\s*)?(?:change|replace|swap|substitute)\s+\S.*\s(?:to|with|for|by)\s/;

/** Below this score a rule is not taken to match. */
const THRESHOLD = 5;

export interface Match {
  rule: Rule;
  score: number;
}

export { splitClauses };

export class OfflineTranslator implements Translator {
  readonly name = 'offline';
  readonly #rules: readonly Rule[];

  constructor(rules: readonly Rule[] = RULES) {
    this.#rules = rules;
  }

  async translate(request: string, context: TranslateContext): Promise<Translation> {
    return this.translateSync(request, context);
  }

  /** The same, synchronously (the benchmark measures this). */
  translateSync(request: string, context: Pick<TranslateContext, 'cwd' | 'home' | 'history'>): Translation {
    // "clean up shortcut, get rid of the old stuff in there": the place named, or a question
    const here = contextFor(context.cwd, context.home);
    const refs = placeReferences(request, here.isDir, (name) => here.exists(name) && !here.isDir(name));
    if (refs && 'clarify' in refs) return { source: 'offline', clarify: refs.clarify };
    const clauses = splitClauses(gitSaid(goInto(joinedVerbs(shellForms(refs?.text ?? request)))));
    const lastTurn = context.history?.at(-1);
    let previous: RuleContext['previous'] =
      lastTurn && lastTurn.subjects.length > 0 ? { paths: lastTurn.subjects, chained: false } : undefined;
    const steps: Step[] = [];
    const goals: string[] = [];
    let confirm = false;
    const trail: string[] = [];
    // After "zip the logs", "them" is the logs and "the zip" or "it" is the archive.
    let packed: { id?: string; paths: string[]; copy?: boolean } | undefined;
    for (const clause of clauses) {
      const c = contextFor(context.cwd, context.home, previous);
      const u = parse(folderFiles(homeFiles(currentFolder(clause, c), c), c), {
        // A start-up file of the home directory ("my .bashrc") is a file, not an extension.
        known: (name) => c.exists(name) || (name.startsWith('.') && c.exists(`~/${name}`)),
        isName: (w) => resolveWord(w, c).length > 0,
      });
      if (u.sed && 'unsupported' in u.sed) return { source: 'offline', clarify: u.sed.unsupported };
      const wide = wholeMachine(u, undefined, (name) => c.isDir(name));
      if (wide) return { source: 'offline', clarify: beyondRoots(wide, clause) };
      const ranked = this.rank(u, c);
      const best = ranked[0];
      if (!best || best.score < THRESHOLD) return this.#notUnderstood(request, clause);
      const second = ranked[1];
      if (second && second.score === best.score && tool(second.rule) !== tool(best.rule)) {
        return {
          source: 'offline',
          clarify: `Did you mean "${best.rule.examples[0]}" or "${second.rule.examples[0]}"? Say it a bit more precisely`,
          suggestions: [best.rule.examples[0], second.rule.examples[0]],
        };
      }
      const tooled = this.#preferTool(best.rule, u, c);
      const built = tooled?.built ?? best.rule.build(u, c);
      const said = tooled?.inner ?? u;
      if ('drafts' in built) for (const d of built.drafts) foundBelow(d, said, c);
      if ('unknown' in built) return this.#notUnderstood(request, clause);
      if ('clarify' in built)
        return { source: 'offline', clarify: built.clarify, suggestions: built.suggestions };
      const which = oneMeant(said, built.drafts, c);
      if (which) return { source: 'offline', clarify: which };
      const relation = relationDropped(said, built.drafts, clause);
      if (relation) return { source: 'offline', clarify: relation };
      const scope = wholeMachine(said, built.drafts, (name) => c.isDir(name));
      if (scope) return { source: 'offline', clarify: beyondRoots(scope, clause) };
      const dropped = changes(built.drafts)
        ? uncovered(relationRead(said, built.drafts), built.drafts, tooled !== undefined, (name) =>
            c.names().some((n) => n.toLowerCase() === name && c.isDir(n)),
          )
        : undefined;
      if (dropped !== undefined) return notCovered(clause, dropped, c);
      // "milk becomes bread unless …", "change milk to bread on the first line": a change said
      // is never answered by a look at the file
      if (EDIT_SAID.test(u.text) && !changes(built.drafts))
        return {
          source: 'offline',
          clarify: `"${clause}" asks for a change I could not read exactly, so nothing was changed; say it as: replace 'old' with 'new' in FILE`,
        };
      // "list the logs, then delete the ones older than 30 days": a change that refers back must
      // act on what came before, never on a fresh selection of everything like it.
      const refers = /\b(?:the ones|those ones|these ones|them|those|these)\b/.exec(u.text);
      if (refers && previous?.chained && changes(built.drafts) && !built.drafts.some((d) => d.fromPrevious))
        return {
          source: 'offline',
          clarify: `Which files do "${refers[0]}" mean in "${clause}"? Nothing was changed; name them, or say the whole selection again`,
        };
      if (readThroughTypos(clause, said, built.drafts)) confirm = true;
      for (const fix of said.corrected) trail.push(`read "${fix.from}" as "${fix.to}"`);
      if (said.corrected.length > 0) literal(built.drafts, said, c);
      const base = steps.length;
      // "zip the logs folder and then delete it": deleting the archive just made undoes the request
      // (and so is deleting a copy just made: "copy notes.txt to docs and delete it" is a move)
      const originals =
        packed &&
        (packed.copy
          ? DELETES.test(u.text) && /\b(?:it|them|those|these|the originals?)\b/.test(u.text)
          : /\b(?:them|those|these|the originals?|the (?:\w+ )?files)\b/.test(u.text) ||
            (/\bit\b/.test(u.text) && DELETES.test(u.text)));
      const lastId = originals ? packed?.id : steps.at(-1)?.id;
      if (originals && packed && !packed.id)
        for (const d of built.drafts)
          if (d.fromPrevious)
            Object.assign(d, { fromPrevious: false, args: { ...d.args, paths: packed.paths } });
      const archiveId = steps.at(-1)?.id;
      for (const d of built.drafts) {
        const step = stepOf(d, steps.length + 1, base, lastId);
        if (!step) return { source: 'offline', clarify: 'Which files do "them" mean? Name them first' };
        // The originals are acted on only once they are packed.
        if (originals && archiveId && !step.dependsOn.includes(archiveId) && step.id !== archiveId)
          step.dependsOn.push(archiveId);
        steps.push(step);
      }
      goals.push(built.goal);
      const last = built.drafts.at(-1);
      previous = { paths: last ? declaredPaths(last) : [], chained: true, into: last && filled(last) };
      packed =
        last?.action === 'archive' || last?.action === 'copy'
          ? { ...packedFrom(last, steps, base, lastId), copy: last.action === 'copy' }
          : undefined;
    }
    if (steps.length === 0) return this.#notUnderstood(request, request);
    return {
      source: 'offline',
      plan: { goal: goals.join('; then ').slice(0, 500), steps, requiresConfirmation: confirm },
      ...(trail.length > 0 ? { trail } : {}),
    };
  }

  /** Rules by score, best first (ties keep rule order). */
  rank(u: Utterance, c: RuleContext): Match[] {
    const out: Match[] = [];
    for (const rule of this.#rules) {
      const score = rule.score(u, c);
      if (score > 0) out.push({ rule, score });
    }
    return out.sort((a, b) => b.score - a.score);
  }

  /** A shell command a tool does better ("run ls -la"): the tool's plan, never the shell's. */
  #preferTool(rule: Rule, u: Utterance, c: RuleContext): { built: Build; inner: Utterance } | undefined {
    if (rule.id !== 'shell.run') return undefined;
    const built = rule.build(u, c);
    if (!('drafts' in built)) return undefined;
    const command = String(built.drafts[0].args.command);
    // Only a plain command a tool can fully stand for: no pipes, redirections, lists, expansions.
    if (/[|&;<>$`(){}\\*?]/.test(command)) return undefined;
    const inner = parse(command, (name) => c.exists(name));
    const best = this.rank(inner, c).find((m) => m.rule.id !== 'shell.run');
    if (!best || best.score < THRESHOLD) return undefined;
    const tooled = best.rule.build(inner, c);
    return 'drafts' in tooled ? { built: tooled, inner } : undefined;
  }

  #notUnderstood(request: string, clause: string): Translation {
    const suggestions = closest(clause, this.#rules, 3);
    return {
      source: 'offline',
      suggestions,
      clarify: `I could not understand "${clause === request ? request : clause}" without a language model`,
    };
  }
}

/**
 * Whether a clause changes something. An action that only may change (git.branch lists or
 * creates, network.get shows or saves) changes when it is given what to create, delete or save.
 */
function changes(drafts: readonly Draft[]): boolean {
  return drafts.some((d) => {
    const def = findAction(d.tool, d.action);
    if (!def || def.risk > 0) return true;
    if ((def.maxRisk ?? 0) === 0) return false;
    const a = d.args;
    return (
      a.name !== undefined ||
      a.delete !== undefined ||
      a.save !== undefined ||
      (d.action === 'stash' && a.op !== 'list')
    );
  });
}

function notCovered(clause: string, what: string, c: RuleContext): Translation {
  // "zip the logs" with a folder logs here: the folder, or the .log files?
  const folder = /^\.([a-z0-9]+)$/.exec(what)
    ? c.names().find((n) => {
        const w = n.toLowerCase();
        return (
          new RegExp(`\\b${w}\\b`, 'i').test(clause) &&
          w.endsWith('s') &&
          (KIND_WORDS[w.slice(0, -1)] ?? [w.slice(0, -1)]).includes(what.slice(1)) &&
          c.isDir(n)
        );
      })
    : undefined;
  if (folder)
    return {
      source: 'offline',
      clarify: `Do you mean the folder ${folder}/ or the ${what} files in "${clause}"? Nothing was changed; say "the ${folder} folder" or "all the ${what} files"`,
      suggestions: [clause.replace(new RegExp(`\\b${folder}\\b`, 'i'), `${folder} folder`)],
    };
  if (excludes(what))
    return {
      source: 'offline',
      clarify: `"${clause}" leaves something out ("${what}"), and a plan cannot be trusted to; nothing was changed. Name exactly the files to act on, or do it in two steps`,
    };
  return {
    source: 'offline',
    clarify: `I do not know what "${what}" means in "${clause}", so nothing was changed; say it another way, or name the files and folders exactly`,
  };
}

/**
 * "count the ERROR lines in server.log" when it is logs/server.log: a file a read-only text
 * step names that is not here is the one file of that exact name below, as elsewhere.
 */
function foundBelow(d: Draft, u: Utterance, c: RuleContext): void {
  if (d.tool !== 'text' || (findAction(d.tool, d.action)?.risk ?? 3) > 0 || !Array.isArray(d.args.paths))
    return;
  d.args.paths = (d.args.paths as unknown[]).map((p) =>
    typeof p === 'string' && !c.exists(p) && !p.includes('/') ? located(p, u, c) : p,
  );
}

/** Arguments that carry what the person typed; the others are choices (what, sort, signal). */
const TYPED = new Set([
  'content',
  'command',
  'message',
  'find',
  'replace',
  'pattern',
  'query',
  'name',
  'names',
  'prefix',
  'suffix',
  'path',
  'paths',
  'to',
  'save',
]);

/**
 * A typo steers which rule is chosen, never what is written: arguments carry the words as
 * typed (a file's content, a command, a name), except a path that exists as corrected.
 */
function literal(drafts: Draft[], u: Utterance, c: RuleContext): void {
  const fixes = u.corrected.map((fix) => ({
    has: new RegExp(`(?<!\\.)\\b${fix.to}\\b`, 'i'),
    re: new RegExp(`(?<!\\.)\\b${fix.to}\\b`, 'gi'),
    from: fix.from,
  }));
  const undo = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(undo);
    if (typeof v !== 'string' || !fixes.some((f) => f.has.test(v)) || c.exists(v)) return v;
    let out = v;
    for (const f of fixes) out = out.replace(f.re, f.from);
    return out;
  };
  for (const d of drafts) for (const [k, v] of Object.entries(d.args)) if (TYPED.has(k)) d.args[k] = undo(v);
}

function tool(rule: Rule): string {
  return rule.id.slice(0, rule.id.indexOf('.'));
}

function stepOf(d: Draft, n: number, base: number, previousId: string | undefined): Step | undefined {
  const args = { ...d.args };
  const dependsOn: string[] = [];
  if (d.fromDraft !== undefined) {
    args.from = `s${base + d.fromDraft + 1}`;
    dependsOn.push(args.from as string);
  } else if (d.fromPrevious) {
    if (!previousId) return undefined;
    args.from = previousId;
    dependsOn.push(previousId);
  }
  return {
    id: `s${n}`,
    tool: d.tool,
    action: d.action,
    args,
    risk: findAction(d.tool, d.action)?.risk ?? 0,
    dependsOn,
    why: d.why,
  };
}

/** What an archive step packed: the step its paths came from, or the paths it named. */
function packedFrom(
  d: Draft,
  steps: readonly Step[],
  base: number,
  previousId: string | undefined,
): { id?: string; paths: string[] } {
  if (d.fromDraft !== undefined) return { id: steps[base + d.fromDraft]?.id, paths: [] };
  if (d.fromPrevious) return { id: previousId, paths: [] };
  return { paths: Array.isArray(d.args.paths) ? (d.args.paths as string[]) : [] };
}

/** The folder a draft fills: where an archive unpacks, a new folder, a folder things go to. */
function filled(d: Draft): string | undefined {
  const a = d.args;
  if (d.action === 'extract' && typeof a.path === 'string')
    return typeof a.to === 'string' ? a.to : a.path.replace(/\.(?:zip|tar\.gz|tgz)$/i, '');
  if (d.action === 'mkdir' && typeof a.path === 'string') return a.path;
  if ((d.action === 'copy' || d.action === 'move') && typeof a.to === 'string' && a.to.endsWith('/'))
    return a.to.replace(/\/+$/, '');
  return undefined;
}

/** Paths a draft names outright (a folder it creates, a destination), for "into it". */
function declaredPaths(d: Draft): string[] {
  const a = d.args;
  // "copy notes.txt to docs and rename it": "it" is the copy in docs, never docs itself
  if (typeof a.to === 'string' && a.to.endsWith('/') && Array.isArray(a.paths))
    return (a.paths as string[]).map((p) => join(a.to as string, basename(p)));
  if (typeof a.to === 'string') return [a.to];
  if (typeof a.save === 'string') return [a.save];
  if (Array.isArray(a.paths)) return a.paths as string[];
  if (typeof a.path === 'string') return [a.path];
  return [];
}
