import { describe, expect, it } from 'vitest';
import { patientAppOf, phoneAddress, rememberPatientApp } from './address';

describe("the patient app's address for the front desk", () => {
  it('names a wildcard listening address by the LAN address, and keeps a named one', () => {
    expect(phoneAddress('https://0.0.0.0:4880', '192.168.1.10')).toBe('https://192.168.1.10:4880');
    expect(phoneAddress('https://[::]:4880', '192.168.1.10')).toBe('https://192.168.1.10:4880');
    expect(phoneAddress('https://192.168.1.20:4880', '192.168.1.10')).toBe('https://192.168.1.20:4880');
    expect(phoneAddress('http://127.0.0.1:4880/', null)).toBe('http://127.0.0.1:4880');
    expect(phoneAddress('https://0.0.0.0:4880', null)).toBeNull();
  });

  it('is known per hub store once remembered, and null for a hub that serves no patient app', () => {
    const served = {};
    rememberPatientApp(served, 'https://192.168.1.20:4880');
    expect(patientAppOf(served)).toBe('https://192.168.1.20:4880');
    expect(patientAppOf({})).toBeNull();
  });
});
