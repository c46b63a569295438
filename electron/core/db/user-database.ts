import initSqlJs, { type Database, type SqlValue, type Statement } from 'sql.js';
import type { CommandGate } from '../engine/step-context';
import type { ActorId, DbTrace, UserRow } from '../../../shared/model';

const SCHEMA = `
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE TABLE user_scores (
  user_id INTEGER PRIMARY KEY,
  score INTEGER NOT NULL
);
CREATE TABLE applied_flushes (
  token TEXT PRIMARY KEY
);
CREATE TABLE user_fences (
  user_id INTEGER PRIMARY KEY,
  fence INTEGER NOT NULL
);`;

const USER_COLUMNS = 'id, name, email, version, updated_at';

const SEED: Omit<UserRow, 'updatedAt' | 'version'>[] = [
  { id: 1, name: 'User 1', email: 'user1@example.com' },
  { id: 2, name: 'User 2', email: 'user2@example.com' },
  { id: 3, name: 'User 3', email: 'user3@example.com' },
  { id: 4, name: 'User 4', email: 'user4@example.com' },
  { id: 5, name: 'User 5', email: 'user5@example.com' },
];

type Table = 'users' | 'user_scores' | 'applied_flushes' | 'user_fences';
/** Emptying a table: with the seed inserted again into users, the same rows a new database gets. */
const CLEAR: Record<Table, string> = {
  users: 'DELETE FROM users',
  user_scores: 'DELETE FROM user_scores',
  applied_flushes: 'DELETE FROM applied_flushes',
  user_fences: 'DELETE FROM user_fences',
};
const SEED_SQL = `INSERT INTO users (id, name, email, updated_at) VALUES ${SEED.map(() => '(?, ?, ?, ?)').join(', ')}`;

/**
 * sql.js keeps the database in a file of Emscripten's in-memory file system:
 * with SQLite's defaults every commit also creates, writes and deletes a
 * journal file there and takes file locks, through JavaScript. Nothing here
 * survives the process anyway, so the journal stays in memory (ROLLBACK still
 * works), without syncs, under one exclusive lock: a write costs about a
 * tenth (measured: 60–110 µs → 5–10 µs for a prepared INSERT).
 */
const IN_MEMORY = 'PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE;';

type SqlJs = Awaited<ReturnType<typeof initSqlJs>>;
let sqlModule: Promise<SqlJs> | undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The database operations a step may run, each delayed and traced as one actor's. */
export interface TracedDb {
  fetchUser(id: number): Promise<UserRow | null>;
  /**
   * Adds users after the seed's up to id `count` (user 6, user 7, …) in one
   * transaction, for a pattern that reads many rows (eviction); existing rows
   * are kept, and the next reset drops the added ones. Returns how many it added.
   */
  addUsers(count: number): Promise<number>;
  updateUser(id: number, patch: Partial<Pick<UserRow, 'name' | 'email'>>): Promise<UserRow | null>;
  deleteUser(id: number): Promise<boolean>;
  /** Adds points to a user's stored score (the flush of a write-behind cache). */
  addScore(userId: number, points: number): Promise<number>;
  /**
   * Adds points once per token, in one transaction: replaying a flush after
   * a crash cannot count it twice. Returns false when the token was applied before.
   */
  applyFlush(token: string, userId: number, points: number): Promise<boolean>;
  /**
   * Updates a user only when `fence` is at least the highest fence a write
   * to that user carried before, in one transaction: a lock holder whose
   * lock expired (an older fence) is refused. Returns the highest fence seen.
   */
  updateUserFenced(id: number, patch: Partial<Pick<UserRow, 'name' | 'email'>>, fence: number): Promise<{ accepted: boolean; row: UserRow | null; highest: number }>;
}

/**
 * The system of record behind the cache: a real SQLite (sql.js, WebAssembly,
 * so it runs in Node and Electron without a native rebuild) with an injected
 * latency standing in for a database across the network.
 */
export class UserDatabase {
  latencyMs: number;
  private db: Database;
  private readonly SQL: SqlJs;
  private readonly listeners = new Set<() => void>();
  private snapshot?: UserRow[];
  /** Whether this.db has the schema, so a reset may empty and reseed it in place. */
  private seeded = false;
  /** Statements run on every reset (the explorer resets before every schedule): parsed once per database, not each time. */
  private readonly statements = new Map<string, Statement>();
  /** The tables written since the last reset: only they are emptied (and users reseeded) by the next one. */
  private readonly dirty = new Set<Table>();

  private constructor(SQL: SqlJs, latencyMs: number) {
    this.SQL = SQL;
    this.db = new SQL.Database();
    this.latencyMs = latencyMs;
  }

  static async create(latencyMs = 100): Promise<UserDatabase> {
    sqlModule ??= initSqlJs();
    const SQL = await sqlModule;
    const database = new UserDatabase(SQL, latencyMs);
    database.reset();
    return database;
  }

