import { Badge, Box, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useViewportSize } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/api/contract';
import { useApiQuery } from '../../api/query';
import { useRoute, workspacesFor } from '../../state/route';
import { useSession } from '../../state/session';
import { ErrorNote } from '../../ui/ErrorNote';
import { clockTime, setClinicTimeZone } from '../../ui/format';
import { useClinic } from '../../ui/useClinic';
import { joinList } from '../../ui/punct';
import { speak, takeNewCalls } from './announce';
import { boardLayout, PAGE_SECONDS, pageOf } from './boardPages';
import { DISPLAY_WINDOW } from './openDisplay';

type Board = Output<'queue.board'>;
type Entry = Board['doctors'][number]['calling'][number];

function latestCall(board: Board | undefined): Entry | null {
  const calls = board?.doctors.flatMap((d) => d.calling) ?? [];
  return calls.reduce<Entry | null>((a, b) => ((b.calledAt ?? 0) > (a?.calledAt ?? -1) ? b : a), null);
}

function Clock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => { const id = setInterval(() => setNow(new Date()), 1_000); return () => clearInterval(id); }, []);
  return <Text size="2.2rem" fw={700} className="tabular">{clockTime(now.getTime())}</Text>;
}

/** The waiting-room board, full screen: who is called to which room, who is next. Names are masked. */
export function DisplayScreen() {
  const { t, i18n } = useTranslation();
  const q = useApiQuery('queue.board', {}, { refetchInterval: 5_000 });
  const clinic = useClinic();
  // The board may open in a window of its own, outside the workbench: its clock and times follow the clinic's zone too.
  setClinicTimeZone(clinic.data?.timeZone);
  const me = useSession((s) => s.me);
  const go = useRoute((s) => s.go);
  const call = latestCall(q.data);
  // Speak each new call (names are not spoken: the board shows them masked). Calls already on
  // the board when the display opens were announced at the time and are not repeated.
  const heard = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!q.data) return;
    const calling = q.data.doctors.flatMap((d) => d.calling);
    if (heard.current === null) {
      heard.current = new Set();
      takeNewCalls(heard.current, calling);
      return;
    }
    for (const c of takeNewCalls(heard.current, calling)) {
      speak(c.roomName ? t('display.spoken', { queueNo: c.queueNo, room: c.roomName }) : t('display.spokenNoRoom', { queueNo: c.queueNo }), i18n.language);
    }
  }, [q.data, t, i18n.language]);
  // As many doctors as the screen holds, in columns; when more are working, the pages turn by themselves.
  const { width, height } = useViewportSize();
  const doctors = q.data?.doctors ?? [];
  const layout = boardLayout(width || window.innerWidth, height || window.innerHeight, doctors.length);
  const [page, setPage] = useState(0);
  useEffect(() => {
    if (layout.pages <= 1) return;
    const id = setInterval(() => setPage((p) => p + 1), PAGE_SECONDS * 1_000);
    return () => clearInterval(id);
  }, [layout.pages]);
  const shown = pageOf(doctors, layout.perPage, page);
  // A board in its own window closes; one opened in the desk's own window goes back to the desk.
  const own = window.name === DISPLAY_WINDOW;
  const exit = () => {
    if (own) { window.close(); return; }
    const w = workspacesFor(me?.roles ?? [])[0];
    if (w) go(w);
  };
  return (
    <Box mih="100vh" bg="#0b2530" c="white" p="xl" data-testid="display">
      <Stack gap="lg">
        <Group justify="space-between">
          <Title order={1} c="white">{clinic.data?.clinicName ?? ''} · {t('display.title')}</Title>
          <Group><Clock /><Button variant="outline" color="gray.5" size="xs" onClick={exit}>{own ? t('display.close') : t('display.exit')}</Button></Group>
        </Group>
        {q.error && <ErrorNote error={q.error} />}
        <Box bg={call ? '#0f766e' : '#12343f'} p="lg" style={{ borderRadius: 12 }} data-testid="display-calling">
          <Text size="1.6rem" c="teal.1">{t('display.now')}</Text>
          <Text size="3.2rem" fw={800} lh={1.2}>
            {call ? (call.roomName ? t('display.calling', { queueNo: call.queueNo, name: call.maskedName, room: call.roomName })
              : t('display.callingNoRoom', { queueNo: call.queueNo, name: call.maskedName })) : '—'}
          </Text>
        </Box>
        {q.data && q.data.doctors.length === 0 && <Text size="xl">{t('display.empty')}</Text>}
        {layout.pages > 1 && (
          <Text c="gray.4" ta="right" className="tabular" data-testid="display-page">
            {t('display.page', { page: (((page % layout.pages) + layout.pages) % layout.pages) + 1, pages: layout.pages })}
          </Text>
        )}
        <SimpleGrid cols={layout.cols} spacing="lg">
          {shown.map((d) => (
            <Box key={d.doctorId} bg="#12343f" p="md" style={{ borderRadius: 12 }} data-testid="display-doctor">
              <Group justify="space-between" mb="xs">
                <div>
                  <Text size="1.5rem" fw={700}>{d.doctorName}</Text>
                  <Text c="gray.4">{d.departmentName}{d.rooms.length ? ` · ${joinList(d.rooms)}` : ''}</Text>
                </div>
                <Badge size="xl" color="gray" variant="light">{t('display.waiting', { count: d.waitingCount })}</Badge>
              </Group>
              <Group gap="xs" align="baseline">
                <Text c="gray.4" w={90}>{t('display.inRoom')}</Text>
                <Text size="1.6rem" fw={700} className="tabular nowrap">{d.inConsultation.map((e) => `${e.queueNo} ${e.maskedName}`).join('  ') || '—'}</Text>
              </Group>
              <Group gap="xs" align="baseline">
                <Text c="gray.4" w={90}>{t('display.next')}</Text>
                <Text size="1.3rem" className="tabular">{d.next.slice(0, 4).map((e) => `${e.queueNo} ${e.maskedName}`).join('  ') || '—'}</Text>
              </Group>
            </Box>
          ))}
        </SimpleGrid>
      </Stack>
    </Box>
  );
}
