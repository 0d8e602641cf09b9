/**
 * An agent that logs in a loop (one wrote 180 MB to aios.log in 15 s) is held to its log
 * rate: lines beyond it are dropped and counted, the log says how many once per window, an
 * over-long line is cut, and another agent's lines still get through.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PARAMS } from '../../src/kernel/params.ts';
import { logPath } from '../../src/platform/paths.ts';
import { useHostile } from './harness.ts';

const LINES = 5_000;

interface Line {
  msg: string;
  pid?: number;
  dropped?: number;
}

describe('hostile agents: log floods', () => {
  const system = useHostile();

  const lines = (pid: number): Line[] => {
    system().system.log.flush();
    return readFileSync(logPath(system().env.aiosHome), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line)
      .filter((l) => l.pid === pid);
  };

  it('drops and counts what is over the rate, says so, and cuts over-long lines', async () => {
    const { pid, exit } = await system().run(
      'flood.js',
      `export default async (os) => {
         await os.log('x'.repeat(${PARAMS.AGENT_LOG_LINE_MAX_CHARS * 4}));
         const sent = [];
         for (let i = 1; i < ${LINES}; i++) sent.push(os.log('flood ' + i));
         await Promise.all(sent);
       }`,
    );
    assert.equal(exit.reason, 'normal', exit.message);
    const { pid: other } = await system().run(
      'quiet.js',
      `export default async (os) => { await os.log('still heard'); }`,
    );

    // The count of dropped lines is written when the window ends: wait for the books to balance.
    let kept: Line[] = [];
    let dropped = 0;
    for (let i = 0; i < 100; i++) {
      const all = lines(pid);
      kept = all.filter((l) => l.msg !== 'agent log lines dropped');
      dropped = all.reduce((n, l) => n + (l.msg === 'agent log lines dropped' ? (l.dropped ?? 0) : 0), 0);
      if (kept.length + dropped === LINES) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(kept.length + dropped, LINES, 'every line is either logged or counted as dropped');
    assert.ok(dropped > 0, 'lines over the rate are dropped');
    assert.ok(kept.length < LINES);
    assert.ok(kept[0].msg.length < PARAMS.AGENT_LOG_LINE_MAX_CHARS + 100, 'the long line is cut');
    assert.match(kept[0].msg, /… \(\d+ more characters\)$/);
    assert.deepEqual(
      lines(other).map((l) => l.msg),
      ['still heard'],
    );
    await system().assertUnharmed();
  });
});
