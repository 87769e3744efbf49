import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import { EngineError } from "../errors.ts";
import { referenceField } from "../org/reference-field.ts";
import { unitByCodeOrThrow } from "../org/units.ts";
import { assertKnownRoles } from "../permissions/roles.ts";
import type { Actor } from "../records/service.ts";
import type { Storage } from "../storage/platform/database.ts";
import { auditLog, tokens, users } from "../storage/platform/schema.ts";
import { currentVersion } from "../storage/versions.ts";
import { systemUsername, workspaceOrThrow } from "../storage/workspaces.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";

/** How long a sign-in session lasts without use. */
export const sessionLifetimeMs = 12 * 60 * 60 * 1000;
/** How precisely a token's last use (and a session's sliding expiry) is kept. */
const tokenUseGranularityMs = 60 * 1000;

const usernamePattern = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** A signed-in user as requests see them. */
export interface SignedInUser extends Actor {
  workspaceId: string;
  tokenId: string;
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Adds a user to a workspace with a password (hashed with Argon2id) and
 * roles, which must be roles of the workspace's published definition (422
 * naming an unknown one), optionally placed in an org unit under a manager.
 * Everything is checked before the user is written.
 *
 * @example
 * await addUser(storage, { workspaceId: "acme", username: "li.wei", password: "…", roles: ["sales_rep"], unit: "east_sales", manager: "min.jun" });
 */
export async function addUser(
  storage: Storage,
  input: {
    workspaceId: string;
    username: string;
    password: string;
    roles?: string[];
    displayName?: string;
    email?: string;
    /** The code of the org unit to place the user in. */
    unit?: string;
    /** The username of the user's manager (active). */
    manager?: string;
    /** Who adds the user, for the audit log. */
    actorId?: string;
  },
): Promise<{ id: string; username: string; roles: string[] }> {
  const workspace = await workspaceOrThrow(storage, input.workspaceId);
  if (!usernamePattern.test(input.username) || input.username === systemUsername) {
    throw new EngineError(
      "bad_request",
      `"${input.username}" is not a valid username: 2 to 64 of a-z, 0-9, ".", "_" and "-"`,
    );
  }
  if (input.password.length < 8) throw new EngineError("bad_request", "the password needs at least 8 characters");
  const roles = [...new Set(input.roles ?? [])];
  if (roles.length > 0) assertKnownRoles((await currentVersion(storage, workspace.id))?.definition, roles);
  const unit = input.unit
    ? await referenceField("unit", unitByCodeOrThrow(storage, workspace.id, input.unit))
    : undefined;
  const manager = input.manager ? await activeManagerOrThrow(storage, workspace.id, input.manager) : undefined;
  const passwordHash = await hashPassword(input.password);
  return storage.db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        workspaceId: workspace.id,
        username: input.username,
        passwordHash,
        roles,
        displayName: input.displayName,
        email: input.email,
        orgUnitId: unit?.id ?? null,
        managerId: manager?.id ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: users.id, username: users.username, roles: users.roles });
    if (!user) throw new EngineError("conflict", `the user "${input.username}" already exists in "${workspace.id}"`);
    await tx.insert(auditLog).values({
      workspaceId: workspace.id,
      actorId: input.actorId ?? null,
      action: "user.add",
      details: { username: user.username, roles, unit: input.unit ?? null, manager: input.manager ?? null },
    });
    return user;
  });
}

async function activeManagerOrThrow(storage: Storage, workspaceId: string, username: string) {
  const [manager] = await storage.db
    .select({ id: users.id, active: users.active })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.username, username)));
  const message = !manager ? `no user "${username}"` : !manager.active ? `${username} is deactivated` : undefined;
  if (message)
    throw new EngineError("validation_failed", `manager: ${message}`, {
      problems: [{ field: "manager", code: "reference", message }],
    });
  return manager!;
}

/**
 * Signs a user in: checks the password and issues a bearer token (only its
 * hash is kept). Wrong workspace, user or password all get the same answer.
 *
 * @example
 * const { token } = await signIn(storage, { workspace: "acme", username: "li.wei", password: "…" });
 */
export async function signIn(
  storage: Storage,
  input: { workspace: string; username: string; password: string },
): Promise<{ token: string; expiresAt: string }> {
  const [user] = await storage.db
    .select()
    .from(users)
    .where(and(eq(users.workspaceId, input.workspace), eq(users.username, input.username)));
  const valid = user?.active
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyPassword("!", input.password);
  if (!user || !valid) throw new EngineError("unauthenticated", "wrong workspace, username or password");
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + sessionLifetimeMs);
  await storage.db.transaction(async (tx) => {
    await tx.insert(tokens).values({ userId: user.id, kind: "session", tokenHash: hashToken(token), expiresAt });
    await tx.insert(auditLog).values({ workspaceId: user.workspaceId, actorId: user.id, action: "user.sign_in" });
  });
  return { token, expiresAt: expiresAt.toISOString() };
}

/**
 * Creates a named API token for a user, without expiry until revoked.
 *
 * @example
 * const token = await createApiToken(storage, userId, "erp-sync");
 */
export async function createApiToken(storage: Storage, userId: string, name: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await storage.db.insert(tokens).values({ userId, kind: "api", name, tokenHash: hashToken(token) });
  return token;
}

/**
 * Finds the user behind a bearer token: valid, not revoked, not expired, and
 * the user still active. Sessions slide: each use extends them (the use is
 * recorded once a minute at most).
 *
 * @example
 * const user = await authenticate(storage, request.headers.get("authorization")?.slice(7) ?? "");
 */
export async function authenticate(storage: Storage, token: string): Promise<SignedInUser> {
  const now = new Date();
  const [row] = await storage.db
    .select({
      tokenId: tokens.id,
      kind: tokens.kind,
      lastUsedAt: tokens.lastUsedAt,
      id: users.id,
      workspaceId: users.workspaceId,
      username: users.username,
      roles: users.roles,
      orgUnit: users.orgUnitId,
      manager: users.managerId,
    })
    .from(tokens)
    .innerJoin(users, eq(users.id, tokens.userId))
    .where(
      and(
        eq(tokens.tokenHash, hashToken(token)),
        isNull(tokens.revokedAt),
        eq(users.active, true),
        or(isNull(tokens.expiresAt), gt(tokens.expiresAt, now)),
      ),
    );
  if (!row) throw new EngineError("unauthenticated", "the token is missing, expired or revoked; sign in again");
  // A page load makes several calls at once: the token's row is written once a minute at most, not on each.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= tokenUseGranularityMs) {
    const extend = row.kind === "session" ? { expiresAt: new Date(now.getTime() + sessionLifetimeMs) } : {};
    await storage.db
      .update(tokens)
      .set({ lastUsedAt: now, ...extend })
      .where(eq(tokens.id, row.tokenId));
  }
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    username: row.username,
    roles: row.roles,
    orgUnitId: row.orgUnit,
    managerId: row.manager,
    tokenId: row.tokenId,
  };
}

/** Ends a session: the token stops working at once. */
export async function signOut(storage: Storage, tokenId: string): Promise<void> {
  await storage.db
    .update(tokens)
    .set({ revokedAt: sql`now()` })
    .where(eq(tokens.id, tokenId));
}
