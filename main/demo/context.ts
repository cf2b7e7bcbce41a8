/**
 * What every part of the demo generator shares: the seeded streams, the clinic's clock and
 * calendar, and the sink rows go to. In normal mode the sink is the station's Writer (each row
 * gets its change-log entry); in large mode it is a snapshot sink that writes the rows alone,
 * as a workstation bootstrapped from a hub snapshot would hold them (see sink.ts).
 */
import { addDays, startOfLocalDay } from '../domain/dates';
import type { Writer } from '../station/writer';
import { Rng } from './random';

/** The part of the Writer the generator uses; the snapshot sink offers the same. */
export type Sink = Pick<Writer, 'insert' | 'update' | 'setSetting'>;

export interface DemoOptions {
  seed: number;
  large: boolean;
  /** The moment the demo is made; "today" is its local date in the clinic's time zone. */
  now: number;
  /** Days of detailed history (default HISTORY_DAYS). */
  historyDays?: number;
}

export const TIME_ZONE = 'Asia/Shanghai';
/** Days of detailed history (visits with records, prescriptions, bills) before today. */
export const HISTORY_DAYS = 90;
/** Days of rosters and appointments after today. */
export const FUTURE_DAYS = 14;

export class GenContext {
  readonly rng: Rng;
  /** Ids come from their own stream so other draws do not shift them. */
  readonly idRng: Rng;
  readonly today: string;
  readonly historyStart: string;
  private readonly dayStarts = new Map<string, number>();

  constructor(readonly opts: DemoOptions, readonly sink: Sink, today: string, streams?: { rng: Rng; idRng: Rng }) {
    this.rng = streams?.rng ?? new Rng(opts.seed);
    this.idRng = streams?.idRng ?? this.rng.fork('ids');
    this.today = today;
    this.historyStart = addDays(today, -(opts.historyDays ?? HISTORY_DAYS));
  }

  /** The same streams and calendar, writing to another sink. */
  withSink(sink: Sink): GenContext {
    return new GenContext(this.opts, sink, this.today, { rng: this.rng, idRng: this.idRng });
  }

  get now(): number {
    return this.opts.now;
  }

  id(ms: number): string {
    return this.idRng.uuid(ms);
  }

  /** UTC ms of local midnight of `date` in the clinic's zone. */
  dayStart(date: string): number {
    let t = this.dayStarts.get(date);
    if (t === undefined) {
      t = startOfLocalDay(date, TIME_ZONE);
      this.dayStarts.set(date, t);
    }
    return t;
  }

  /** UTC ms of a local wall-clock time (minutes after midnight) on `date`. */
  at(date: string, minutes: number): number {
    return this.dayStart(date) + Math.round(minutes * 60_000);
  }
}
