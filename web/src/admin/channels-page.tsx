import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { emailApi, jobsApi, widgetApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import {
  type EmailSettings,
  type EmailSettingsPatch,
  type Job,
  type JobStatus,
  type SecretState,
  type WidgetPosition,
  type WidgetSettings,
  widgetLanguages,
} from '../api/types';
import { languageName } from '../format/labels';
import { formatDateTime } from '../format/time';
import { usePageTitle } from '../shell/use-page-title';
import { ErrorMessage, fieldError } from '../ui/error-message';
import { Field } from '../ui/field';
import { QueryState } from '../ui/states';

/** Admins set up how customers reach the team: e-mail, the website chat widget, and the background work behind them. */
export function ChannelsPage() {
  usePageTitle('Channels');
  const email = useQuery({ queryKey: queryKeys.emailSettings, queryFn: emailApi.settings });
  const widget = useQuery({ queryKey: queryKeys.widgetSettings, queryFn: widgetApi.settings });
  return (
    <section className="page channels-page" aria-labelledby="channels-title" data-testid="channels-page">
      <div className="page-header">
        <h1 id="channels-title">Channels</h1>
      </div>
      <p className="muted">
        How customers reach your team: e-mail, the chat window on your website, and phone or video calls (logged on each
        conversation). Each channel shows its health so you notice when something stops arriving.
      </p>

      <h2 id="email-title">E-mail</h2>
      <QueryState isPending={email.isPending} error={email.error} />
      {email.data ? (
        <>
          <EmailHealthCard settings={email.data} />
          <EmailSettingsForm initial={email.data} />
        </>
      ) : null}

      <h2 id="widget-title">Chat widget</h2>
      <QueryState isPending={widget.isPending} error={widget.error} />
      {widget.data ? (
        <>
          <WidgetHealthCard settings={widget.data} />
          <EmbedSnippet />
          <WidgetSettingsForm initial={widget.data} />
        </>
      ) : null}

      <h2 id="jobs-title">Background jobs</h2>
      <JobsTable />
    </section>
  );
}

function lines(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean);
}

function SecretBadge({ state, testId }: { state: SecretState; testId: string }) {
  return (
    <span className={`badge secret-state secret-${state === 'set' ? 'set' : 'unset'}`} data-testid={testId} data-state={state}>
      {state === 'set' ? 'Set' : 'Not set'}
    </span>
  );
}

function HealthRow({ label, at, testId }: { label: string; at: string | null; testId: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{at ? formatDateTime(at) : 'Never'}</dd>
    </div>
  );
}

function EmailHealthCard({ settings }: { settings: EmailSettings }) {
  const { health, inbound } = settings;
  return (
    <div className="card channel-health" data-testid="email-health">
      <h3>Health</h3>
      <dl className="details">
        <HealthRow label="Last message received" at={health.lastReceivedAt} testId="email-last-received" />
        <HealthRow label="Last message sent" at={health.lastSentAt} testId="email-last-sent" />
        <div>
          <dt>Last error</dt>
          <dd data-testid="email-last-error">
            {health.lastError ? (
              <>
                <span className="health-error">{health.lastError}</span>{' '}
                <span className="muted small">{formatDateTime(health.lastErrorAt)}</span>
              </>
            ) : (
              'None'
            )}
          </dd>
        </div>
        <div>
          <dt>Receiving mail</dt>
          <dd>
            {inbound.smtpEnabled
              ? `Built-in SMTP receiver on ${inbound.smtpHost}:${inbound.smtpPort}`
              : 'Built-in SMTP receiver is off'}
            {settings.imap.enabled ? `; polling ${settings.imap.user}@${settings.imap.host} over IMAP` : ''}
          </dd>
        </div>
      </dl>
    </div>
  );
}

