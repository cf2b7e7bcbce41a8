/**
 * The few PouchDB and express-pouchdb calls the sync benchmark makes (bench/pouch-sync.ts).
 * Written here because @types/pouchdb declares a global `Buffer` interface that breaks Node's.
 */
declare module 'pouchdb' {
  interface Doc {
    _id: string;
    _rev?: string;
    [key: string]: unknown;
  }
  interface WriteOk {
    ok: true;
    id: string;
    rev: string;
  }
  interface WriteError {
    error: true | string;
    id?: string;
    reason?: string;
    status?: number;
  }
  interface ReplicationInfo {
    docs_read: number;
    docs_written: number;
  }
  interface ReplicationOptions {
    live?: boolean;
    retry?: boolean;
    batch_size?: number;
    batches_limit?: number;
  }
  interface Replication extends Promise<ReplicationInfo> {
    on(event: 'change', fn: (info: ReplicationInfo) => void): this;
    on(event: 'error', fn: (err: unknown) => void): this;
    cancel(): void;
  }
  class PouchDB {
    constructor(name: string);
    readonly adapter: string;
    bulkDocs(docs: Doc[]): Promise<(WriteOk | WriteError)[]>;
    get(id: string): Promise<Doc>;
    info(): Promise<{ doc_count: number; update_seq: number | string }>;
    close(): Promise<void>;
    static defaults(opts: { prefix: string }): typeof PouchDB;
    static replicate(source: PouchDB, target: PouchDB, opts?: ReplicationOptions): Replication;
  }
  export default PouchDB;
}

declare module 'express-pouchdb' {
  import type { RequestHandler } from 'express';

  interface ExpressPouchDbOptions {
    mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom';
    inMemoryConfig?: boolean;
    configPath?: string;
    logPath?: string;
  }
  function expressPouchDB(pouch: unknown, opts?: ExpressPouchDbOptions): RequestHandler;
  export default expressPouchDB;
}
