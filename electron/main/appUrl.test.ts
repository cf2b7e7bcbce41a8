import { describe, expect, it } from 'vitest';
import { isAppUrl } from './appUrl';

describe('isAppUrl', () => {
  it('accepts only the built page itself, whatever its hash', () => {
    const app = 'file:///opt/clinic/out/renderer/index.html';
    expect(isAppUrl('file:///opt/clinic/out/renderer/index.html#/consult', app)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', app)).toBe(false);
    expect(isAppUrl('https://evil.example/index.html', app)).toBe(false);
    expect(isAppUrl(undefined, app)).toBe(false);
    expect(isAppUrl('not a url', app)).toBe(false);
  });

  it('accepts the dev server by origin', () => {
    expect(isAppUrl('http://localhost:5173/#/billing', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
  });
});
