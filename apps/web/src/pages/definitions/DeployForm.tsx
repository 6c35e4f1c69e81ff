import { Alert, Button, Card, Form, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { ErrorMessage, Notice } from '../../components/ErrorMessage';
import { ProblemErrorsTable, problemErrors } from '../../components/ProblemErrors';
import { useI18n } from '../../i18n/i18n';
import { useDeployDefinition } from './queries';

/** Upload a .bpmn file; the api validates it and answers 400 with `errors[].elementId`. */
export function DeployForm() {
  const { t } = useI18n();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [inputError, setInputError] = useState<string | null>(null);
  const deploy = useDeployDefinition();

  const submit = async () => {
    const file = files[0]?.originFileObj;
    deploy.reset();
    if (!file) {
      setInputError(t('defs.chooseFile'));
      return;
    }
    setInputError(null);
    try {
      await deploy.mutateAsync(await file.text());
      setFiles([]);
    } catch {
      // shown from deploy.error below
    }
  };

  const error = deploy.error;
  const result = deploy.data;
  const warnings = result?.warnings ?? [];
  const hasElementErrors = problemErrors(error).length > 0;

  return (
    <Card className="deploy-form" title={t('defs.deployTitle')} data-testid="deploy-form">
      <Form layout="inline" onFinish={() => void submit()}>
        <Form.Item
          label={t('defs.file')}
          validateStatus={inputError ? 'error' : undefined}
          help={inputError ?? undefined}
        >
          <Upload
            accept=".bpmn,.xml,application/xml,text/xml"
            maxCount={1}
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => {
              setFiles(fileList.slice(-1));
              setInputError(null);
            }}
            data-testid="deploy-file"
          >
            <Button>{t('defs.pickFile')}</Button>
          </Upload>
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={deploy.isPending} data-testid="deploy-submit">
            {deploy.isPending ? t('defs.deploying') : t('defs.deploy')}
          </Button>
        </Form.Item>
      </Form>
      {hasElementErrors ? (
        <Alert
          className="cp-alert"
          type="error"
          showIcon
          role="alert"
          data-testid="deploy-error"
          title={t('defs.errors')}
          description={error instanceof Error && error.message ? error.message : undefined}
        />
      ) : (
        <ErrorMessage error={error} testId="deploy-error" />
      )}
      <ProblemErrorsTable error={error} testId="deploy-errors" />
      {result && (
        <Notice
          text={t('defs.deployed', { key: result.key, version: result.version })}
          testId="deploy-success"
        />
      )}
      {warnings.length > 0 && (
        <Alert
          className="cp-alert"
          type="warning"
          showIcon
          data-testid="deploy-warnings"
          title={t('defs.warnings')}
          description={
            <ul>
              {warnings.map((warning, index) => (
                <li key={index}>{describeWarning(warning)}</li>
              ))}
            </ul>
          }
        />
      )}
    </Card>
  );
}

function describeWarning(warning: unknown): string {
  if (typeof warning === 'string') return warning;
  if (typeof warning === 'object' && warning !== null) {
    const { elementId, message } = warning as { elementId?: unknown; message?: unknown };
    if (typeof message === 'string')
      return typeof elementId === 'string' ? `${elementId}: ${message}` : message;
  }
  return JSON.stringify(warning);
}
