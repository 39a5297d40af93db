import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { regionalApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import type { RegionalGuidance } from '../api/types';
import { usePageTitle } from '../shell/use-page-title';
import { ErrorMessage, fieldError } from '../ui/error-message';
import { Field } from '../ui/field';
import { QueryState } from '../ui/states';
import { useRegionalGuidance } from './regional-guidance-card';

/** Admins keep per-country notes for agents: formality, directness, channels, hours, holidays. */
export function RegionalGuidancePage() {
  usePageTitle('Regional guidance');
  const guidance = useRegionalGuidance();
  const [country, setCountry] = useState('');
  const items = guidance.data?.items ?? {};
  const countries = Object.values(items).sort((a, b) => a.countryName.localeCompare(b.countryName));
  const selected = items[country] ?? countries[0];
  return (
    <section className="page" aria-labelledby="regional-title">
      <div className="page-header">
        <h1 id="regional-title">Regional guidance</h1>
      </div>
      <p className="muted">
        Notes agents see beside a customer from this country. Write them as advice for the agent, never as a judgement of people:
        the customer's own tone always wins.
      </p>
      <QueryState isPending={guidance.isPending} error={guidance.error} />
      {selected ? (
        <>
          <div className="filter-bar filter-selects">
            <label>
              Country
              <select
                value={selected.country}
                onChange={(event) => setCountry(event.target.value)}
                data-testid="regional-country"
              >
                {countries.map((item) => (
                  <option key={item.country} value={item.country}>
                    {item.countryName} ({item.country}){item.edited ? ', edited' : ''}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <GuidanceForm key={selected.country} initial={selected} />
        </>
      ) : null}
    </section>
  );
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function GuidanceForm({ initial }: { initial: RegionalGuidance }) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const [form, setForm] = useState({
    countryName: initial.countryName,
    locale: initial.locale,
    formality: initial.formality,
    directness: initial.directness,
    channels: initial.preferredChannels.join(', '),
    timeZone: initial.businessHours.timeZone,
    days: initial.businessHours.days,
    open: initial.businessHours.open,
    close: initial.businessHours.close,
    hoursNote: initial.businessHours.note ?? '',
    holidays: initial.holidays.map((holiday) => `${holiday.name}: ${holiday.when}`).join('\n'),
    notes: initial.notes.join('\n'),
  });
  const save = useMutation({
    mutationFn: (guidance: Omit<RegionalGuidance, 'edited'>) => regionalApi.save(initial.country, guidance),
    onSuccess: () => {
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: queryKeys.regionalGuidance });
      void queryClient.invalidateQueries({ queryKey: ['assist'] });
    },
  });
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => {
    setSaved(false);
    setForm((old) => ({ ...old, [key]: event.target.value }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      country: initial.country,
      countryName: form.countryName.trim(),
      locale: form.locale.trim(),
      formality: form.formality.trim(),
      directness: form.directness.trim(),
      preferredChannels: form.channels
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
      businessHours: {
        timeZone: form.timeZone.trim(),
        days: form.days.trim(),
        open: form.open,
        close: form.close,
        ...(form.hoursNote.trim() ? { note: form.hoursNote.trim() } : {}),
      },
      holidays: lines(form.holidays).map((line) => {
        const at = line.indexOf(':');
        return at > 0 ? { name: line.slice(0, at).trim(), when: line.slice(at + 1).trim() } : { name: line, when: 'date varies' };
      }),
      notes: lines(form.notes),
    });
  };
  const err = (field: string) => fieldError(save.error, field);
  return (
    <form
      className="card"
      onSubmit={submit}
      noValidate
      aria-label={`Guidance for ${initial.countryName}`}
      data-testid="regional-form"
    >
      <ErrorMessage
        error={save.error}
        fields={[
          'countryName',
          'locale',
          'formality',
          'directness',
          'preferredChannels',
          'timeZone',
          'days',
          'open',
          'close',
          'holidays',
          'notes',
        ]}
      />
      <div className="form-grid">
        <Field label="Country name" error={err('countryName')}>
          <input value={form.countryName} onChange={set('countryName')} required />
        </Field>
        <Field label="Locale for amounts and dates" hint="e.g. ro-RO" error={err('locale')}>
          <input value={form.locale} onChange={set('locale')} required />
        </Field>
        <Field label="Preferred channels" hint="Comma separated" error={err('preferredChannels')}>
          <input value={form.channels} onChange={set('channels')} />
        </Field>
        <Field label="Time zone" hint="e.g. Europe/Bucharest" error={err('timeZone')}>
          <input value={form.timeZone} onChange={set('timeZone')} required />
        </Field>
        <Field label="Working days" hint="e.g. Monday to Friday" error={err('days')}>
          <input value={form.days} onChange={set('days')} />
        </Field>
        <Field label="Opens" error={err('open')}>
          <input type="time" value={form.open} onChange={set('open')} required />
        </Field>
        <Field label="Closes" error={err('close')}>
          <input type="time" value={form.close} onChange={set('close')} required />
        </Field>
        <Field label="Note on hours" error={err('note')}>
          <input value={form.hoursNote} onChange={set('hoursNote')} />
        </Field>
      </div>
      <Field label="Formality" error={err('formality')}>
        <textarea rows={3} value={form.formality} onChange={set('formality')} />
      </Field>
      <Field label="Directness" error={err('directness')}>
        <textarea rows={3} value={form.directness} onChange={set('directness')} />
      </Field>
      <Field label="Holidays to mind" hint="One a line: name, a colon, when" error={err('holidays')}>
        <textarea rows={6} value={form.holidays} onChange={set('holidays')} />
      </Field>
      <Field label="Notes for agents" hint="One a line" error={err('notes')}>
        <textarea rows={4} value={form.notes} onChange={set('notes')} />
      </Field>
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save guidance'}
        </button>
      </div>
      {saved ? (
        <p className="success" role="status">
          Saved. Agents see the new notes beside customers from {form.countryName}.
        </p>
      ) : null}
    </form>
  );
}
