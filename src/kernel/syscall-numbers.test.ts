/**
 * The runtime reads syscall numbers from syscall-numbers.ts, generated from the table: these
 * fail when the two disagree, or when a number could collide with a would-block audit slot.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { WOULD_BLOCK_OFFSET, wouldBlockSlot } from './syscall-def.ts';
import { syscallNumbersModule } from './syscall-doc.ts';
import { SYSCALL_NO } from './syscall-numbers.ts';
import { SYSCALLS } from './syscalls.ts';

describe('syscall numbers', () => {
  it('syscall-numbers.ts is what the table generates', () => {
    const onDisk = readFileSync(join(import.meta.dirname, 'syscall-numbers.ts'), 'utf8');
    assert.equal(
      onDisk,
      syscallNumbersModule(),
      'src/kernel/syscall-numbers.ts is stale; run node scripts/gen-syscall-numbers.ts',
    );
    assert.deepEqual(SYSCALL_NO, Object.fromEntries(SYSCALLS.map((s) => [s.name, s.no])));
  });

  it('numbers are unique and stay below the would-block slots', () => {
    const numbers = SYSCALLS.map((s) => s.no);
    assert.equal(new Set(numbers).size, numbers.length);
    for (const s of SYSCALLS) {
      assert.ok(s.no > 0 && s.no < WOULD_BLOCK_OFFSET, `${s.name} is numbered ${s.no}`);
      assert.ok(!numbers.includes(wouldBlockSlot(s.no, s.name).no));
    }
  });
});
