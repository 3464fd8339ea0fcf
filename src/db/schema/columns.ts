import { bigint, timestamp } from 'drizzle-orm/pg-core';

// Shared column builders. IDs are bigint identities inside the database and strings in the API.
export const id = () => bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
export const ref = () => bigint({ mode: 'number' });
export const workspaceRef = () => bigint({ mode: 'number' }).notNull();
export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const tstz = () => timestamp({ withTimezone: true });
