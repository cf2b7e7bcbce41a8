/**
 * A hub killed, cut off and frozen at random while two desks write and sync, shared by the test
 * (main/sync/faults-hub.int.test.ts) and the soak (bench/soak.ts). The hub runs in its own
 * process (the hub CLI on a PGlite data folder), the desks in this one, through a TCP proxy that
 * cuts connections. Faults: SIGKILL and a restart on the same data, every connection cut, SIGSTOP
 * for longer than the desks' timeout then SIGCONT. At the end every desk change must be in the
 * hub's log exactly once (seqs 1..n without a gap), every operation present once at the hub and
 * at both desks, and both desks' replicated tables identical.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { patients } from '../../db/schema';
import { PgliteStore } from '../hub/pglite-store';
import { freePort } from '../hub/postgres-testing';
import type { HubStore } from '../hub/store';
import type { Station } from '../station/station';
import { SyncClient } from './client';
import { cuttingProxy, runTs, seeded, type Child } from './fault-testing';
import { getCursor, pendingCount } from './local';
import { fetchHubCertificate, normaliseHubUrl } from './pin';
import { emptyStation, replicatedChecksums, writeAs } from './testing';

export interface HubFaultReport {
  faults: number;
  kills: number;
  cuts: number;
  freezes: number;
  /** Write transactions made at the desks (each a patient registered, some with an edit). */
  operations: number;
  /** Desk changes in the hub's log at the end. */
  changes: number;
  /** Operations missing at the hub or at a desk. */
  lost: number;
  /** Change ids or seqs found more than once in the hub's log, operations found more than once. */
  duplicated: number;
  /** Runs the final wait asked for (a push timed out in a freeze waits for the next write or run). */
  nudges: number;
  /** Times the final wait cut the connections because a desk had not been ready for 15 s. */
  helloCuts: number;
  problems: string[];
  ms: number;
}

/** The desks' timeout; a freeze lasts longer, so calls in flight time out. */
const TIMEOUT_MS = 1_500;
const FREEZE_MS = TIMEOUT_MS + 1_000;

/** Every change of the hub, in seq order, read page by page. */
export async function hubLog(store: HubStore): Promise<{ id: string; seq: number; device: string }[]> {
  const out: { id: string; seq: number; device: string }[] = [];
  for (let cursor = 0; ;) {
    const page = await store.after(cursor, 1000);
    out.push(...page.changes.map((c) => ({ id: c.id, seq: c.seq, device: c.device })));
    cursor = page.cursor;
    if (!page.more) return out;
  }
}

/** What is wrong with the hub's log against the stations' own changes (empty: each once, seqs gap-free, as the stations recorded them). */
export async function exactlyOnceProblems(store: HubStore, stations: Station[]): Promise<{ problems: string[]; duplicated: number; changes: number }> {
  const log = await hubLog(store);
  const problems: string[] = [];
  const ids = new Set(log.map((c) => c.id));
  const seqs = new Set(log.map((c) => c.seq));
  const duplicated = (log.length - ids.size) + (log.length - seqs.size);
  if (duplicated > 0) problems.push(`the hub's log holds ${log.length - ids.size} change ids and ${log.length - seqs.size} seqs twice`);
  const gap = log.findIndex((c, i) => c.seq !== i + 1);
  if (gap >= 0) problems.push(`the hub's seqs are not 1..${log.length}: at ${gap} seq ${log[gap]!.seq}`);
  if ((await store.lastSeq()) !== log.length) problems.push(`the hub's last seq ${await store.lastSeq()} is not its log's length ${log.length}`);
  let changes = 0;
  for (const station of stations) {
    const mine = station.raw.prepare('SELECT id, seq FROM change_log WHERE device = ? ORDER BY id').all(station.device) as { id: string; seq: number | null }[];
    const hubMine = log.filter((c) => c.device === station.device).map((c) => ({ id: c.id, seq: c.seq })).sort((a, b) => a.id.localeCompare(b.id));
    changes += hubMine.length;
    if (JSON.stringify(hubMine) !== JSON.stringify(mine)) {
      const at = new Map(hubMine.map((c) => [c.id, c.seq]));
      const differ = mine.filter((c) => at.get(c.id) !== c.seq).length;
      problems.push(`${station.device}: ${mine.length} own changes, ${hubMine.length} at the hub, ${differ} missing there or under another seq`);
    }
  }
  return { problems, duplicated, changes };
}

