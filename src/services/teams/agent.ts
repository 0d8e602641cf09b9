/**
 * The teams service's agent: the entry the services tree starts on a thread of its own (builtin
 * runtime). It opens `$AIOS_HOME/teams.db` (the home comes in its `home` label), marks teams a
 * stopped system left running as failed, and serves the teams operations until the system stops.
 * It holds a system handle that may only spawn (its role agents), the tool handle every service
 * holds (narrowed for each role), and the LLM's (handed on only to teams whose caller holds one).
 */
import { join } from 'node:path';
import { llmConfigured } from '../../intel/configured.ts';
import type { Os } from '../../sdk/os.ts';
import { serve } from '../serve.ts';
import { teamsService } from './service.ts';
import { TeamStore } from './store.ts';

export default async function teams(os: Os): Promise<void> {
  const { labels } = (await os.info(os.handles.self)) as { labels: Record<string, string> };
  if (!labels.home) throw new Error("teams needs its 'home' label: the AIOS_HOME its database lives in");
  const store = new TeamStore(join(labels.home, 'teams.db'));
  const failed = store.failInterrupted(Date.now());
  if (failed.length > 0)
    void os.log(`teams: ${failed.length} team(s) stopped with the system: ${failed.join(', ')}`);
  const log = (m: string) => void os.log(`teams: ${m}`);
  try {
    await serve(os, teamsService({ os, store, llm: llmConfigured(labels.home, process.env), log }));
  } finally {
    store.close();
  }
}
