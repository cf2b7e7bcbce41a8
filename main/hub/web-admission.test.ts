import { describe, expect, it } from 'vitest';
import { admitAtHubWeb } from './web-admission';

describe('log-in at the hub web host', () => {
  it('admits an account with the admin role, among others', () => {
    expect(admitAtHubWeb({ username: 'boss', roles: ['admin'] })).toBeNull();
    expect(admitAtHubWeb({ username: 'lead', roles: ['doctor', 'admin'] })).toBeNull();
  });

  it('refuses every other account with FORBIDDEN and a reason the UI can say', () => {
    const e = admitAtHubWeb({ username: 'reception', roles: ['receptionist', 'cashier'] });
    expect(e).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'hub_admin_only' } });
    expect(e!.message).toMatch(/reception is not an admin/);
    expect(admitAtHubWeb({ username: 'nobody', roles: [] })?.code).toBe('FORBIDDEN');
  });
});
