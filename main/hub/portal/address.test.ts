import { describe, expect, it } from 'vitest';
import { patientAppOf, patientPortOf, phoneAddress, rememberPatientApp } from './address';

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

  it('keeps how the port is served, for the admin screen: certificate and fingerprint, or plain HTTP', () => {
    const own = {};
    rememberPatientApp(own, 'https://192.168.1.20:4880', { mode: 'hub_cert', fingerprint: 'AB:CD' });
    expect(patientPortOf(own)).toEqual({ address: 'https://192.168.1.20:4880', mode: 'hub_cert', fingerprint: 'AB:CD' });
    const open = {};
    rememberPatientApp(open, 'http://0.0.0.0:4880', { mode: 'http', fingerprint: null });
    expect(patientPortOf(open)?.mode).toBe('http');
    expect(patientPortOf({})).toBeNull();
  });
});
