/** Export buttons that download a file made at the hub (CSV or XLSX, base64), and an import form that shows the rows refused. */
import { Alert, Button, FileInput, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../../main/api/contract';
import { ApiError } from '../../../api/client';
import { useApiMutation } from '../../../api/query';
import { AdminError } from './HubState';
import { fileFormat, readBase64File, saveBase64File } from './files';

interface MadeFile { fileName: string; mimeType: string; base64: string }

export function ExportButtons({ make, testId }: { make: (format: 'csv' | 'xlsx') => Promise<MadeFile>; testId: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const go = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    setError(null);
    try {
      const f = await make(format);
      saveBase64File(f.fileName, f.base64, f.mimeType);
      notifications.show({ color: 'teal', message: t('admin.stats.exported', { file: f.fileName }) });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap">
        <Button size="xs" variant="default" loading={busy === 'csv'} onClick={() => void go('csv')} data-testid={`${testId}-csv`}>{t('admin.stats.exportCsv')}</Button>
        <Button size="xs" variant="default" loading={busy === 'xlsx'} onClick={() => void go('xlsx')} data-testid={`${testId}-xlsx`}>{t('admin.stats.exportXlsx')}</Button>
      </Group>
      <AdminError error={error} />
    </Stack>
  );
}

interface RowProblem { row: number; field: string; code: string; message: string }

function rowProblems(err: unknown): RowProblem[] {
  if (!(err instanceof ApiError) || err.code !== 'IMPORT_INVALID') return [];
  const rows = err.details?.['rows'];
  if (!Array.isArray(rows)) return [];
  return rows.filter((r): r is RowProblem => typeof r === 'object' && r !== null && typeof (r as RowProblem).row === 'number');
}

function ProblemsTable({ rows }: { rows: RowProblem[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" c="red" fw={600}>{t('admin.catalog.importErrors')}</Text>
      <Table withTableBorder data-testid="import-errors" verticalSpacing={4}>
        <Table.Thead><Table.Tr><Table.Th>{t('admin.catalog.row')}</Table.Th><Table.Th>{t('admin.catalog.field')}</Table.Th><Table.Th>{t('admin.catalog.problem')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {rows.slice(0, 200).map((r, i) => (
            <Table.Tr key={i} data-testid="import-error-row">
              <Table.Td className="tabular">{r.row}</Table.Td><Table.Td>{r.field}</Table.Td><Table.Td>{r.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.length > 200 && <Text size="xs" c="dimmed">{t('admin.catalog.moreErrors', { count: rows.length - 200 })}</Text>}
    </Stack>
  );
}

type ImportName = 'master.importDrugs' | 'master.importStaff' | 'master.importDictionary' | 'equipment.import';
type ImportResult = Output<ImportName>;

/** Choose a CSV or XLSX file and import it (all rows or none); a refused file lists its bad rows. */
export function ImportForm({ procedure, testId }: { procedure: ImportName; testId: string }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const run = useApiMutation(procedure, { onSuccess: setResult });
  const format = file ? fileFormat(file.name) : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || !format) return;
    setResult(null);
    run.mutate({ format, base64: await readBase64File(file), dryRun });
  };
  const problems = rowProblems(run.error);
  return (
    <Stack component="form" onSubmit={(e) => void submit(e)} gap="sm" data-testid={testId}>
      <Group align="flex-end">
        <FileInput label={t('admin.catalog.importFile')} value={file} onChange={(f) => { setFile(f); setResult(null); run.reset(); }} accept=".csv,.xlsx"
          clearable clearButtonProps={{ 'aria-label': t('common.action.clear') }} w={320} name="file" error={file && !format ? t('errors.FILE_MALFORMED') : undefined} data-testid={`${testId}-file`} />
        <Switch label={t('admin.catalog.dryRun')} checked={dryRun} onChange={(e) => setDryRun(e.currentTarget.checked)} mb={8} />
        <Button type="submit" disabled={!format} loading={run.isPending} data-testid={`${testId}-submit`}>{t('admin.catalog.importSubmit')}</Button>
      </Group>
      {result && (
        <Alert color="teal" variant="light" data-testid={`${testId}-result`}>
          {t(result.dryRun ? 'admin.catalog.checked' : 'admin.catalog.imported', { rows: result.rows, created: result.created, updated: result.updated, unchanged: result.unchanged })}
        </Alert>
      )}
      {run.error !== null && (problems.length > 0 ? <><AdminError error={run.error} /><ProblemsTable rows={problems} /></> : <AdminError error={run.error} />)}
    </Stack>
  );
}
