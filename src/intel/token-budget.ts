/**
 * A provider's token budget as its headers state it (x-ratelimit-*-tokens, or Anthropic's
 * anthropic-ratelimit-tokens-*): the per-minute limit, and the rate it refills at, read as
 * what is missing over how long until it is full again. The kernel's llm resource gets these
 * as its token bucket and rate (CapacityLearner.capacity()).
 *
 * @example
 * if (learnBudget(k, answer.limits)) tell();
 * if (sameRate(told.ratePerSec, next.ratePerSec)) return; // noise, not news
 */
import type { RateLimits } from './providers/types.ts';

/** A rate reading within this share of the last one told is not news (see sameRate). */
const RATE_NOISE = 0.05;

/** Sets what the headers say of the budget; false when they say nothing of it. */
export function learnBudget(
  k: { tokensPerMinute: number | undefined; tokensPerSec: number | undefined },
  limits: RateLimits | undefined,
): boolean {
  if (limits?.limitTokens === undefined) return false;
  k.tokensPerMinute = limits.limitTokens;
  const missing = limits.limitTokens - (limits.remainingTokens ?? limits.limitTokens);
  // Only a reading over a good part of the budget: a few tokens over a few ms say little.
  if (limits.resetTokensMs !== undefined && limits.resetTokensMs > 0 && missing > limits.limitTokens / 100) {
    k.tokensPerSec = (missing * 1000) / limits.resetTokensMs;
  }
  return true;
}

/**
 * Whether the kernel need not hear of a new rate: each answer's headers give a slightly
 * different reading, and resizing the kernel's resource on every call cost the host more than
 * a rate within a few percent is worth.
 */
export function sameRate(told: number | null, next: number | null): boolean {
  if (told === null || next === null) return told === next;
  return Math.abs(next - told) <= told * RATE_NOISE;
}

/** Three significant digits: a rate read from headers changes in noise, the kernel need not hear it. */
export function roundRate(n: number): number {
  return Number(n.toPrecision(3));
}
