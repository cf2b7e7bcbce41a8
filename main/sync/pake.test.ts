import { describe, expect, it } from 'vitest';
import { answerStation, macEquals, passwordScalar, SHARE_PATTERN, startStation } from './pake';

const FP = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';
const OTHER_FP = FP.replace(/^AB/, 'BA');

function run(stationCode: string, hubCode: string, opts: { seen?: string; hubDevice?: string } = {}) {
  const station = startStation(stationCode, 'B');
  const hub = answerStation(hubCode, opts.hubDevice ?? 'B', FP, station.share);
  if (!hub) throw new Error('hub refused the share');
  const done = station.finish(opts.seen ?? FP, hub.share, hub.hubMac);
  if (!done) throw new Error('station refused the share');
  return { station, hub, done, hubSatisfied: hub.stationProved(done.stationMac) };
}

describe('pairing key exchange (SPAKE2, bound to the certificate)', () => {
  it('both sides prove the code to each other when they share it and see the same certificate', () => {
    const r = run('123456', '123456');
    expect(r.done.hubProved).toBe(true);
    expect(r.hubSatisfied).toBe(true);
  });

  it('a wrong code fails both MACs', () => {
    const r = run('123457', '123456');
    expect(r.done.hubProved).toBe(false);
    expect(r.hubSatisfied).toBe(false);
  });

  it('another certificate fingerprint (a look-alike hub relaying to the real one) fails both MACs, with the right code', () => {
    const r = run('123456', '123456', { seen: OTHER_FP });
    expect(r.done.hubProved).toBe(false);
    expect(r.hubSatisfied).toBe(false);
  });

  it('a MAC made for another device code does not pass', () => {
    const r = run('123456', '123456', { hubDevice: 'C' });
    expect(r.hubSatisfied).toBe(false);
  });

  it('never puts the code on the wire, and each run looks different', () => {
    const a = startStation('123456', 'B');
    const b = startStation('123456', 'B');
    expect(a.share).toMatch(SHARE_PATTERN);
    expect(a.share).not.toBe(b.share);
    expect(a.share).not.toContain('123456');
    const hub = answerStation('123456', 'B', FP, a.share)!;
    expect(hub.share).not.toContain('123456');
    expect(hub.hubMac).not.toContain('123456');
  });

  it('refuses shares that are not points of the curve, or the identity', () => {
    expect(answerStation('123456', 'B', FP, '02' + 'ff'.repeat(32))).toBeNull();
    expect(answerStation('123456', 'B', FP, 'not hex')).toBeNull();
    expect(answerStation('123456', 'B', FP, '00')).toBeNull();
    const station = startStation('123456', 'B');
    expect(station.finish(FP, '04' + '00'.repeat(64), 'a'.repeat(64))).toBeNull();
  });

  it('compares MACs only when both are well formed', () => {
    expect(macEquals('a'.repeat(64), 'a'.repeat(64))).toBe(true);
    expect(macEquals('a'.repeat(64), 'b'.repeat(64))).toBe(false);
    expect(macEquals('a'.repeat(63), 'a'.repeat(63))).toBe(false);
  });

  it('derives a different secret scalar from each code', () => {
    expect(passwordScalar('000000')).not.toBe(passwordScalar('000001'));
    expect(passwordScalar('000000') > 0n).toBe(true);
  });
});
