import { ErrorCode, idSchema, loginNameSchema } from '@shared';
import { newInitialPassword } from './auth/passwords.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { accountByLogin } from './db/people.js';
import { enrolPerson, setPassword } from './auth/people.js';

/*
 * The operator's commands, for what no admin page can do (`npm run admin -- …`,
 * run on the server with the same DATA_DIR):
 *   add-bureau <id> <name>        another bureau on this server, with its first admin (`<id>-admin`)
 *   reset-password <login>        a one-time password for an account whose admin lost theirs
 * Each prints the one-time password once; it must be changed at the first sign-in.
 */
async function main(argv: string[]): Promise<string> {
  const [command, ...args] = argv;
  const config = loadConfig();
  const db = await openDatabase(config.dataDir, config.databaseUrl);
  try {
    if (command === 'add-bureau') {
      const [id, ...name] = args;
      if (!idSchema.safeParse(id).success || name.length === 0) throw new Error('usage: add-bureau <id> <name>');
      if (await db.selectFrom('bureau').select('id').where('id', '=', id!).executeTakeFirst()) throw new Error(`bureau ${id} exists`);
      await db.insertInto('bureau').values({ id: id!, name: name.join(' ') }).execute();
      const login = `${id}-admin`.toLowerCase();
      if (!loginNameSchema.safeParse(login).success) throw new Error(`bad login ${login}`);
      const { initialPassword } = await enrolPerson(db, { login, name: `${name.join(' ')} 管理员`, role: 'bureauAdmin', bureauId: id!, schoolId: null, staffNumber: 'ADMIN' });
      return `bureau ${id} created; admin login: ${login}   one-time password: ${initialPassword}`;
    }
    if (command === 'reset-password') {
      const [login] = args;
      const account = login ? await accountByLogin(db, login) : undefined;
      if (!account) throw new Error(`no account ${login ?? ''}`);
      const password = newInitialPassword();
      await setPassword(db, account.id, password, true);
      await db.updateTable('auth_session').set({ revoked_at: Date.now(), revoke_reason: 'passwordChanged' }).where('principal_id', '=', account.id).where('revoked_at', 'is', null).execute();
      return `${account.login}: one-time password: ${password}`;
    }
    throw new Error('commands: add-bureau <id> <name> | reset-password <login>');
  } finally {
    await db.destroy();
  }
}

main(process.argv.slice(2)).then(
  (line) => process.stdout.write(`${line}\n`),
  (error: unknown) => {
    process.stderr.write(`tongtang admin: ${(error as Error).message} (${ErrorCode.BadRequest})\n`);
    process.exit(1);
  },
);
