import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys';
import type { ChatSessionState, ConversationDetail, ConversationSummary, Message, Page, ServerEvent } from '../api/types';
import { addAbuseAlert } from './abuse-alerts';

/** Whether the customer is typing in a chat, as the live connection last heard it (never fetched). */
export interface ChatTyping {
  typing: boolean;
  /** When we heard it (ms): a widget that vanished mid-word never sends "stopped". */
  heardAt: number;
}

function byTime(a: Message, b: Message): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
}

/** Adds a message to an open conversation's cache once, keeping the timeline oldest first. */
export function addMessage(queryClient: QueryClient, message: Message, conversation?: ConversationSummary): void {
  queryClient.setQueryData<ConversationDetail>(queryKeys.conversation(message.conversationId), (old) => {
    if (!old) return old;
    const known = old.messages.some((existing) => existing.id === message.id);
    const messages = known ? old.messages : [...old.messages, message].sort(byTime);
    return { ...old, conversation: conversation ?? old.conversation, messages };
  });
}

/** Replaces a conversation summary wherever it is cached, then lets lists refetch for filters and order. */
export function updateConversation(queryClient: QueryClient, conversation: ConversationSummary): void {
  queryClient.setQueryData<ConversationDetail>(queryKeys.conversation(conversation.id), (old) =>
    old ? { ...old, conversation } : old,
  );
  queryClient.setQueriesData<InfiniteData<Page<ConversationSummary>>>({ queryKey: queryKeys.conversationLists }, (old) =>
    old
      ? {
          ...old,
          pages: old.pages.map((page) => ({
            ...page,
            items: page.items.map((item) => (item.id === conversation.id ? conversation : item)),
          })),
        }
      : old,
  );
}

function refreshLists(queryClient: QueryClient, customerId?: string): void {
  void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists });
  if (customerId) void queryClient.invalidateQueries({ queryKey: queryKeys.customerConversations(customerId) });
}

export function applyServerEvent(queryClient: QueryClient, event: ServerEvent): void {
  switch (event.type) {
    case 'message.created':
      addMessage(queryClient, event.message, event.conversation);
      // Replies tick the checklist and customer messages raise suggestions: refresh an open playbook.
      void queryClient.invalidateQueries({ queryKey: queryKeys.assist(event.conversationId), exact: true });
      if (event.conversation) updateConversation(queryClient, event.conversation);
      // Events relayed between server nodes carry a shortened body; fetch the full one.
      if (event.refetch) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(event.conversationId), exact: true });
      }
      // A customer message moves the reading (trajectory, trend, feels unheard): fetch it fresh.
      if (event.message.kind === 'customer' && !event.refetch) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(event.conversationId), exact: true });
      }
      refreshLists(queryClient, event.conversation?.customer.id);
      // An e-mail reply has a delivery status; a customer's mail may bring attachments.
      void queryClient.invalidateQueries({ queryKey: queryKeys.emailStatus(event.conversationId), exact: true });
      // A message from the customer ends their typing.
      if (event.message.kind === 'customer') {
        queryClient.setQueryData<ChatTyping>(queryKeys.chatTyping(event.conversationId), (old) =>
          old ? { typing: false, heardAt: Date.now() } : old,
        );
      }
      return;
    case 'chat.typing':
      if (event.by !== 'customer') return;
      queryClient.setQueryData<ChatTyping>(queryKeys.chatTyping(event.conversationId), {
        typing: event.typing,
        heardAt: Date.now(),
      });
      return;
    case 'chat.read': {
      if (event.by !== 'customer') return;
      const key = queryKeys.chatSessions(event.conversationId);
      const known = queryClient.getQueryData<{ sessions: ChatSessionState[] }>(key);
      // Not loaded (or the session just started): fetch the read state afresh.
      if (!known || known.sessions.length === 0) {
        void queryClient.invalidateQueries({ queryKey: key, exact: true });
        return;
      }
      queryClient.setQueryData<{ sessions: ChatSessionState[] }>(key, {
        sessions: known.sessions.map((session) => ({
          ...session,
          customerReadMessageId: event.messageId,
          customerReadAt: event.at,
        })),
      });
      return;
    }
    case 'abuse.detected':
      addAbuseAlert(queryClient, {
        conversationId: event.conversationId,
        messageId: event.messageId,
        conversation: event.conversation,
        kinds: event.kinds,
        at: new Date().toISOString(),
      });
      if (event.conversation) updateConversation(queryClient, event.conversation);
      return;
    case 'conversation.updated':
      updateConversation(queryClient, event.conversation);
      // Resolving moves the playbook on to the follow-up.
      void queryClient.invalidateQueries({ queryKey: queryKeys.assist(event.conversationId), exact: true });
      // A change is recorded as a system message; fetch it if this conversation is open.
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(event.conversationId), exact: true });
      refreshLists(queryClient, event.conversation.customer.id);
      return;
    case 'conversation.created':
      refreshLists(queryClient, event.conversation.customer.id);
      return;
    case 'customer.updated':
      queryClient.setQueryData(queryKeys.customer(event.customerId), event.customer);
      void queryClient.invalidateQueries({ queryKey: queryKeys.customerLists });
      return;
    case 'pong':
      return;
  }
}
