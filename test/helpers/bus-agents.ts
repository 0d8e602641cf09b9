/**
 * Agent sources for the context bus tests: `body` runs with `bus(op, args)` calling busd through
 * the SDK, and `codeOf(promise)` giving 'ok' or the error code a call failed with.
 *
 * @example
 * writeFileSync(file, busAgent(`return (await bus('contexts', {})).contexts.length;`));
 */
export function busAgent(body: string): string {
  return `export default async (os) => {
  const bus = (op, args) => os.services.call('busd', op, args);
  const codeOf = async (p) => { try { await p; return 'ok'; } catch (e) { return e.code; } };
  ${body}
};
`;
}
