import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '@/components/form-error';
import { ApiError } from '@/lib/api-client';
import { MAX_MESSAGE_LENGTH, useSendMessage } from '../api/send-message';

export function Composer({ recipientId, recipientName }: { recipientId: string; recipientName: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [content, setContent] = useState('');
  const send = useSendMessage();
  const trimmed = content.trim();
  const tooLong = content.length > MAX_MESSAGE_LENGTH;
  const forbidden = send.error instanceof ApiError && send.error.status === 403;

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (!trimmed || tooLong || send.isPending) return;
    send.mutate({ recipientId, content: trimmed }, { onSuccess: () => setContent('') });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <form className="composer" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        {t('messaging.messageLabel', { name: recipientName })}
      </label>
      <textarea
        id={id}
        rows={1}
        value={content}
        placeholder={t('messaging.placeholder')}
        onChange={(e) => setContent(e.target.value)}
        onKeyDown={onKeyDown}
        aria-invalid={tooLong || undefined}
        aria-describedby={tooLong ? `${id}-error` : undefined}
        data-testid="composer-input"
      />
      <button type="submit" className="btn btn--primary" disabled={!trimmed || tooLong || send.isPending}>
        {t('messaging.send')}
      </button>
      {tooLong && (
        <p id={`${id}-error`} className="form-error composer__error" role="alert">
          {t('messaging.tooLong')}
        </p>
      )}
      <div className="composer__error">
        <FormError error={send.error} message={forbidden ? t('messaging.notContact') : undefined} />
      </div>
    </form>
  );
}
