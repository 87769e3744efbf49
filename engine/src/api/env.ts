import type { RecordService, WorkspaceContext } from "../records/service.ts";
import type { Storage } from "../storage/platform/database.ts";
import type { Runtime } from "../runtime/index.ts";
import type { SignedInUser } from "../users/service.ts";

/** What the API's routes share: the storage they work on, and the process runtime (one is made if not given). */
export interface ApiDeps {
  storage: Storage;
  runtime?: Runtime;
}

/** The API's dependencies once the runtime is settled. */
export interface ResolvedApiDeps {
  storage: Storage;
  runtime: Runtime;
}

/** The per-request values the auth middleware sets for authenticated routes. */
export interface ApiEnv {
  Variables: {
    user: SignedInUser;
    workspace: WorkspaceContext;
    records: RecordService;
  };
}
