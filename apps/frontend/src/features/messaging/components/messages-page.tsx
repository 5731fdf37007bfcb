import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { QueryState } from '@/components/query-state';
import { Icon } from '@/components/icon';
import type { User } from '@/lib/types';
import { useConversations } from '../api/get-conversations';
import { ConversationList } from './conversation-list';
import { Thread } from './thread';

interface MessagesPageProps {
  currentUserId: string;
  /** People the user may write to without an existing conversation (their contacts). */
  knownUsers?: User[];
}

export function MessagesPage({ currentUserId, knownUsers = [] }: MessagesPageProps) {
  const { t } = useTranslation();
  const { userId } = useParams();
  const conversations = useConversations();
  const contact =
    conversations.data?.find((c) => c.contact.id === userId)?.contact ?? knownUsers.find((u) => u.id === userId);

  return (
    <div className={`page page--messages ${userId ? 'has-thread' : ''}`}>
      <h1 className="visually-hidden">{t('messaging.title')}</h1>
      <div className="messenger card">
        <nav className="messenger__list" aria-label={t('messaging.conversations')}>
          <h2 className="messenger__title">{t('messaging.conversations')}</h2>
          <QueryState isPending={conversations.isPending} error={conversations.error} onRetry={() => void conversations.refetch()}>
            <ConversationList conversations={conversations.data ?? []} currentUserId={currentUserId} />
          </QueryState>
        </nav>
        <div className="messenger__thread">
          {userId && contact ? (
            <Thread key={userId} contact={contact} currentUserId={currentUserId} />
          ) : userId && conversations.isPending ? null : (
            <div className="messenger__placeholder">
              <Icon name="chat" size={40} />
              <p>{t('messaging.pick')}</p>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
