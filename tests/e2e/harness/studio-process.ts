import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const watchdog = fileURLToPath(new URL("./exit-with-parent.ts", import.meta.url));

/** A server process serving the API and the studio: its address once it says it, and how to stop it. */
export interface StudioProcess {
  /** `http://127.0.0.1:<port>` once the process prints "Temper studio on <url>/"; rejects if it never does. */
  url: Promise<string>;
  /** SIGTERM, then SIGKILL if it is still running after `graceMs`; resolves once it exited and its log is closed. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess, withinMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), withinMs);
    child.once("exit", () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

/**
 * Runs a TypeScript entry point of the repository in a Node process of its
 * own (through tsx), which stops by itself if this process dies. Everything
 * it prints goes to `log`; its address is the one in the line "Temper
 * studio on <url>/" that `temper start` and `temper serve` print once they
 * serve. If it stops or stays silent for `readyWithinMs` before that, `url`
 * rejects with the last lines it printed and the process is stopped.
 *
 * @example
 * const server = startStudioProcess({ name: "the demo server", args: ["engine/src/cli/main.ts", "start", "--port", "0"], env, log: "server.log" });
 * const url = await server.url;
 * await server.stop();
 */
export function startStudioProcess(options: {
  /** What the errors call it: "the demo server". */
  name: string;
  /** The entry point, relative to the repository, and its arguments. */
  args: string[];
  env: NodeJS.ProcessEnv;
  log: string;
  readyWithinMs?: number;
  graceMs?: number;
}): StudioProcess {
  const { name, readyWithinMs = 300_000, graceMs = 30_000 } = options;
  const child = spawn(process.execPath, ["--import", "tsx", "--import", watchdog, ...options.args], {
    cwd: repoRoot,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = createWriteStream(options.log);
  const lines: string[] = [];
  const tail = () => lines.slice(-25).join("\n");
  const stop = async () => {
    if (!(await exited(child, 0))) {
      child.kill("SIGTERM");
      if (!(await exited(child, graceMs))) {
        child.kill("SIGKILL");
        await exited(child, 10_000);
      }
    }
    if (!log.closed) await new Promise((closed) => log.end(closed));
  };
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${name} did not serve within ${readyWithinMs} ms:\n${tail()}`));
      void stop();
    }, readyWithinMs);
    const read = (chunk: Buffer) => {
      log.write(chunk);
      for (const line of chunk.toString("utf8").split("\n")) {
        lines.push(line);
        const served = /^Temper studio on (http:\/\/\S+?)\/?$/.exec(line.trim());
        if (served) {
          clearTimeout(timer);
          resolve(served[1]!);
        }
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${name}: ${error.message}`));
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} stopped (${signal ?? `exit ${String(code)}`}) before serving:\n${tail()}`));
    });
  });
  // Whoever waits for the address sees the rejection; an unawaited one must not end the test run.
  url.catch(() => {});
  return { url, stop };
}
