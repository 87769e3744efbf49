import type postgres from "postgres";

/**
 * Runs a read with a statement timeout on a connection of its own: the
 * timeout set, the read, the timeout reset, pipelined in one round trip
 * (a transaction would take two more). Inside a caller's transaction (a
 * process step's) the read runs as it is: the caller's transaction has its
 * own limits and must not inherit the timeout.
 *
 * @example
 * const rows = await withStatementTimeout(sql, sql`select * from big`, "10s");
 */
export async function withStatementTimeout(
  sql: postgres.Sql | postgres.TransactionSql,
  statement: postgres.PendingQuery<postgres.Row[]>,
  timeout: string,
): Promise<postgres.Row[]> {
  if (typeof (sql as postgres.Sql).reserve !== "function") return statement;
  const connection = await (sql as postgres.Sql).reserve();
  try {
    const [, read, reset] = await Promise.allSettled([
      connection`select set_config('statement_timeout', ${timeout}, false)`,
      connection`${statement}`,
      connection`reset statement_timeout`,
    ]);
    if (read.status === "rejected") throw read.reason;
    if (reset.status === "rejected") throw reset.reason;
    return read.value;
  } finally {
    connection.release();
  }
}
