import { describe, expect, it } from 'vitest';
import { isHubAddress, PairingCode } from './setup';

describe('a typed hub address', () => {
  it.each(['192.168.1.10', '192.168.1.10:5190', ' 192.168.1.10:443 ', 'hub.local', 'clinic-hub:5190', 'https://192.168.1.10:5190', 'http://hub.local', 'https://hub.local/'])(
    'accepts %s', (a) => expect(isHubAddress(a)).toBe(true));
  it.each(['', ' ', 'not an address', '192.168.1.10:0', '192.168.1.10:65536', '192.168.1.10:', 'ftp://hub', 'https://user:pw@hub', 'https://hub/path',
    'https://hub?x=1', 'hub/path', '-hub', 'hub..local', 'http://', '[::1]:5190'])(
    'refuses %j', (a) => expect(isHubAddress(a)).toBe(false));
});

describe('a pairing code', () => {
  it('is six digits, spaces around ignored', () => {
    expect(PairingCode.safeParse(' 012345 ').data).toBe('012345');
    for (const bad of ['12345', '1234567', '12 456', 'abcdef', '']) expect(PairingCode.safeParse(bad).success, bad).toBe(false);
  });
});