  /**
   * Drops every change and seeds the users table again. The explorer resets
   * before every schedule, so only the tables written since the last reset
   * are emptied in place, and the users reseeded only when they were written
   * (a tenth of the cost of a new database, and nothing when a schedule
   * wrote nothing); only if that fails is the database built again from the schema.
   */
  reset(): void {
    // Made only when the users are seeded: most explorer resets empty user_scores alone.
    const seed = () => {
      const now = new Date().toISOString();
      return SEED.flatMap((user) => [user.id, user.name, user.email, now]);
    };
    if (this.seeded) {
      try {
        if (this.dirty.size > 0) {
          // Several statements in one transaction: one commit, not one per table. A single one commits by itself.
          const single = this.dirty.size === 1 && !this.dirty.has('users');
          if (!single) this.db.run('BEGIN');
          for (const table of this.dirty) this.prepared(CLEAR[table]).run();
          if (this.dirty.has('users')) this.prepared(SEED_SQL).run(seed());
          if (!single) this.db.run('COMMIT');
          this.dirty.clear();
        }
        this.changed();
        return;
      } catch {
        // Rebuilt below (closing drops any transaction left open).
      }
    }
    // Closing frees the prepared statements too.
    this.db.close();
    this.statements.clear();
    this.db = new this.SQL.Database();
    this.db.exec(IN_MEMORY);
    this.db.run(SCHEMA);
    this.db.run(SEED_SQL, seed());
    this.seeded = true;
    this.dirty.clear();
    this.changed();
  }

  /** Called after every write, so panels can refresh. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every row, read instantly: this is the inspector looking, not the app querying. */
  allUsers(): readonly UserRow[] {
    // Read again only after a write: the inspector looks far more often than steps write.
    this.snapshot ??= this.select(`SELECT ${USER_COLUMNS} FROM users ORDER BY id`, []);
    return this.snapshot;
  }

  /** Every stored score, read instantly by the inspector. */
  allScores(): Map<number, number> {
    const stmt = this.prepared('SELECT user_id, score FROM user_scores');
    const scores = new Map<number, number>();
    try {
      while (stmt.step()) {
        const [id, score] = stmt.get() as number[];
        scores.set(id, score);
      }
    } finally {
      stmt.reset();
    }
    return scores;
  }

