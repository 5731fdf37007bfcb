import { describe, expect, it } from 'vitest';
import i18n from '@/lib/i18n';
import { describeNotification } from './notification-text';
import type { AppNotification } from '@/lib/types';

const n = (extra: Partial<AppNotification>): AppNotification => ({
  id: 'n1', userId: 'me', type: 'SYSTEM', title: '', message: '', metadata: {}, actionUrl: null, priority: 'NORMAL',
  source: 'test', read: false, readAt: null, archivedAt: null, createdAt: '2026-12-01T10:00:00Z', ...extra,
});
const imported = n({
  type: 'IMPORT_FINISHED', title: 'notification.importFinished.title', message: 'notification.importFinished.body',
  metadata: { fileName: 'fleet.csv', created: 12345, updated: 2, skipped: 0 },
});
const dueSoon = n({
  type: 'MAINTENANCE_ALERT', title: 'notification.maintenanceDueSoon.title', message: 'notification.maintenanceDueSoon.body',
  metadata: { machineName: 'CAT 320', planName: 'Oil', currentHours: 12040.5, nextDueHours: 12100 },
});

describe('numbers in notification text', () => {
  it.each([
    { lang: 'en', notification: imported, want: '12,345' },
    { lang: 'es', notification: imported, want: '12.345' },
    { lang: 'en', notification: dueSoon, want: '12,040.5 h' },
    { lang: 'es', notification: dueSoon, want: '12.040,5 h' },
  ])('are formatted for a $lang reader ($want)', async ({ lang, notification, want }) => {
    await i18n.changeLanguage(lang);
    const text = describeNotification(notification, i18n.t, (k, o) => i18n.exists(k, o), lang);
    expect(text.body).toContain(want);
    await i18n.changeLanguage('en');
  });
});

describe("a failed import's reason", () => {
  it.each([
    { lang: 'en', want: 'The uploaded file is no longer stored: upload it again.' },
    { lang: 'es', want: 'El archivo subido ya no está guardado: súbelo de nuevo.' },
  ])('is said in the reader\'s language ($lang), not as the server wrote it', async ({ lang, want }) => {
    await i18n.changeLanguage(lang);
    const failed = n({
      type: 'IMPORT_FINISHED', title: 'notification.importFailed.title', message: 'notification.importFailed.body',
      metadata: { fileName: 'fleet.csv', status: 'FAILED', reason: 'the uploaded file is no longer stored: upload it again' },
    });
    const text = describeNotification(failed, i18n.t, (k, o) => i18n.exists(k, o), lang);
    expect(text.body).toBe(want);
    await i18n.changeLanguage('en');
  });
});

describe("a document's expiry day", () => {
  it.each([
    { lang: 'en', want: 'Insurance POL-1 expires on Dec 8, 2026 (7 days left).' },
    { lang: 'es', want: 'Seguro POL-1 vence el 8 dic 2026 (quedan 7 días).' },
  ])('is written for a $lang reader', async ({ lang, want }) => {
    await i18n.changeLanguage(lang);
    const soon = n({
      type: 'DOCUMENT_EXPIRY', title: 'notification.documentDueSoon.title', message: 'notification.documentDueSoon.body',
      metadata: { documentType: 'INSURANCE', documentName: 'POL-1', expiresOn: '2026-12-08', daysLeft: 7 },
    });
    expect(describeNotification(soon, i18n.t, (k, o) => i18n.exists(k, o), lang).body).toBe(want);
    await i18n.changeLanguage('en');
  });
});

describe('issue steps and comments', () => {
  const meta = { machineName: 'CAT 320', issueId: 'i1', severity: 'HIGH', status: 'ACKNOWLEDGED', title: 'Leaking hose' };
  it.each([
    { lang: 'en', key: 'issueAcknowledged', title: 'Issue acknowledged: CAT 320', body: 'Leaking hose was acknowledged and is being looked at.' },
    { lang: 'es', key: 'issueAcknowledged', title: 'Incidencia recibida: CAT 320', body: 'Leaking hose se ha recibido y se está revisando.' },
    { lang: 'en', key: 'issueCommented', title: 'New comment on an issue: CAT 320', body: 'Leaking hose: parts <ordered>' },
    { lang: 'es', key: 'issueCommented', title: 'Nuevo comentario en una incidencia: CAT 320', body: 'Leaking hose: parts <ordered>' },
  ])('$key reads in $lang', async ({ lang, key, title, body }) => {
    await i18n.changeLanguage(lang);
    const text = describeNotification(
      n({ type: 'ISSUE', title: `notification.${key}.title`, message: `notification.${key}.body`, metadata: { ...meta, preview: 'parts <ordered>' } }),
      i18n.t, (k, o) => i18n.exists(k, o), lang,
    );
    expect(text).toMatchObject({ title, body });
    await i18n.changeLanguage('en');
  });

  it("names a check item's issue by the item, in the reader's language", async () => {
    await i18n.changeLanguage('es');
    const text = describeNotification(
      n({ type: 'ISSUE', title: 'notification.issueCommented.title', message: 'notification.issueCommented.body',
        metadata: { machineName: 'CAT 320', itemKey: 'brakes', title: '', preview: 'ok' } }),
      i18n.t, (k, o) => i18n.exists(k, o), 'es',
    );
    expect(text.body).toBe('Frenos: ok');
    await i18n.changeLanguage('en');
  });
});
