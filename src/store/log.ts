import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** Who acts: a user (by id and name), or the system (seeding). */
export interface Actor {
  readonly id: number | null;
  readonly username: string;
}

export const SYSTEM: Actor = { id: null, username: 'system' };

/** One entry of the append-only change log: who did what to which entity, with the state before and after. */
export async function logChange(
  db: Kysely<Database> | Transaction<Database>,
  actor: Actor,
  entry: { entity: string; entityId: string | number; action: string; before?: unknown; after?: unknown },
): Promise<void> {
  await db
    .insertInto('change_log')
    .values({
      actor_id: actor.id,
      actor: actor.username,
      entity: entry.entity,
      entity_id: String(entry.entityId),
      action: entry.action,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}
