import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

export type Database = BetterSqlite3.Database;
export const SqliteDatabase = BetterSqlite3;
