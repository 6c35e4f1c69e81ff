import { Alert } from 'antd';
import { renderProblem } from '../../../../../libs/bpmn/src/lint';
import type { DeployResult } from '../../api/types';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useI18n, type Language } from '../../i18n/i18n';
import { problemsIn, type DeployProblem } from './deployProblems';

export type DeployOutcome =
  | {
      kind: 'created' | 'unchanged';
      version: number;
      warnings: DeployResult['warnings'];
      /** The language the server worded the warnings in (the request's Accept-Language). */
      language: Language;
    }
  | {
      kind: 'failed';
      error: unknown;
      problems: DeployProblem[];
      onCanvas: Set<string>;
      /** The language the server worded the problems in. */
      language: Language;
    };

/** What a deploy said: the version, "nothing changed", or the problems, each a link to its element. */
export function DeployOutcomePanel({
  outcome,
  onReveal,
}: {
  outcome: DeployOutcome | null;
  onReveal(id: string): void;
}) {
  const { t, language } = useI18n();
  if (!outcome) return null;
  if (outcome.kind === 'failed') {
    if (outcome.problems.length === 0)
      return <ErrorMessage error={outcome.error} testId="modeler-deploy-error" />;
    return (
      <Alert
        className="cp-alert modeler-problems"
        type="error"
        showIcon
        role="alert"
        data-testid="modeler-deploy-error"
        title={t('modeler.deployFailed')}
        description={
          <>
            <div className="muted">
              {t('modeler.problems', { count: outcome.problems.length })} · {t('modeler.problemsHint')}
            </div>
            <ul data-testid="modeler-problems">
              {problemsIn(outcome.problems, outcome.language, language).map((problem, index) => (
                <li key={index}>
                  {problem.elementId && outcome.onCanvas.has(problem.elementId) ? (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => onReveal(problem.elementId)}
                      data-testid={`modeler-problem-${problem.elementId}`}
                    >
                      <code>{problem.elementId}</code>
                    </button>
                  ) : (
                    <span className="muted">
                      {problem.elementId ? <code>{problem.elementId}</code> : t('modeler.documentProblem')}
                    </span>
                  )}{' '}
                  {problem.message}
                </li>
              ))}
            </ul>
          </>
        }
      />
    );
  }
  return (
    <>
      <Alert
        className="cp-alert"
        type="success"
        showIcon
        role="status"
        data-testid="modeler-deploy-success"
        title={
          outcome.kind === 'created'
            ? t('modeler.deployedVersion', { version: outcome.version })
            : t('modeler.unchanged', { version: outcome.version })
        }
      />
      {outcome.warnings.length > 0 && (
        <Alert
          className="cp-alert"
          type="warning"
          showIcon
          data-testid="modeler-deploy-warnings"
          title={<strong>{t('modeler.warnings')}</strong>}
          description={
            <ul>
              {outcome.warnings.map((warning, index) => (
                <li key={index}>
                  {warning.elementId ? (
                    <button type="button" className="link-button" onClick={() => onReveal(warning.elementId)}>
                      <code>{warning.elementId}</code>
                    </button>
                  ) : null}{' '}
                  {/* After a language switch, worded again from the code and params with the
                      server's own catalogue (libs/bpmn, already in the modeler's bundle for lint). */}
                  {outcome.language === language ? warning.message : renderProblem(warning, language)}
                </li>
              ))}
            </ul>
          }
        />
      )}
    </>
  );
}
