// PostgreSQL refuses to run as root. When Temper runs as root, initdb and
// postgres run as an unprivileged user instead: the owner of an existing data
// folder if that is not root, else $TEMPER_PG_USER or `temper-pg` (created as
// a system user on first use). The drop itself is Node's spawn({ uid, gid }):
// libuv clears the supplementary groups, then setgid and setuid in the child
// before exec, exactly what `setpriv --reuid --regid --clear-groups` does,
// without needing util-linux, and the pid we get back is the postmaster itself
// (runuser would sit in between as a PAM session parent).
import { execFile } from "node:child_process";
import { chmod, chown, lstat, readdir, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { EmbeddedServerError } from "./errors.ts";

const run = promisify(execFile);

/** The unprivileged account PostgreSQL runs as when Temper runs as root. */
export interface ServerUser {
  name: string;
  uid: number;
  gid: number;
}

/**
 * Who runs PostgreSQL for a data folder: `undefined` means "this process's
 * own user" (any ordinary user); only root gets another account, created if
 * needed.
 *
 * @example
 * const user = await serverUser("/srv/crm/.temper/pg/data");
 * spawn(postgres, args, { ...(user && { uid: user.uid, gid: user.gid }) });
 */
export async function serverUser(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
  uid: number | undefined = process.getuid?.(),
): Promise<ServerUser | undefined> {
  if (uid !== 0) return undefined;
  const existing = await stat(dataDir).catch(() => undefined);
  if (existing && existing.uid !== 0) return { name: `uid ${existing.uid}`, uid: existing.uid, gid: existing.gid };
  const name = env.TEMPER_PG_USER || "temper-pg";
  return (await lookupUser(name)) ?? (await createSystemUser(name));
}

async function lookupUser(name: string): Promise<ServerUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([run("id", ["-u", name]), run("id", ["-g", name])]);
    return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

async function createSystemUser(name: string): Promise<ServerUser> {
  const attempts: Array<[string, string[]]> = [
    [
      "useradd",
      [
        "--system",
        "--user-group",
        "--no-create-home",
        "--home-dir",
        "/nonexistent",
        "--shell",
        "/usr/sbin/nologin",
        name,
      ],
    ],
    ["adduser", ["-S", "-D", "-H", "-s", "/sbin/nologin", name]], // busybox (Alpine)
  ];
  for (const [command, args] of attempts) {
    await run(command, args).catch(() => undefined);
    // Another process may have created it at the same moment: look it up either way.
    const user = await lookupUser(name);
    if (user) return user;
  }
  throw new EmbeddedServerError(
    `PostgreSQL refuses to run as root and the user "${name}" could not be created: ` +
      "create an unprivileged user and set TEMPER_PG_USER, or run as an ordinary user",
  );
}

/**
 * Makes a data folder usable by the server user when running as root: lets
 * it pass through TEMPER_HOME, hands it the data folder, and checks that it
 * can reach the data folder and the binaries (a project under /root, mode
 * 0700, cannot be reached). Does nothing for an ordinary user.
 *
 * @example
 * await prepareForServerUser(serverPaths(home), user, [postgresBinaries().postgres]);
 */
export async function prepareForServerUser(
  paths: { home: string; root: string; dataDir: string },
  user: ServerUser | undefined,
  programs: string[],
): Promise<void> {
  if (!user) return;
  for (const dir of [paths.home, paths.root]) {
    const { mode } = await stat(dir);
    if ((mode & 0o011) !== 0o011) await chmod(dir, mode | 0o011);
  }
  const data = await stat(paths.dataDir).catch(() => undefined);
  if (data && data.uid !== user.uid) await chownTree(paths.dataDir, user);
  for (const path of [paths.dataDir, ...programs]) await assertReachable(dirname(path), user);
}

async function chownTree(path: string, user: ServerUser): Promise<void> {
  await chown(path, user.uid, user.gid);
  if (!(await lstat(path)).isDirectory()) return;
  for (const entry of await readdir(path)) await chownTree(join(path, entry), user);
}

async function assertReachable(dir: string, user: ServerUser): Promise<void> {
  for (let current = dir; ; current = dirname(current)) {
    const { mode, uid, gid } = await stat(current);
    const bit = uid === user.uid ? 0o100 : gid === user.gid ? 0o010 : 0o001;
    if ((mode & bit) === 0)
      throw new EmbeddedServerError(
        `PostgreSQL cannot run as root, so it runs as ${user.name}, who cannot enter ${current}: ` +
          `keep the project and TEMPER_HOME outside it, run as an ordinary user, or allow passage (chmod o+x ${current})`,
      );
    if (dirname(current) === current) return;
  }
}
