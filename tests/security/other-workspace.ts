// The second workspace of the security suites, for cross-workspace attempts.
import type { Actor, RecordService } from "../../engine/src/records/service.ts";
import type { Storage } from "../../engine/src/storage/platform/database.ts";
import { addUser, signIn } from "../../engine/src/users/service.ts";
import { seedToken } from "./seed-records.ts";

/**
 * Seeds "globex": a rep with the same username as one of "acme", signed in,
 * with one customer of their own.
 *
 * @example
 * const other = await seedOtherWorkspace(storage, globexRecords, password);
 */
export async function seedOtherWorkspace(
  storage: Storage,
  records: RecordService,
  password: string,
): Promise<{ token: string; userId: string; customerIds: string[] }> {
  const { id } = await addUser(storage, {
    workspaceId: "globex",
    username: "rep.north1",
    password,
    roles: ["sales_rep"],
  });
  const { token } = await signIn(storage, { workspace: "globex", username: "rep.north1", password });
  const actor: Actor = { id, username: "rep.north1", roles: ["sales_rep"] };
  const customer = await records.create(actor, "customer", {
    name: `globex ${seedToken} customer`,
    region: "west",
    tax_id: "GLOBEX-TAX",
  });
  return { token, userId: id, customerIds: [String(customer.id)] };
}
