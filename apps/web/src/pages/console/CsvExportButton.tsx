import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { downloadCsv } from '../../api/download';
import { describeError } from '../../components/ErrorMessage';
import { useI18n } from '../../i18n/i18n';

/** Downloads what the list shows (its filters) as CSV, and says when the file was cut short. */
export function CsvExportButton({
  path,
  fileName,
  testId,
}: {
  path: string;
  fileName: string;
  testId: string;
}) {
  const { t } = useI18n();
  const { message, notification } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const result = await downloadCsv(path, fileName);
      if (result.truncated) {
        notification.warning({
          message: t('console.exportTruncated', { file: result.fileName }),
          duration: 0,
          props: { 'data-testid': `${testId}-truncated` } as never,
        });
      } else void message.success(t('console.exported', { file: result.fileName }));
    } catch (error) {
      void message.error(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()} data-testid={testId}>
      {t('console.exportCsv')}
    </Button>
  );
}
