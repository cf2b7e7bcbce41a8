/**
 * Admin → Text messages → Message texts: per kind, the Chinese and English text (what the call
 * list reads out and each message keeps), optionally the provider's approved template to have its
 * variables checked, the provider's template code (set with its keys, shown here), and a preview
 * with sample values and its length in SMS segments. A refused save shows every problem at its
 * field (a kind with problems is marked); "Back to standard" restores the standard texts.
 */
import { Alert, Badge, Button, Code, Group, Paper, SegmentedControl, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../../main/api/contract';
import { ApiError } from '../../../api/client';
import { useApiMutation, useApiQuery } from '../../../api/query';
import { errorMessage } from '../../../i18n/translateError';
import { dateTime } from '../../../ui/format';
import { QueryState } from '../ui/HubState';
import { Panel } from '../ui/Panel';

type Data = Output<'messages.templates'>;
type TemplateSet = Data['templates'];
type Kind = keyof TemplateSet;
type Lang = 'zh-CN' | 'en';
const LANGS: readonly Lang[] = ['zh-CN', 'en'];
interface Problem { field: string; problem: string; variable?: string; length?: number; max?: number; expected?: string }

/** A long SMS is cut into segments of 67 characters (70 when it fits in one). */
export function segments(chars: number): number {
  return chars <= 70 ? 1 : Math.ceil(chars / 67);
}

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, k: string) => vars[k] ?? whole);
}

function problemsOf(err: unknown): Problem[] {
  if (!(err instanceof ApiError) || err.code !== 'VALIDATION') return [];
  const p = err.details?.['problems'];
  return Array.isArray(p) ? (p as Problem[]) : [];
}

