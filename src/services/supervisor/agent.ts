/**
 * The supervisor agent: the code every supervisor runs, the system's root supervisor and each
 * tree below it alike. It runs on the built-in runtime as a trusted system service and
 * reaches the kernel only through `os`. Its tree arrives as the first request on its
 * `control` handle.
 */
import type { Os } from '../../sdk/os.ts';
import { serveControl } from './control.ts';
import { Supervisor } from './tree.ts';

export default async function supervisor(os: Os): Promise<void> {
  const sup = new Supervisor(os);
  serveControl(sup, os).catch((error: unknown) => sup.fail(error));
  await sup.done;
}
