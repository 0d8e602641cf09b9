/**
 * Risk levels of a tool action, and the rights each needs on the `tool` resource handle: the
 * one home for risk that the kernel's tool_invoke, the tools, Atlas, the API and MCP import.
 *
 * @example
 * const needed = RISK_RIGHTS[RISK.OVERWRITE];
 * riskAllowedBy(handle.rights);             // 1: this handle may create and move, no more
 * higherRisk(RISK.READ_ONLY, step.risk);    // the plan's risk so far
 */
import { RIGHTS } from './rights.ts';

export const RISK = { READ_ONLY: 0, CREATE: 1, OVERWRITE: 2, DESTROY: 3 } as const;
export type Risk = (typeof RISK)[keyof typeof RISK];
export const RISK_MAX = RISK.DESTROY;

/** What an action of each level does, in words, by level. */
export const RISK_WORDS = ['read-only', 'creates or moves', 'overwrites', 'deletes or kills'] as const;

/** The scale in one line, for docs and messages: "0 read-only, 1 creates or moves, …". */
export const RISK_SCALE = RISK_WORDS.map((words, level) => `${level} ${words}`).join(', ');

/** A plan with a step of this risk or more runs only once a person confirms it. */
export const RISK_CONFIRM = RISK.OVERWRITE;

/** Rights a tool call of each risk level needs on the `tool` resource handle, by level. */
export const RISK_RIGHTS = [
  RIGHTS.USE | RIGHTS.READ,
  RIGHTS.USE | RIGHTS.READ | RIGHTS.WRITE,
  RIGHTS.USE | RIGHTS.READ | RIGHTS.WRITE | RIGHTS.MANAGE,
  RIGHTS.USE | RIGHTS.READ | RIGHTS.WRITE | RIGHTS.MANAGE | RIGHTS.DESTROY,
] as const;

export function isRisk(value: unknown): value is Risk {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= RISK_MAX;
}

/** The higher of two risk levels (a plan is as risky as its riskiest step). */
export function higherRisk(a: Risk, b: number): Risk {
  return Math.max(a, b) as Risk;
}

/** The highest risk level whose rights `rights` hold all of, or -1 for none. */
export function riskAllowedBy(rights: number): Risk | -1 {
  let allowed: Risk | -1 = -1;
  for (let r = 0; r < RISK_RIGHTS.length; r++) {
    if ((rights & RISK_RIGHTS[r]) === RISK_RIGHTS[r]) allowed = r as Risk;
  }
  return allowed;
}
