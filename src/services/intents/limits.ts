/**
 * Every limit and tuning constant of semantic-ipcd, in one place (the service's params.ts).
 * The weights and thresholds were tuned on the dev set only (eval/dev.ts); eval/heldout.ts
 * reports how well they hold on messages never looked at.
 */
const KiB = 1024;

export const INTENT_LIMITS = {
  /** Intent names: short, printable, a word or a dotted/hyphenated path ('calendar', 'file-search'). */
  INTENT_MAX_CHARS: 64,
  /** A description is a sentence or two. */
  DESCRIPTION_MAX_CHARS: 500,
  /** Example phrases per registration, and the length of each. */
  EXAMPLES_MIN: 1,
  EXAMPLES_MAX: 48,
  EXAMPLE_MAX_CHARS: 300,
  /** Counterexamples per registration: requests that read like the handler's but that it does not do. */
  COUNTEREXAMPLES_MAX: 32,
  /**
   * A message closer to one of a handler's counterexamples than to any of its examples loses this
   * much of the difference from its score there (fitted on the five labelled sets: 0.5 took 5 more
   * requests meant for nobody to a refusal than none, and cost no route; 1 and more cost routes).
   */
  COUNTEREXAMPLE_PENALTY: 0.5,
  /** Tags per registration or message, and the length of each. */
  TAGS_MAX: 16,
  TAG_MAX_CHARS: 32,
  /** The free text of a message (what is embedded): a request, not a document. */
  TEXT_MAX_CHARS: 1000,
  /** A payload's JSON Schema, serialised. */
  SCHEMA_MAX_BYTES: 16 * KiB,
  /** Registrations one handler (agent) may hold, and the service as a whole. */
  REGISTRATIONS_PER_HANDLER: 32,
  REGISTRATIONS_MAX: 1024,
  /** Callers named by a registration's allow list. */
  ALLOW_MAX: 64,
  /** Texts whose vectors are kept, least recently used dropped first: a repeated intent is not embedded again. */
  EMBED_CACHE_ENTRIES: 4096,
  /** Scores kept for messages seen before (one per registration each): 4,096 messages at 16 registrations, 64 at 1,024. */
  SCORES_CACHED_MAX: 65_536,
  /** Candidates an answer names (the closest handlers of a refusal, the runners-up of a route). */
  CANDIDATES_SHOWN: 3,
  /**
   * Weight of each signal in a handler's score (they sum to 1). With 30-odd examples a handler's
   * words say more than with 3-5: the word side weighs 0.15 (it was 0.08), which its authors'
   * examples now fill. Measured on the five labelled sets (development sets): 0.67/0.08/0.15 with
   * the rewritten registrations, 89.0%; 0.6/0.15/0.15, 90.0%.
   */
  WEIGHT_MEANING: 0.6,
  WEIGHT_WORDS: 0.15,
  WEIGHT_KEYWORDS: 0.15,
  WEIGHT_TAGS: 0.1,
  /**
   * Within the meaning signal the description weighs as much as this many examples: half of it
   * with 5 examples (as when handlers registered 3-5), a seventh with 30. One sentence should not
   * outweigh thirty of its author's phrasings.
   */
  DESCRIPTION_AS_EXAMPLES: 5,
  /**
   * How many of the closest examples are averaged: at least this many (one alone lets a single
   * loose example decide), and at least EXAMPLES_AVERAGED_SHARE of them. A fixed count lets the
   * closest few of a handler with many examples sit near any message (the more examples, the
   * closer the nearest two are to anything): with 20-odd examples per handler the router took
   * 35 of the 47 messages meant for nobody, against 19 with 3-5 examples.
   */
  EXAMPLES_AVERAGED: 2,
  EXAMPLES_AVERAGED_SHARE: 1 / 3,
  /** A compound request's leading clause ("remind me" of "remind me to email bob"): its share of the meaning signal. */
  LEADING_CLAUSE_SHARE: 0.5,
  /** Content words of a message, and keywords of a registration, compared word by word (keywords.ts). */
  KEYWORDS_MAX: 48,
  /** BM25's term-frequency saturation and length normalisation. */
  BM25_K1: 1.2,
  BM25_B: 0.75,
  /** A BM25 score of this much maps to 0.5 of the word signal (score / (score + half)). */
  BM25_HALF: 3,
  /** Synonym matches count this much of a word match. */
  SYNONYM_WEIGHT: 0.5,
  /**
   * Below the refusal threshold nobody takes a message: the router refuses and names the closest.
   * The threshold is calibrated on the registered examples (calibration.ts), within these bounds.
   */
  ROUTE_THRESHOLD: 0.3,
  ROUTE_THRESHOLD_MAX: 0.4,
  /** Registered examples scored to calibrate it, spread evenly over the registrations (its cost is one score each). */
  CALIBRATION_EXAMPLES_MAX: 512,
  /** The service calibrates this long after the last registration of a burst (a route before then calibrates at once). */
  CALIBRATION_DELAY_MS: 200,
  /** The best must lead the runner-up by this much, or the message is ambiguous and refused. */
  ROUTE_MARGIN: 0.0,
  /**
   * Registrations this alike (descriptions and examples, 0 to 1) are look-alikes: the later one's
   * registration answer warns, naming the other. Distinct handlers of the evaluation are at most
   * 0.53 alike; a copied description with copied examples is 1.
   */
  LOOKALIKE_THRESHOLD: 0.75,
  /** How long a sender waits for the handler's answer before E_TIMED_OUT (under the SDK's 60 s call timeout). */
  HANDLER_TIMEOUT_MS: 20_000,
  /** Longest a handler's `next` waits for a message (under the SDK's call timeout), and its default. */
  NEXT_WAIT_MAX_MS: 30_000,
  NEXT_WAIT_DEFAULT_MS: 25_000,
  /**
   * A persisted registration whose handler has not called the service for this long is dropped
   * (at the service's start): the agent is gone for good. A week, so a system down over a long
   * weekend keeps them.
   */
  REGISTRATION_TTL_MS: 7 * 24 * 3_600_000,
  /** A handler's last-seen time is written to disk at most this often (its calls are frequent). */
  SEEN_WRITE_INTERVAL_MS: 60_000,
  /** Messages waiting for one handler to take them: beyond this a sender gets E_QUOTA at once. */
  HANDLER_QUEUE_MAX: 256,
} as const;
