/**
 * Environment that tempEnv() adds to every config it makes: empty (SQLite, in-process events) unless a
 * suite runs on PostgreSQL + Redis (scaled-store.ts fills it before the suite starts its servers).
 */
export const storeEnv: NodeJS.ProcessEnv = {};
