import type { Customer } from '../api/types';
import { capitalize } from '../format/labels';
import { formatMoney } from '../format/money';
import { formatDate } from '../format/time';
import { QueryState } from '../ui/states';
import { useCustomerOrders } from './use-customer';

export function CustomerOrders({ customer }: { customer: Customer }) {
  const orders = useCustomerOrders(customer.id);
  return (
    <section className="panel-section" aria-labelledby={`orders-${customer.id}`}>
      <h3 id={`orders-${customer.id}`} className="panel-subtitle">
        Orders
      </h3>
      <QueryState
        isPending={orders.isPending}
        error={orders.error}
        empty={orders.isSuccess && orders.data.length === 0 && 'No orders yet.'}
      />
      {orders.data && orders.data.length > 0 ? (
        <ul className="order-list">
          {orders.data.map((order) => (
            <li key={order.id} className="order" data-testid="customer-order">
              <div className="order-top">
                <span className="order-reference">{order.reference}</span>
                <span className="order-amount">{formatMoney(order.amount, customer.language)}</span>
              </div>
              <div className="order-meta">
                <span className={`badge badge-order-${order.status}`}>{capitalize(order.status)}</span>
                <span>Ordered {formatDate(order.orderedAt)}</span>
                {order.shippedAt ? <span>Shipped {formatDate(order.shippedAt)}</span> : null}
                {order.deliveredAt ? <span>Delivered {formatDate(order.deliveredAt)}</span> : null}
              </div>
              {order.description ? <p className="order-description">{order.description}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
