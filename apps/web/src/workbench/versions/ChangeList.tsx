// The list of what changed between two versions, grouped; each entry brings its element into view.
import { useI18n } from '../../i18n/i18n';
import type { ChangeKind, ElementChange, VersionChanges } from './changes';
import { elementTitle, propertyLabel, propertyValue, typeName } from './changeLabels';

const GROUPS: ChangeKind[] = ['added', 'removed', 'changed', 'layout'];

export function ChangeList({
  changes,
  onPick,
}: {
  changes: VersionChanges;
  onPick(change: ElementChange): void;
}) {
  const { t } = useI18n();
  const total =
    changes.added.length + changes.removed.length + changes.changed.length + changes.layout.length;
  if (total === 0) {
    return (
      <p className="empty" data-testid="changes-none">
        {t('versions.compare.none')}
      </p>
    );
  }
  return (
    <div className="change-list" data-testid="changes-list">
      <p className="muted" data-testid="changes-summary">
        {t('versions.compare.summary', {
          added: changes.added.length,
          removed: changes.removed.length,
          changed: changes.changed.length,
          layout: changes.layout.length,
        })}
      </p>
      {GROUPS.filter((kind) => changes[kind].length > 0).map((kind) => (
        <section key={kind} className={`change-group change-group-${kind}`} data-testid={`changes-${kind}`}>
          <h3>
            {t(`versions.group.${kind}`)}
            <span className="count">{changes[kind].length}</span>
          </h3>
          <ul>
            {changes[kind].map((change) => (
              <ChangeItem key={change.id} change={change} onPick={onPick} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function ChangeItem({ change, onPick }: { change: ElementChange; onPick(change: ElementChange): void }) {
  const { t, label } = useI18n();
  return (
    <li data-testid={`change-${change.kind}-${change.id}`} data-element-id={change.id}>
      <button type="button" className="change-item" onClick={() => onPick(change)}>
        <span className={`legend-swatch swatch-${change.kind}`} aria-hidden="true" />
        <span className="change-type">{typeName(change.type, t, label)}</span>
        <span className="change-title">{elementTitle(change, t)}</span>
      </button>
      {change.kind === 'changed' && (
        <ul className="change-properties">
          {change.properties.length === 0 ? (
            <li className="muted">{t('versions.change.otherDetails')}</li>
          ) : (
            change.properties.map((property) => {
              const { label: name, detail } = propertyLabel(property, t);
              return (
                <li key={property.path} data-testid={`change-property-${change.id}`}>
                  <span className="change-property-name">
                    {name}
                    {detail && <code>{detail}</code>}
                  </span>
                  <span className={property.before === null ? 'change-unset' : 'change-before'}>
                    {propertyValue(property, property.before, t, label)}
                  </span>
                  <span aria-hidden="true"> → </span>
                  <span className={property.after === null ? 'change-unset' : 'change-after'}>
                    {propertyValue(property, property.after, t, label)}
                  </span>
                </li>
              );
            })
          )}
        </ul>
      )}
    </li>
  );
}
