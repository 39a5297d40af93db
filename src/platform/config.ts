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
  // E-mail channel (src/channels/email) and the jobs runner (src/platform/jobs).
  SMTP_INBOUND_ENABLED: booleanText.default(true),
  SMTP_INBOUND_HOST: z.string().min(1).default('127.0.0.1'),
  SMTP_INBOUND_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  SMTP_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(200 * 1024 * 1024)
    .default(25 * 1024 * 1024),
  SUPPORT_ADDRESSES: z.string().max(4000).default(''),
  OUTBOUND_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .or(z.literal(''))
    .default(''),
  MESSAGE_ID_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, 'must be a domain name')
    .or(z.literal(''))
    .default(''),
  CHANNEL_SECRET_KEY: z
    .string()
    .regex(/^([0-9a-f]{64}|[A-Za-z0-9+/_-]{43}=?)$/i, 'must be 32 bytes as 64 hex digits or base64')
    .or(z.literal(''))
    .default(''),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  IMAP_HOST: z.string().max(300).default(''),
  IMAP_PORT: z.coerce.number().int().min(1).max(65535).default(993),
  IMAP_SECURE: booleanText.default(true),
  IMAP_USER: z.string().max(300).default(''),
  IMAP_PASSWORD: z.string().max(1000).default(''),
  IMAP_POLL_SECONDS: z.coerce.number().int().min(5).max(86400).default(60),
  JOB_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
  // Chat widget (src/channels/chat).
  /** HMAC-SHA256 key for the identity tokens a company's site issues, and for widget session tokens. */
  WIDGET_SECRET: z.string().min(32, 'must be at least 32 characters').or(z.literal('')).default(''),
  /** Comma-separated origins allowed to embed the widget, besides those an admin sets; `*` allows any. */
  WIDGET_ALLOWED_ORIGINS: z.string().max(10_000).default(''),
  /** How long a widget session token (which opens the widget's WebSocket) stays valid. */
  /** New anonymous (e-mail only) widget sessions per client IP per minute, on each node. */
  WIDGET_ANONYMOUS_STARTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  WIDGET_SESSION_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
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
