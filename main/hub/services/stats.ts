/**
 * Statistics: each handler runs its SQL on the hub's store (main/hub/stats/) once the request's
 * transaction has committed. They run only where the hub's store is at hand (the hub's admin
 * station); anywhere else `ctx.hub` is null and the answer is HUB_UNREACHABLE.
 */
import type { statsProcedures } from '../../api/procedures/stats';
import { averageWait, drugUsage, noShowRate, topDiagnoses } from '../stats/clinical';
import { dashboard } from '../stats/dashboard';
import { exportStatistic } from '../stats/export';
import { ensureStatsIndexes } from '../stats/indexes';
import { incomeByDay, incomeByDepartment, incomeByDoctor, incomeByMethod } from '../stats/money';
import type { StatsDb } from '../stats/range';
import { hubStoreOf } from './hub-context';
import { patientsByAgeBand, patientsBySex, registrationsPerDay, visitsByDepartment, visitsByDoctor } from '../stats/visits';
import type { RequestContext } from '../../station/context';
import { afterCommit, type AfterCommit, type HandlersFor } from '../../station/handler';
import { clinicToday } from '../../station/services/patients-fields';

/** Runs `fn` on the hub's store after commit; HUB_UNREACHABLE at once when there is none. */
function onHub<T>(ctx: RequestContext, fn: (db: StatsDb) => Promise<T>): AfterCommit<T> {
  const hub = hubStoreOf(ctx, 'statistics are computed');
  return afterCommit(async () => {
    await ensureStatsIndexes(hub);
    return fn(hub);
  });
}

export const statsHandlers = {
  'stats.registrations': (ctx, range) => onHub(ctx, async (db) => ({ rows: await registrationsPerDay(db, range) })),
  'stats.visitsByDepartment': (ctx, range) => onHub(ctx, async (db) => ({ rows: await visitsByDepartment(db, range) })),
  'stats.visitsByDoctor': (ctx, range) => onHub(ctx, async (db) => ({ rows: await visitsByDoctor(db, range) })),
  'stats.incomeByDay': (ctx, range) => onHub(ctx, async (db) => ({ rows: await incomeByDay(db, range) })),
  'stats.incomeByDepartment': (ctx, range) => onHub(ctx, async (db) => ({ rows: await incomeByDepartment(db, range) })),
  'stats.incomeByDoctor': (ctx, range) => onHub(ctx, async (db) => ({ rows: await incomeByDoctor(db, range) })),
  'stats.incomeByMethod': (ctx, range) => onHub(ctx, async (db) => ({ rows: await incomeByMethod(db, range) })),
  'stats.patientsBySex': (ctx, range) => onHub(ctx, async (db) => ({ rows: await patientsBySex(db, range) })),
  'stats.patientsByAgeBand': (ctx, range) => onHub(ctx, async (db) => ({ rows: await patientsByAgeBand(db, range) })),
  'stats.noShows': (ctx, range) => onHub(ctx, (db) => noShowRate(db, range)),
  'stats.waits': (ctx, range) => onHub(ctx, (db) => averageWait(db, range)),
  'stats.topDiagnoses': (ctx, { from, to, limit }) => onHub(ctx, async (db) => ({ rows: await topDiagnoses(db, { from, to }, limit) })),
  'stats.drugUsage': (ctx, { from, to, limit }) => onHub(ctx, async (db) => ({ rows: await drugUsage(db, { from, to }, limit) })),
  'stats.dashboard': (ctx, { date }) => onHub(ctx, (db) => dashboard(db, date ?? clinicToday(ctx))),
  'stats.export': (ctx, req) => onHub(ctx, (db) => exportStatistic(db, req)),
} satisfies HandlersFor<typeof statsProcedures>;
