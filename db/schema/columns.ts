import { sql } from 'drizzle-orm';
import { char, integer, timestamp, uuid } from 'drizzle-orm/pg-core';

// Shared column builders so every table spells ids, money and timestamps the same way.
export const id = () => uuid().primaryKey().defaultRandom();
export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());
/** Money is integer minor units; the currency sits beside it as ISO 4217. */
export const money = () => integer();
export const currency = () => char({ length: 3 }).notNull().default('USD');
export const nowSql = sql`now()`;
