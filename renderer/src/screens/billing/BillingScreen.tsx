import { Pending } from '../../ui/Pending';

export function BillingScreen() {
  return <Pending what="billing" />;
}
