import { validateZeebe } from '@bpmn-io/element-templates-validator';
import { isNoticeAudience, isRole, NOTICE_AUDIENCES } from '../../domain/src';
import { compileProcess } from './compile';
import { elementTemplates, ELEMENT_TEMPLATE_SCHEMA, type ElementTemplate } from './job-templates';
import { JOB_TYPES } from './job-types';
import { between, diagram } from './testing/diagram';

const LANGUAGES = ['zh-CN', 'en'] as const;

/**
 * The service task a lead gets by applying `template` in the modeler: its hidden job type, and
 * each header and input with `values[id]` or the property's initial value (empty optional ones
 * are left out, as bpmn-js-element-templates does).
 */
function appliedTask(template: ElementTemplate, values: Record<string, string> = {}): string {
  let type = '';
  const headers: string[] = [];
  const inputs: string[] = [];
  for (const property of template.properties) {
    const value = (property.id !== undefined ? values[property.id] : undefined) ?? property.value ?? '';
    if (property.binding.type === 'zeebe:taskDefinition') type = value;
    else if (value === '' && property.optional) continue;
    else if (property.binding.type === 'zeebe:taskHeader')
      headers.push(`<zeebe:header key="${property.binding.key}" value="${value}" />`);
    else inputs.push(`<zeebe:input source="${value}" target="${property.binding.name}" />`);
  }
  return `<bpmn:serviceTask id="Task_Applied" name="${template.name}">
    <bpmn:extensionElements>
      <zeebe:taskDefinition type="${type}" />
      ${headers.length > 0 ? `<zeebe:taskHeaders>${headers.join('')}</zeebe:taskHeaders>` : ''}
      ${inputs.length > 0 ? `<zeebe:ioMapping>${inputs.join('')}</zeebe:ioMapping>` : ''}
    </bpmn:extensionElements>
  </bpmn:serviceTask>`;
}

describe('element templates (job-templates.ts)', () => {
  it('has one template per job type, in both languages', () => {
    for (const language of LANGUAGES) {
      expect(elementTemplates(language).map((template) => template.id)).toEqual(
        JOB_TYPES.map((type) => `carepath.${type}`),
      );
    }
    expect(elementTemplates('zh-CN').find((t) => t.id === 'carepath.notify')?.name).toBe('通知');
    expect(elementTemplates('en').find((t) => t.id === 'carepath.notify')?.name).toBe('Notify');
  });

  it('are Zeebe element templates the validator accepts, for service tasks, with a hidden job type', () => {
    for (const language of LANGUAGES) {
      for (const template of elementTemplates(language)) {
        const { valid, errors } = validateZeebe(template as never);
        expect({ id: template.id, valid, errors }).toEqual({ id: template.id, valid: true, errors: null });
        expect(template).toMatchObject({
          $schema: ELEMENT_TEMPLATE_SCHEMA,
          version: 1,
          appliesTo: ['bpmn:Task'],
          elementType: { value: 'bpmn:ServiceTask' },
        });
        const typeProperty = template.properties.filter((p) => p.binding.type === 'zeebe:taskDefinition');
        expect(typeProperty).toEqual([
          {
            type: 'Hidden',
            value: template.id.slice('carepath.'.length),
            binding: { type: 'zeebe:taskDefinition', property: 'type' },
          },
        ]);
      }
    }
  });

  it('the validator would refuse a broken template (the check above can fail)', () => {
    const [template] = elementTemplates('en');
    const broken = { ...template, properties: [{ type: 'Dropdown', binding: { type: 'zeebe:taskHeader' } }] };
    expect(validateZeebe(broken as never).valid).toBe(false);
  });

  it('words every label in Chinese for a Chinese reader', () => {
    for (const template of elementTemplates('zh-CN')) {
      const texts = [
        template.name,
        template.description,
        ...template.properties.flatMap((p) => [p.label ?? '', p.description ?? '']),
        ...template.properties.flatMap((p) => (p.choices ?? []).map((choice) => choice.name)),
      ];
      expect(texts.filter((text) => /[A-Za-z]{2,}/.test(text))).toEqual([]);
    }
  });

  it('offers the assignable roles (not admin) and the notice audiences wherever a notice is addressed', () => {
    const notify = elementTemplates('zh-CN').find((t) => t.id === 'carepath.notify');
    const recipients = notify?.properties.find((p) => p.id === 'recipients');
    expect(recipients?.type).toBe('Dropdown');
    const values = (recipients?.choices ?? []).map((choice) => choice.value);
    expect(values).toContain('psychLead');
    expect(values).not.toContain('admin');
    expect(values.every((value) => isRole(value) || isNoticeAudience(value))).toBe(true);
    expect(values).toEqual(expect.arrayContaining([...NOTICE_AUDIENCES]));
    const name = (value: string) => recipients?.choices?.find((choice) => choice.value === value)?.name;
    expect([name('classTeacher'), name('guardian'), name('careGroup')]).toEqual([
      '班主任',
      '监护人（短信）',
      '关爱小组',
    ]);
  });

  it('defaults the care group to the class teacher and psychology teacher, a peer monitor when there is one', () => {
    const template = elementTemplates('en').find((t) => t.id === 'carepath.assign-care-group');
    const value = (id: string) => template?.properties.find((p) => p.id === id)?.value;
    expect([value('roles'), value('optionalRoles')]).toEqual(['classTeacher,psychTeacher', 'peerMonitor']);
    const month = elementTemplates('en')
      .find((t) => t.id === 'carepath.compile-monthly-report')
      ?.properties.find((p) => p.id === 'month');
    expect(month).toMatchObject({ binding: { type: 'zeebe:input', name: 'month' }, optional: true });
  });

  it('produces service tasks that compile, with the job type and headers the handler reads', async () => {
    for (const template of elementTemplates('zh-CN')) {
      const choices = template.properties.flatMap((p) =>
        (p.choices ?? []).map((choice) => ({ [p.id ?? '']: choice.value })),
      );
      for (const values of [{}, ...choices, { users: 'teacher1,teacher2', title: '请尽快处理' }]) {
        const result = await compileProcess(diagram(between(appliedTask(template, values), 'Task_Applied')));
        if (!result.ok) throw new Error(JSON.stringify(result.errors));
        const task = result.model.elements.Task_Applied;
        expect(task).toMatchObject({ type: 'serviceTask', jobType: template.id.slice('carepath.'.length) });
      }
    }
    const notify = elementTemplates('en').find((t) => t.id === 'carepath.notify')!;
    const result = await compileProcess(
      diagram(between(appliedTask(notify, { recipients: 'classTeacher', users: 'li' }), 'Task_Applied')),
    );
    expect(result.ok && result.model.elements.Task_Applied).toMatchObject({
      jobType: 'notify',
      headers: { recipients: 'classTeacher', users: 'li' },
    });
  });
});
