import { BarChart, DonutChart, LineChart } from '@mantine/charts';
import { ColorSwatch, Group, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { apiCall, useApiQuery } from '../../../api/query';
import { useBuiltInKind } from '../../../ui/dictionary';
import { EmptyState } from '../../../ui/EmptyState';
import { money } from '../../../ui/format';
import { ExportButtons } from '../ui/FileButtons';
import { QueryState } from '../ui/HubState';
import { Panel } from '../ui/Panel';
import { minutes, percent } from './figures';
import type { StatisticName } from './names';
import { REPORTS, type Cell, type Chart } from './reports';

type Row = Record<string, string | number | null>;
const PALETTE = ['teal.6', 'blue.5', 'orange.5', 'grape.5', 'red.5', 'cyan.5', 'lime.6', 'gray.5'];

function useCell() {
  const { t } = useTranslation();
  const methods = useBuiltInKind('payment_method');
  return (cell: Cell, v: string | number | null): string => {
    if (v === null) return t('admin.common.none');
    switch (cell) {
      case 'money': return money(Number(v));
      case 'percent': return percent(Number(v));
      case 'minutes': return minutes(Number(v));
      case 'sex': return t(`enums.sex.${String(v) as 'M' | 'F' | 'U'}`);
      case 'method': return methods.name(String(v));
      case 'band': return v === 'unknown' ? t('admin.stats.unknownAge') : t('admin.stats.ageBand', { band: String(v) });
      default: return String(v);
    }
  };
}

/** A donut's legend: each slice's colour, name and value (the ring alone names nothing). */
function SliceLegend({ slices, format }: { slices: { name: string; value: number; color: string }[]; format: (v: number) => string }) {
  return (
    <Stack gap={6} data-testid="chart-legend" role="list">
      {slices.map((s) => (
        <Group key={s.name} gap="xs" wrap="nowrap" role="listitem">
          <ColorSwatch color={`var(--mantine-color-${s.color.replace('.', '-')})`} size={12} withShadow={false} aria-hidden />
          <Text size="sm">{s.name}</Text>
          <Text size="sm" fw={600} className="tabular">{format(s.value)}</Text>
        </Group>
      ))}
    </Stack>
  );
}

function ReportChart({ chart, rows, xCell }: { chart: Chart; rows: Row[]; xCell: Cell }) {
  const { t } = useTranslation();
  const cell = useCell();
  // Money is charted in yuan; waits in minutes; category names as the table reads them.
  const data = rows.map((r) => {
    const out: Record<string, string | number> = { [chart.x]: xCell === 'text' ? String(r[chart.x] ?? '') : cell(xCell, r[chart.x] ?? null) };
    for (const s of chart.series) {
      const raw = s.key === 'averageWaitMin' ? Number(r['averageWaitMs'] ?? 0) / 60_000 : Number(r[s.key] ?? 0);
      out[s.key] = chart.money ? raw / 100 : Math.round(raw * 10) / 10;
    }
    return out;
  });
  const series = chart.series.map((s) => ({ name: s.key, label: t(`admin.stats.col.${s.label}`), color: s.color }));
  const yuan = (v: number) => (chart.money ? money(Math.round(v * 100)) : String(v));
  const common = { h: 260, role: 'img' as const, 'aria-label': series.map((s) => s.label).join(', ') };
  if (chart.kind === 'donut') {
    const first = chart.series[0]!;
    const slices = data.map((d, i) => ({ name: String(d[chart.x]), value: Number(d[first.key] ?? 0), color: PALETTE[i % PALETTE.length]! })).filter((d) => d.value > 0);
    // Nothing above zero: no ring to draw (the table below says the zeros).
    if (slices.length === 0) return null;
    return (
      <Group justify="center" gap="xl">
        <DonutChart {...common} data={slices} valueFormatter={yuan} size={200} thickness={30} />
        <SliceLegend slices={slices} format={yuan} />
      </Group>
    );
  }
  if (chart.kind === 'line') return <LineChart {...common} data={data} dataKey={chart.x} series={series} valueFormatter={yuan} withLegend curveType="monotone" />;
  return <BarChart {...common} data={data} dataKey={chart.x} series={series} valueFormatter={yuan} withLegend type={series.length > 1 ? 'stacked' : 'default'} />;
}

/** One statistic over the range: its chart, its table (with the total where the hub gives one), and its export. */
export function ReportView({ name, from, to }: { name: StatisticName; from: string; to: string }) {
  const { t } = useTranslation();
  const q = useApiQuery(`stats.${name}`, { from, to });
  const report = REPORTS[name];
  const cell = useCell();
  return (
    <Panel title={t(`admin.stats.report.${name}`)} testId={`report-${name}`}
      actions={<ExportButtons testId="stats-export" make={(format) => apiCall('stats.export', { from, to, statistic: name, format })} />}>
      <QueryState query={q} height={300}>{(d) => {
        const rows = d.rows as unknown as Row[];
        const total = 'total' in d ? (d.total as unknown as Row) : null;
        if (rows.length === 0) return <EmptyState title={t('admin.stats.empty')} />;
        const xCell = report.columns.find((col) => col.key === report.chart?.x)?.cell ?? 'text';
        return (
          <Stack>
            {report.chart && <ReportChart chart={report.chart} rows={rows} xCell={xCell} />}
            {total && (
              <Group gap="lg" data-testid="report-total">
                {report.columns.filter((col) => col.key in total).map((col) => (
                  <Text key={col.key} size="sm"><Text span c="dimmed">{t(`admin.stats.col.${col.label}`)}{t('common.punct.colon')}</Text><Text span fw={600}>{cell(col.cell, total[col.key] ?? null)}</Text></Text>
                ))}
              </Group>
            )}
            <ScrollArea.Autosize mah={420}>
              <Table striped highlightOnHover stickyHeader data-testid="report-table">
                <Table.Thead><Table.Tr>{report.columns.map((col) => <Table.Th key={col.key}>{t(`admin.stats.col.${col.label}`)}</Table.Th>)}</Table.Tr></Table.Thead>
                <Table.Tbody>
                  {rows.map((r, i) => (
                    <Table.Tr key={i}>{report.columns.map((col) => (
                      <Table.Td key={col.key} className={col.cell === 'text' || col.cell === 'sex' || col.cell === 'method' ? undefined : 'tabular'}>{cell(col.cell, r[col.key] ?? null)}</Table.Td>
                    ))}</Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          </Stack>
        );
      }}</QueryState>
    </Panel>
  );
}
