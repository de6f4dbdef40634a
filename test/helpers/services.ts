import pg from 'pg';

/** Where the real PostgreSQL and Redis of the test run are (.env.example documents the variables). */
export const TEST_DATABASE_URL = process.env.SUQIU_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.SUQIU_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

/** The same server with another database name. */
export function databaseUrl(name: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one statement on the test server's admin database (CREATE/DROP DATABASE). */
export async function adminQuery(sql: string, url = TEST_DATABASE_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
