import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { Customer } from '../api/types';
import { useCurrentUser } from '../auth/session';
import { ErrorMessage, fieldError } from '../ui/error-message';
import { Field } from '../ui/field';
import { privacyApi, privacyKeys } from './privacy-api';

/**
 * A manager's or admin's privacy actions on a customer: read everything held about them (a page
 * that opens in a new tab) and propose erasing them (another manager or admin approves).
 */
export function CustomerPrivacyActions({ customer }: { customer: Customer }) {
  const user = useCurrentUser();
  const [asking, setAsking] = useState(false);
  const [proposed, setProposed] = useState(false);
  if (user.role !== 'manager' && user.role !== 'admin') return null;
  return (
    <>
      <a className="button-link" href={privacyApi.exportPageUrl(customer.id)} target="_blank" rel="noopener">
        Export data
      </a>
      <button type="button" onClick={() => setAsking(true)}>
        Request erasure
      </button>
      {proposed ? (
        <p role="status" className="privacy-proposed">
          Erasure requested. A different manager or admin approves it under <Link to="/privacy">Privacy</Link>.
        </p>
      ) : null}
      {asking ? (
        <ErasureDialog
          customer={customer}
          onClose={(done) => {
            setAsking(false);
            if (done) setProposed(true);
          }}
        />
      ) : null}
    </>
  );
}

function ErasureDialog({ customer, onClose }: { customer: Customer; onClose: (done: boolean) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [reason, setReason] = useState('');
  const queryClient = useQueryClient();
  const propose = useMutation({
    mutationFn: () => privacyApi.proposeErasure(customer.id, reason),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: privacyKeys.allErasureRequests });
      onClose(true);
    },
  });
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose(false);
      }}
    >
      <h2 id={titleId}>Request erasure of {customer.name}?</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          propose.mutate();
        }}
      >
        <p>
          Once another manager or admin approves, their name, contacts, messages, attachments and e-mail records are anonymised
          for good. Case numbers and statistics remain.
        </p>
        <Field label="Reason" error={fieldError(propose.error, 'reason')} hint="For example: the customer asked to be forgotten.">
          <textarea value={reason} onChange={(event) => setReason(event.target.value)} rows={3} required minLength={3} />
        </Field>
        <ErrorMessage error={propose.error} fields={['reason']} />
        <div className="button-row">
          <button type="button" onClick={() => onClose(false)}>
            Cancel
          </button>
          <button type="submit" className="button-danger" disabled={propose.isPending}>
            Request erasure
          </button>
        </div>
      </form>
    </dialog>
  );
}
