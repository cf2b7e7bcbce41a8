import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Alerts } from './Alerts';
import { DispenseQueue } from './DispenseQueue';
import { ReceiveForm } from './ReceiveForm';
import { StockView } from './StockView';

export function PharmacyScreen() {
  const { t } = useTranslation();
  return (
    <Tabs defaultValue="dispense" keepMounted={false}>
      <Tabs.List mb="md">
        <Tabs.Tab value="dispense">{t('pharmacy.tabs.dispense')}</Tabs.Tab>
        <Tabs.Tab value="receive">{t('pharmacy.tabs.receive')}</Tabs.Tab>
        <Tabs.Tab value="stock">{t('pharmacy.tabs.stock')}</Tabs.Tab>
        <Tabs.Tab value="alerts">{t('pharmacy.tabs.alerts')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="dispense"><DispenseQueue /></Tabs.Panel>
      <Tabs.Panel value="receive"><ReceiveForm /></Tabs.Panel>
      <Tabs.Panel value="stock"><StockView /></Tabs.Panel>
      <Tabs.Panel value="alerts"><Alerts /></Tabs.Panel>
    </Tabs>
  );
}