  /** A statement of this database, prepared on first use and kept until the database is rebuilt or closed. */
  private prepared(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) this.statements.set(sql, (stmt = this.db.prepare(sql)));
    return stmt;
  }

  /** A view of the database whose every query pays the latency and lands in the trace. */
  traced(actor: ActorId, sink: (entry: DbTrace) => void, lane?: number, gate?: CommandGate): TracedDb {
    /** `writes`: the tables a write may change, so a reset knows what to empty. */
    const query = async <T>(op: DbTrace['op'], sql: string, params: (string | number)[], run: () => { value: T; rows: number }, writes: Table[] = []) => {
      // Under the explorer, the scheduler decides when this call may run.
      if (gate) await gate.before(actor, lane, op === 'read' ? 'SQL read' : 'SQL write');
      const at = Date.now();
      const start = performance.now();
      if (this.latencyMs > 0) await sleep(this.latencyMs);
      // Marked before running: a write that fails halfway may still have changed the table.
      for (const table of writes) this.dirty.add(table);
      const { value, rows } = run();
      sink({ kind: 'db', actor, lane, op, sql, params, rows, durationMs: performance.now() - start, at });
      if (op === 'write') this.changed();
      return value;
    };
    return {
      addUsers: (count) => {
        const sql = "INSERT OR IGNORE INTO users (id, name, email, updated_at) VALUES (?, 'User ' || ?, 'user' || ? || '@example.com', ?) -- for each id up to ?";
        return query('write', sql, [SEED.length + 1, count], () => {
          const now = new Date().toISOString();
          const stmt = this.db.prepare("INSERT OR IGNORE INTO users (id, name, email, updated_at) VALUES (?, 'User ' || ?, 'user' || ? || '@example.com', ?)");
          let added = 0;
          this.db.run('BEGIN');
          try {
            for (let id = SEED.length + 1; id <= count; id++) {
              stmt.run([id, id, id, now]);
              added += this.db.getRowsModified();
            }
            this.db.run('COMMIT');
          } finally {
            stmt.free();
          }
          return { value: added, rows: added };
        }, ['users']);
      },
      fetchUser: (id) => {
        const sql = `SELECT ${USER_COLUMNS} FROM users WHERE id = ?`;
        return query('read', sql, [id], () => {
          const rows = this.select(sql, [id]);
          return { value: rows[0] ?? null, rows: rows.length };
        });
      },
      updateUser: (id, patch) => {
        const sql = 'UPDATE users SET name = COALESCE(?, name), email = COALESCE(?, email), version = version + 1, updated_at = ? WHERE id = ?';
        const params = [patch.name ?? null, patch.email ?? null, new Date().toISOString(), id] as (string | number)[];
        return query('write', sql, params, () => {
          this.db.run(sql, params as SqlValue[]);
          const changed = this.db.getRowsModified();
          return { value: this.select(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`, [id])[0] ?? null, rows: changed };
        }, ['users']);
      },
      deleteUser: (id) => {
        const sql = 'DELETE FROM users WHERE id = ?';
        return query('write', sql, [id], () => {
          this.db.run(sql, [id]);
          const changed = this.db.getRowsModified();
          return { value: changed > 0, rows: changed };
        }, ['users']);
      },
      addScore: (userId, points) => {
        const sql = 'INSERT INTO user_scores (user_id, score) VALUES (?, ?) ON CONFLICT(user_id) DO UPDATE SET score = score + excluded.score';
        return query('write', sql, [userId, points], () => {
          // Prepared once: the explorer runs this in nearly every schedule of the lost increment.
          this.prepared(sql).run([userId, points]);
          const read = this.prepared('SELECT score FROM user_scores WHERE user_id = ?');
          try {
            read.bind([userId]);
            return { value: read.step() ? Number(read.get()[0]) : 0, rows: 1 };
          } finally {
            read.reset();
          }
        }, ['user_scores']);
      },
      applyFlush: (token, userId, points) => {
        const sql =
          'BEGIN; INSERT INTO applied_flushes (token) VALUES (?) ON CONFLICT DO NOTHING; ' +
          '-- only if that inserted a row: INSERT INTO user_scores … score = score + ?; COMMIT';
        return query('write', sql, [token, userId, points], () => {
          this.db.run('BEGIN');
          try {
            this.db.run('INSERT INTO applied_flushes (token) VALUES (?) ON CONFLICT DO NOTHING', [token]);
            const fresh = this.db.getRowsModified() === 1;
            if (fresh) {
              this.db.run(
                'INSERT INTO user_scores (user_id, score) VALUES (?, ?) ON CONFLICT(user_id) DO UPDATE SET score = score + excluded.score',
                [userId, points],
              );
            }
            this.db.run('COMMIT');
            return { value: fresh, rows: fresh ? 1 : 0 };
          } catch (err) {
            this.db.run('ROLLBACK');
            throw err;
          }
        }, ['applied_flushes', 'user_scores']);
      },
      updateUserFenced: (id, patch, fence) => {
        const sql =
          'BEGIN; SELECT fence FROM user_fences WHERE user_id = ? -- refused when higher than ?; ' +
          'UPDATE users SET name = COALESCE(?, name), email = COALESCE(?, email), version = version + 1, updated_at = ? WHERE id = ?; ' +
          'INSERT INTO user_fences … fence = ?; COMMIT';
        const params = [id, fence, patch.name ?? null, patch.email ?? null, new Date().toISOString(), id, fence] as (string | number)[];
        return query('write', sql, params, (): { value: { accepted: boolean; row: UserRow | null; highest: number }; rows: number } => {
          this.db.run('BEGIN');
          try {
            const stmt = this.db.prepare('SELECT fence FROM user_fences WHERE user_id = ?');
            let highest = 0;
            try {
              stmt.bind([id]);
              if (stmt.step()) highest = Number(stmt.get()[0]);
            } finally {
              stmt.free();
            }
            if (fence < highest) {
              this.db.run('COMMIT');
              return { value: { accepted: false, row: this.select(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`, [id])[0] ?? null, highest }, rows: 0 };
            }
            this.db.run('UPDATE users SET name = COALESCE(?, name), email = COALESCE(?, email), version = version + 1, updated_at = ? WHERE id = ?', params.slice(2, 6) as SqlValue[]);
            const changed = this.db.getRowsModified();
            this.db.run('INSERT INTO user_fences (user_id, fence) VALUES (?, ?) ON CONFLICT(user_id) DO UPDATE SET fence = excluded.fence', [id, fence]);
            this.db.run('COMMIT');
            return { value: { accepted: true, row: this.select(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`, [id])[0] ?? null, highest: fence }, rows: changed };
          } catch (err) {
            this.db.run('ROLLBACK');
            throw err;
          }
        }, ['users', 'user_fences']);
      },
    };
  }

  close(): void {
    this.db.close();
    this.statements.clear();
    this.listeners.clear();
  }

  private select(sql: string, params: SqlValue[]): UserRow[] {
    const stmt = this.db.prepare(sql);
    try {
      stmt.bind(params);
      const rows: UserRow[] = [];
      while (stmt.step()) {
        const r = stmt.getAsObject();
        rows.push({ id: Number(r.id), name: String(r.name), email: String(r.email), version: Number(r.version), updatedAt: String(r.updated_at) });
      }
      return rows;
    } finally {
      stmt.free();
    }
  }

  private changed(): void {
    this.snapshot = undefined;
    for (const listener of this.listeners) listener();
  }
}
