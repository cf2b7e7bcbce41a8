/** Choices for the admin forms: doctors, departments and rooms as Select options. */
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../../api/query';

export interface Option { value: string; label: string }

export function useDoctorOptions(): Option[] {
  const q = useApiQuery('catalog.doctors', {});
  return (q.data?.items ?? []).filter((d) => d.status !== 'left')
    .map((d) => ({ value: d.id, label: d.departmentName ? `${d.name}（${d.departmentName}）` : d.name }));
}

/** The people with an account (the one with `role`, when given), by name and user name; former ones too (lookups reach back). */
export function useAccountOptions(role?: 'cashier'): Option[] {
  const q = useApiQuery('org.accounts', {});
  return (q.data?.items ?? []).filter((a) => !role || a.roles.includes(role))
    .map((a) => ({ value: a.id, label: a.staffName ? `${a.staffName}（${a.username}）` : a.username }));
}

export function useDepartmentOptions(): Option[] {
  const { i18n } = useTranslation();
  const q = useApiQuery('org.departments', {});
  return (q.data?.items ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: i18n.language === 'en' ? d.nameEn || d.name : d.name }));
}

export function useRoomOptions(departmentId?: string | null): Option[] {
  const q = useApiQuery('org.rooms', {});
  return (q.data?.items ?? []).filter((r) => r.active && (!departmentId || r.departmentId === departmentId))
    .map((r) => ({ value: r.id, label: `${r.name}（${r.departmentName}）` }));
}