function TemplatesForm({ data, onSaved }: { data: Data; onSaved: () => void }) {
  const { t } = useTranslation();
  const [set, setSet] = useState<TemplateSet>(data.templates);
  const [kind, setKind] = useState<Kind>('booking_confirmed');
  const save = useApiMutation('messages.saveTemplates', {
    onSuccess: () => { notifications.show({ color: 'teal', message: t('messages.templates.saved') }); onSaved(); },
  });
  const reset = useApiMutation('messages.resetTemplates', {
    onSuccess: () => { notifications.show({ color: 'teal', message: t('messages.templates.wasReset') }); onSaved(); },
  });
  const problems = problemsOf(save.error);
  const problemText = (p: Problem) => t(`messages.templates.problem.${p.problem}` as 'messages.templates.problem.empty', {
    variable: p.variable ?? '', length: p.length ?? 0, max: p.max ?? 0, expected: p.expected ?? '',
  });
  const errorAt = (field: string) => {
    const mine = problems.filter((p) => p.field === field);
    return mine.length > 0 ? mine.map(problemText).join(' ') : undefined;
  };
  const edit = (lang: Lang, part: 'text' | 'provider', value: string) => setSet((s) => ({
    ...s, [kind]: { ...s[kind], [lang]: { ...s[kind][lang], [part]: part === 'provider' && value.trim() === '' ? null : value } },
  }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ templates: set });
  };
  const withProblems = new Set(problems.map((p) => p.field.split('.')[1]));
  const codeOf = (lang: Lang) => (lang === 'en' ? data.codes[`${kind}.en`] ?? data.codes[kind] : data.codes[`${kind}.zh-CN`] ?? data.codes[kind]);
  return (
    <Stack component="form" onSubmit={submit} gap="sm" data-testid="templates-form">
      <Text size="sm" c="dimmed">{t('messages.templates.hint', { max: data.maxChars })}</Text>
      <Text size="sm">{t('messages.templates.variables')} {data.variables.map((v) => <Code key={v} mr={4}>{`{{${v}}}`}</Code>)}</Text>
      <Group gap="xs">
        <Badge variant="light" color={data.custom ? 'blue' : 'gray'} data-testid="templates-state">
          {data.custom && data.updatedAt !== null ? t('messages.templates.custom', { time: dateTime(data.updatedAt) }) : t('messages.templates.standard')}
        </Badge>
      </Group>
      <SegmentedControl value={kind} onChange={(v) => setKind(v as Kind)} data-testid="template-kind" aria-label={t('messages.templates.kind')}
        style={{ alignSelf: 'flex-start' }}
        data={data.kinds.map((k) => ({ value: k, label: `${t(`messages.kind.${k}`)}${withProblems.has(k) ? ' ⚠' : ''}` }))} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {LANGS.map((lang) => {
          const value = set[kind][lang];
          const preview = fill(value.text, data.sample[lang]);
          const chars = [...preview].length;
          const code = codeOf(lang);
          return (
            <Stack key={`${kind}-${lang}`} gap="xs" data-testid={`template-${lang}`}>
              <Textarea label={t(lang === 'en' ? 'messages.templates.textEn' : 'messages.templates.textZh')} value={value.text} autosize minRows={3}
                name={`text-${lang}`} onChange={(e) => edit(lang, 'text', e.currentTarget.value)} error={errorAt(`templates.${kind}.${lang}.text`)} />
              <Paper withBorder p="xs" bg="var(--mantine-color-gray-0)">
                <Text size="xs" c="dimmed">{t('messages.templates.preview')}</Text>
                <Text size="sm" data-testid={`preview-${lang}`}>{preview}</Text>
                <Text size="xs" c={chars > data.maxChars ? 'red.9' : 'dimmed'} data-testid={`preview-length-${lang}`}>
                  {t('messages.templates.length', { chars, count: segments(chars) })}
                </Text>
              </Paper>
              <TextInput label={t('messages.templates.provider')} description={t('messages.templates.providerHint')} value={value.provider ?? ''}
                name={`provider-${lang}`} onChange={(e) => edit(lang, 'provider', e.currentTarget.value)} error={errorAt(`templates.${kind}.${lang}.provider`)} />
              <Text size="xs" c="dimmed" data-testid={`template-code-${lang}`}>
                {code ? t('messages.templates.code', { code }) : t(data.provider ? 'messages.templates.noCode' : 'messages.templates.noProvider')}
              </Text>
            </Stack>
          );
        })}
      </SimpleGrid>
      {problems.length > 0 && (
        <Alert color="red" variant="light" data-testid="templates-problems" title={t('messages.templates.problems', { count: problems.length })}>
          <Stack gap={2}>
            {problems.map((p, i) => (
              <Text key={i} size="sm">{`${t(`messages.kind.${p.field.split('.')[1] as Kind}`)} · ${t(p.field.split('.')[2] === 'en' ? 'messages.templates.textEn' : 'messages.templates.textZh')}${p.field.endsWith('.provider') ? ` · ${t('messages.templates.provider')}` : ''}: ${problemText(p)}`}</Text>
            ))}
          </Stack>
        </Alert>
      )}
      {save.error && problems.length === 0 && <Alert color="red" variant="light">{errorMessage(save.error)}</Alert>}
      {reset.error && <Alert color="red" variant="light">{errorMessage(reset.error)}</Alert>}
      <Group>
        <Button type="submit" loading={save.isPending} data-testid="templates-save">{t('messages.templates.save')}</Button>
        <Button variant="default" loading={reset.isPending} onClick={() => reset.mutate({})} disabled={!data.custom} data-testid="templates-reset">
          {t('messages.templates.reset')}
        </Button>
      </Group>
    </Stack>
  );
}

export function TemplatesPanel() {
  const { t } = useTranslation();
  const q = useApiQuery('messages.templates', {});
  return (
    <Panel title={t('messages.templates.title')} testId="templates">
      <QueryState query={q}>{(d) => <TemplatesForm key={d.updatedAt ?? 'standard'} data={d} onSaved={() => void q.refetch()} />}</QueryState>
    </Panel>
  );
}
