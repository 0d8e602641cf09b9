/**
 * The tool catalog as translators see it: every action with its summary, risk and the JSON
 * Schema of its arguments (generated from the same zod schema that validates plans), plus
 * the kernel rights each needs.
 *
 * @example
 * const catalog = toolCatalog();
 * catalog.find((e) => e.tool === 'files' && e.action === 'find')?.args; // JSON Schema
 */
import { z } from 'zod';
import type { CatalogEntry, Risk } from '../intel/intent.ts';
import { rightNames } from '../kernel/rights.ts';
import { RISK_RIGHTS } from '../kernel/risk.ts';
import { allActions, registryVersion } from './registry.ts';
import type { ActionDef } from './types.ts';

let cached: CatalogEntry[] | undefined;
let cachedVersion = -1;

export function toolCatalog(): CatalogEntry[] {
  if (cachedVersion !== registryVersion()) cached = undefined;
  cachedVersion = registryVersion();
  cached ??= allActions().map((def) => ({
    tool: def.tool,
    action: def.action,
    summary: def.summary,
    risk: (def.maxRisk ?? def.risk) as Risk,
    args: z.toJSONSchema(def.args, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
  }));
  return cached;
}

/** Names of the rights on the tool handle an action needs at its highest risk. */
export function rightsOf(def: ActionDef): string[] {
  return rightNames(RISK_RIGHTS[def.maxRisk ?? def.risk]);
}
