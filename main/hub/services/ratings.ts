/**
 * lookup.ratings at the hub: the dates and the doctor are checked first (INVALID_DATE, VALIDATION
 * {field}), the read is audited ('read', 'lookup', 'ratings', the filters), then the page and the
 * doctors' averages are read from the hub's store once the transaction has committed.
 */
import type { ratingsProcedures } from '../../api/procedures/ratings';
import type { HandlersFor } from '../../station/handler';
import { decodeCursor } from '../lookups/cursor';
import { checkDates } from '../lookups/filters';
import { doctorAverages, pageRatings, RATINGS_KEY } from '../lookups/lists-ratings';
import { checkKnown, lookedUp, readAtHub } from './lookups';

export const ratingsHandlers = {
  'lookup.ratings': (ctx, input) => {
    checkDates(input);
    checkKnown(ctx, { doctorId: input.doctorId });
    const after = decodeCursor('ratings', input.cursor, RATINGS_KEY);
    return readAtHub(ctx, 'ratings', null, lookedUp(input), async (db) => {
      const [page, doctors] = await Promise.all([pageRatings(db, input, after, input.limit), doctorAverages(db, input)]);
      return { ...page, doctors };
    });
  },
} satisfies HandlersFor<typeof ratingsProcedures>;
