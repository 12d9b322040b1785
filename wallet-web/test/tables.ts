import type { DatabaseDialect } from "@avala/db";
import { type Kysely, sql } from "kysely";

/**
 * What is in the database, table by table, read from the database's own catalogue (not from
 * the wallet's types): for tests that must see every table, including ones added later.
 */
export async function tableNames<DB>(db: Kysely<DB>, dialect: DatabaseDialect) {
  const rows =
    dialect === "sqlite"
      ? await sql<{ name: string }>`
          select name from sqlite_master
          where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)
      : await sql<{ name: string }>`
          select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'
          order by table_name`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** Every row of every table, as plain objects. */
export async function dumpTables<DB>(db: Kysely<DB>, dialect: DatabaseDialect) {
  const dump: Record<string, Record<string, unknown>[]> = {};
  for (const name of await tableNames(db, dialect)) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
    dump[name] = rows.rows;
  }
  return dump;
}

/** Foreign keys: `table` refers to `references` (whatever the columns). */
export async function foreignKeys<DB>(db: Kysely<DB>, dialect: DatabaseDialect) {
  const keys: Array<{ table: string; references: string }> = [];
  if (dialect === "sqlite") {
    for (const table of await tableNames(db, dialect)) {
      const rows = await sql<{
        table: string;
      }>`select * from pragma_foreign_key_list(${table})`.execute(db);
      for (const row of rows.rows) keys.push({ table, references: row.table });
    }
    return keys;
  }
  const rows = await sql<{ table: string; references: string }>`
    select child.relname as "table", parent.relname as "references"
    from pg_constraint c
    join pg_class child on child.oid = c.conrelid
    join pg_class parent on parent.oid = c.confrelid
    join pg_namespace n on n.oid = child.relnamespace
    where c.contype = 'f' and n.nspname = current_schema()`.execute(db);
  return rows.rows;
}

/** The tables whose rows belong to an account: those that refer to it, directly or not. */
export async function tablesOfAccounts<DB>(db: Kysely<DB>, dialect: DatabaseDialect) {
  const keys = await foreignKeys(db, dialect);
  const found = new Set(["wallet_account"]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const key of keys) {
      if (found.has(key.references) && !found.has(key.table)) {
        found.add(key.table);
        grew = true;
      }
    }
  }
  return [...found].sort();
}
