export { loadCustomers } from './db/customer-rows.ts';
export type { Customer, CustomerStatus, CustomerTier, Order } from './domain/customer.ts';
export type { CustomerFieldsInput } from './domain/customer-schema.ts';
export { customersRoutes } from './http/customers.routes.ts';
export type { CustomerDeps } from './use-cases/customer-deps.ts';
export { identifyOrCreateCustomer, type SenderIdentity } from './use-cases/identify-customer.ts';
export { createOrder, listCustomerOrders } from './use-cases/manage-orders.ts';
export { removeCustomerIfUnused } from './use-cases/remove-stand-in.ts';
export { createCustomer, getCustomer, updateCustomer } from './use-cases/save-customer.ts';
