/**
 * The tool_invoke syscall: the kernel's consent to one tool action at a risk level, checked
 * against the rights RISK_RIGHTS gives that level; the host runs the action only after it.
 */
import { KernelError } from './errors.ts';
import type { Kernel } from './kernel.ts';
import type { Handle } from './objects.ts';
import { RIGHTS } from './rights.ts';
import { isRisk, RISK_RIGHTS, RISK_SCALE, riskAllowedBy } from './risk.ts';
import { H, type SyscallDef } from './syscall-def.ts';

export const TOOL_CALLS: readonly SyscallDef[] = [
  {
    no: 60,
    name: 'tool_invoke',
    doc: 'Authorise one tool action at a risk level (0 read … 3 destroy); the host runs it only after this succeeds',
    args: {
      handle: H('Tool resource handle'),
      tool: { type: 'string', doc: 'Tool name (files, text, git, …)' },
      action: { type: 'string', doc: 'Action name (list, move, delete, …)' },
      risk: { type: 'u32', doc: RISK_SCALE },
      target: { type: 'string', optional: true, doc: 'What it acts on, for the audit (a path, a pid)' },
    },
    handle: { arg: 'handle', kind: 'resource', rights: RIGHTS.USE },
    plane: 'control',
    run: (k, _c, a, h) => toolInvoke(k, h, a),
    audit: (a) => ({ tool: a.tool, action: a.action, risk: a.risk, target: a.target }),
  },
];

function toolInvoke(
  k: Kernel,
  h: Handle,
  a: { tool: string; action: string; risk: number },
): { allowed: true } {
  if (h.object.kind !== 'resource' || (h.object.name !== 'tool' && h.object !== k.system)) {
    throw new KernelError('E_BAD_HANDLE', 'Tool calls need the tool resource handle or the system handle');
  }
  if (!isRisk(a.risk)) throw new KernelError('E_BAD_ARG', `Risk ${a.risk} is not a level; use ${RISK_SCALE}`);
  const needed = RISK_RIGHTS[a.risk];
  if ((h.rights & needed) !== needed) {
    throw new KernelError(
      'E_NO_RIGHTS',
      `${a.tool}.${a.action} is risk ${a.risk}; this handle allows risk ${riskAllowedBy(h.rights)} (confirm the plan to raise it)`,
    );
  }
  return { allowed: true };
}
