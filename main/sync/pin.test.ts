import { describe, expect, it } from 'vitest';
import { CERT_MISMATCH, isCertificateError, normaliseHubUrl } from './pin';

describe('hub addresses', () => {
  it('are normalised to https://host:port with the hub port by default', () => {
    expect(normaliseHubUrl('192.168.1.10')).toBe('https://192.168.1.10:5190');
    expect(normaliseHubUrl(' 192.168.1.10:6000 ')).toBe('https://192.168.1.10:6000');
    expect(normaliseHubUrl('http://hub.local:5190')).toBe('https://hub.local:5190');
    expect(normaliseHubUrl('https://hub.local:5190/')).toBe('https://hub.local:5190');
    expect(normaliseHubUrl('[::1]:5190')).toBe('https://[::1]:5190');
  });
  it('refuse what is not a host and port', () => {
    for (const bad of ['', '   ', 'ftp://hub', 'https://hub/path', 'hub:99999', 'https://user@hub:1', 'not a host']) {
      expect(() => normaliseHubUrl(bad), bad).toThrow(/hub address/);
    }
  });
});

describe('certificate errors', () => {
  it('are recognised through the socket.io error wrapping, other errors are not', () => {
    const tls = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(isCertificateError({ message: 'websocket error', description: { error: tls } })).toBe(true);
    expect(isCertificateError(Object.assign(new Error('x'), { code: CERT_MISMATCH }))).toBe(true);
    expect(isCertificateError({ message: 'websocket error', description: { error: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) } })).toBe(false);
    expect(isCertificateError(null)).toBe(false);
  });
});
