import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type CustomerChanges, customersApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import { type Customer, type CustomerTier, customerTiers } from '../api/types';
import { ErrorMessage, fieldError } from '../ui/error-message';
import { Field } from '../ui/field';

interface Draft {
  name: string;
  emails: string;
  phones: string;
  externalId: string;
  country: string;
  region: string;
  language: string;
  currency: string;
  timeZone: string;
  tier: CustomerTier;
  tags: string;
  notes: string;
}

function toDraft(customer: Customer): Draft {
  return {
    name: customer.name,
    emails: customer.emails.join('\n'),
    phones: customer.phones.join('\n'),
    externalId: customer.externalId ?? '',
    country: customer.country,
    region: customer.region ?? '',
    language: customer.language,
    currency: customer.currency,
    timeZone: customer.timeZone,
    tier: customer.tier,
    tags: customer.tags.join(', '),
    notes: customer.notes,
  };
}

const lines = (text: string) =>
  text
    .split(/[\n,;]/)
    .map((item) => item.trim())
    .filter(Boolean);

function toChanges(draft: Draft, customer: Customer): CustomerChanges {
  const next: CustomerChanges = {
    name: draft.name.trim(),
    emails: lines(draft.emails),
    phones: lines(draft.phones),
    externalId: draft.externalId.trim() || null,
    country: draft.country.trim().toUpperCase(),
    region: draft.region.trim() || null,
    language: draft.language.trim(),
    currency: draft.currency.trim().toUpperCase(),
    timeZone: draft.timeZone.trim(),
    tier: draft.tier,
    tags: lines(draft.tags),
    notes: draft.notes,
  };
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (JSON.stringify(value) !== JSON.stringify(customer[key as keyof Customer])) changes[key] = value;
  }
  return changes as CustomerChanges;
}

export function CustomerEditForm({ customer, onDone }: { customer: Customer; onDone: () => void }) {
  const [draft, setDraft] = useState(() => toDraft(customer));
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (changes: CustomerChanges) => customersApi.update(customer.id, changes),
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.customer(customer.id), updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.customerLists });
      onDone();
    },
  });

  const set = (key: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft((old) => ({ ...old, [key]: event.target.value }));
  const error = (field: string) => fieldError(save.error, field);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const changes = toChanges(draft, customer);
    if (Object.keys(changes).length === 0) onDone();
    else save.mutate(changes);
  };

  const fields = [
    'name',
    'emails',
    'phones',
    'externalId',
    'country',
    'region',
    'language',
    'currency',
    'timeZone',
    'tier',
    'tags',
    'notes',
  ];

  return (
    <form className="edit-form" onSubmit={onSubmit} aria-label="Edit customer" noValidate>
      <ErrorMessage error={save.error} fields={fields} />
      <Field label="Name" error={error('name')}>
        <input value={draft.name} onChange={set('name')} required />
      </Field>
      <div className="form-grid">
        <Field label="Emails" hint="One per line" error={error('emails')}>
          <textarea rows={2} value={draft.emails} onChange={set('emails')} />
        </Field>
        <Field label="Phones" hint="One per line" error={error('phones')}>
          <textarea rows={2} value={draft.phones} onChange={set('phones')} />
        </Field>
        <Field label="Country" hint="Two letters, like RO" error={error('country')}>
          <input value={draft.country} onChange={set('country')} maxLength={2} />
        </Field>
        <Field label="Region" error={error('region')}>
          <input value={draft.region} onChange={set('region')} />
        </Field>
        <Field label="Language" hint="Like ro or en-GB" error={error('language')}>
          <input value={draft.language} onChange={set('language')} />
        </Field>
        <Field label="Currency" hint="Like RON" error={error('currency')}>
          <input value={draft.currency} onChange={set('currency')} maxLength={3} />
        </Field>
        <Field label="Time zone" hint="Like Europe/Bucharest" error={error('timeZone')}>
          <input value={draft.timeZone} onChange={set('timeZone')} />
        </Field>
        <Field label="Tier" error={error('tier')}>
          <select value={draft.tier} onChange={set('tier')}>
            {customerTiers.map((tier) => (
              <option key={tier} value={tier}>
                {tier === 'vip' ? 'VIP' : tier.charAt(0).toUpperCase() + tier.slice(1)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="External ID" error={error('externalId')}>
          <input value={draft.externalId} onChange={set('externalId')} />
        </Field>
        <Field label="Tags" hint="Separated by commas" error={error('tags')}>
          <input value={draft.tags} onChange={set('tags')} />
        </Field>
      </div>
      <Field label="Notes" error={error('notes')}>
        <textarea rows={4} value={draft.notes} onChange={set('notes')} />
      </Field>
      <div className="button-row">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save changes'}
        </button>
      </div>
    </form>
  );
}