function EmailSettingsForm({ initial }: { initial: EmailSettings }) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const [addresses, setAddresses] = useState(initial.supportAddresses.join('\n'));
  const [fromName, setFromName] = useState(initial.fromName);
  const [smtpUrl, setSmtpUrl] = useState('');
  const [clearSmtp, setClearSmtp] = useState(false);
  const [imap, setImap] = useState({
    enabled: initial.imap.enabled,
    host: initial.imap.host,
    port: String(initial.imap.port),
    secure: initial.imap.secure,
    user: initial.imap.user,
  });
  const [imapPassword, setImapPassword] = useState('');
  const [clearImapPassword, setClearImapPassword] = useState(false);
  // IMAP is only sent when touched: saving an untouched form must not copy the environment's mailbox into the settings.
  const [imapTouched, setImapTouched] = useState(false);

  const save = useMutation({
    mutationFn: (patch: EmailSettingsPatch) => emailApi.saveSettings(patch),
    onSuccess: (view) => {
      queryClient.setQueryData(queryKeys.emailSettings, view);
      // Secrets are never shown again: the badges now say whether they are set.
      setSmtpUrl('');
      setClearSmtp(false);
      setImapPassword('');
      setClearImapPassword(false);
      setImapTouched(false);
      setAddresses(view.supportAddresses.join('\n'));
      setSaved(true);
    },
  });

  const touch = () => setSaved(false);
  const setImapField = (key: keyof typeof imap, value: string | boolean) => {
    touch();
    setImapTouched(true);
    setImap((old) => ({ ...old, [key]: value }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const patch: EmailSettingsPatch = { supportAddresses: lines(addresses), fromName: fromName.trim() };
    if (clearSmtp) patch.outboundSmtpUrl = null;
    else if (smtpUrl.trim()) patch.outboundSmtpUrl = smtpUrl.trim();
    if (imapTouched || imapPassword || clearImapPassword) {
      patch.imap = {
        enabled: imap.enabled,
        host: imap.host.trim(),
        port: Number(imap.port) || 993,
        secure: imap.secure,
        user: imap.user.trim(),
        ...(clearImapPassword ? { password: null } : imapPassword ? { password: imapPassword } : {}),
      };
    }
    save.mutate(patch);
  };

  const err = (field: string) => fieldError(save.error, field);
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="email-settings-title" data-testid="email-settings">
      <h3 id="email-settings-title">E-mail settings</h3>
      <p className="field-hint">
        Server credentials are write-only: they are stored encrypted with the key from the environment (CHANNEL_SECRET_KEY) and
        never shown again, only whether they are set. Leave a credential empty to keep the one stored.
      </p>
      {!initial.secretKeyConfigured ? (
        <p className="error-message" role="note" data-testid="secret-key-missing">
          <strong>No encryption key.</strong> Set CHANNEL_SECRET_KEY in the server's environment before saving mail server
          credentials.
        </p>
      ) : null}
      <ErrorMessage
        error={save.error}
        fields={['supportAddresses', 'fromName', 'outboundSmtpUrl', 'host', 'port', 'user', 'password', 'enabled', 'secure']}
      />
      <div className="form-grid">
        <Field
          label="Support addresses"
          hint={
            initial.supportAddressesSource === 'environment'
              ? 'One a line. Now from the environment (SUPPORT_ADDRESSES) until you save your own.'
              : 'One a line. Mail to these addresses becomes conversations.'
          }
          error={err('supportAddresses')}
        >
          <textarea
            rows={3}
            value={addresses}
            onChange={(event) => {
              touch();
              setAddresses(event.target.value);
            }}
            data-testid="support-addresses"
          />
        </Field>
        <Field label="Sender name" hint="Shown with the agent's name on replies" error={err('fromName')}>
          <input
            value={fromName}
            onChange={(event) => {
              touch();
              setFromName(event.target.value);
            }}
          />
        </Field>
      </div>

      <fieldset className="channel-fieldset">
        <legend>Outbound mail (SMTP)</legend>
        <p className="secret-line">
          Server URL: <SecretBadge state={initial.outboundSmtp} testId="outbound-smtp-state" />
          {initial.outboundSmtpSource === 'environment' ? (
            <span className="muted small"> from the environment (OUTBOUND_SMTP_URL)</span>
          ) : null}
        </p>
        <Field
          label={initial.outboundSmtp === 'set' ? 'Replace the SMTP URL' : 'SMTP URL'}
          hint="smtp://user:password@host:587 or smtps://…:465. Stored encrypted; never shown again."
          error={err('outboundSmtpUrl')}
        >
          <input
            type="password"
            autoComplete="off"
            value={smtpUrl}
            disabled={clearSmtp}
            placeholder={initial.outboundSmtp === 'set' ? 'Set (leave empty to keep)' : 'Not set'}
            onChange={(event) => {
              touch();
              setSmtpUrl(event.target.value);
            }}
            data-testid="outbound-smtp-url"
          />
        </Field>
        {initial.outboundSmtpSource === 'settings' ? (
          <label className="inline-choice">
            <input
              type="checkbox"
              checked={clearSmtp}
              onChange={(event) => {
                touch();
                setClearSmtp(event.target.checked);
              }}
            />{' '}
            Remove the stored URL
          </label>
        ) : null}
      </fieldset>

      <fieldset className="channel-fieldset">
        <legend>Mailbox polling (IMAP)</legend>
        <label className="inline-choice">
          <input type="checkbox" checked={imap.enabled} onChange={(event) => setImapField('enabled', event.target.checked)} />{' '}
          Fetch mail from a mailbox kept elsewhere
        </label>
        <div className="form-grid">
          <Field label="IMAP host" error={err('host')}>
            <input value={imap.host} onChange={(event) => setImapField('host', event.target.value)} />
          </Field>
          <Field label="IMAP port" error={err('port')}>
            <input
              type="number"
              min={1}
              max={65535}
              className="input-narrow"
              value={imap.port}
              onChange={(event) => setImapField('port', event.target.value)}
            />
          </Field>
          <Field label="IMAP user" error={err('user')}>
            <input autoComplete="off" value={imap.user} onChange={(event) => setImapField('user', event.target.value)} />
          </Field>
          <Field
            label="IMAP password"
            hint={
              <>
                <SecretBadge state={initial.imap.password} testId="imap-password-state" /> Stored encrypted; leave empty to keep.
              </>
            }
            error={err('password')}
          >
            <input
              type="password"
              autoComplete="new-password"
              value={imapPassword}
              disabled={clearImapPassword}
              placeholder={initial.imap.password === 'set' ? 'Set (leave empty to keep)' : 'Not set'}
              onChange={(event) => {
                touch();
                setImapPassword(event.target.value);
              }}
              data-testid="imap-password"
            />
          </Field>
        </div>
        <label className="inline-choice">
          <input type="checkbox" checked={imap.secure} onChange={(event) => setImapField('secure', event.target.checked)} /> Use
          TLS
        </label>
        {initial.imap.password === 'set' ? (
          <label className="inline-choice">
            <input
              type="checkbox"
              checked={clearImapPassword}
              onChange={(event) => {
                touch();
                setClearImapPassword(event.target.checked);
              }}
            />{' '}
            Remove the stored password
          </label>
        ) : null}
      </fieldset>

      <div className="button-row">
        <button type="submit" className="button-primary" disabled={save.isPending} data-testid="email-settings-save">
          {save.isPending ? 'Saving…' : 'Save e-mail settings'}
        </button>
      </div>
      {saved ? (
        <p className="success" role="status">
          Saved. New mail uses these settings within a few seconds.
        </p>
      ) : null}
    </form>
  );
}

