import { Pending } from '../../ui/Pending';

export function PharmacyScreen() {
  return <Pending what="pharmacy.*" />;
}
