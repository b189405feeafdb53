// node cedar-bench.cjs POLICY.cedar ENTITIES.json TUPLES [REPETITIONS]
// Runs the questions of tuples.txt through Cedar (cedar-wasm), checks every answer against
// the reference evaluator's, then times them and prints one JSON line with the median
// nanoseconds per decision over the repetitions.
'use strict';
const fs = require('fs');
const cedar = require('@cedar-policy/cedar-wasm/nodejs');

const [policyPath, entitiesPath, tuplesPath, repetitionArg] = process.argv.slice(2);
if (!tuplesPath) {
  console.error('usage: node cedar-bench.cjs POLICY.cedar ENTITIES.json TUPLES [REPETITIONS]');
  process.exit(2);
}
const repetitions = Number(repetitionArg || 10);
const policies = fs.readFileSync(policyPath, 'utf8');
const entities = JSON.parse(fs.readFileSync(entitiesPath, 'utf8'));

const parsed = cedar.preparsePolicySet('bench', { staticPolicies: policies });
if (parsed.type !== 'success') {
  console.error('cedar rejects the policy set:', JSON.stringify(parsed.errors));
  process.exit(1);
}

// Each request gets only the entities it can reach (its principal, resource, source and
// purpose with their ancestors): Cedar parses the entities of every call, so passing all of
// them would measure parsing rather than deciding.
const byKey = new Map(entities.map((e) => [`${e.uid.type}::${e.uid.id}`, e]));
function withAncestors(type, id, into) {
  for (let e = byKey.get(`${type}::${id}`); e && !into.has(e); ) {
    into.add(e);
    const parent = e.parents[0];
    e = parent ? byKey.get(`${parent.type}::${parent.id}`) : undefined;
  }
}
const entity = (type, id) => ({ __entity: { type, id } });
const questions = fs.readFileSync(tuplesPath, 'utf8').trim().split('\n').map((line) => {
  const [category, source, recipient, purpose, consents, allowed] = line.split(' ');
  const slice = new Set();
  withAncestors('Category', category, slice);
  withAncestors('Source', source, slice);
  withAncestors('Recipient', recipient, slice);
  withAncestors('Purpose', purpose, slice);
  return {
    expected: allowed === '1',
    call: {
      principal: { type: 'Recipient', id: recipient },
      action: { type: 'Action', id: 'process' },
      resource: { type: 'Category', id: category },
      context: {
        source: entity('Source', source),
        purpose: entity('Purpose', purpose),
        consents: consents === '-' ? [] : consents.split(','),
      },
      preparsedPolicySetId: 'bench',
      entities: [...slice],
    },
  };
});

let mismatches = 0;
for (const question of questions) {
  const answer = cedar.statefulIsAuthorized(question.call);
  if (answer.type !== 'success' || answer.response.diagnostics.errors.length !== 0) {
    console.error('cedar failed:', JSON.stringify(answer));
    process.exit(1);
  }
  const allowed = answer.response.decision === 'allow';
  if (allowed !== question.expected) {
    if (++mismatches <= 10)
      console.error('cedar disagrees on', JSON.stringify(question.call.context),
                    question.call.resource.id, question.call.principal.id, 'cedar:', allowed);
  }
}
if (mismatches !== 0) {
  console.error(`${mismatches} Cedar answers differ from the reference evaluator`);
  process.exit(1);
}

const perDecision = [];
for (let r = 0; r < repetitions; ++r) {
  const start = process.hrtime.bigint();
  let allowedCount = 0;
  for (const question of questions)
    if (cedar.statefulIsAuthorized(question.call).response.decision === 'allow')
      ++allowedCount;
  const elapsed = Number(process.hrtime.bigint() - start);
  perDecision.push(elapsed / questions.length);
  if (allowedCount < 0)
    console.log(allowedCount); // keeps the loop observable
}
perDecision.sort((a, b) => a - b);
const middle = Math.floor(perDecision.length / 2);
const median = perDecision.length % 2 ? perDecision[middle]
                                      : (perDecision[middle - 1] + perDecision[middle]) / 2;
console.log(JSON.stringify({
  cedar: cedar.getCedarVersion(),
  node: process.version,
  decisions: questions.length,
  repetitions,
  median_ns: median,
  agree: true,
}));
