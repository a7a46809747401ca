import { migration001 } from './001_initial';
import { migration002 } from './002_bundles';
import { migration003 } from './003_scores';
import { migration004 } from './004_score_evidence';
import { migration005 } from './005_sessions';
import { migration006 } from './006_packets';
import { migration007 } from './007_cycles';
import { migration008 } from './008_board';
import { migration009 } from './009_evidence';
import { migration010 } from './010_regulatory';
import { migration011 } from './011_attendee_email';
import { migration012 } from './012_content_chunks';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** In order; each one's version is its position, starting at 1. */
export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012];

/** The schema version this build writes: `PRAGMA user_version` of an up-to-date workspace. */
export const SCHEMA_VERSION = migrations.length;
