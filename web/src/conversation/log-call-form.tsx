import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { callsApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import { callDirections, callKinds, callOutcomes, type NewCall, type TranscriptFormat } from '../api/types';
import { capitalize } from '../format/labels';
import { formatDateTime } from '../format/time';
import { ErrorMessage, fieldError } from '../ui/error-message';
import { Field } from '../ui/field';

const outcomeWords: Record<NewCall['outcome'], string> = {
  resolved: 'Resolved',
  'follow-up': 'Needs a follow-up',
  escalated: 'Escalated',
  'callback-scheduled': 'Call-back scheduled',
  'no-answer': 'No answer',
  voicemail: 'Left a voicemail',
  other: 'Other',
};

/** The largest transcript file read into the form; the server takes up to 900,000 characters. */
const maxTranscriptBytes = 900_000;

/** `YYYY-MM-DDTHH:mm` in the viewer's time zone, for a datetime-local input. */
function localInputValue(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function formatDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return minutes > 0 ? `${minutes} min${rest ? ` ${rest} s` : ''}` : `${rest} s`;
}

function formatOf(fileName: string): TranscriptFormat | undefined {
  const extension = fileName.toLowerCase().split('.').at(-1);
  return extension === 'txt' || extension === 'vtt' || extension === 'srt' ? extension : undefined;
}

function initialForm() {
  return {
    kind: 'phone' as NewCall['kind'],
    direction: 'inbound' as NewCall['direction'],
    startedAt: localInputValue(new Date()),
    minutes: '',
    outcome: 'resolved' as NewCall['outcome'],
    notes: '',
    transcript: '',
    fileName: '',
  };
}

/** Log a phone call or video meeting; a transcript's speaker turns become analysed timeline entries. */
export function LogCallForm({ conversationId }: { conversationId: string }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState(initialForm);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<string | null>(null);
  const calls = useQuery({
    queryKey: queryKeys.calls(conversationId),
    queryFn: () => callsApi.list(conversationId),
    select: (data) => data.calls,
  });

  const log = useMutation({
    mutationFn: (call: NewCall) => callsApi.log(conversationId, call),
    onSuccess: (logged) => {
      const turns = logged.entries.length;
      setResult(
        turns > 0
          ? `Call logged. ${turns === 1 ? 'One transcript turn is' : `${turns} transcript turns are`} now in the timeline.`
          : 'Call logged.',
      );
      setForm(initialForm());
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(conversationId), exact: true });
      void queryClient.invalidateQueries({ queryKey: queryKeys.calls(conversationId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.assist(conversationId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists });
    },
  });

  const set =
    (key: keyof ReturnType<typeof initialForm>) =>
    (event: { target: { value: string } }): void => {
      setResult(null);
      setLocalErrors((old) => ({ ...old, [key]: '' }));
      setForm((old) => ({ ...old, [key]: event.target.value }));
    };

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setResult(null);
    if (!formatOf(file.name)) {
      setLocalErrors((old) => ({ ...old, text: 'Choose a .txt, .vtt or .srt file.' }));
      return;
    }
    if (file.size > maxTranscriptBytes) {
      setLocalErrors((old) => ({ ...old, text: 'That transcript is too long (at most 900 KB).' }));
      return;
    }
    const text = await file.text();
    setLocalErrors((old) => ({ ...old, text: '' }));
    setForm((old) => ({ ...old, transcript: text, fileName: file.name }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    const minutes = Number(form.minutes.replace(',', '.'));
    if (form.minutes.trim() === '' || !Number.isFinite(minutes) || minutes < 0)
      errors.durationSeconds = 'How long did it take, in minutes?';
    const started = new Date(form.startedAt);
    if (!form.startedAt || Number.isNaN(started.getTime())) errors.startedAt = 'When did it start?';
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const transcript = form.transcript.trim();
    const format = form.fileName ? formatOf(form.fileName) : undefined;
    log.mutate({
      kind: form.kind,
      direction: form.direction,
      startedAt: started.toISOString(),
      durationSeconds: Math.round(minutes * 60),
      outcome: form.outcome,
      notes: form.notes.trim(),
      ...(transcript ? { transcript: { text: form.transcript, ...(format ? { format, fileName: form.fileName } : {}) } } : {}),
    });
  };

  const err = (field: string) => localErrors[field] || fieldError(log.error, field);
  return (
    <details className="side-card log-call">
      <summary className="side-card-title">Log a call</summary>
      <form onSubmit={submit} noValidate aria-label="Log a call" data-testid="log-call">
        <ErrorMessage
          error={log.error}
          fields={['kind', 'direction', 'startedAt', 'durationSeconds', 'outcome', 'notes', 'text']}
        />
        <div className="form-grid">
          <Field label="Kind" error={err('kind')}>
            <select value={form.kind} onChange={set('kind')} data-testid="call-kind">
              {callKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {kind === 'phone' ? 'Phone call' : 'Video meeting'}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Direction" error={err('direction')}>
            <select value={form.direction} onChange={set('direction')} data-testid="call-direction">
              {callDirections.map((direction) => (
                <option key={direction} value={direction}>
                  {direction === 'inbound' ? 'The customer called us' : 'We called the customer'}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Started" error={err('startedAt')}>
            <input type="datetime-local" value={form.startedAt} onChange={set('startedAt')} data-testid="call-started" />
          </Field>
          <Field label="Duration (minutes)" hint="2.5 is 2 min 30 s" error={err('durationSeconds')}>
            <input
              type="number"
              min={0}
              step="any"
              inputMode="decimal"
              className="input-narrow"
              value={form.minutes}
              onChange={set('minutes')}
              data-testid="call-duration"
            />
          </Field>
          <Field label="Outcome" error={err('outcome')}>
            <select value={form.outcome} onChange={set('outcome')} data-testid="call-outcome">
              {callOutcomes.map((outcome) => (
                <option key={outcome} value={outcome}>
                  {outcomeWords[outcome]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field label="Notes" error={err('notes')}>
          <textarea rows={3} value={form.notes} onChange={set('notes')} data-testid="call-notes" />
        </Field>
        <Field
          label="Transcript"
          hint={
            form.fileName
              ? `From ${form.fileName}. Speaker turns become timeline entries; the customer's are analysed like messages.`
              : "Paste it, or read a .txt, .vtt or .srt file below. Speaker turns become timeline entries; the customer's are analysed like messages."
          }
          error={err('text')}
        >
          <textarea
            rows={5}
            value={form.transcript}
            onChange={(event) => {
              setResult(null);
              setLocalErrors((old) => ({ ...old, text: '' }));
              setForm((old) => ({ ...old, transcript: event.target.value, fileName: event.target.value ? old.fileName : '' }));
            }}
            spellCheck={false}
            data-testid="call-transcript"
          />
        </Field>
        <div className="button-row">
          <label className="file-pick">
            Read a transcript file
            <input
              type="file"
              accept=".txt,.vtt,.srt,text/plain,text/vtt"
              className="visually-hidden"
              onChange={readFile}
              data-testid="call-transcript-file"
            />
          </label>
          <button type="submit" className="button-primary" disabled={log.isPending} data-testid="log-call-submit">
            {log.isPending ? 'Logging…' : 'Log the call'}
          </button>
        </div>
        {result ? (
          <p className="success" role="status">
            {result}
          </p>
        ) : null}
      </form>
      {calls.data && calls.data.length > 0 ? (
        <>
          <h3 className="panel-subtitle">Logged on this conversation</h3>
          <ul className="plain-list call-list" data-testid="call-list">
            {calls.data.map((call) => (
              <li key={call.id}>
                {call.kind === 'phone' ? 'Phone call' : 'Video meeting'}, {call.direction}, {formatDateTime(call.startedAt)},{' '}
                {formatDuration(call.durationSeconds)}: {outcomeWords[call.outcome] ?? capitalize(call.outcome)}
                {call.turnCount > 0 ? <span className="muted small"> ({call.turnCount} transcript turns)</span> : null}
                {call.notes ? <p className="muted small call-notes">{call.notes}</p> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </details>
  );
}
