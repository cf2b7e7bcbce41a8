import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../../../api/query';
import { currentLanguage } from '../../../i18n';
import { ExportButtons, ImportForm } from '../ui/FileButtons';
import { Panel } from '../ui/Panel';

/** The staff list out as CSV/XLSX, and back in (new rows create people, rows with an id update them). */
export function StaffFiles() {
  const { t } = useTranslation();
  const lang = currentLanguage() === 'en' ? 'en' : 'zh';
  return (
    <Stack>
      <Panel title={t('admin.catalog.export')}>
        <ExportButtons testId="staff-export" make={(format) => apiCall('master.exportStaff', { format, lang })} />
      </Panel>
      <Panel title={t('admin.catalog.import')}>
        <ImportForm procedure="master.importStaff" testId="staff-import" />
      </Panel>
    </Stack>
  );
}
