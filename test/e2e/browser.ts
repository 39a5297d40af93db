import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { type ServerProcess, startServerProcess, stopServerProcess } from '../support/server-process.ts';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(chromiumPath);
if (!chromiumAvailable) {
  if (process.env.CI === 'true') throw new Error(`CI requires chromium at ${chromiumPath}.`);
  console.warn(`No chromium at ${chromiumPath}: the browser tests are skipped (apt-get install chromium).`);
}

/** Chromium as this machine needs it: headless, no sandbox as root, no background network calls. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface E2eServer {
  server: ServerProcess;
  baseUrl: string;
  stop(): Promise<void>;
}

/** The real built app on a temporary SQLite file and a random port, seeded with the demo company. */
export async function startE2eServer(): Promise<E2eServer> {
  const directory = mkdtempSync(join(tmpdir(), 'defuse-e2e-'));
  const server = await startServerProcess({ DATABASE_URL: `sqlite:${join(directory, 'defuse.sqlite')}` });
  return {
    server,
    baseUrl: server.baseUrl,
    stop: async () => {
      await stopServerProcess(server);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export interface RestartableE2eServer {
  baseUrl: string;
  port: number;
  /** Stops the server process (SIGTERM) and starts it again on the same SQLite file and port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Like startE2eServer, on a fixed free port and with extra environment, and restartable mid-test. */
export async function startRestartableE2eServer(environment: Record<string, string> = {}): Promise<RestartableE2eServer> {
  const { createServer } = await import('node:net');
  const port = await new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const free = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(free));
    });
  });
  const directory = mkdtempSync(join(tmpdir(), 'defuse-e2e-'));
  const env = { ...environment, DATABASE_URL: `sqlite:${join(directory, 'defuse.sqlite')}`, PORT: String(port) };
  let server = await startServerProcess(env);
  return {
    baseUrl: server.baseUrl,
    port,
    restart: async () => {
      await stopServerProcess(server);
      server = await startServerProcess(env);
    },
    stop: async () => {
      await stopServerProcess(server);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
