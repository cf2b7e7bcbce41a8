/**
 * Live propagation: stations A and B both connected and caught up; a receptionist at A edits a
 * patient (`patients.update` through dispatch: one transaction, the row's change and its audit
 * row); timed from just before the dispatch until B has applied A's last change of it (checked
 * on B's 'data.changed' event). Samples are spaced 20–80 ms apart, a busy clinic's pace.
 */
import { Rng } from '../main/demo/random';
import { dispatchSync } from '../main/station/dispatch';
import { logInAs } from '../main/station/testing';
import type { Station } from '../main/station/station';
import { connected } from '../main/sync/testing';
import { stats, type Stats } from './lib';
import { cpuSince } from './sync-measure';
import { dropStation, hubFrom, newStation } from './sync-setup';

export interface LiveResult {
  latency: Stats;
  dispatch: Stats;
  cpuMsPerSample: number;
  changesPerSample: number;
}

/** Resolves with the time at which `station` holds change `id` (checked whenever it applies something). */
function arrives(station: Station, id: string, timeoutMs = 10_000): Promise<number> {
  const has = station.raw.prepare('SELECT 1 FROM change_log WHERE id = ?');
  return new Promise((resolve, reject) => {
    const off = station.on('data.changed', () => {
      if (!has.get(id)) return;
      off();
      clearTimeout(limit);
      resolve(performance.now());
    });
    const limit = setTimeout(() => {
      off();
      reject(new Error(`change ${id} did not reach ${station.device} in ${timeoutMs} ms`));
    }, timeoutMs);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runLiveLatency(seedHub: string, samples: number, warmUp = 30): Promise<LiveResult> {
  const hub = await hubFrom(seedHub, 'live');
  const a = newStation('live-a', 'S1');
  const b = newStation('live-b', 'S2');
  const clients = [await connected(a, hub.hub), await connected(b, hub.hub)];
  try {
    const desk = logInAs(a, 'reception1');
    const ids = (a.raw.prepare('SELECT id FROM patients WHERE merged_into IS NULL ORDER BY id').all() as { id: string }[]).map((r) => r.id);
    const lastOfA = a.raw.prepare('SELECT id FROM change_log WHERE device = ? ORDER BY hlc DESC LIMIT 1');
    const countOfA = a.raw.prepare('SELECT count(*) AS n FROM change_log WHERE device = ?');
    const before = (countOfA.get(a.device) as { n: number }).n;
    const rng = new Rng(5);
    const latency: number[] = [];
    const dispatch: number[] = [];
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < warmUp + samples; i++) {
      await sleep(20 + rng.int(60));
      const t0 = performance.now();
      const r = dispatchSync(a, desk, 'patients.update', { id: ids[rng.int(ids.length)]!, address: `上海市浦东新区张江路${i + 1}号` });
      const t1 = performance.now();
      if (!r.ok) throw new Error(`patients.update: ${JSON.stringify(r.error)}`);
      // Nothing async has run since the dispatch (it is synchronous): B cannot have it yet.
      const last = (lastOfA.get(a.device) as { id: string }).id;
      const at = await arrives(b, last);
      if (i >= warmUp) {
        latency.push(at - t0);
        dispatch.push(t1 - t0);
      }
    }
    const cpuMsPerSample = cpuSince(cpu0) / (warmUp + samples);
    const changesPerSample = ((countOfA.get(a.device) as { n: number }).n - before) / (warmUp + samples);
    return { latency: stats(latency), dispatch: stats(dispatch), cpuMsPerSample, changesPerSample };
  } finally {
    for (const c of clients) await c.stop();
    dropStation(a);
    dropStation(b);
    await hub.close();
  }
}
