/**
 * memoryd's settings: the `memory` section of `$AIOS_HOME/config.json`, each quota defaulting
 * to MEMORYD_QUOTAS. Read by the service when it starts, in its own thread.
 *
 * @example
 * // config.json: { "memory": { "quotas": { "items": 50000, "writesPerSec": 500 } } }
 * const { quotas } = memorydConfig(home);
 */
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError, readConfigSection } from '../../platform/config-file.ts';
import { MEMORYD_QUOTAS } from './limits.ts';

export interface MemorydQuotas {
  items: number;
  bytes: number;
  writesPerSec: number;
  writeBurst: number;
}

const Count = z.number().int().positive();
const Section = z
  .object({
    quotas: z
      .object({ items: Count, bytes: Count, writesPerSec: Count, writeBurst: Count })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

export const DEFAULT_QUOTAS: MemorydQuotas = {
  items: MEMORYD_QUOTAS.ITEMS,
  bytes: MEMORYD_QUOTAS.BYTES,
  writesPerSec: MEMORYD_QUOTAS.WRITES_PER_SEC,
  writeBurst: MEMORYD_QUOTAS.WRITE_BURST,
};

/** The settings in `home`'s config.json; a ConfigError naming the field when one is wrong. */
export function memorydConfig(home: string): { quotas: MemorydQuotas } {
  const file = join(home, 'config.json');
  const parsed = Section.safeParse(readConfigSection(file, 'memory') ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `${file}: memory.${issue.path.join('.')}: ${issue.message.toLowerCase()}; quotas take positive whole numbers (items, bytes, writesPerSec, writeBurst)`,
    );
  }
  return { quotas: { ...DEFAULT_QUOTAS, ...parsed.data.quotas } };
}
