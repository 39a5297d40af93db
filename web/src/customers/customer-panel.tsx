import { Link } from 'react-router';
import { RegionalGuidanceCard } from '../regional/regional-guidance-card';
import { QueryState } from '../ui/states';
import { CustomerConversations } from './customer-conversations';
import { CustomerDetails } from './customer-details';
import { CustomerOrders } from './customer-orders';
import { useCustomer } from './use-customer';

interface CustomerPanelProps {
  customerId: string;
  currentConversationId?: string;
  /** On the profile page the name is already the page heading. */
  showName?: boolean;
}

/** Who the customer is, their orders and their other conversations. */
export function CustomerPanel({ customerId, currentConversationId, showName = true }: CustomerPanelProps) {
  const customer = useCustomer(customerId);
  return (
    <aside className="customer-panel" data-testid="customer-panel" aria-label="Customer">
      {customer.data ? (
        <>
          {showName ? (
            <h2 className="customer-panel-name">
              <Link to={`/customers/${customer.data.id}`}>{customer.data.name}</Link>
            </h2>
          ) : null}
          <CustomerDetails customer={customer.data} />
          <RegionalGuidanceCard country={customer.data.country} />
          <CustomerOrders customer={customer.data} />
          <CustomerConversations customerId={customerId} currentConversationId={currentConversationId} />
        </>
      ) : (
        <QueryState isPending={customer.isPending} error={customer.error} />
      )}
    </aside>
  );
}
