import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { Avatar } from '@/components/avatar';
import { EmptyState } from '@/components/empty-state';
import { formatTime } from '@/lib/format';
import type { Conversation } from '@/lib/types';

interface ConversationListProps {
  conversations: Conversation[];
  currentUserId: string;
}

export function ConversationList({ conversations, currentUserId }: ConversationListProps) {
  const { t, i18n } = useTranslation();
  if (conversations.length === 0) return <EmptyState icon="chat">{t('messaging.empty')}</EmptyState>;
  return (
    <ul className="conversations" data-testid="conversation-list">
      {conversations.map(({ contact, lastMessage, unreadCount }) => (
        <li key={contact.id}>
          <NavLink
            to={`/messages/${contact.id}`}
            className={({ isActive }) => `conversation ${isActive ? 'is-active' : ''} ${unreadCount > 0 ? 'has-unread' : ''}`}
            data-testid="conversation"
          >
            <Avatar name={contact.name} />
            <span className="conversation__main">
              <span className="conversation__top">
                <strong>{contact.name}</strong>
                {lastMessage && (
                  <time className="muted small" dateTime={lastMessage.createdAt}>
                    {formatTime(lastMessage.createdAt, i18n.language)}
                  </time>
                )}
              </span>
              <span className="conversation__preview">
                {lastMessage ? `${lastMessage.senderId === currentUserId ? `${t('messaging.you')}: ` : ''}${lastMessage.content}` : ''}
              </span>
            </span>
            {unreadCount > 0 && (
              <span className="count" aria-label={t('messaging.unread', { count: unreadCount })} data-testid="conversation-unread">
                {unreadCount}
              </span>
            )}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}
