import type { Customer } from '../api/types';
import { languageName, regionName } from '../format/labels';
import { formatMoney } from '../format/money';
import { CustomerStatusBadge, TierBadge } from '../ui/badges';
import { CustomerLocalTime } from './customer-local-time';

function List({ items, empty }: { items: string[]; empty: string }) {
  if (items.length === 0) return <span className="muted">{empty}</span>;
  return (
    <ul className="plain-list">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

export function CustomerDetails({ customer }: { customer: Customer }) {
  return (
    <>
      <div className="customer-badges">
        <TierBadge tier={customer.tier} />
        <CustomerStatusBadge status={customer.status} />
      </div>
      <dl className="details">
        <dt>Lifetime value</dt>
        <dd data-testid="customer-lifetime-value">{formatMoney(customer.lifetimeValue, customer.language)}</dd>
        <dt>Local time</dt>
        <dd>
          <CustomerLocalTime timeZone={customer.timeZone} language={customer.language} />
        </dd>
        <dt>Where</dt>
        <dd>{regionName(customer.country, customer.region)}</dd>
        <dt>Language</dt>
        <dd>{languageName(customer.language)}</dd>
        <dt>Currency</dt>
        <dd>{customer.currency}</dd>
        <dt>Email</dt>
        <dd>
          <List items={customer.emails} empty="None on file" />
        </dd>
        <dt>Phone</dt>
        <dd>
          <List items={customer.phones} empty="None on file" />
        </dd>
        {customer.externalId ? (
          <>
            <dt>External ID</dt>
            <dd>{customer.externalId}</dd>
          </>
        ) : null}
        <dt>Tags</dt>
        <dd>
          {customer.tags.length ? (
            <ul className="tag-list">
              {customer.tags.map((tag) => (
                <li key={tag} className="tag">
                  {tag}
                </li>
              ))}
            </ul>
          ) : (
            <span className="muted">No tags</span>
          )}
        </dd>
      </dl>
      <h3 className="panel-subtitle">Notes</h3>
      {customer.notes ? <p className="customer-notes">{customer.notes}</p> : <p className="muted">No notes yet.</p>}
    </>
  );
}
