import { Pending } from '../../ui/Pending';

export function DisplayScreen() {
  return <Pending what="queue.board" />;
}
