import { describe, expect, it } from 'vitest';
import { hostAllowed, originAllowed } from './origin';

const none = { hosts: [], origins: [] };

describe('host and origin checks', () => {
  it('accepts IP literals and localhost as Host, refuses other names unless configured', () => {
    expect(hostAllowed('127.0.0.1:5180', none)).toBe(true);
    expect(hostAllowed('[::1]:5180', none)).toBe(true);
    expect(hostAllowed('localhost:5180', none)).toBe(true);
    expect(hostAllowed('192.168.1.20:5180', none)).toBe(true);
    expect(hostAllowed('evil.example:5180', none)).toBe(false);
    expect(hostAllowed('desk.clinic.lan:5180', { hosts: ['desk.clinic.lan'], origins: [] })).toBe(true);
    expect(hostAllowed(undefined, none)).toBe(false);
    expect(hostAllowed('bad host', none)).toBe(false);
  });

  it('accepts the page this host served, refuses other sites and a missing Origin', () => {
    expect(originAllowed('http://127.0.0.1:5180', '127.0.0.1:5180', none)).toBe(true);
    expect(originAllowed('http://evil.example', '127.0.0.1:5180', none)).toBe(false);
    expect(originAllowed('http://127.0.0.1:9999', '127.0.0.1:5180', none)).toBe(false);
    expect(originAllowed(undefined, '127.0.0.1:5180', none)).toBe(false);
    // DNS rebinding: Origin and Host agree, but the name is not ours.
    expect(originAllowed('http://evil.example:5180', 'evil.example:5180', none)).toBe(false);
    expect(originAllowed('http://localhost:5173', '127.0.0.1:5180', { hosts: [], origins: ['http://localhost:5173'] })).toBe(true);
  });

  it('over HTTPS, takes only the https origin of the page it served', () => {
    const none = { hosts: [], origins: [] };
    expect(originAllowed('https://192.168.1.10:4870', '192.168.1.10:4870', none, 'https')).toBe(true);
    expect(originAllowed('http://192.168.1.10:4870', '192.168.1.10:4870', none, 'https')).toBe(false);
    expect(originAllowed('https://192.168.1.10:4870', '192.168.1.10:4870', none)).toBe(false);
  });
});