function WidgetHealthCard({ settings }: { settings: WidgetSettings }) {
  const health = settings.health;
  return (
    <div className="card channel-health" data-testid="widget-health">
      <h3>Health</h3>
      <dl className="details">
        <div>
          <dt>Open chat windows</dt>
          <dd>{health?.openSockets ?? 0}</dd>
        </div>
        <HealthRow label="Last message received" at={health?.lastMessageAt ?? null} testId="widget-last-message" />
        <div>
          <dt>Last error</dt>
          <dd>
            {health?.lastError ? (
              <>
                <span className="health-error">{health.lastError.message}</span>{' '}
                <span className="muted small">{formatDateTime(health.lastError.at)}</span>
              </>
            ) : (
              'None'
            )}
          </dd>
        </div>
        <div>
          <dt>Signed-in customers</dt>
          <dd>
            {settings.identityEnabled
              ? 'On: your site can pass a signed identity token (WIDGET_SECRET).'
              : 'Off: customers start with their e-mail address (set WIDGET_SECRET to sign them in).'}
          </dd>
        </div>
      </dl>
      <p className="field-hint">Health counts since this server started.</p>
    </div>
  );
}

function EmbedSnippet() {
  const snippet = `<script src="${window.location.origin}/widget.js"></script>`;
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="card embed-snippet">
      <h3>Put the chat on your website</h3>
      <p className="field-hint">Add this one line to every page that should offer chat, and allow the site's origin below.</p>
      <div className="snippet-row">
        <code data-testid="embed-snippet">{snippet}</code>
        <button type="button" onClick={copy} aria-label="Copy the embed snippet">
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}