/** Which changes one desk holds and the other does not: how many, whose, and under which hub seqs. */
function desksDiffer(stations: Station[]): string {
  const all = stations.map((s) => new Map((s.raw.prepare('SELECT id, seq, device FROM change_log').all() as { id: string; seq: number | null; device: string }[]).map((c) => [c.id, c])));
  return stations.map((s, i) => {
    const other = all[1 - i]!;
    const only = [...all[i]!.values()].filter((c) => !other.has(c.id));
    if (only.length === 0) return `${s.device} holds nothing the other lacks`;
    const seqs = only.map((c) => c.seq ?? 0).sort((a, b) => a - b);
    const devices = [...new Set(only.map((c) => c.device))].join('/');
    return `${s.device} alone holds ${only.length} changes of ${devices}, hub seqs ${seqs.slice(0, 3).join(',')}…${seqs[seqs.length - 1]}`;
  }).join('; ');
}

/**
 * Waits for `check`, failing after `ms` without progress: `progress` (when given) is a number that
 * grows as the desks catch up, and each rise gives the wait `ms` more, up to `capMs` in all.
 */
async function waitUntil(check: () => boolean | Promise<boolean>, ms: number, what: () => string, nudge?: () => unknown,
  progress?: () => number, capMs = 15 * 60_000): Promise<void> {
  const start = Date.now();
  let nudged = Date.now();
  let best = progress?.() ?? 0;
  let since = start;
  while (!(await check())) {
    const now = Date.now();
    const p = progress?.() ?? best;
    if (p > best) {
      best = p;
      since = now;
    }
    if (now - since > ms || now - start > capMs) throw new Error(`timed out waiting for ${what()}`);
    if (nudge && now - nudged > 1_000) {
      nudged = now;
      void nudge();
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** `faults` random faults at a hub process while two desks write; checked at the end. */
export async function runHubFaults(opts: { faults: number; seed: number; log?: (s: string) => void }): Promise<HubFaultReport> {
  const t0 = Date.now();
  // The faults' sequence is its own (repeatable whatever the writers draw).
  const random = seeded(opts.seed);
  const draw = seeded(opts.seed + 1);
  const dir = mkdtempSync(join(tmpdir(), 'clinic-hub-faults-'));
  const dataDir = join(dir, 'hub');
  const port = await freePort();
  const hubArgs = ['--data', dataDir, '--port', String(port), '--open'];
  const report: HubFaultReport = { faults: 0, kills: 0, cuts: 0, freezes: 0, operations: 0, changes: 0, lost: 0, duplicated: 0, nudges: 0, helloCuts: 0, problems: [], ms: 0 };
  const cleanups: (() => unknown)[] = [() => rmSync(dir, { recursive: true, force: true })];
  const startHubProcess = async (): Promise<Child> => {
    const c = runTs('main/cli/hub.ts', hubArgs);
    cleanups.push(() => c.kill('SIGKILL'));
    await c.waitFor(/hub listening on/, 120_000);
    return c;
  };
  try {
    let hub = await startHubProcess();
    const pin = await fetchHubCertificate(normaliseHubUrl(`http://127.0.0.1:${port}`));
    const proxy = await cuttingProxy(port);
    cleanups.push(() => proxy.close());
    const desks = ['D1', 'D2'].map((device) => {
      const { station, close } = emptyStation(device);
      cleanups.push(close);
      const client = new SyncClient(station, { url: `http://127.0.0.1:${proxy.port}`, pin, batchSize: 50, timeoutMs: TIMEOUT_MS, reconnectDelayMs: 50 });
      cleanups.push(() => client.stop());
      return { station, client, ops: [] as string[] };
    });
    for (const d of desks) d.client.start();

    // Both desks write while the faults happen: a patient each time, every fourth with an edit of an earlier one.
    let writing = true;
    const writers = desks.map(async (d, n) => {
      for (let i = 0; writing; i++) {
        const id = writeAs(d.station, (w) => {
          const name = `${d.station.device}-${i}`;
          const p = w.insert(patients, { recordNo: `${d.station.device}-${String(i).padStart(6, '0')}`, name, sex: i % 2 ? 'F' : 'M', pinyinFull: name, pinyinInitials: 'x' });
          if (i % 4 === 3) w.update(patients, d.ops[Math.floor(draw() * d.ops.length)]!, { phone: `139${String(n)}${String(i).padStart(7, '0')}` });
          return p;
        });
        d.ops.push(id);
        report.operations += 1;
        await new Promise((r) => setTimeout(r, 10 + draw() * 40));
      }
    });

    const kinds: ('kill' | 'cut' | 'freeze')[] = ['kill', 'cut', 'freeze'];
    for (let k = 0; k < opts.faults; k++) {
      await new Promise((r) => setTimeout(r, 200 + random() * 800));
      // Each three faults in a row are one of each kind, in a random order.
      if (k % 3 === 0) kinds.sort(() => random() - 0.5);
      const kind = kinds[k % 3];
      if (kind === 'kill') {
        await hub.kill('SIGKILL');
        hub = await startHubProcess();
        report.kills += 1;
      } else if (kind === 'cut') {
        proxy.cutAll();
        report.cuts += 1;
      } else {
        hub.proc.kill('SIGSTOP');
        await new Promise((r) => setTimeout(r, FREEZE_MS));
        hub.proc.kill('SIGCONT');
        report.freezes += 1;
      }
      report.faults += 1;
      opts.log?.(`hub fault ${k + 1}/${opts.faults}: ${report.kills} kills, ${report.cuts} cuts, ${report.freezes} freezes, ${report.operations} operations; `
        + desks.map((d) => `${d.station.device} ${pendingCount(d.station)} pending${d.client.state.online ? '' : ' (offline)'}`).join(', '));
    }
    writing = false;
    await Promise.all(writers);

    // Everything synced: nothing pending, both desks at the same cursor holding the same changes.
    // The clients retry by themselves (a late answer is awaited; a hello or push that failed while
    // connected is retried with backoff); the wait also asks for a run each second, and fails after
    // 90 s in which the desks came no closer (a backlog still draining is not a failure). Only a desk
    // not ready for 15 s has its connection cut (counted): cutting sooner, under load, cut hellos
    // that were about to be answered, again and again.
    const count = (s: Station) => (s.raw.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    const onlineAt = new Map(desks.map((d) => [d, Date.now()]));
    try {
      // The same data, not the same change logs: a desk that bootstrapped from a snapshot holds only
      // the changes that still count (main/hub/snapshot.ts leaves out updates later ones beat).
      await waitUntil(() => desks.every((d) => pendingCount(d.station) === 0 && d.client.state.online)
        && getCursor(desks[0]!.station) === getCursor(desks[1]!.station)
        && JSON.stringify(replicatedChecksums(desks[0]!.station)) === JSON.stringify(replicatedChecksums(desks[1]!.station)),
      90_000, () => `both desks synced (${desks.map((d) => `${d.station.device}: ${pendingCount(d.station)} pending, cursor ${getCursor(d.station)}, ${count(d.station)} changes, online ${d.client.state.online}, error ${JSON.stringify(d.client.state.error)}`).join('; ')})`, () => {
        report.nudges += 1;
        const now = Date.now();
        for (const d of desks) if (d.client.state.online) onlineAt.set(d, now);
        if (desks.some((d) => now - (onlineAt.get(d) ?? now) > 15_000)) {
          report.helloCuts += proxy.cutAll() > 0 ? 1 : 0;
          for (const d of desks) onlineAt.set(d, now);
        }
        return Promise.all(desks.map((d) => d.client.syncNow()));
      }, () => desks.reduce((n, d) => n + getCursor(d.station) - pendingCount(d.station), 0));
    } catch (err) {
      // Say what differs (change logs may differ after a snapshot; the tables are compared below), then check the hub's log all the same.
      report.problems.push(`${err instanceof Error ? err.message : String(err)}; ${desksDiffer(desks.map((d) => d.station))}`);
    }
    for (const d of desks) await d.client.syncNow();
    const [a, b] = desks.map((d) => replicatedChecksums(d.station));
    if (JSON.stringify(a) !== JSON.stringify(b)) report.problems.push(`the desks' replicated tables differ: ${JSON.stringify(a)} / ${JSON.stringify(b)}`);
    for (const d of desks) await d.client.stop();
    await proxy.close();
    hub.proc.kill('SIGTERM');
    if ((await hub.exited) !== 0) report.problems.push(`the hub did not stop cleanly:\n${hub.output()}`);

    const store = await PgliteStore.open({ dataDir });
    try {
      const once = await exactlyOnceProblems(store, desks.map((d) => d.station));
      report.problems.push(...once.problems);
      report.duplicated += once.duplicated;
      report.changes = once.changes;
      // Every operation once at the hub and at both desks.
      const ops = desks.flatMap((d) => d.ops);
      const hubPatients = await store.rows('patients');
      const places: [string, (id: string) => boolean, number][] = [
        ['the hub', (id) => hubPatients.has(id), hubPatients.size],
        ...desks.map((d): [string, (id: string) => boolean, number] => [d.station.device,
          (id) => d.station.raw.prepare('SELECT 1 FROM patients WHERE id = ?').get(id) !== undefined,
          (d.station.raw.prepare('SELECT count(*) AS n FROM patients').get() as { n: number }).n]),
      ];
      for (const [where, has, size] of places) {
        const missing = ops.filter((id) => !has(id)).length;
        report.lost += missing;
        if (missing > 0) report.problems.push(`${where}: ${missing} of ${ops.length} operations missing`);
        if (size !== ops.length - missing) {
          report.duplicated += Math.max(0, size - (ops.length - missing));
          report.problems.push(`${where}: ${size} patients for ${ops.length} operations`);
        }
      }
    } finally {
      await store.close();
    }
  } finally {
    for (const f of cleanups.reverse()) await f();
  }
  report.ms = Date.now() - t0;
  return report;
}
