/** Rosters (hub administration): templates and holidays, generation, sessions, stops (call lists are read at the desk). */
import type { rostersProcedures } from '../../api/procedures/rosters';
import type { HandlersFor } from '../../station/handler';
import { rosterGenerateHandlers } from './rosters-generate';
import { rosterSessionHandlers } from './rosters-sessions';
import { rosterTemplateHandlers } from './rosters-templates';

export const rostersHandlers = {
  ...rosterTemplateHandlers,
  ...rosterGenerateHandlers,
  ...rosterSessionHandlers,
} satisfies HandlersFor<Omit<typeof rostersProcedures, 'rosters.callList'>>;
