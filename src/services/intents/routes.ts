/**
 * What the router is given and answers: a handler's registration, a message, a registration's
 * score for it and the route chosen (router.ts routes; scoring.ts scores).
 */
import type { Embedder } from '../memoryd/embedder.ts';
import type { Synonyms } from './lexical.ts';
import type { JsonSchema, PayloadCheck } from './payload.ts';

export interface Registration {
  /** The agent that serves it (the name the service knows it by). */
  handler: string;
  /** Unique across handlers: the first to register a name keeps it until it unregisters. */
  intent: string;
  description: string;
  examples: readonly string[];
  /**
   * Requests that read like this handler's but that it does not do ("write a poem about the
   * rain" for a weather service): a message closer to one of them than to every example scores
   * lower here. They add no words to the handler's own.
   */
  counterexamples?: readonly string[];
  tags?: readonly string[];
  /** JSON Schema of the payload the handler accepts. */
  schema?: JsonSchema;
}

export interface RouteMessage {
  intent: string;
  text?: string;
  tags?: readonly string[];
}

/** How well one registration fits a message: the score and the signals it is made of, 0 to 1. */
export interface Scored {
  handler: string;
  intent: string;
  score: number;
  meaning: number;
  words: number;
  tags: number;
  /** Word-by-word meaning against the handler's keywords (keywords.ts). */
  keywords: number;
}

export interface Route {
  handler: string;
  intent: string;
  /** 'exact': the message named the intent; 'meaning': it was scored. */
  how: 'exact' | 'meaning';
  score: number;
  /** The best few, best first (the chosen one included). */
  candidates: Scored[];
}

export interface Entry {
  reg: Registration;
  order: number;
  description: Float32Array;
  examples: Float32Array[];
  counterexamples: Float32Array[];
  tags: Set<string>;
  check: PayloadCheck;
}

export interface RouterOptions {
  embedder: Embedder;
  /** A thesaurus for the word side (WordNet in the service); none in a bare router. */
  synonyms?: Synonyms;
  /** Whether a word is a real one (not a typo to repair); by default, one with synonyms. */
  known?: (word: string) => boolean;
  /** A fixed refusal threshold instead of the calibrated one (a baseline, or a caller's own choice). */
  threshold?: number;
}
