/** The PostgreSQL server the tests use, as global-setup.ts found it. */

export function serverUrl(): string {
  const url = process.env.DX_TEST_SERVER_URL;
  if (!url)
    throw new Error(
      'DX_TEST_SERVER_URL is not set: run the tests through jest (test/support/global-setup.ts)',
    );
  return url;
}

/** The migrated database every test file's database is copied from. */
export function templateDatabase(): string {
  return process.env.DX_TEST_TEMPLATE ?? 'dx_test_template';
}

/** The same server, another database. */
export function withDatabase(url: string, database: string): string {
  const next = new URL(url);
  next.pathname = `/${database}`;
  return next.toString();
}
