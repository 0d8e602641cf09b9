/**
 * Writes src/kernel/syscall-numbers.ts from the syscall table, so the runtime reads syscall
 * numbers from the table without bundling it into every isolate. Runs from `npm run docs`.
 *
 *   node scripts/gen-syscall-numbers.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { syscallNumbersModule } from '../src/kernel/syscall-doc.ts';

writeFileSync(join(import.meta.dirname, '..', 'src', 'kernel', 'syscall-numbers.ts'), syscallNumbersModule());
