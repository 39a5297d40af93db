import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { AbuseBanner } from '../analysis/abuse-banner';
import { ReadingPanel } from '../analysis/reading-panel';
import { shiftReading } from '../analysis/shift-reading';
import { conversationsApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import type { ConversationDetail, Message } from '../api/types';
import { useUsers } from '../api/use-users';
import { useCurrentUser } from '../auth/session';
import { CustomerPanel } from '../customers/customer-panel';
import { crossedLine } from '../format/signals';
import { GuidancePanel } from '../playbook/guidance-panel';
import { playbookEntries } from '../playbook/playbook-words';
import { useAssist } from '../playbook/use-assist';
import { ScriptSuggestions } from '../scripts/script-suggestions';
import { usePageTitle } from '../shell/use-page-title';
import { ErrorMessage } from '../ui/error-message';
import { QueryState } from '../ui/states';
import { TypingIndicator, useAgentTyping, useChatSeen, useMarkChatRead } from './chat-presence';
import { Composer, type ComposerHandle } from './composer';
import { ConversationHeader } from './conversation-header';
import { DeliveryStatus, EmailExtras, useEmailStatus } from './email-details';
import { LogCallForm } from './log-call-form';
import { Timeline } from './timeline';

export function ConversationPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const detail = useQuery({ queryKey: queryKeys.conversation(id), queryFn: () => conversationsApi.get(id) });
  const conversation = detail.data?.conversation;
  const messages = detail.data?.messages ?? [];
  const user = useCurrentUser();
  const users = useUsers();
  const assist = useAssist(id);
  const composerRef = useRef<ComposerHandle>(null);
  const canAct = user.role === 'agent' || user.role === 'manager' || user.role === 'admin';
  const names = new Map((users.data ?? []).map((each) => [each.id, each.name] as const));
  const playbook = assist.data ? playbookEntries(assist.data.playbook, assist.data.steps, names, user.id) : [];
  usePageTitle(conversation ? `#${conversation.number} ${conversation.subject}` : 'Conversation');

  // Channels: e-mail delivery and attachments, chat typing and read state.
  const usesEmail = conversation?.channel === 'email' || messages.some((message) => message.channel === 'email');
  const isChat = conversation?.channel === 'chat' || messages.some((message) => message.channel === 'chat');
  const emailStatus = useEmailStatus(id, usesEmail);
  const seen = useChatSeen(id, isChat, messages);
  useMarkChatRead(id, isChat && canAct, messages);
  const agentTyping = useAgentTyping(id, isChat && canAct);
  const extras = (message: Message) => {
    const mail = emailStatus.get(message.id);
    return (
      <>
        {mail && message.kind === 'agent' && mail.direction === 'out' ? <DeliveryStatus item={mail} /> : null}
        {mail && message.kind === 'customer' && mail.direction === 'in' ? (
          <EmailExtras messageId={message.id} item={mail} />
        ) : null}
        {seen.has(message.id) ? (
          <p className="chat-seen" data-testid="chat-seen">
            Seen
          </p>
        ) : null}
      </>
    );
  };

  const earlier = useMutation({
    mutationFn: () => conversationsApi.earlier(id, messages[0]?.id ?? ''),
    onSuccess: (page) => {
      queryClient.setQueryData<ConversationDetail>(queryKeys.conversation(id), (old) => {
        if (!old) return old;
        const known = new Set(old.messages.map((message) => message.id));
        const added = page.messages.filter((message) => !known.has(message.id));
        // The reading points at messages by position: move it along with the ones put in front.
        return { ...old, messages: [...added, ...old.messages], reading: shiftReading(old.reading, added.length) };
      });
    },
  });

  // Keep the newest message in view when one arrives, unless the agent scrolled up to read.
  const timelineRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const lastMessageId = messages.at(-1)?.id;
  const lastEntry = `${lastMessageId ?? ''}:${playbook.length}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new message or playbook entry (lastEntry) must keep the log at its newest line
  useLayoutEffect(() => {
    const element = timelineRef.current;
    if (element && stickToBottom.current && lastMessageId) element.scrollTop = element.scrollHeight;
  }, [lastEntry]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: opening another conversation (id) must re-stick the log to its newest message
  useEffect(() => {
    stickToBottom.current = true;
  }, [id]);

  if (!conversation) {
    return (
      <section className="page">
        <p>
          <Link to="/inbox">← Inbox</Link>
        </p>
        <QueryState isPending={detail.isPending} error={detail.error} />
      </section>
    );
  }

  const hasEarlier = conversation.messageCount > messages.length && messages.length > 0;
  const abusiveSignals = [...new Set(messages.flatMap((message) => crossedLine(message.analysis)))];
  const abusive = abusiveSignals.length > 0 || (conversation.flags ?? []).includes('abuse') || detail.data?.reading?.abusive;

  return (
    <div className="conversation-layout">
      <section className="conversation-main" aria-labelledby="conversation-title">
        <Link to="/inbox" className="back-link">
          ← Inbox
        </Link>
        <ConversationHeader conversation={conversation} />
        {abusive ? <AbuseBanner conversation={conversation} signals={abusiveSignals} /> : null}
        <ReadingPanel conversation={conversation} reading={detail.data?.reading} />
        <div
          className="timeline-scroll"
          ref={timelineRef}
          role="log"
          aria-label="Messages"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable message log must be reachable by keyboard to scroll it
          tabIndex={0}
          onScroll={(event) => {
            const element = event.currentTarget;
            stickToBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 80;
          }}
        >
          {hasEarlier ? (
            <button type="button" className="load-more" onClick={() => earlier.mutate()} disabled={earlier.isPending}>
              {earlier.isPending ? 'Loading…' : 'Show earlier messages'}
            </button>
          ) : null}
          <ErrorMessage error={earlier.error} />
          {messages.length === 0 ? <p className="empty">No messages yet.</p> : null}
          <Timeline messages={messages} customerName={conversation.customer.name} playbook={playbook} extras={extras} />
        </div>
        {isChat ? <TypingIndicator conversationId={conversation.id} customerName={conversation.customer.name} /> : null}
        <Composer
          key={conversation.id}
          ref={composerRef}
          conversationId={conversation.id}
          customerName={conversation.customer.name}
          typing={isChat && canAct ? agentTyping : undefined}
        />
      </section>
      <div className="conversation-side">
        <GuidancePanel conversationId={conversation.id} canAct={canAct} />
        <ScriptSuggestions conversationId={conversation.id} onInsert={(script) => composerRef.current?.insertScript(script)} />
        {canAct ? <LogCallForm key={conversation.id} conversationId={conversation.id} /> : null}
        <CustomerPanel customerId={conversation.customer.id} currentConversationId={conversation.id} />
      </div>
    </div>
  );
}
