/** Hub administration of the organisation (`org.*`): handlers over the org-* services. */
import type { orgProcedures } from '../../api/procedures/org';
import type { HandlersFor } from '../../station/handler';
import { loadSettings } from '../../station/settings';
import { accountView, createAccount, listAccounts, resetPassword, setAccountActive, updateAccount } from './org-accounts';
import { settingsView, updateSettings } from './org-settings';
import { insertStaff, listStaff, staffView, updateStaff } from './org-staff';
import {
  createDepartment, createRoom, departmentView, listDepartments, listRooms, roomView, setDepartmentActive, setRoomActive, updateDepartment,
  updateRoom,
} from './org-structure';

export const orgHandlers = {
  'org.departments': (ctx) => ({ items: listDepartments(ctx) }),
  'org.createDepartment': (ctx, input) => departmentView(ctx, createDepartment(ctx, input)),
  'org.updateDepartment': (ctx, { id, ...patch }) => {
    updateDepartment(ctx, id, patch);
    return departmentView(ctx, id);
  },
  'org.setDepartmentActive': (ctx, { id, active }) => {
    setDepartmentActive(ctx, id, active);
    return departmentView(ctx, id);
  },

  'org.rooms': (ctx, { departmentId }) => ({ items: listRooms(ctx, departmentId) }),
  'org.createRoom': (ctx, input) => roomView(ctx, createRoom(ctx, input)),
  'org.updateRoom': (ctx, { id, ...patch }) => {
    updateRoom(ctx, id, patch);
    return roomView(ctx, id);
  },
  'org.setRoomActive': (ctx, { id, active }) => {
    setRoomActive(ctx, id, active);
    return roomView(ctx, id);
  },

  'org.staff': (ctx, filter) => ({ items: listStaff(ctx, filter) }),
  'org.createStaff': (ctx, input) => staffView(ctx, insertStaff(ctx, input)),
  'org.updateStaff': (ctx, { id, ...patch }) => {
    updateStaff(ctx, id, patch);
    return staffView(ctx, id);
  },

  'org.accounts': (ctx) => ({ items: listAccounts(ctx) }),
  'org.createAccount': (ctx, input) => accountView(ctx, createAccount(ctx, input)),
  'org.updateAccount': (ctx, { id, ...patch }) => {
    updateAccount(ctx, id, patch);
    return accountView(ctx, id);
  },
  'org.resetPassword': (ctx, { id, password }) => {
    resetPassword(ctx, id, password);
    return accountView(ctx, id);
  },
  'org.setAccountActive': (ctx, { id, active }) => {
    setAccountActive(ctx, id, active);
    return accountView(ctx, id);
  },

  'org.settings': (ctx) => settingsView(loadSettings(ctx.db)),
  'org.updateSettings': (ctx, patch) => settingsView(updateSettings(ctx, patch)),
} satisfies HandlersFor<typeof orgProcedures>;
