import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { customersApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import { type Customer, type CustomerStatus, customerStatuses } from '../api/types';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { ErrorMessage } from '../ui/error-message';

const words: Record<CustomerStatus, string> = { active: 'Active', watch: 'On watch', ended: 'Relationship ended' };

/** Changes the relationship status; ending it asks first. */
export function CustomerStatusControl({ customer }: { customer: Customer }) {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<CustomerStatus | null>(null);
  const change = useMutation({
    mutationFn: (status: CustomerStatus) => customersApi.update(customer.id, { status }),
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.customer(customer.id), updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.customerLists });
    },
  });

  const choose = (status: CustomerStatus) => {
    if (status === customer.status) return;
    if (status === 'ended') setPending(status);
    else change.mutate(status);
  };

  return (
    <div className="status-control">
      <label>
        <span>Relationship</span>
        <select
          value={customer.status}
          disabled={change.isPending}
          onChange={(event) => choose(event.target.value as CustomerStatus)}
        >
          {customerStatuses.map((status) => (
            <option key={status} value={status}>
              {words[status]}
            </option>
          ))}
        </select>
      </label>
      <ErrorMessage error={change.error} />
      <ConfirmDialog
        open={pending !== null}
        title={`End the relationship with ${customer.name}?`}
        confirmLabel="Yes, end it"
        cancelLabel="Keep it"
        danger
        onCancel={() => setPending(null)}
        onConfirm={() => {
          setPending(null);
          change.mutate('ended');
        }}
      >
        <p>This is a serious step and it is recorded in the audit log. You can change it back later.</p>
      </ConfirmDialog>
    </div>
  );
}
