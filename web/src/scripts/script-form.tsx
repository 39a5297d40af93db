import { type FormEvent, useState } from 'react';
import type { PlaybookStepId, Script, ScriptFields } from '../api/types';
import { ErrorMessage, fieldError } from '../ui/error-message';
import { Field } from '../ui/field';

export const stepOptions: { id: PlaybookStepId; label: string }[] = [
  { id: 'initial_contact', label: '1. Initial contact' },
  { id: 'listen', label: '2. Listen actively' },
  { id: 'de_escalate', label: '3. De-escalate' },
  { id: 'resolve', label: '4. Resolve' },
  { id: 'escalate', label: '5. Escalate' },
  { id: 'follow_up', label: '6. Follow up' },
  { id: 'reflect', label: '7. Reflect' },
];

const tierOptions = ['standard', 'gold', 'vip'] as const;

function list(text: string, upper = false): string[] {
  return text
    .split(',')
    .map((part) => (upper ? part.trim().toUpperCase() : part.trim()))
    .filter(Boolean);
}

/** Writing a new script or the next version of one. */
export function ScriptForm({
  initial,
  pending,
  error,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial?: Script;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (fields: ScriptFields) => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState({
    title: initial?.title ?? '',
    step: initial?.step ?? ('initial_contact' as PlaybookStepId),
    language: initial?.language ?? 'en',
    categories: (initial?.categories ?? []).join(', '),
    intents: (initial?.intents ?? []).join(', '),
    regions: (initial?.regions ?? []).join(', '),
    tiers: new Set<string>(initial?.tiers ?? []),
    body: initial?.body ?? '',
  });
  const set =
    (key: 'title' | 'step' | 'language' | 'categories' | 'intents' | 'regions' | 'body') =>
    (event: { target: { value: string } }) =>
      setForm((old) => ({ ...old, [key]: event.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      title: form.title.trim(),
      step: form.step,
      language: form.language.trim().toLowerCase(),
      categories: list(form.categories),
      intents: list(form.intents),
      regions: list(form.regions, true),
      tiers: tierOptions.filter((tier) => form.tiers.has(tier)),
      body: form.body,
    });
  };
  const err = (field: string) => fieldError(error, field);
  return (
    <form className="card script-form" onSubmit={submit} noValidate data-testid="script-form">
      <ErrorMessage error={error} fields={['title', 'step', 'language', 'categories', 'intents', 'regions', 'tiers', 'body']} />
      <div className="form-grid">
        <Field label="Title" error={err('title')}>
          <input value={form.title} onChange={set('title')} required maxLength={200} data-testid="script-form-title" />
        </Field>
        <Field label="Playbook step" error={err('step')}>
          <select value={form.step} onChange={set('step')}>
            {stepOptions.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Language" hint="Two letters: en, de, fr, es, ro…" error={err('language')}>
          <input value={form.language} onChange={set('language')} maxLength={3} required />
        </Field>
        <Field label="Issue categories" hint="Comma separated, e.g. billing, delivery; empty for any" error={err('categories')}>
          <input value={form.categories} onChange={set('categories')} />
        </Field>
        <Field label="What the customer wants" hint="Comma separated, e.g. refund, compensation, abuse" error={err('intents')}>
          <input value={form.intents} onChange={set('intents')} />
        </Field>
        <Field label="Countries" hint="Comma separated codes, e.g. RO, DE; empty for everywhere" error={err('regions')}>
          <input value={form.regions} onChange={set('regions')} />
        </Field>
      </div>
      <fieldset className="tier-choices">
        <legend>Customer tiers (none ticked: every tier)</legend>
        {tierOptions.map((tier) => (
          <label key={tier} className="inline-choice">
            <input
              type="checkbox"
              checked={form.tiers.has(tier)}
              onChange={(event) =>
                setForm((old) => {
                  const tiers = new Set(old.tiers);
                  if (event.target.checked) tiers.add(tier);
                  else tiers.delete(tier);
                  return { ...old, tiers };
                })
              }
            />{' '}
            {tier === 'vip' ? 'VIP' : tier.charAt(0).toUpperCase() + tier.slice(1)}
          </label>
        ))}
      </fieldset>
      <Field
        label="Text"
        hint={
          <>
            Placeholders fill from the customer record: {'{{customer.formalAddress}}'}, {'{{customer.firstName}}'},{' '}
            {'{{order.reference}}'}, {'{{amount}}'}, {'{{date}}'}, {'{{agent.firstName}}'}, {'{{company.name}}'},{' '}
            {'{{case.number}}'}.
          </>
        }
        error={err('body')}
      >
        <textarea value={form.body} onChange={set('body')} rows={8} required maxLength={5000} data-testid="script-form-body" />
      </Field>
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
