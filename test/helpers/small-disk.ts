/**
 * A real, size-limited file system for tests of a full disk: a tmpfs mounted on a directory
 * the test made. Mounting needs root (or CAP_SYS_ADMIN); where it is refused the caller skips.
 *
 * @example
 * const disk = smallDisk(join(env.dir, 'disk'), 6 * 1024 * 1024);
 * if (!disk) return t.skip('cannot mount a tmpfs here');
 * disk.fill(); ...; disk.free(); disk.unmount();
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface SmallDisk {
  /** Writes a filler file until the file system answers ENOSPC; returns the bytes written. */
  fill(): number;
  /** Removes the filler file. */
  free(): void;
  unmount(): void;
}

export function smallDisk(dir: string, bytes: number): SmallDisk | undefined {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch {
    return undefined;
  }
  const filler = join(dir, 'filler');
  return {
    fill() {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(64 * 1024, 1);
      let written = 0;
      try {
        for (;;) written += writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        closeSync(fd);
      }
      // the last partial pages too: the disk is full to the byte
      const small = openSync(filler, 'a');
      try {
        for (;;) written += writeSync(small, Buffer.alloc(512, 1));
      } catch {
        // ENOSPC
      } finally {
        closeSync(small);
      }
      return written;
    },
    free() {
      rmSync(filler, { force: true });
    },
    unmount() {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
    },
  };
}
