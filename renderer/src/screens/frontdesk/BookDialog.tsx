import { Modal } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Pending } from '../../ui/Pending';

export function BookDialog({ name, onClose }: { patientId: string; name: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={t('frontdesk.book.title', { name })} centered>
      <Pending what="roster sessions" />
    </Modal>
  );
}
