import { Center, Group, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../shell/LanguageSwitch';
import { JoinHubForm } from './JoinHubForm';
import { NewClinicForm } from './NewClinicForm';

type Step = 'choose' | 'new' | 'join';

function Choice({ title, hint, onClick, testId }: { title: string; hint: string; onClick: () => void; testId: string }) {
  return (
    <UnstyledButton onClick={onClick} data-testid={testId}>
      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" wrap="nowrap" gap="md">
          <div>
            <Text fw={600} size="lg">{title}</Text>
            <Text size="sm" c="dimmed" mt={4}>{hint}</Text>
          </div>
          <Text size="xl" c="teal.9" aria-hidden>→</Text>
        </Group>
      </Paper>
    </UnstyledButton>
  );
}

/** First run: shown instead of the log-in while `setup.status` says the station is unset. */
export function SetupWizard({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('choose');
  const back = () => setStep('choose');
  return (
    <Center mih="100vh" bg="var(--mantine-color-gray-0)" py="xl">
      <Paper
        withBorder shadow="sm" p="xl" radius="md" w={560} data-testid="setup-wizard" component="main"
        // Mantine's field-error red (red-6) reads at 3.3:1 on white; the theme's readable red instead.
        style={{ '--mantine-color-error': 'var(--mantine-color-red-filled)' }}
      >
        <Stack>
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <div>
              <Title order={1} size="h2">{t('common.app.name')}</Title>
              <Text size="sm" c="dimmed">{t('setup.title')}</Text>
            </div>
            <LanguageSwitch />
          </Group>
          {step === 'choose' && (
            <Stack gap="sm" role="group" aria-label={t('setup.choose.label')}>
              <Text>{t('setup.intro')}</Text>
              <Choice testId="setup-new" title={t('setup.choose.newClinic')} hint={t('setup.choose.newClinicHint')} onClick={() => setStep('new')} />
              <Choice testId="setup-join" title={t('setup.choose.join')} hint={t('setup.choose.joinHint')} onClick={() => setStep('join')} />
            </Stack>
          )}
          {step === 'new' && <NewClinicForm onBack={back} onDone={(username) => onDone(t('setup.done.newClinic', { username }))} />}
          {step === 'join' && <JoinHubForm onBack={back} onDone={(synced) => onDone(t(synced ? 'setup.done.joined' : 'setup.done.notSynced'))} />}
        </Stack>
      </Paper>
    </Center>
  );
}
