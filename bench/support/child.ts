import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface ServerChild {
  port: number;
  token: string;
  process: ChildProcess;
  /** SIGKILL (a crash) or SIGTERM (a clean stop); resolves when the process has exited. */
  stop(signal: 'SIGKILL' | 'SIGTERM'): Promise<void>;
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Starts a bench/support server script in its own Node process (its own event loop and core).
 * BENCH_SERVER_NODE_ARGS adds Node flags to it, e.g. "--cpu-prof --cpu-prof-dir=.tmp/prof".
 */
export async function startServerChild(script: string, env: Record<string, string> = {}): Promise<ServerChild> {
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', fileURLToPath(new URL(script, import.meta.url))], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
  const first = await Promise.race([
    once(lines, 'line').then(([line]) => String(line)),
    once(child, 'exit').then(([code]) => {
      throw new Error(`${script} exited with code ${code} before listening`);
    }),
  ]);
  const { port, token } = JSON.parse(first) as { port: number; token: string };
  return {
    port,
    token,
    process: child,
    stop: async (signal) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    },
  };
}
