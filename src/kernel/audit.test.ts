import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testKernel } from '../../test/helpers/kernel.ts';
import { verifyJournal } from './audit-verify.ts';

function journal(entries = 60, sealEvery = 10) {
  const t = testKernel({ sealEvery });
  const a = t.spawn();
  for (let i = 0; t.lines.length < entries; i++) {
    t.codeOf(() => t.sys(a.pid, 'process_list', { handle: 424242 + i }));
    t.k.flushAudit();
  }
  const verify = (lines: string[]) =>
    verifyJournal(lines.join('\n'), t.ports.sha256Hex, (m, s) => t.ports.verify(m, s));
  return { t, lines: [...t.lines], verify };
}

test('an untouched journal verifies, with a seal every N entries', () => {
  const { lines, verify } = journal(60, 10);
  const report = verify(lines);
  assert.equal(report.ok, true);
  assert.equal(report.entries, lines.length);
  assert.equal(report.seals, Math.floor(lines.length / 11));
  assert.equal(lines.filter((l) => l.includes('"kind":"seal"')).length, report.seals);
});

test('a changed entry is detected and named', () => {
  const { lines, verify } = journal();
  const bad = [...lines];
  bad[14] = bad[14].replace('"ok":false', '"ok":true');
  assert.notEqual(bad[14], lines[14]);
  const report = verify(bad);
  assert.equal(report.ok, false);
  assert.equal(report.firstBad?.seq, 15);
});

test('a removed, an inserted and a reordered entry are each detected and named', () => {
  const { lines, verify } = journal();
  const removed = lines.filter((_, i) => i !== 30);
  assert.equal(verify(removed).firstBad?.seq, 31);
  assert.match(verify(removed).firstBad?.reason ?? '', /missing/);

  const inserted = [...lines.slice(0, 20), lines[25], ...lines.slice(20)];
  assert.equal(verify(inserted).ok, false);
  assert.equal(verify(inserted).firstBad?.line, 21);

  const swapped = [...lines];
  [swapped[40], swapped[41]] = [swapped[41], swapped[40]];
  assert.equal(verify(swapped).ok, false);
  assert.equal(verify(swapped).firstBad?.line, 41);
});

test('rewriting an entry and re-hashing the rest of the chain is caught by the seal', () => {
  const { t, lines, verify } = journal();
  const bad = [...lines];
  // An attacker who knows the format (but not the key) rewrites a denial and recomputes every hash after it.
  const target = bad.findIndex((l) => l.includes('"ok":false'));
  bad[target] = bad[target].replace('"ok":false', '"ok":true');
  let prev = bad[target - 1].slice(-66, -2);
  for (let i = target; i < bad.length; i++) {
    const body = `${bad[i].slice(0, -75)}}`;
    const hash = t.ports.sha256Hex(prev + body);
    bad[i] = `${body.slice(0, -1)},"hash":"${hash}"}`;
    prev = hash;
  }
  const report = verify(bad);
  assert.equal(report.ok, false);
  assert.match(report.firstBad?.reason ?? '', /seal/);
});

test('a truncated final line and a garbage line are named', () => {
  const { lines, verify } = journal(30);
  const cut = [...lines.slice(0, -1), lines.at(-1)!.slice(0, 40)];
  assert.equal(verify(cut).ok, false);
  assert.match(verify(cut).firstBad?.reason ?? '', /well-formed/);
});

test('entries after the last seal are counted unsealed until a seal closes the short block', () => {
  const t = testKernel({ sealEvery: 1000 });
  const a = t.spawn();
  for (let i = 0; i < 5; i++) t.codeOf(() => t.sys(a.pid, 'process_list', { handle: 424242 + i }));
  t.k.flushAudit();
  const verify = () => verifyJournal(t.lines.join('\n'), t.ports.sha256Hex, (m, s) => t.ports.verify(m, s));
  const open = verify();
  assert.equal(open.ok, true);
  assert.equal(open.sealedSeq, 0);
  assert.equal(open.unsealed, open.headSeq);
  assert.equal(t.k.audit.unsealedCount, open.headSeq);

  t.k.flushAudit({ seal: true });
  const closed = verify();
  assert.equal(closed.ok, true);
  assert.equal(closed.seals, 1);
  assert.equal(closed.unsealed, 0);
  assert.equal(t.k.audit.unsealedCount, 0);
  // nothing new: a second seal request signs nothing
  assert.deepEqual(t.k.flushAudit({ seal: true }), []);
});

test('an entry whose detail looks like a seal does not break the block it sits in', () => {
  const t = testKernel({ sealEvery: 10 });
  for (let i = 0; i < 25; i++) {
    t.k.audit.record(1, 'note', 'x', true, undefined, i === 13 ? { kind: 'seal' } : { i });
    t.k.flushAudit();
  }
  const report = verifyJournal(t.lines.join('\n'), t.ports.sha256Hex, (m, s) => t.ports.verify(m, s));
  assert.ok(t.lines.some((l) => l.includes('"detail":{"kind":"seal"}')));
  assert.equal(report.ok, true, report.firstBad?.reason);
  assert.equal(report.seals, 2);
});
