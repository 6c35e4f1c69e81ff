import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

/** One entry of the coverage map (libs/bpmn/src/coverage.ts): how far CarePath runs an element. */
export class CoverageEntryView {
  @ApiProperty({ enum: [1, 2, 3], description: 'docs/bpmn-elements.md tiers' }) tier!: 1 | 2 | 3;
  @ApiProperty({ description: 'Deploys and runs now; false: the deploy refuses it' }) supported!: boolean;
  @ApiProperty({ example: 'complex gateway' }) label!: string;
  @ApiProperty({ example: '复杂网关' }) labelZh!: string;
  @ApiPropertyOptional({ description: 'Accepted but ignored, with a deploy warning (data objects, stores)' })
  modellingOnly?: boolean;
}

/** What the modeler offers and lints with: the deploy validator's own lists. */
export class ModelerVocabulary {
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(CoverageEntryView) },
    description:
      "By coverage key: 'bpmn:UserTask', '<event>+<definition>' ('bpmn:StartEvent+bpmn:TimerEventDefinition'), 'bpmn:SubProcess+triggeredByEvent', loop and zeebe: extension types",
    example: { 'bpmn:UserTask': { tier: 1, supported: true, label: 'user task', labelZh: '用户任务' } },
  })
  coverage!: Record<string, CoverageEntryView>;
  @ApiProperty({
    type: [String],
    example: ['notify'],
    description: 'zeebe:taskDefinition types a handler runs',
  })
  jobTypes!: string[];
  @ApiProperty({
    type: [String],
    example: ['psychLead', 'classTeacher'],
    description: 'Roles a candidate group may name (every role but admin)',
  })
  candidateGroups!: string[];
}

export class ElementTemplateChoiceView {
  @ApiProperty({ example: '监护人' }) name!: string;
  @ApiProperty({ example: 'guardian' }) value!: string;
}

export class ElementTemplateConstraintsView {
  @ApiProperty({ example: true }) notEmpty!: boolean;
}

export class ElementTemplateBindingView {
  @ApiProperty({ enum: ['zeebe:taskDefinition', 'zeebe:taskHeader', 'zeebe:input'] })
  type!: 'zeebe:taskDefinition' | 'zeebe:taskHeader' | 'zeebe:input';
  @ApiPropertyOptional({ enum: ['type'], description: 'zeebe:taskDefinition: the attribute set' })
  property?: 'type';
  @ApiPropertyOptional({ description: 'zeebe:taskHeader: the header key', example: 'channel' }) key?: string;
  @ApiPropertyOptional({ description: 'zeebe:input: the target variable', example: 'type' }) name?: string;
}

export class ElementTemplatePropertyView {
  @ApiPropertyOptional({ example: 'recipient' }) id?: string;
  @ApiPropertyOptional({ example: '接收人' }) label?: string;
  @ApiPropertyOptional({ example: '通知谁：监护人、班主任或心理教师' }) description?: string;
  @ApiProperty({ enum: ['Hidden', 'String', 'Text', 'Dropdown'] }) type!:
    'Hidden' | 'String' | 'Text' | 'Dropdown';
  @ApiPropertyOptional({ example: 'notify' }) value?: string;
  @ApiPropertyOptional({ description: 'Left out of the XML when empty', example: false }) optional?: boolean;
  @ApiPropertyOptional({ type: [ElementTemplateChoiceView] }) choices?: ElementTemplateChoiceView[];
  @ApiPropertyOptional({ type: ElementTemplateConstraintsView }) constraints?: ElementTemplateConstraintsView;
  @ApiProperty({ type: ElementTemplateBindingView }) binding!: ElementTemplateBindingView;
}

export class ElementTemplateCategoryView {
  @ApiProperty({ example: 'carepath' }) id!: string;
  @ApiProperty({ example: 'CarePath' }) name!: string;
}

export class ElementTemplateElementTypeView {
  @ApiProperty({ example: 'bpmn:ServiceTask' }) value!: string;
}

/** A Zeebe element template (bpmn-js-element-templates) for one service handler. */
export class ElementTemplateView {
  @ApiProperty({
    description: 'The Zeebe element template JSON schema',
    example: 'https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json',
  })
  $schema!: string;
  @ApiProperty({ example: 'carepath.notify' }) id!: string;
  @ApiProperty({ example: '通知' }) name!: string;
  @ApiProperty({ example: '发送一条不含个案内容的通知' }) description!: string;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ type: ElementTemplateCategoryView }) category!: ElementTemplateCategoryView;
  @ApiProperty({ type: [String], example: ['bpmn:Task'] }) appliesTo!: string[];
  @ApiProperty({ type: ElementTemplateElementTypeView }) elementType!: ElementTemplateElementTypeView;
  @ApiProperty({ type: [ElementTemplatePropertyView] }) properties!: ElementTemplatePropertyView[];
}
