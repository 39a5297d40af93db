import { useQuery } from '@tanstack/react-query';
import { conversationsApi, customersApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';

export function useCustomer(id: string) {
  return useQuery({ queryKey: queryKeys.customer(id), queryFn: () => customersApi.get(id) });
}

export function useCustomerOrders(id: string) {
  return useQuery({
    queryKey: queryKeys.customerOrders(id),
    queryFn: () => customersApi.orders(id),
    select: (data) => data.items,
  });
}

export function useCustomerConversations(id: string) {
  return useQuery({
    queryKey: queryKeys.customerConversations(id),
    queryFn: () => conversationsApi.forCustomer(id),
    select: (data) => data.items,
  });
}
