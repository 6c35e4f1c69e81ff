import { useI18n } from '../i18n/i18n';

export function StateBadge({ state, testId }: { state: string; testId?: string }) {
  const { label } = useI18n();
  return (
    <span className={`badge badge-${state}`} data-testid={testId} data-state={state}>
      {label('state', state)}
    </span>
  );
}
