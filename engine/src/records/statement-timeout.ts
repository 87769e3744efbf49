import type postgres from "postgres";

/**
 * Runs a read with a statement timeout, both pipelined in a transaction of
 * their own; inside a caller's transaction (a process step's), as it is: the
 * caller's transaction has its own limits and must not inherit the timeout.
 *
 * @example
 * const rows = await withStatementTimeout(sql, sql`select * from big`, "10s");
 */
export async function withStatementTimeout(
  sql: postgres.Sql | postgres.TransactionSql,
  statement: postgres.PendingQuery<postgres.Row[]>,
  timeout: string,
): Promise<postgres.Row[]> {
  if (typeof (sql as postgres.Sql).begin !== "function") return statement;
  const [, rows] = await (sql as postgres.Sql).begin((tx) => [
    tx`select set_config('statement_timeout', ${timeout}, true)`,
    tx`${statement}`,
  ]);
  return rows!;
}
