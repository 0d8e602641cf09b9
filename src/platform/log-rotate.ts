// Node built-ins with lazy parts come through getBuiltinModule, not import: this module loads
// before `aios up` is ready, and an import would load all those parts (docs/boot.md).
const { renameSync, rmSync, statSync } = process.getBuiltinModule('node:fs');
/**
 * Size-based rotation of a log file: past its limit, aios.log becomes aios.log.1, .1 becomes
 * .2, and so on; the oldest beyond the kept count is removed. `aios logs --follow` sees the
 * file shrink and starts again at its top.
 *
 * @example
 * rotateIfFull(path, incoming, { maxBytes: 16 << 20, kept: 5 });
 */

export interface Rotation {
  /** Size past which the file is rotated. */
  maxBytes: number;
  /** Rotated files kept (path.1 … path.kept). */
  kept: number;
}

/** Rotates `path` if appending `incoming` bytes would take it past `maxBytes`. */
export function rotateIfFull(path: string, incoming: number, rotation: Rotation): void {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return; // not there yet
  }
  if (size === 0 || size + incoming <= rotation.maxBytes) return;
  try {
    rmSync(`${path}.${rotation.kept}`, { force: true });
    for (let i = rotation.kept - 1; i >= 1; i--) {
      try {
        renameSync(`${path}.${i}`, `${path}.${i + 1}`);
      } catch {
        // a gap in the sequence: nothing to move
      }
    }
    if (rotation.kept > 0) renameSync(path, `${path}.1`);
    else rmSync(path, { force: true });
  } catch {
    // A log that cannot rotate keeps growing rather than losing the lines or the system.
  }
}
