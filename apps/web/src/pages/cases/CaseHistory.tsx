import type { HistoryEntry } from '../../api/types';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { CursorList } from '../../components/useCursorList';
import { useI18n } from '../../i18n/i18n';

/** The case's audit chain as a chronology: time, event type, element, actor. */
export function CaseHistory({ history }: { history: CursorList<HistoryEntry> }) {
  const { t, formatTimestamp } = useI18n();
  const entries = [...history.items].sort((a, b) => a.seq - b.seq);
  return (
    <>
      <ErrorMessage error={history.error} testId="history-error" />
      {entries.length === 0 ? (
        <p className="empty" data-testid="history-empty">
          {history.loading ? t('common.loading') : t('case.historyEmpty')}
        </p>
      ) : (
        <table className="data-table chronology" data-testid="case-history">
          <thead>
            <tr>
              <th className="numeric">{t('case.col.seq')}</th>
              <th>{t('case.col.time')}</th>
              <th>{t('case.col.type')}</th>
              <th>{t('case.col.element')}</th>
              <th>{t('case.col.actor')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.seq} data-testid="history-entry" data-type={entry.type}>
                <td className="numeric muted">{entry.seq}</td>
                <td className="nowrap">{formatTimestamp(entry.at)}</td>
                <td>
                  <span className="event-type">{entry.type}</span>
                </td>
                <td>{entry.elementId ? <code>{entry.elementId}</code> : t('common.none')}</td>
                <td>{entry.actor || t('common.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {history.hasMore && (
        <button
          type="button"
          className="button-secondary load-more"
          onClick={history.loadMore}
          disabled={history.loading}
        >
          {t('common.loadMore')}
        </button>
      )}
    </>
  );
}
