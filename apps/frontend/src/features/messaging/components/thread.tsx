import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryState } from '@/components/query-state';
import { Avatar } from '@/components/avatar';
import { formatTime } from '@/lib/format';
import type { User } from '@/lib/types';
import { useConversation } from '../api/get-conversation';
import { useMarkConversationRead } from '../api/mark-conversation-read';
import { Composer } from './composer';

interface ThreadProps {
  contact: Pick<User, 'id' | 'name'> & Partial<User>;
  currentUserId: string;
}

/** One conversation, live: older pages load on demand, new messages scroll into view. */
export function Thread({ contact, currentUserId }: ThreadProps) {
  const { t, i18n } = useTranslation();
  const query = useConversation(contact.id);
  const markRead = useMarkConversationRead();
  const scrollRef = useRef<HTMLDivElement>(null);
  const newestSeen = useRef<string | null>(null);
  const keepOffset = useRef<number | null>(null);

  const messages = [...(query.data?.pages ?? [])].reverse().flatMap((p) => p.items);
  const newest = messages.at(-1);
  const newestIncomingUnread = [...messages].reverse().find((m) => m.senderId === contact.id && !m.readAt);

  // Stick to the bottom when a new message arrives; keep the position when history loads.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    if (keepOffset.current != null) {
      el.scrollTop = el.scrollHeight - keepOffset.current;
      keepOffset.current = null;
    } else if (newest && newest.id !== newestSeen.current) {
      el.scrollTop = el.scrollHeight;
    }
    newestSeen.current = newest?.id ?? null;
  }, [newest, messages.length]);

  // Opening the conversation reads it. A message that arrives while it is open in a visible tab
  // is read as it arrives (the stream observer does it); one that arrived while the tab was
  // hidden stays unread until the reader engages with the thread: a click, a key, focus.
  const unreadId = newestIncomingUnread?.id;
  const mutateRead = markRead.mutate;
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || !query.isSuccess) return;
    opened.current = true;
    if (unreadId) mutateRead(contact.id);
  }, [query.isSuccess, unreadId, contact.id, mutateRead]);
  const readOnActivity = () => {
    if (unreadId && !markRead.isPending) mutateRead(contact.id);
  };

  const loadOlder = () => {
    const el = scrollRef.current;
    if (el) keepOffset.current = el.scrollHeight - el.scrollTop;
    void query.fetchNextPage();
  };

  return (
    <section
      className="thread"
      aria-labelledby="thread-title"
      onPointerDown={readOnActivity}
      onKeyDown={readOnActivity}
      onFocus={readOnActivity}
    >
      <header className="thread__header">
        <Link to="/messages" className="thread__back btn btn--ghost btn--small">
          ← {t('messaging.back')}
        </Link>
        <Avatar name={contact.name} size={32} />
        <h2 id="thread-title">{contact.name}</h2>
      </header>
      <div className="thread__scroll" ref={scrollRef}>
        <QueryState isPending={query.isPending} error={query.error} onRetry={() => void query.refetch()}>
          {query.hasNextPage && (
            <div className="center">
              <button type="button" className="btn btn--ghost btn--small" onClick={loadOlder} disabled={query.isFetchingNextPage}>
                {query.isFetchingNextPage ? t('app.loading') : t('messaging.older')}
              </button>
            </div>
          )}
          {messages.length === 0 ? (
            <p className="muted center pad">{t('messaging.noMessages')}</p>
          ) : (
            <ol
              className="messages"
              aria-label={t('messaging.thread', { name: contact.name })}
              aria-live="polite"
              aria-relevant="additions"
              data-testid="thread"
            >
              {messages.map((m) => {
                const mine = m.senderId === currentUserId;
                return (
                  <li key={m.id} className={`message ${mine ? 'message--mine' : ''}`} data-testid="message">
                    <span className="visually-hidden">{mine ? t('messaging.you') : contact.name}: </span>
                    <p className="message__content">{m.content}</p>
                    <time className="message__time" dateTime={m.createdAt}>
                      {formatTime(m.createdAt, i18n.language)}
                    </time>
                    {mine && m.readAt && (
                      <span className="message__receipt" data-testid="read-receipt" title={formatTime(m.readAt, i18n.language)}>
                        {t('messaging.read')}
                      </span>
                    )}
                  </li>
                );
              })}
            </ol>
          )}
        </QueryState>
      </div>
      <Composer recipientId={contact.id} recipientName={contact.name} />
    </section>
  );
}
