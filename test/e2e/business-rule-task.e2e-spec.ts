import { buildWorld, call, createPerson, eventually, unique, type World } from '../support/api-client';
import { diagram, escape, flow, userTask } from '../support/bpmn-xml';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(120_000);

/**
 * Business rule tasks end to end (docs/adr/0009-dmn-decisions.md): psychology leads deploy
 * triage tables as DMN, a case evaluates the latest version its unit may run, the result routes
 * the case, and a broken table is an incident naming the decision and the rules.
 */
let stack: Stack;
let world: World;

beforeAll(async () => {
  stack = await startStack();
  world = await buildWorld(stack);
});
afterAll(async () => {
  await stack?.close();
});

const api = (method: string, path: string, body?: unknown, token?: string) =>
  call(stack.baseUrl, method, path, {
    token: token ?? world.adminToken,
    ...(body === undefined ? {} : { body }),
  });

type Rule = [id: string, test: string, level: string];

/**
 * A triage DRG: `<id>-total` sums the PHQ-9 item answers (a literal expression), `<id>` maps
 * the total to a risk level (a UNIQUE decision table requiring the total).
 */
function triageDmn(id: string, rules: Rule[]): string {
  const rows = rules
    .map(
      ([ruleId, test, level]) =>
        `<rule id="${ruleId}"><inputEntry><text>${escape(test)}</text></inputEntry><outputEntry><text>"${level}"</text></outputEntry></rule>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="defs-${id}" name="Triage" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="${id}-total" name="PHQ-9 total">
    <variable id="${id}-total-var" name="phq9Total" />
    <literalExpression id="${id}-total-lx"><text>sum(phq9Items)</text></literalExpression>
  </decision>
  <decision id="${id}" name="Risk level">
    <informationRequirement id="${id}-req"><requiredDecision href="#${id}-total" /></informationRequirement>
    <decisionTable id="${id}-table" hitPolicy="UNIQUE">
      <input id="${id}-in"><inputExpression typeRef="number"><text>phq9Total</text></inputExpression></input>
      <output id="${id}-out" name="level" typeRef="string" />
      ${rows}
    </decisionTable>
  </decision>
</definitions>`;
}

const RULES: Rule[] = [
  ['low', '< 10', 'low'],
  ['medium', '[10..19]', 'medium'],
  ['high', '>= 20', 'high'],
];

/** Evaluates the decision into `risk`, then routes: high → urgent review, else routine. */
function triageProcess(key: string, decisionId: string): string {
  return diagram(
    key,
    `<bpmn:startEvent id="start" />
     <bpmn:businessRuleTask id="triage" name="Triage">
       <bpmn:extensionElements><zeebe:calledDecision decisionId="${decisionId}" resultVariable="risk" /></bpmn:extensionElements>
     </bpmn:businessRuleTask>
     <bpmn:exclusiveGateway id="route" default="to-routine" />
     ${userTask('urgent', { groups: 'psychTeacher' })}
     ${userTask('routine', { groups: 'psychTeacher' })}
     <bpmn:endEvent id="end-a" /><bpmn:endEvent id="end-b" />`,
    {
      flows: [
        flow('start', 'triage'),
        flow('triage', 'route'),
        flow('route', 'urgent', { condition: '=risk = "high"' }),
        flow('route', 'routine', { id: 'to-routine' }),
        flow('urgent', 'end-a'),
        flow('routine', 'end-b'),
      ],
    },
  );
}

async function start(key: string, variables: Record<string, unknown>): Promise<string> {
  const started = await api(
    'POST',
    '/api/instances',
    { definitionKey: key, orgUnitId: world.units.classA, variables },
    world.psychA.token,
  );
  if (started.status !== 201)
    throw new Error(`start failed: ${started.status} ${JSON.stringify(started.body)}`);
  return started.body.id as string;
}

const getInstance = async (id: string): Promise<any> => (await api('GET', `/api/instances/${id}`)).body;

/** The case once its projection shows it waiting at a user task or with an incident. */
const settled = (id: string): Promise<any> =>
  eventually(async () => {
    const instance = await getInstance(id);
    const waiting = instance.activeElements?.some(
      (e: any) => e.elementId === 'urgent' || e.elementId === 'routine',
    );
    return waiting || instance.incidents?.length > 0 ? instance : undefined;
  }, 30_000);

const active = (instance: any): string[] => instance.activeElements.map((e: any) => e.elementId);
const items = (n: number) =>
  Array.from({ length: 9 }, (_, i) => (i < n % 9 ? Math.ceil(n / 9) : Math.floor(n / 9)));

describe('a business rule task evaluating a triage table', () => {
  it('routes the case by the decision result; the same DMN again is no new version, a changed one is used by new cases', async () => {
    // given a triage DRG and a process calling it, deployed together
    const decisionId = `risk-${unique()}`;
    const key = `triage-${unique()}`;
    const deployed = await api('POST', '/api/definitions', {
      xml: triageProcess(key, decisionId),
      decisions: [triageDmn(decisionId, RULES)],
    });
    expect(deployed.status).toBe(201);
    expect(deployed.body.warnings).toEqual([]);
    expect(deployed.body.decisions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ decisionId, version: 1, name: 'Risk level', created: true }),
        expect.objectContaining({ decisionId: `${decisionId}-total`, version: 1, name: 'PHQ-9 total' }),
      ]),
    );

    // when a case starts with a PHQ-9 total of 22
    const high = await settled(await start(key, { phq9Items: items(22) }));
    // then the required decision and the table give "high", and the gateway routes to the urgent review
    expect(high.variables.risk).toBe('high');
    expect(active(high)).toEqual(['urgent']);
    const low = await settled(await start(key, { phq9Items: items(4) }));
    expect([low.variables.risk, active(low)]).toEqual(['low', ['routine']]);

    // when the same DMN is deployed again
    const again = await api('POST', '/api/decisions', { xml: triageDmn(decisionId, RULES) });
    // then no decision gets a new version
    expect(again.status).toBe(200);
    expect(again.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ decisionId, version: 1, created: false })]),
    );

    // when the leads lower the "high" threshold to 18
    const changed: Rule[] = [
      ['low', '< 10', 'low'],
      ['medium', '[10..17]', 'medium'],
      ['high', '>= 18', 'high'],
    ];
    const v2 = await api('POST', '/api/decisions', { xml: triageDmn(decisionId, changed) });
    expect(v2.status).toBe(201);
    expect(v2.body.items).toContainEqual(expect.objectContaining({ decisionId, version: 2, created: true }));
    // then a new case with 18 is routed by version 2
    const byV2 = await settled(await start(key, { phq9Items: items(18) }));
    expect([byV2.variables.risk, active(byV2)]).toEqual(['high', ['urgent']]);
    // and the list shows the latest version
    const list = await api('GET', '/api/decisions');
    expect(list.body.items).toContainEqual(expect.objectContaining({ decisionId, version: 2 }));
  });

  it('a UNIQUE table where rules overlap is an incident naming the decision and the rules; a corrected deploy and a retry go on', async () => {
    // given a table whose "medium" and "high" rules both match 15..19
    const decisionId = `overlap-${unique()}`;
    const key = `overlap-${unique()}`;
    const overlapping: Rule[] = [
      ['low', '< 10', 'low'],
      ['medium', '[10..19]', 'medium'],
      ['high', '>= 15', 'high'],
    ];
    expect((await api('POST', '/api/decisions', { xml: triageDmn(decisionId, overlapping) })).status).toBe(
      201,
    );
    expect((await api('POST', '/api/definitions', { xml: triageProcess(key, decisionId) })).status).toBe(201);

    // when a case has a total of 16
    const id = await start(key, { phq9Items: items(16) });
    // then it stops at the task with an incident naming the decision and both rules
    const stuck = await settled(id);
    expect(stuck.state).toBe('incident');
    expect(stuck.incidents).toEqual([
      expect.objectContaining({
        elementId: 'triage',
        message: expect.stringMatching(new RegExp(`decision '${decisionId}'.*'medium', 'high'`)),
      }),
    ]);

    // when the leads deploy a corrected table and the incident is retried
    expect((await api('POST', '/api/decisions', { xml: triageDmn(decisionId, RULES) })).status).toBe(201);
    const incidents = await api('GET', `/api/incidents?instanceId=${id}`);
    const retried = await api('POST', `/api/incidents/${incidents.body.items[0].id}/retry`, {});
    expect(retried.status).toBe(202);
    // then the case goes on with version 2's answer
    const fixed = await eventually(async () => {
      const instance = await getInstance(id);
      return instance.incidents.length === 0 && !active(instance).includes('triage') ? instance : undefined;
    }, 30_000);
    expect([fixed.variables.risk, active(fixed)]).toEqual(['medium', ['routine']]);
  });

  it('deploying a process whose decision is not deployed warns; the case is an incident until it is', async () => {
    const decisionId = `missing-${unique()}`;
    const key = `missing-${unique()}`;
    const deployed = await api('POST', '/api/definitions', { xml: triageProcess(key, decisionId) });
    expect(deployed.status).toBe(201);
    expect(deployed.body.warnings).toEqual([
      expect.objectContaining({
        elementId: 'triage',
        message: expect.stringContaining(`decision '${decisionId}'`),
      }),
    ]);
    const stuck = await settled(await start(key, { phq9Items: items(3) }));
    expect(stuck.incidents).toEqual([
      expect.objectContaining({
        elementId: 'triage',
        message: expect.stringContaining(`decision '${decisionId}'`),
      }),
    ]);
  });
});

