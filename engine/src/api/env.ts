import type { RecordService, WorkspaceContext } from "../records/service.ts";
import type { Storage } from "../storage/platform/database.ts";
import type { SignedInUser } from "../users/service.ts";

/** What the API's routes share: the storage they work on. */
export interface ApiDeps {
  storage: Storage;
}

/** The per-request values the auth middleware sets for authenticated routes. */
export interface ApiEnv {
  Variables: {
    user: SignedInUser;
    workspace: WorkspaceContext;
    records: RecordService;
  };
}
