import { z } from 'zod';

// The only reader of process.env. Every variable is documented in README.md with its default.
const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres:\/\/|postgresql:\/\/)/, 'must start with sqlite: or postgres://')
    .default('sqlite:./data/defuse.sqlite'),
  SQLITE_SYNCHRONOUS: z.enum(['normal', 'full']).default('normal'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  COOKIE_SECURE: booleanText.default(false),
  TRUST_PROXY: booleanText.default(false),
  LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(10),
  SEED_DEMO: booleanText.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST_DIR: z.string().default('web/dist'),
  COMPANY_NAME: z.string().max(200).default(''),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses configuration from an environment map; unknown variables are ignored, bad ones named. */
export function parseConfig(environment: Record<string, string | undefined>): Config {
  const relevant: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = environment[key];
    if (value !== undefined && value !== '') relevant[key] = value;
  }
  const result = configSchema.safeParse(relevant);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map(
        (issue) => `${issue.path.join('.')}: ${issue.message} (got "${relevant[String(issue.path[0])] ?? ''}")`,
      ),
    );
  }
  return result.data;
}

export function loadConfig(): Config {
  return parseConfig(process.env);
}