function WidgetSettingsForm({ initial }: { initial: WidgetSettings }) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const [origins, setOrigins] = useState(initial.allowedOrigins.join('\n'));
  const [primaryColor, setPrimaryColor] = useState(initial.primaryColor);
  const [textColor, setTextColor] = useState(initial.textColor);
  const [position, setPosition] = useState<WidgetPosition>(initial.position);
  const [greeting, setGreeting] = useState<Record<string, string>>(() =>
    Object.fromEntries(widgetLanguages.map((language) => [language, initial.greeting[language] ?? ''])),
  );
  const save = useMutation({
    mutationFn: () =>
      widgetApi.saveSettings({
        allowedOrigins: lines(origins),
        primaryColor,
        textColor,
        position,
        greeting: Object.fromEntries(Object.entries(greeting).filter(([, text]) => text.trim())),
      }),
    onSuccess: (settings) => {
      // The server writes origins in their normal form (no path, no trailing slash).
      setOrigins(settings.allowedOrigins.join('\n'));
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: queryKeys.widgetSettings });
    },
  });
  const touch = () => setSaved(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const err = (field: string) => fieldError(save.error, field);
  const configured = initial.configuredOrigins ?? [];
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="widget-settings-title" data-testid="widget-settings">
      <h3 id="widget-settings-title">Widget settings</h3>
      <ErrorMessage error={save.error} fields={['allowedOrigins', 'primaryColor', 'textColor', 'position', ...widgetLanguages]} />
      <Field
        label="Allowed origins"
        hint={
          <>
            One a line, like https://shop.example. The widget only works on these sites (and on Defuse itself).
            {configured.length > 0 ? ` Also allowed by the environment: ${configured.join(', ')}.` : ''}
          </>
        }
        error={err('allowedOrigins')}
      >
        <textarea
          rows={3}
          value={origins}
          onChange={(event) => {
            touch();
            setOrigins(event.target.value);
          }}
          data-testid="allowed-origins"
        />
      </Field>
      <div className="form-grid">
        <Field label="Main colour" error={err('primaryColor')}>
          <input
            type="color"
            value={primaryColor}
            onChange={(event) => {
              touch();
              setPrimaryColor(event.target.value);
            }}
          />
        </Field>
        <Field label="Text colour on it" error={err('textColor')}>
          <input
            type="color"
            value={textColor}
            onChange={(event) => {
              touch();
              setTextColor(event.target.value);
            }}
          />
        </Field>
        <Field label="Position on the page" error={err('position')}>
          <select
            value={position}
            onChange={(event) => {
              touch();
              setPosition(event.target.value as WidgetPosition);
            }}
          >
            <option value="right">Bottom right</option>
            <option value="left">Bottom left</option>
          </select>
        </Field>
        <div className="field">
          <span className="field-label">Preview</span>
          <span className="widget-preview" style={{ background: primaryColor, color: textColor }}>
            Chat with us
          </span>
        </div>
      </div>
      <fieldset className="channel-fieldset">
        <legend>Greeting, per language</legend>
        <p className="field-hint">The widget greets customers in their language, else in English.</p>
        <div className="form-grid">
          {widgetLanguages.map((language) => (
            <Field key={language} label={`${languageName(language)} (${language})`} error={err(language)}>
              <input
                value={greeting[language] ?? ''}
                onChange={(event) => {
                  touch();
                  setGreeting((old) => ({ ...old, [language]: event.target.value }));
                }}
              />
            </Field>
          ))}
        </div>
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={save.isPending} data-testid="widget-settings-save">
          {save.isPending ? 'Saving…' : 'Save widget settings'}
        </button>
      </div>
      {saved ? (
        <p className="success" role="status">
          Saved. Open chat windows pick up the new look when they next load.
        </p>
      ) : null}
    </form>
  );
}

