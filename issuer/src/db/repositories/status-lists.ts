import { randomInt } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { IssuerTables } from "../schema.js";
import type { StatusListTable, StatusPurpose } from "../tables/status-list.js";

export type StatusListRow = Selectable<StatusListTable>;
type Db = Kysely<IssuerTables>;

export interface StatusSlot {
  listId: number;
  listNumber: number;
  index: number;
}

/** Random tries before scanning the list for free indexes (only when a list is nearly full). */
const RANDOM_TRIES = 24;

/**
 * Hands out a status list index for a new credential: the organisation's open list for that
 * purpose (a new one when the last is full), an index chosen at random, never handed out before
 * (the primary key of `issuer_status_index` guarantees it; a collision just tries again). Run it
 * inside the transaction that inserts the credential, so a rollback returns nothing half-done.
 */
export async function allocateStatusSlot(
  db: Db,
  options: { organisationId: number; purpose: StatusPurpose; length: number; now: string },
): Promise<StatusSlot> {
  const { organisationId, purpose, length, now } = options;
  for (let round = 0; round < 1000; round++) {
    // Reserve one slot of capacity on the newest list, in one statement; none when it is full
    // (or there is no list yet).
    const reserved = await db
      .updateTable("issuer_status_list")
      .set((eb) => ({ allocated: eb("allocated", "+", 1) }))
      .where("id", "=", (eb) =>
        eb
          .selectFrom("issuer_status_list")
          .select("id")
          .where("organisation_id", "=", organisationId)
          .where("purpose", "=", purpose)
          .orderBy("list_number", "desc")
          .limit(1),
      )
      .whereRef("allocated", "<", "length")
      .returning(["id", "list_number", "length"])
      .executeTakeFirst();
    if (reserved) {
      const index = await claimRandomIndex(db, reserved.id, reserved.length);
      return { listId: reserved.id, listNumber: reserved.list_number, index };
    }
    // Open the next list (another writer may do the same: the unique number decides).
    const last = await db
      .selectFrom("issuer_status_list")
      .select((eb) => eb.fn.max("list_number").as("n"))
      .where("organisation_id", "=", organisationId)
      .where("purpose", "=", purpose)
      .executeTakeFirst();
    await db
      .insertInto("issuer_status_list")
      .values({
        organisation_id: organisationId,
        purpose,
        list_number: Number(last?.n ?? 0) + 1,
        length,
        allocated: 0,
        version: 0,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(["organisation_id", "purpose", "list_number"]).doNothing())
      .execute();
  }
  throw new Error("Could not allocate a status list index");
}

/**
 * Hands out `count` status slots at once (a batch chunk), with the guarantees of
 * `allocateStatusSlot`: capacity is reserved on the newest list in one statement per list (the
 * next list opens when it fills up), and the indexes are drawn at random and inserted together,
 * drawing again for the few that collide. Run it in the transaction that claims the rows.
 */
export async function allocateStatusSlots(
  db: Db,
  options: {
    organisationId: number;
    purpose: StatusPurpose;
    length: number;
    now: string;
    count: number;
  },
): Promise<StatusSlot[]> {
  const { organisationId, purpose, length, now } = options;
  const slots: StatusSlot[] = [];
  for (let round = 0; slots.length < options.count; round++) {
    if (round >= 1000) throw new Error("Could not allocate status list indexes");
    const list = await db
      .selectFrom("issuer_status_list")
      .select(["id", "list_number", "length", "allocated"])
      .where("organisation_id", "=", organisationId)
      .where("purpose", "=", purpose)
      .orderBy("list_number", "desc")
      .limit(1)
      .executeTakeFirst();
    const take = list ? Math.min(options.count - slots.length, list.length - list.allocated) : 0;
    if (list && take > 0) {
      // Reserve capacity only if nobody changed the count meanwhile (else read it again).
      const reserved = await db
        .updateTable("issuer_status_list")
        .set({ allocated: list.allocated + take })
        .where("id", "=", list.id)
        .where("allocated", "=", list.allocated)
        .executeTakeFirst();
      if (Number(reserved.numUpdatedRows) !== 1) continue;
      for (const index of await claimRandomIndexes(db, list.id, list.length, take)) {
        slots.push({ listId: list.id, listNumber: list.list_number, index });
      }
      continue;
    }
    await db
      .insertInto("issuer_status_list")
      .values({
        organisation_id: organisationId,
        purpose,
        list_number: Number(list?.list_number ?? 0) + 1,
        length,
        allocated: 0,
        version: 0,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(["organisation_id", "purpose", "list_number"]).doNothing())
      .execute();
  }
  return slots;
}

/** Rows per multi-row insert of indexes (two parameters each). */
const INDEX_INSERT_CHUNK = 500;

/** `count` distinct free indexes of a list whose capacity is reserved, inserted in bulk. */
async function claimRandomIndexes(
  db: Db,
  listId: number,
  length: number,
  count: number,
): Promise<number[]> {
  const claimed: number[] = [];
  for (let round = 0; round < RANDOM_TRIES && claimed.length < count; round++) {
    const wanted = new Set<number>();
    while (wanted.size < count - claimed.length) wanted.add(randomInt(length));
    const candidates = [...wanted];
    for (let i = 0; i < candidates.length; i += INDEX_INSERT_CHUNK) {
      const rows = await db
        .insertInto("issuer_status_index")
        .values(
          candidates
            .slice(i, i + INDEX_INSERT_CHUNK)
            .map((index) => ({ status_list_id: listId, status_index: index })),
        )
        .onConflict((oc) => oc.columns(["status_list_id", "status_index"]).doNothing())
        .returning("status_index")
        .execute();
      for (const row of rows) claimed.push(row.status_index);
    }
  }
  // Nearly full: the last few one at a time, among the indexes still free.
  while (claimed.length < count) claimed.push(await claimRandomIndex(db, listId, length));
  return claimed;
}

async function tryIndex(db: Db, listId: number, index: number): Promise<boolean> {
  const row = await db
    .insertInto("issuer_status_index")
    .values({ status_list_id: listId, status_index: index })
    .onConflict((oc) => oc.columns(["status_list_id", "status_index"]).doNothing())
    .returning("status_index")
    .executeTakeFirst();
  return row !== undefined;
}

async function claimRandomIndex(db: Db, listId: number, length: number): Promise<number> {
  for (let i = 0; i < RANDOM_TRIES; i++) {
    const index = randomInt(length);
    if (await tryIndex(db, listId, index)) return index;
  }
  // Nearly full: pick at random among the indexes still free.
  for (;;) {
    const used = await db
      .selectFrom("issuer_status_index")
      .select("status_index")
      .where("status_list_id", "=", listId)
      .execute();
    const taken = new Uint8Array(length);
    for (const row of used) taken[row.status_index] = 1;
    const free: number[] = [];
    for (let i = 0; i < length; i++) if (!taken[i]) free.push(i);
    if (free.length === 0) throw new Error("Status list has no free index despite a reservation");
    const index = free[randomInt(free.length)]!;
    if (await tryIndex(db, listId, index)) return index;
  }
}

export async function findStatusList(
  db: Db,
  organisationId: number,
  purpose: StatusPurpose,
  listNumber: number,
) {
  return db
    .selectFrom("issuer_status_list")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("purpose", "=", purpose)
    .where("list_number", "=", listNumber)
    .executeTakeFirst();
}

export async function listStatusLists(db: Db, organisationId: number): Promise<StatusListRow[]> {
  return db
    .selectFrom("issuer_status_list")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .orderBy("purpose")
    .orderBy("list_number")
    .execute();
}

/** Marks a list changed (its signed copy must be rebuilt). */
export async function bumpStatusListVersion(db: Db, listId: number, now: string) {
  await db
    .updateTable("issuer_status_list")
    .set((eb) => ({ version: eb("version", "+", 1), updated_at: now }))
    .where("id", "=", listId)
    .execute();
}

/**
 * Indexes whose bit is set. Revocation lists: revoked credentials, and withdrawn endorsements
 * (an endorsement's entry is always a revocation entry). Suspension lists: credentials
 * suspended, or revoked (a revoked suspension-only credential stays suspended for good).
 */
export async function setIndexes(db: Db, listId: number, purpose: StatusPurpose) {
  const states = purpose === "revocation" ? ["revoked"] : ["suspended", "revoked"];
  const rows = await db
    .selectFrom("issuer_credential")
    .select("status_index")
    .where("status_list_id", "=", listId)
    .where("status", "in", states as Array<"revoked" | "suspended">)
    .execute();
  const indexes = rows.map((r) => r.status_index);
  if (purpose === "revocation") {
    const withdrawn = await db
      .selectFrom("issuer_endorsement")
      .select("status_index")
      .where("status_list_id", "=", listId)
      .where("withdrawn_at", "is not", null)
      .execute();
    for (const row of withdrawn) if (row.status_index !== null) indexes.push(row.status_index);
  }
  return indexes;
}
