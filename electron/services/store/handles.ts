import type Database from 'better-sqlite3';

/**
 * The workspace connection in two types, so a write outside the audited transaction does not
 * compile: reads get a `ReadDb`, whose statements have no `run` and which has no `exec`; only
 * `Workspace.transaction` hands out a `WriteDb`, the one place the brand is put on.
 */
declare const writable: unique symbol;

/** A prepared statement as a read may use it. */
export interface ReadStatement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  pluck(toggleState?: boolean): ReadStatement;
  raw(toggleState?: boolean): ReadStatement;
  expand(toggleState?: boolean): ReadStatement;
  columns(): Database.ColumnDefinition[];
}

/** The connection as reads get it (`Workspace.reader`). A read transaction holds one snapshot. */
export type ReadDb = { prepare(sql: string): ReadStatement } & Pick<Database.Database, 'pragma' | 'transaction' | 'readonly'>;

/** The connection inside `Workspace.transaction`: every change made through it is audited. */
export type WriteDb = Database.Database & { readonly [writable]: true };
