/**
 * The intent router, pure of any service: handlers register what they handle (an intent name,
 * a description, example phrases, tags, a payload schema); a message `{ intent, text?, tags? }`
 * goes to the handler whose intent name it names exactly, or else to the one whose meaning
 * (the sentence encoder against the description and examples), words (BM25 with synonyms) and
 * tags fit it best, if that fit clears the threshold. Below it the router refuses and names the
 * closest handlers: a wrong delivery is worse than none.
 *
 * Vectors of a registration are computed once when it registers; a message's vector is cached
 * (bounded LRU), so a repeated intent routes in microseconds.
 *
 * @example
 * const router = new IntentRouter({ embedder: new SentenceEncoder() });
 * await router.register({ handler: 'weather', intent: 'weather', description: 'Forecasts', examples: ['will it rain'] });
 * const route = await router.route({ intent: 'do I need an umbrella today' });
 * route.handler;   // 'weather'
 */
import type { Embedder } from '../memoryd/embedder.ts';
import { Lru } from './cache.ts';
import { type ImpostorScore, refusalThreshold } from './calibration.ts';
import { leadingClause } from './clauses.ts';
import { dot } from './dot.ts';
import { IntentError } from './errors.ts';
import { contentWords, KeywordMatch } from './keywords.ts';
import { type Synonyms, WordIndex } from './lexical.ts';
import { INTENT_LIMITS } from './limits.ts';
import { compilePayloadSchema } from './payload.ts';
import type { Entry, Registration, Route, RouteMessage, RouterOptions, Scored } from './routes.ts';
import {
  alikeness,
  counterOf,
  keywordsOf,
  meaningOf,
  round,
  scoreCache,
  similarities,
  wordsOf,
} from './scoring.ts';
import { Vocabulary } from './spelling.ts';

export type { Registration, Route, RouteMessage, RouterOptions, Scored } from './routes.ts';

/** The key an intent name is known by: case and surrounding space do not matter. */
export const intentKey = (name: string) => name.trim().toLowerCase();

export class IntentRouter {
  readonly #embedder: Embedder;
  readonly #synonyms: Synonyms | undefined;
  readonly #known: (word: string) => boolean;
  readonly #fixedThreshold: number | undefined;
  readonly #vocabulary = new Vocabulary();
  readonly #entries = new Map<string, Entry>();
  readonly #words = new WordIndex();
  readonly #keywords = new KeywordMatch();
  readonly #cache = new Lru<string, Float32Array>(INTENT_LIMITS.EMBED_CACHE_ENTRIES);
  /** Messages as repaired, until the registered words change. */
  #repaired = new Lru<string, string>(INTENT_LIMITS.EMBED_CACHE_ENTRIES);
  /**
   * Messages as scored, until the registrations change: a message's scores depend on nothing
   * else, and with 30-odd examples a handler scoring one costs a few hundred dot products.
   */
  #scored = scoreCache(1);
  #order = 0;
  /** The refusal threshold for the registrations as they are; dropped on every change. */
  #threshold: Promise<number> | undefined;

  constructor(options: RouterOptions) {
    this.#embedder = options.embedder;
    this.#fixedThreshold = options.threshold;
    this.#synonyms = options.synonyms;
    const synonyms = options.synonyms;
    this.#known = options.known ?? ((w) => (synonyms ? synonyms(w).length > 0 : true));
  }