const jobStatusWords: Record<JobStatus, string> = {
  queued: 'Waiting',
  running: 'Running',
  done: 'Done',
  dead: 'Gave up',
};

/** A job can be run again when it gave up, or when it is waiting to retry after a failure. */
function retryable(job: Job): boolean {
  return job.status === 'dead' || (job.status === 'queued' && job.lastError !== null);
}

function jobState(job: Job): string {
  if (job.status === 'queued' && job.lastError) return 'failed';
  return job.status;
}

function JobsTable() {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<JobStatus | ''>('');
  const jobs = useQuery({
    queryKey: queryKeys.jobs(status),
    queryFn: () => jobsApi.list(status),
    select: (data) => data.items,
    refetchInterval: 15_000,
  });
  const retry = useMutation({
    mutationFn: (id: string) => jobsApi.retry(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.jobLists }),
  });
  return (
    <div className="jobs">
      <p className="muted">
        Outbound mail and other background work. A job that fails is retried with growing pauses; one that gave up can be run
        again once the cause is fixed.
      </p>
      <div className="filter-bar filter-selects">
        <label>
          State
          <select value={status} onChange={(event) => setStatus(event.target.value as JobStatus | '')}>
            <option value="">Any</option>
            {(Object.keys(jobStatusWords) as JobStatus[]).map((value) => (
              <option key={value} value={value}>
                {jobStatusWords[value]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button-quiet" onClick={() => void jobs.refetch()} disabled={jobs.isFetching}>
          {jobs.isFetching ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      <ErrorMessage error={retry.error} />
      <QueryState isPending={jobs.isPending} error={jobs.error} empty={jobs.isSuccess && jobs.data.length === 0 && 'No jobs.'} />
      <div className="table-wrap">
        <table className="data-table" data-testid="jobs-table">
          <caption className="visually-hidden">Background jobs</caption>
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">State</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last error</th>
              <th scope="col">Next run</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(jobs.data ?? []).map((job) => (
              <tr key={job.id} data-testid="job-row" data-status={job.status}>
                <th scope="row">
                  <span className="mono small">{job.type}</span>
                </th>
                <td>
                  <span className={`badge job-state job-state-${jobState(job)}`}>
                    {job.status === 'queued' && job.lastError ? 'Failed, will retry' : jobStatusWords[job.status]}
                  </span>
                </td>
                <td>
                  {job.attempts} of {job.maxAttempts}
                </td>
                <td className="job-error">{job.lastError ?? <span className="muted">—</span>}</td>
                <td>{job.status === 'queued' ? formatDateTime(job.runAt) : '—'}</td>
                <td>{formatDateTime(job.createdAt)}</td>
                <td>
                  {retryable(job) ? (
                    <button
                      type="button"
                      onClick={() => retry.mutate(job.id)}
                      disabled={retry.isPending}
                      aria-label={`Retry ${job.type} job now`}
                    >
                      Retry
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="field-hint">States refresh every 15 seconds.</p>
    </div>
  );
}
