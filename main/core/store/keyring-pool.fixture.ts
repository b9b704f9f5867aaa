/**
 * Child process for keyring-pool-reclaim.test.ts: opens the keyring and data files of `dir`, keeps a pool
 * of 4 keys, binds one to a customer (committed), prints `ready <envelope>` and waits to be killed (SIGKILL:
 * no close, no cleanup), as an endpoint that crashes does.
 */
import { join } from 'node:path';
import { SqliteDatabase } from './db';
import { createKeyringCipher } from './keyring';

const [dir] = process.argv.slice(2);
if (!dir) throw new Error('usage: keyring-pool.fixture <dir>');
const keyring = new SqliteDatabase(join(dir, 'keyring.db'));
keyring.pragma('busy_timeout = 5000');
const data = new SqliteDatabase(join(dir, 'data.db'));
data.pragma('busy_timeout = 5000');
const cipher = createKeyringCipher(keyring, Date.now, data);
cipher.enableKeyPool(4);
const envelope = data.transaction(() => cipher.seal('subj-child', 'sealed by the child'))();
process.stdout.write(`ready ${envelope}\n`);
setInterval(() => {}, 60_000);