  /**
   * Adds a registration, or replaces one of the same handler's. Throws E_BAD_STATE when another
   * handler holds the intent name (no one takes over an intent by registering it again).
   */
  async register(reg: Registration): Promise<void> {
    const key = intentKey(reg.intent);
    const holder = this.#entries.get(key);
    if (holder && holder.reg.handler !== reg.handler) {
      throw new IntentError(
        'E_BAD_STATE',
        `Intent '${reg.intent}' is already handled by '${holder.reg.handler}'; register under another intent name`,
      );
    }
    const check = compilePayloadSchema(reg.schema, reg.intent);
    const keywords = keywordsOf(reg);
    const counter = reg.counterexamples ?? [];
    const [description, ...vectors] = await this.#embedder.embed([
      reg.description,
      ...reg.examples,
      ...counter,
      ...keywords,
    ]);
    const examples = vectors.slice(0, reg.examples.length);
    const counterexamples = vectors.slice(reg.examples.length, reg.examples.length + counter.length);
    // checked again after the await: two registrations of one name may race
    const now = this.#entries.get(key);
    if (now && now.reg.handler !== reg.handler) {
      throw new IntentError(
        'E_BAD_STATE',
        `Intent '${reg.intent}' is already handled by '${now.reg.handler}'; register under another intent name`,
      );
    }
    if (now) this.#vocabulary.remove(wordsOf(now.reg));
    this.#vocabulary.add(wordsOf(reg));
    this.#repaired = new Lru(INTENT_LIMITS.EMBED_CACHE_ENTRIES);
    this.#scored = scoreCache(this.#entries.size + 1);
    this.#threshold = undefined;
    this.#entries.set(key, {
      reg: {
        ...reg,
        examples: [...reg.examples],
        counterexamples: [...counter],
        tags: [...(reg.tags ?? [])],
      },
      order: now?.order ?? this.#order++,
      description,
      examples,
      counterexamples,
      tags: new Set((reg.tags ?? []).map((t) => t.toLowerCase())),
      check,
    });
    this.#words.set(key, wordsOf(reg));
    this.#keywords.set(key, vectors.slice(reg.examples.length + counter.length));
  }

  /** Removes `intent` if `handler` holds it; true when it did. */
  unregister(intent: string, handler: string): boolean {
    const key = intentKey(intent);
    const entry = this.#entries.get(key);
    if (entry?.reg.handler !== handler) return false;
    this.#vocabulary.remove(wordsOf(entry.reg));
    this.#repaired = new Lru(INTENT_LIMITS.EMBED_CACHE_ENTRIES);
    this.#scored = scoreCache(this.#entries.size + 1);
    this.#threshold = undefined;
    this.#entries.delete(key);
    this.#words.delete(key);
    this.#keywords.delete(key);
    return true;
  }

  /** Every registration, oldest first. */
  list(): Registration[] {
    return [...this.#entries.values()].sort((a, b) => a.order - b.order).map((e) => e.reg);
  }

  get(intent: string): Registration | undefined {
    return this.#entries.get(intentKey(intent))?.reg;
  }

  /**
   * The other registrations that read like `intent`'s, most alike first: the mean of their
   * descriptions' similarity and their examples' (each example's closest in the other set,
   * both ways), at least INTENT_LIMITS.LOOKALIKE_THRESHOLD. They compete by meaning; on equal
   * scores the older registration wins.
   */
  lookalikes(intent: string): { handler: string; intent: string; similarity: number }[] {
    const e = this.#entries.get(intentKey(intent));
    if (!e) return [];
    const out: { handler: string; intent: string; similarity: number }[] = [];
    for (const o of this.#entries.values()) {
      if (o === e) continue;
      const similarity = round(alikeness(e, o));
      if (similarity >= INTENT_LIMITS.LOOKALIKE_THRESHOLD)
        out.push({ handler: o.reg.handler, intent: o.reg.intent, similarity });
    }
    return out.sort((a, b) => b.similarity - a.similarity);
  }

  /**
   * The score below which nobody takes a message, calibrated on the registered examples
   * (calibration.ts): computed on the first route after registrations change.
   */
  threshold(): Promise<number> {
    if (this.#fixedThreshold !== undefined) return Promise.resolve(this.#fixedThreshold);
    if (!this.#threshold) {
      const pending = this.#calibrate();
      this.#threshold = pending;
      // a failed calibration (the encoder down) is tried again on the next route
      pending.catch(() => {
        if (this.#threshold === pending) this.#threshold = undefined;
      });
    }
    return this.#threshold;
  }

  /** Each sampled example's best score among the registrations it does not belong to (nor reads like). */
  async #calibrate(): Promise<number> {
    const entries = [...this.#entries.values()].sort((a, b) => a.order - b.order);
    if (entries.length < 2) return INTENT_LIMITS.ROUTE_THRESHOLD;
    const picked: { entry: Entry; text: string }[] = [];
    const most = Math.max(...entries.map((e) => e.reg.examples.length));
    for (let i = 0; i < most && picked.length < INTENT_LIMITS.CALIBRATION_EXAMPLES_MAX; i++) {
      for (const entry of entries) {
        if (i < entry.reg.examples.length && picked.length < INTENT_LIMITS.CALIBRATION_EXAMPLES_MAX)
          picked.push({ entry, text: entry.reg.examples[i] });
      }
    }
    // one batch for the encoder, then every score is read from the cache
    await this.#vectors(picked.flatMap(({ text }) => this.#readings(text)));
    const alike = new Map<string, boolean>();
    const isAlike = (e: Entry, intent: string) => {
      const key = `${intentKey(e.reg.intent)}\n${intentKey(intent)}`;
      let hit = alike.get(key);
      if (hit === undefined) {
        const o = this.#entries.get(intentKey(intent));
        hit = o !== undefined && alikeness(e, o) >= INTENT_LIMITS.LOOKALIKE_THRESHOLD;
        alike.set(key, hit);
      }
      return hit;
    };
    const samples: ImpostorScore[] = [];
    for (const { entry, text } of picked) {
      const scored = await this.score({ intent: text });
      const other = scored.find((s) => s.intent !== entry.reg.intent && !isAlike(entry, s.intent));
      if (other) samples.push({ agent: entry.reg.handler, score: other.score });
    }
    return refusalThreshold(samples);
  }

  /** The texts a message is read as: as repaired, its leading clause, its content words. */
  #readings(written: string): string[] {
    let text = this.#repaired.get(written);
    if (text === undefined) {
      text = this.#vocabulary.repair(written, this.#known);
      this.#repaired.set(written, text);
    }
    const head = leadingClause(text);
    return [text, head ?? text, ...contentWords(text)];
  }

  /** Every registration scored against `message`, best first (ties: the older registration first). */
  async score(message: RouteMessage): Promise<Scored[]> {
    const key = JSON.stringify([message.intent, message.text ?? '', message.tags ?? []]);
    // the cache of the registrations as they were: a change while scoring drops it with them
    const cache = this.#scored;
    const seen = cache.get(key);
    if (seen) return seen.map((s) => ({ ...s }));
    const scored = await this.#score(message);
    cache.set(key, scored);
    return scored.map((s) => ({ ...s }));
  }

  async #score(message: RouteMessage): Promise<Scored[]> {
    const written = message.text ? `${message.intent}. ${message.text}` : message.intent;
    const [text, headOrText, ...terms] = this.#readings(written);
    const head = headOrText === text ? undefined : headOrText;
    const [q, h, ...termVectors] = await this.#vectors([text, headOrText, ...terms]);
    const words = this.#words.scores(text, this.#synonyms);
    // a compound request's words weigh by clause too: "email" in "remind me to email bob" is what it is for
    const headWords = head ? this.#words.scores(head, this.#synonyms) : undefined;
    const keywords = this.#keywords.scores(terms.map((word, i) => ({ word, vector: termVectors[i] })));
    const msgTags = (message.tags ?? []).map((t) => t.toLowerCase());
    const {
      WEIGHT_MEANING,
      WEIGHT_WORDS,
      WEIGHT_KEYWORDS,
      WEIGHT_TAGS,
      LEADING_CLAUSE_SHARE,
      COUNTEREXAMPLE_PENALTY,
    } = INTENT_LIMITS;
    const out: (Scored & { order: number })[] = [];
    for (const [key, e] of this.#entries) {
      const sims = similarities(q, e.examples);
      const whole = meaningOf(sims, dot(q, e.description));
      const meaning = Math.max(
        0,
        head
          ? (1 - LEADING_CLAUSE_SHARE) * whole +
              LEADING_CLAUSE_SHARE * meaningOf(similarities(h, e.examples), dot(h, e.description))
          : whole,
      );
      const w = headWords
        ? (1 - LEADING_CLAUSE_SHARE) * (words.get(key) ?? 0) +
          LEADING_CLAUSE_SHARE * (headWords.get(key) ?? 0)
        : (words.get(key) ?? 0);
      const kw = Math.max(0, keywords.get(key) ?? 0);
      const tags = msgTags.length === 0 ? 0 : msgTags.filter((t) => e.tags.has(t)).length / msgTags.length;
      // without tags in the message their weight goes to meaning: an absent signal is not a miss
      const score =
        (msgTags.length === 0 ? WEIGHT_MEANING + WEIGHT_TAGS : WEIGHT_MEANING) * meaning +
        WEIGHT_WORDS * w +
        WEIGHT_KEYWORDS * kw +
        (msgTags.length === 0 ? 0 : WEIGHT_TAGS * tags) -
        COUNTEREXAMPLE_PENALTY * counterOf(q, e, sims);
      out.push({
        handler: e.reg.handler,
        intent: e.reg.intent,
        score: round(score),
        meaning: round(meaning),
        words: round(w),
        tags: round(tags),
        keywords: round(kw),
        order: e.order,
      });
    }
    out.sort((a, b) => b.score - a.score || a.order - b.order);
    return out.map(({ order: _, ...s }) => s);
  }

  /**
   * The handler `message` goes to. Throws E_NOT_FOUND naming the closest handlers when no
   * intent is named exactly and none scores above the threshold.
   */
  async route(message: RouteMessage): Promise<Route> {
    const exact = this.#entries.get(intentKey(message.intent));
    if (exact) {
      return {
        handler: exact.reg.handler,
        intent: exact.reg.intent,
        how: 'exact',
        score: 1,
        candidates: [
          {
            handler: exact.reg.handler,
            intent: exact.reg.intent,
            score: 1,
            meaning: 1,
            words: 1,
            tags: 1,
            keywords: 1,
          },
        ],
      };
    }
    if (this.#entries.size === 0) {
      throw new IntentError(
        'E_NOT_FOUND',
        `No handler for '${message.intent}': none is registered; start one that registers it`,
      );
    }
    const threshold = await this.threshold();
    const scored = await this.score(message);
    const candidates = scored.slice(0, INTENT_LIMITS.CANDIDATES_SHOWN);
    const [best, second] = scored;
    const margin = second ? best.score - second.score : best.score;
    if (best.score < threshold || margin < INTENT_LIMITS.ROUTE_MARGIN) {
      const closest = candidates.map((c) => `'${c.intent}' (${c.handler}) ${c.score.toFixed(2)}`).join(', ');
      throw new IntentError(
        'E_NOT_FOUND',
        `No handler is sure to handle '${message.intent}' (closest: ${closest}; needs ${threshold.toFixed(2)}); rephrase it or name one of those intents`,
      );
    }
    return { handler: best.handler, intent: best.intent, how: 'meaning', score: best.score, candidates };
  }

  /** Throws E_BAD_ARG naming the field when `payload` does not fit the schema `intent` registered. */
  check(intent: string, payload: unknown): void {
    const e = this.#entries.get(intentKey(intent));
    if (!e)
      throw new IntentError(
        'E_NOT_FOUND',
        `Intent '${intent}' is not registered; list handlers to see what is`,
      );
    e.check(payload);
  }

  /** The vectors of `texts`, from the cache where it has them; the rest embedded in one batch. */
  async #vectors(texts: string[]): Promise<Float32Array[]> {
    const keys = texts.map((t) => t.trim().toLowerCase());
    const out = keys.map((k) => this.#cache.get(k));
    const missing = [...new Set(keys.filter((_, i) => out[i] === undefined))];
    const fresh = new Map<string, Float32Array>();
    if (missing.length > 0) {
      const vectors = await this.#embedder.embed(missing);
      for (const [i, k] of missing.entries()) {
        fresh.set(k, vectors[i]);
        this.#cache.set(k, vectors[i]);
      }
    }
    return keys.map((k, i) => out[i] ?? (fresh.get(k) as Float32Array));
  }
}
