import { afterEach, describe, expect, it } from 'vitest';
import type { DbTrace } from '../../shared/model';
import { UserDatabase } from '../../electron/core/db/user-database';

/** The real sql.js database: a reset empties only what was written, and still gives a new database's rows. */
describe('UserDatabase reset', () => {
  let db: UserDatabase;
  afterEach(() => db?.close());

  const seedRows = (rows: readonly { id: number; name: string; email: string; version: number }[]) => rows.map(({ id, name, email, version }) => ({ id, name, email, version }));

  it('after scores, flushes, fences, renamed, added and deleted users, a reset gives the seed and no scores', async () => {
    db = await UserDatabase.create(0);
    const fresh = seedRows(db.allUsers());
    const traced = db.traced('client', (_: DbTrace) => {});
    await traced.addScore(1, 10);
    await traced.applyFlush('t1', 2, 5);
    await traced.updateUserFenced(3, { name: 'Fenced' }, 7);
    await traced.updateUser(1, { email: 'x@example.com' });
    await traced.deleteUser(5);
    await traced.addUsers(8);
    expect(db.allUsers()).toHaveLength(7);
    db.reset();
    expect(seedRows(db.allUsers())).toEqual(fresh);
    expect([...db.allScores()]).toEqual([]);
    // The flush token and the fence were dropped too: the same token applies again, a lower fence is accepted.
    expect(await traced.applyFlush('t1', 2, 5)).toBe(true);
    expect((await traced.updateUserFenced(3, { name: 'Again' }, 1)).accepted).toBe(true);
  });

  it('a reset after only a score write keeps the users rows as they were (they were not written) and empties the scores', async () => {
    db = await UserDatabase.create(0);
    const before = db.allUsers();
    await db.traced('worker', () => {}).addScore(1, 3);
    db.reset();
    expect(db.allUsers()).toEqual(before);
    expect(db.allScores().size).toBe(0);
  });

  it('tells its listeners on every reset, written or not', async () => {
    db = await UserDatabase.create(0);
    let told = 0;
    db.onChange(() => told++);
    db.reset();
    await db.traced('client', () => {}).addScore(1, 1);
    db.reset();
    expect(told).toBe(3);
  });
});
