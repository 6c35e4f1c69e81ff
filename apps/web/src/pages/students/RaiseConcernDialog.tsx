// Raising a concern (发起关注): find a student in one's scope by name or number, fill in the
// start form of `crisis-care`, and the case starts at the student's class. A student with an
// open case is pointed to it (the api's 409 names it) rather than given a second one.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Flex, Grid, Input, List, Modal, Skeleton, Tag, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { getDefinition, listDefinitionVersions, searchStudents, startInstance } from '../../api/endpoints';
import { ApiError } from '../../api/http';
import type { StudentSearchHit } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { hrefFor } from '../../routing/routes';
import '../inbox/inbox.css';
import { CRISIS_CARE, defaultStartForm, linkedStartForm } from './startForm';

const TaskForm = lazy(() => import('../../workbench/forms/TaskForm'));

interface Props {
  open: boolean;
  onClose(): void;
  /** A student already chosen (from the student's page). */
  student?: StudentSearchHit;
}

const openCaseOf = (hit: StudentSearchHit) =>
  hit.openCases.find((c) => c.definitionKey === CRISIS_CARE)?.instanceId ?? null;

export function RaiseConcernDialog({ open, onClose, student }: Props) {
  const { t } = useI18n();
  const narrow = Grid.useBreakpoint().md === false;
  const [chosen, setChosen] = useState<StudentSearchHit | null>(student ?? null);
  const [conflict, setConflict] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      setChosen(student ?? null);
      setConflict(null);
    }
  }, [open, student]);

  return (
    <Modal
      open={open}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={narrow ? 'calc(100vw - 16px)' : 640}
      style={narrow ? { top: 8, maxWidth: 'calc(100vw - 16px)', paddingBottom: 0 } : undefined}
      title={<span data-testid="concern-title">{t('concern.title')}</span>}
    >
      <div data-testid="concern-dialog">
        {chosen === null ? (
          <StudentSearch onChoose={setChosen} />
        ) : (
          <>
            <ChosenStudent student={chosen} onChange={student ? undefined : () => setChosen(null)} />
            {(conflict ?? openCaseOf(chosen)) ? (
              <OpenCase instanceId={(conflict ?? openCaseOf(chosen))!} />
            ) : (
              <StartForm student={chosen} onConflict={setConflict} onStarted={onClose} onCancel={onClose} />
            )}
          </>
        )}
      </div>
    </Modal>
  );
}

function StudentSearch({ onChoose }: { onChoose(hit: StudentSearchHit): void }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['students', 'search', q],
    queryFn: () => searchStudents(q),
    enabled: q.length > 0,
  });
  return (
    <>
      <Typography.Paragraph type="secondary">{t('concern.intro')}</Typography.Paragraph>
      <Input.Search
        autoFocus
        aria-label={t('concern.search')}
        placeholder={t('concern.searchPlaceholder')}
        enterButton={t('concern.searchButton')}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        onSearch={(value) => setQ(value.trim())}
        loading={found.isFetching}
        data-testid="concern-search"
      />
      {q.length > 0 && found.isSuccess && (
        <List
          style={{ marginTop: 12 }}
          data-testid="concern-results"
          dataSource={found.data.items}
          locale={{
            emptyText: (
              <Empty description={<span data-testid="concern-no-results">{t('concern.noResults')}</span>} />
            ),
          }}
          renderItem={(hit) => (
            <List.Item
              className="student-hit"
              onClick={() => onChoose(hit)}
              data-testid={`concern-student-${hit.id}`}
              actions={[
                <Button key="pick" size="small" type="primary" onClick={() => onChoose(hit)}>
                  {t('concern.pick')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Flex gap={8} wrap align="center">
                    <span>{hit.name ?? hit.studentNo}</span>
                    {openCaseOf(hit) && <Tag color="orange">{t('concern.hasOpenCase')}</Tag>}
                  </Flex>
                }
                description={`${hit.className} · ${t('studentPage.studentNo')} ${hit.studentNo}`}
              />
            </List.Item>
          )}
        />
      )}
    </>
  );
}

function ChosenStudent({ student, onChange }: { student: StudentSearchHit; onChange?: () => void }) {
  const { t } = useI18n();
  return (
    <Flex
      justify="space-between"
      align="center"
      gap={8}
      wrap
      className="concern-chosen"
      style={{ padding: '8px 12px', background: '#f4f6f8', borderRadius: 6, marginBottom: 12 }}
      data-testid="concern-chosen"
    >
      <span>
        <Typography.Text strong>{student.name ?? student.studentNo}</Typography.Text>{' '}
        <Typography.Text type="secondary">
          {student.className} · {t('studentPage.studentNo')} {student.studentNo}
        </Typography.Text>
      </span>
      {onChange && (
        <Button size="small" type="link" onClick={onChange} data-testid="concern-change">
          {t('concern.change')}
        </Button>
      )}
    </Flex>
  );
}

function OpenCase({ instanceId }: { instanceId: string }) {
  const { t } = useI18n();
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="concern-open-case"
      title={t('concern.openCaseExists')}
      description={
        <a href={hrefFor({ page: 'case', id: instanceId })} data-testid="concern-open-case-link">
          {t('concern.openCaseLink')}
        </a>
      }
    />
  );
}

interface StartFormProps {
  student: StudentSearchHit;
  onConflict(instanceId: string): void;
  onStarted(): void;
  onCancel(): void;
}

function StartForm({ student, onConflict, onStarted, onCancel }: StartFormProps) {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const definition = useQuery({
    queryKey: ['definitions', CRISIS_CARE, 'latest'],
    queryFn: async () => {
      const versions = await listDefinitionVersions(CRISIS_CARE);
      const latest = versions.items[0];
      return latest ? getDefinition(latest.id) : null;
    },
    staleTime: 5 * 60_000,
  });
  // Rebuilt per language: the labels are the user's language.
  const schema = useMemo(
    () => (definition.data ? (linkedStartForm(definition.data) ?? defaultStartForm(t)) : null),
    // `t` changes identity every render; the language is what matters.
    [definition.data, language],
  );

  if (definition.isPending) return <Skeleton active />;
  if (definition.isError || definition.data === null || schema === null) {
    return <Alert type="error" showIcon title={t('concern.noProcess')} data-testid="concern-no-process" />;
  }

  const start = async (variables: Record<string, unknown>) => {
    try {
      const started = await startInstance({ definitionKey: CRISIS_CARE, studentId: student.id, variables });
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      void queryClient.invalidateQueries({ queryKey: ['task-counts'] });
      void queryClient.invalidateQueries({ queryKey: ['students'] });
      void message.success({
        content: (
          <span data-testid="concern-started">
            {t('concern.started', { name: student.name ?? student.studentNo })}{' '}
            <a href={hrefFor({ page: 'case', id: started.id })}>{t('taskPage.openCase')}</a>
          </span>
        ),
        duration: 6,
      });
      onStarted();
    } catch (failure) {
      const openId =
        failure instanceof ApiError && failure.status === 409
          ? (failure.problem as { openInstanceId?: unknown } | null)?.openInstanceId
          : undefined;
      if (typeof openId === 'string') {
        onConflict(openId);
        return;
      }
      throw failure;
    }
  };

  return (
    <Suspense fallback={<Skeleton active />}>
      <TaskForm
        schema={schema}
        variables={{}}
        complete={start}
        onCancel={onCancel}
        submitLabel={t('concern.submit')}
      />
    </Suspense>
  );
}