describe('deploying decisions', () => {
  it('a bad DMN is a 400 naming the decision and the rule, and nothing is stored', async () => {
    const decisionId = `bad-${unique()}`;
    const broken = triageDmn(decisionId, [['broken', '[1..', 'low']]);
    const refused = await api('POST', '/api/decisions', { xml: broken });
    expect(refused.status).toBe(400);
    expect(refused.contentType).toContain('application/problem+json');
    expect(refused.body.detail).toContain(`${decisionId}/broken`);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        path: 'xml',
        decisionId,
        elementId: 'broken',
        elementType: 'dmn:DecisionRule',
      }),
    ]);
    // inside POST /api/definitions too, where the process is not stored either
    const key = `bad-dmn-${unique()}`;
    const withProcess = await api('POST', '/api/definitions', {
      xml: triageProcess(key, decisionId),
      decisions: [broken],
    });
    expect(withProcess.status).toBe(400);
    expect(withProcess.body.errors).toEqual([expect.objectContaining({ path: 'decisions[0]', decisionId })]);
    expect((await api('GET', `/api/definitions?key=${key}`)).body.items).toEqual([]);
    const list = await api('GET', '/api/decisions');
    expect(list.body.items.map((d: any) => d.decisionId)).not.toContain(decisionId);
  });

  it("another school's decision is neither deployable over nor evaluated for school A's cases", async () => {
    // given a decision owned by school B
    const decisionId = `school-b-${unique()}`;
    const owned = await api('POST', '/api/decisions', {
      xml: triageDmn(decisionId, RULES),
      ownerUnitId: world.units.schoolB,
    });
    expect(owned.status).toBe(201);
    // when school A's psychology lead deploys over it
    const leadA = await createPerson(stack, world.adminToken, 'psychLead', world.units.schoolA);
    const refused = await api(
      'POST',
      '/api/decisions',
      { xml: triageDmn(decisionId, [['all', '-', 'low']]) },
      leadA.token,
    );
    // then it is refused, and school B's version stays the latest
    expect(refused.status).toBe(403);
    const list = await api('GET', '/api/decisions');
    expect(list.body.items).toContainEqual(expect.objectContaining({ decisionId, version: 1 }));
    // and a case at school A calling it stops with an incident: the decision is not runnable there
    const key = `calls-school-b-${unique()}`;
    expect((await api('POST', '/api/definitions', { xml: triageProcess(key, decisionId) })).status).toBe(201);
    const stuck = await settled(await start(key, { phq9Items: items(25) }));
    expect(active(stuck)).not.toContain('urgent');
    expect(stuck.incidents).toEqual([
      expect.objectContaining({
        elementId: 'triage',
        message: expect.stringContaining(`decision '${decisionId}'`),
      }),
    ]);
  });

  it('a school cannot deploy over a decision id the district owns, nor may other roles deploy', async () => {
    // given a decision owned by the district
    const decisionId = `district-${unique()}`;
    const owned = await api('POST', '/api/decisions', {
      xml: triageDmn(decisionId, RULES),
      ownerUnitId: world.units.district,
    });
    expect(owned.status).toBe(201);
    const schoolLead = await createPerson(stack, world.adminToken, 'psychLead', world.units.schoolA);
    // when the school's psychology lead deploys a changed table under the same id
    const refused = await api(
      'POST',
      '/api/decisions',
      { xml: triageDmn(decisionId, [['all', '-', 'low']]) },
      schoolLead.token,
    );
    // then it is refused, naming the owner, and the district's version stays the latest
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain(`Decision '${decisionId}' belongs to District 1`);
    const list = await api('GET', '/api/decisions');
    expect(list.body.items).toContainEqual(expect.objectContaining({ decisionId, version: 1 }));
    // and a psychology teacher may not deploy decisions at all
    const teacher = await api(
      'POST',
      '/api/decisions',
      { xml: triageDmn(`t-${unique()}`, RULES) },
      world.psychA.token,
    );
    expect(teacher.status).toBe(403);
  });
});
