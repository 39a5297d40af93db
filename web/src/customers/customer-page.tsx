import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { CustomerPrivacyActions } from '../privacy/customer-privacy-actions';
import { usePageTitle } from '../shell/use-page-title';
import { QueryState } from '../ui/states';
import { CustomerEditForm } from './customer-edit-form';
import { CustomerPanel } from './customer-panel';
import { CustomerStatusControl } from './customer-status-control';
import { useCustomer } from './use-customer';

export function CustomerPage() {
  const { id = '' } = useParams();
  const customer = useCustomer(id);
  const [editing, setEditing] = useState(false);
  usePageTitle(customer.data?.name ?? 'Customer');

  if (!customer.data) {
    return (
      <section className="page">
        <Link to="/customers" className="back-link">
          ← Customers
        </Link>
        <QueryState isPending={customer.isPending} error={customer.error} />
      </section>
    );
  }

  return (
    <section className="page customer-page" aria-labelledby="customer-title">
      <Link to="/customers" className="back-link">
        ← Customers
      </Link>
      <div className="page-header">
        <h1 id="customer-title">{customer.data.name}</h1>
        <div className="page-actions">
          <CustomerStatusControl customer={customer.data} />
          {!editing ? (
            <button type="button" onClick={() => setEditing(true)}>
              Edit details
            </button>
          ) : null}
          <CustomerPrivacyActions customer={customer.data} />
        </div>
      </div>
      {editing ? <CustomerEditForm customer={customer.data} onDone={() => setEditing(false)} /> : null}
      <CustomerPanel customerId={id} showName={false} />
    </section>
  );
}
