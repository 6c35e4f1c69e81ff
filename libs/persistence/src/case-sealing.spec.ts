import { randomBytes } from 'node:crypto';
import { openAuditData, openSealed, sealAuditData, sealInbound, sealSensitive } from './case-sealing';
import { type CaseKey, openForCase, sealForCase } from './field-crypto';

const caseKey = (): CaseKey => ({ id: randomBytes(8).toString('hex'), key: randomBytes(32) });
const SEALED = /^v2:[0-9a-f]{16}:/;

describe('sealing a case’s values (pure)', () => {
  const names = new Set(['concern', 'selfHarm']);

  it('seals sensitive values in the clear, keeps sealed ones and everything else as it is', () => {
    const key = caseKey();
    const already = sealForCase(key, 'earlier');
    const sealed = sealSensitive(
      {
        concern: '自伤',
        selfHarm: { cuts: true },
        riskLevel: 'high',
        count: 3,
        notes: null,
        earlier: already,
      },
      new Set([...names, 'notes', 'earlier']),
      key,
    );
    expect(sealed).toEqual({
      concern: expect.stringMatching(SEALED),
      selfHarm: expect.stringMatching(SEALED),
      riskLevel: 'high',
      count: 3,
      notes: null,
      earlier: already,
    });
    expect(openForCase(key, sealed.selfHarm as string)).toEqual({ cuts: true });
  });

  it('drops a sensitive value in the clear to null when the case has no key any more (purged)', () => {
    expect(sealSensitive({ concern: 'late', riskLevel: 'low' }, names, null)).toEqual({
      concern: null,
      riskLevel: 'low',
    });
  });

  it('seals again what a client sends that only looks sealed, so it never opens as another case’s', () => {
    const victim = caseKey();
    const mine = caseKey();
    const copied = sealForCase(victim, 'another case’s concern');
    const sent = sealInbound({ source: 'teacher', innocent: copied, concern: 'mine' }, names, mine);
    expect(sent.source).toBe('teacher');
    expect(sent.innocent).not.toBe(copied);
    // with both keys at hand, the copy reads back as the string it was, not as the plaintext
    const opened = openSealed(
      sent,
      new Map([
        [mine.id, mine],
        [victim.id, victim],
      ]),
    );
    expect(opened).toEqual({ source: 'teacher', innocent: copied, concern: 'mine' });
  });

  it('opens only with the keys at hand: a destroyed or foreign key, or altered ciphertext, reads as null', () => {
    const key = caseKey();
    const stored = sealSensitive({ concern: 'c', riskLevel: 'low' }, names, key);
    expect(openSealed(stored, new Map([[key.id, key]]))).toEqual({ concern: 'c', riskLevel: 'low' });
    expect(openSealed(stored, new Map())).toEqual({ concern: null, riskLevel: 'low' });
    const altered = { concern: `${(stored.concern as string).slice(0, -6)}AAAAAA` };
    expect(openSealed(altered, new Map([[key.id, key]]))).toEqual({ concern: null });
  });

  it('seals the free text of audit data (reason, message) and nothing else', () => {
    const key = caseKey();
    const data = sealAuditData({ reason: '家长要求', incidentId: 'i-1', variables: ['a'] }, key)!;
    expect(data).toEqual({ reason: expect.stringMatching(SEALED), incidentId: 'i-1', variables: ['a'] });
    expect(openAuditData(data, new Map([[key.id, key]]))).toEqual({
      reason: '家长要求',
      incidentId: 'i-1',
      variables: ['a'],
    });
    expect(openAuditData(data, new Map())).toEqual({ reason: null, incidentId: 'i-1', variables: ['a'] });
    expect(sealAuditData(undefined, key)).toBeUndefined();
    expect(sealAuditData({ message: 'boom' }, null)).toEqual({ message: null });
  });
});
