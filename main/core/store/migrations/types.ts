import type { Database } from '../db';

export interface Migration {
  /** Equals the `user_version` after it has run; migrations run in ascending order, each once. */
  version: number;
  name: string;
  up(db: Database): void;
}
