import { newDiagramXml, newProcessId, processIdOf } from './newDiagram';

describe('new diagram', () => {
  it('generates a process id that is an NCName', () => {
    const id = newProcessId();
    expect(id).toMatch(/^Process_[0-9a-z]{8}$/);
    expect(newProcessId(() => 0)).toBe('Process_00000000');
  });

  it('is an executable Camunda 8 process with a start event, named as asked', () => {
    const xml = newDiagramXml('Process_abc', '新流程 <1>');
    expect(processIdOf(xml)).toBe('Process_abc');
    expect(xml).toContain('xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"');
    expect(xml).toContain('modeler:executionPlatform="Camunda Cloud"');
    expect(xml).toContain('modeler:executionPlatformVersion="8.6.0"');
    expect(xml).toContain('isExecutable="true"');
    expect(xml).toContain('name="新流程 &lt;1&gt;"');
    expect(xml).toContain('<bpmn:startEvent id="StartEvent_1" />');
  });

  it('finds the process id of any diagram', () => {
    expect(processIdOf('<definitions><process isExecutable="true" id="p1"></process></definitions>')).toBe(
      'p1',
    );
    expect(processIdOf('<bpmn:definitions/>')).toBeNull();
  });
});
