import { writeSync } from 'node:fs';
import { buildApp, wireCapabilities } from './app.ts';
import type { RunningChannel } from './channels/channel-deps.ts';
import { startChatChannel } from './channels/chat/index.ts';
import { startEmailChannel } from './channels/email/index.ts';
import { demoCompanyName } from './demo/demo-company.data.ts';
import { seedDemoCompany } from './demo/seed-demo-company.ts';
import { systemClock } from './platform/clock.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { startRuntime } from './platform/runtime.ts';
import { startPrivacy } from './privacy/index.ts';
import { ensureShippedScripts } from './scripts-library/index.ts';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const runtime = await startRuntime(config);
  const seed = config.SEED_DEMO
    ? await seedDemoCompany({ db: runtime.database.db, clock: systemClock, events: runtime.events })
    : null;
  await ensureShippedScripts({ db: runtime.database.db, clock: systemClock });
  const companyName = config.COMPANY_NAME || (config.SEED_DEMO ? demoCompanyName : '');
  const appDeps = {
    config,
    db: runtime.database.db,
    clock: systemClock,
    events: runtime.events,
    writes: runtime.writes,
    companyName,
  };
  const app = await buildApp(appDeps);
  const channels: RunningChannel[] = [];

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal} received, finishing open requests`);
    await app.close();
    for (const channel of channels) await channel.stop();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.PORT, host: config.HOST });
  const { channelDeps } = wireCapabilities(appDeps);
  channels.push(await startEmailChannel(channelDeps), await startChatChannel(channelDeps));
  // Retention (off by default) runs as a durable daily job.
  channels.push(
    await startPrivacy({
      db: runtime.database.db,
      clock: systemClock,
      events: runtime.events,
      pollIntervalMs: config.JOB_POLL_INTERVAL_MS,
      log: (level, message) => app.log[level](`[privacy] ${message}`),
    }),
  );
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  const lines = [
    '',
    `  Defuse is running at http://${host}:${port}`,
    `  Database: ${runtime.database.dialect}${runtime.database.dialect === 'sqlite' ? ` (${config.DATABASE_URL.slice(7)})` : ''}`,
    `  API reference: http://${host}:${port}/api/v1/docs`,
  ];
  if (seed) {
    lines.push(seed.seeded ? '  Seeded the demo company. Sign in as:' : '  Demo logins:');
    for (const login of seed.logins)
      lines.push(`    ${login.role.padEnd(8)} ${login.email.padEnd(28)} password: ${login.password}`);
  }
  console.log(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  // Written synchronously: console.error to a pipe may not flush before exit.
  writeSync(2, `Defuse could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
