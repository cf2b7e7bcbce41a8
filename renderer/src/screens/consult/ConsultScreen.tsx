import { Pending } from '../../ui/Pending';

export function ConsultScreen() {
  return <Pending what="consultation.*" />;
}
