import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { customersApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import { customerStatuses, customerTiers } from '../api/types';
import { capitalize, regionName } from '../format/labels';
import { formatMoney } from '../format/money';
import { usePageTitle } from '../shell/use-page-title';
import { CustomerStatusBadge, TierBadge } from '../ui/badges';
import { QueryState } from '../ui/states';
import { ImportForm } from './import-form';

export function CustomersPage() {
  usePageTitle('Customers');
  const [searchParams, setSearchParams] = useSearchParams();
  const params = {
    query: searchParams.get('query') ?? '',
    status: searchParams.get('status') ?? '',
    tier: searchParams.get('tier') ?? '',
  };
  const [queryText, setQueryText] = useState(params.query);

  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearchParams(next, { replace: true });
  };

  // Search as you type, after a short pause.
  useEffect(() => {
    if (queryText.trim() === params.query) return;
    const timer = setTimeout(() => setParam('query', queryText.trim()), 300);
    return () => clearTimeout(timer);
  });

  const list = useInfiniteQuery({
    queryKey: queryKeys.customers(params),
    queryFn: ({ pageParam }) => customersApi.list(params, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const customers = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="page" aria-labelledby="customers-title">
      <div className="page-header">
        <h1 id="customers-title">Customers</h1>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is not yet announced by every screen reader we support; the role is */}
      <form
        className="filter-bar filter-selects"
        role="search"
        aria-label="Find customers"
        onSubmit={(event) => {
          event.preventDefault();
          setParam('query', queryText.trim());
        }}
      >
        <label className="grow">
          <span>Search</span>
          <input
            type="search"
            value={queryText}
            placeholder="Name, email, phone or external ID"
            onChange={(event) => setQueryText(event.target.value)}
          />
        </label>
        <label>
          <span>Status</span>
          <select value={params.status} onChange={(event) => setParam('status', event.target.value)}>
            <option value="">Any status</option>
            {customerStatuses.map((status) => (
              <option key={status} value={status}>
                {capitalize(status)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Tier</span>
          <select value={params.tier} onChange={(event) => setParam('tier', event.target.value)}>
            <option value="">Any tier</option>
            {customerTiers.map((tier) => (
              <option key={tier} value={tier}>
                {tier === 'vip' ? 'VIP' : capitalize(tier)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <QueryState
        isPending={list.isPending}
        error={list.error}
        empty={list.isSuccess && customers.length === 0 && 'No customers match that.'}
      />
      {customers.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Customers</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Contact</th>
                <th scope="col">Where</th>
                <th scope="col">Status</th>
                <th scope="col" className="numeric">
                  Lifetime value
                </th>
              </tr>
            </thead>
            <tbody>
              {customers.map((customer) => (
                <tr key={customer.id} data-testid="customer-row" data-customer-id={customer.id}>
                  <th scope="row">
                    <Link to={`/customers/${customer.id}`}>{customer.name}</Link> <TierBadge tier={customer.tier} />
                  </th>
                  <td>{customer.emails[0] ?? customer.phones[0] ?? '—'}</td>
                  <td>{regionName(customer.country, customer.region)}</td>
                  <td>
                    <CustomerStatusBadge status={customer.status} />
                  </td>
                  <td className="numeric">{formatMoney(customer.lifetimeValue, customer.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.hasNextPage ? (
        <button type="button" className="load-more" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? 'Loading…' : 'Show more'}
        </button>
      ) : null}
      <ImportForm />
    </section>
  );
}
