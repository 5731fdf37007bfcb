import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { QueryState } from '@/components/query-state';
import { EmptyState } from '@/components/empty-state';
import { toast } from '@/components/toast-store';
import { ApiError } from '@/lib/api-client';
import { looksLikeEmail } from '@/lib/error-message';
import { useFieldChecks } from '@/hooks/use-field-checks';
import { formatDate } from '@/lib/format';
import type { ContactRequest, User } from '@/lib/types';
import { useContacts } from '../api/get-contacts';
import { useContactRequests } from '../api/get-contact-requests';
import { useSendContactRequest } from '../api/send-contact-request';
import { useRespondToContactRequest } from '../api/respond-to-contact-request';
import { useRemoveContact } from '../api/remove-contact';
import { Avatar } from '@/components/avatar';
import { ConfirmDialog } from '@/components/confirm-dialog';

function InviteForm() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const send = useSendContactRequest();
  const checks = useFieldChecks(
    () => ({ email: !email.trim() ? t('fieldErrors.contactEmailRequired') : !looksLikeEmail(email) ? t('fieldErrors.email') : undefined }),
    send.error,
  );
  const err = send.error instanceof ApiError ? send.error : null;
  // The server's answers about the address are the field's own messages.
  const emailError =
    checks.errors.email ?? (err?.status === 404 ? t('contacts.unknownEmail') : err?.status === 409 ? t('contacts.alreadyRequested') : undefined);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    if (!checks.passes(e)) return;
    send.mutate(email.trim(), {
      onSuccess: () => {
        setEmail('');
        checks.reset();
        toast.success(t('contacts.sent'));
      },
    });
  };
  return (
    <section className="card pad" aria-labelledby="invite-title">
      <h2 id="invite-title">{t('contacts.invite')}</h2>
      <p className="muted">{t('contacts.inviteLead')}</p>
      <form className="form form--row" onSubmit={submit} noValidate>
        <Field
          label={t('contacts.email')}
          type="email"
          name="email"
          required
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={emailError}
        />
        <button type="submit" className="btn btn--primary" disabled={send.isPending}>
          {t('contacts.send')}
        </button>
      </form>
      {!emailError && <FormError error={send.error} />}
    </section>
  );
}

function RequestRow({ request, incoming }: { request: ContactRequest; incoming: boolean }) {
  const { t, i18n } = useTranslation();
  const respond = useRespondToContactRequest();
  const other = incoming ? request.requester : request.recipient;
  return (
    <li className="row" data-testid="contact-request">
      <Avatar name={other.name} />
      <div className="row__main">
        <strong>{other.name}</strong>
        <span className="muted small">
          {other.email} · {formatDate(request.createdAt, i18n.language)}
        </span>
      </div>
      {incoming ? (
        <div className="row__actions">
          <button
            type="button"
            className="btn btn--primary btn--small"
            disabled={respond.isPending}
            onClick={() => respond.mutate({ id: request.id, answer: 'accept' })}
            aria-label={`${t('contacts.accept')}: ${other.name}`}
          >
            {t('contacts.accept')}
          </button>
          <button
            type="button"
            className="btn btn--secondary btn--small"
            disabled={respond.isPending}
            onClick={() => respond.mutate({ id: request.id, answer: 'decline' })}
            aria-label={`${t('contacts.decline')}: ${other.name}`}
          >
            {t('contacts.decline')}
          </button>
        </div>
      ) : (
        <span className="pill">{t('contacts.pending')}</span>
      )}
    </li>
  );
}

export function ContactsPage() {
  const { t, i18n } = useTranslation();
  const contacts = useContacts();
  const requests = useContactRequests();
  const remove = useRemoveContact();
  const [removing, setRemoving] = useState<User | null>(null);
  const incoming = requests.data?.incoming.filter((r) => r.status === 'PENDING') ?? [];
  const outgoing = requests.data?.outgoing.filter((r) => r.status === 'PENDING') ?? [];

  return (
    <div className="page">
      <header className="page__header">
        <h1>{t('contacts.title')}</h1>
      </header>
      <div className="grid grid--2">
        <div className="stack">
          <InviteForm />
          <section className="card" aria-labelledby="incoming-title">
            <header className="card__header">
              <h2 id="incoming-title">
                {t('contacts.incoming')} {incoming.length > 0 && <span className="count">{incoming.length}</span>}
              </h2>
            </header>
            <QueryState isPending={requests.isPending} error={requests.error} onRetry={() => void requests.refetch()}>
              {incoming.length === 0 ? (
                <p className="muted pad">{t('contacts.noIncoming')}</p>
              ) : (
                <ul className="rows">
                  {incoming.map((r) => (
                    <RequestRow key={r.id} request={r} incoming />
                  ))}
                </ul>
              )}
            </QueryState>
          </section>
          <section className="card" aria-labelledby="outgoing-title">
            <header className="card__header">
              <h2 id="outgoing-title">{t('contacts.outgoing')}</h2>
            </header>
            <QueryState isPending={requests.isPending} error={requests.error} onRetry={() => void requests.refetch()}>
              {outgoing.length === 0 ? (
                <p className="muted pad">{t('contacts.noOutgoing')}</p>
              ) : (
                <ul className="rows">
                  {outgoing.map((r) => (
                    <RequestRow key={r.id} request={r} incoming={false} />
                  ))}
                </ul>
              )}
            </QueryState>
          </section>
        </div>
        <section className="card" aria-labelledby="contacts-title">
          <header className="card__header">
            <h2 id="contacts-title">{t('contacts.list')}</h2>
          </header>
          <QueryState isPending={contacts.isPending} error={contacts.error} onRetry={() => void contacts.refetch()}>
            {(contacts.data ?? []).length === 0 ? (
              <EmptyState icon="users">{t('contacts.empty')}</EmptyState>
            ) : (
              <ul className="rows" data-testid="contact-list">
                {contacts.data!.map(({ user, since }) => (
                  <li key={user.id} className="row">
                    <Avatar name={user.name} />
                    <div className="row__main">
                      <strong>{user.name}</strong>
                      <span className="muted small">
                        {user.businessName ? `${user.businessName} · ` : ''}
                        {t('contacts.since', { date: formatDate(since, i18n.language) })}
                      </span>
                    </div>
                    <div className="row__actions">
                      <Link className="btn btn--secondary btn--small" to={`/messages/${user.id}`}>
                        {t('contacts.message')}
                      </Link>
                      <button
                        type="button"
                        className="btn btn--ghost btn--small"
                        aria-label={`${t('contacts.remove')}: ${user.name}`}
                        onClick={() => setRemoving(user)}
                      >
                        {t('contacts.remove')}
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </QueryState>
        </section>
      </div>
      <ConfirmDialog
        open={removing !== null}
        title={t('contacts.confirmRemove', { name: removing?.name ?? '' })}
        confirmLabel={t('contacts.remove')}
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (removing) remove.mutate(removing);
          setRemoving(null);
        }}
      >
        <p>{t('contacts.confirmRemoveBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
