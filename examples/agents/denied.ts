/**
 * An agent that is denied something and handles it: it tries to list every agent with its
 * own handle (which lacks the right), catches the typed AiosError, and then does what it is
 * allowed to instead.
 *
 *   npx aios run examples/agents/denied.ts
 */
import { AiosError, type Os } from '../../src/sdk/index.ts';

export default async function denied(os: Os) {
  let refused = '';
  try {
    await os.sys('process_list', { handle: os.handles.self });
  } catch (error) {
    if (!AiosError.is(error)) throw error;
    refused = error.code; // E_BAD_HANDLE: the self handle is not the system handle
    await os.log(`not allowed to list agents (${error.code}); inspecting myself instead`);
  }
  const me = await os.info(os.handles.self);
  return { refused, isAiosError: refused.startsWith('E_'), myState: me.state, myPid: me.pid };
}
