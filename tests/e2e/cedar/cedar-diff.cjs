// node cedar-diff.cjs [--mutate=KIND] [--expect-mismatches=any|decisions] DIR LIST...
//
// Asks Cedar (cedar-wasm) every request that policyc_cedar_diffgen wrote for the policies
// named in each LIST (one folder name of DIR a line) and reports every answer that differs
// from the reference evaluator's. For each policy, in one process:
// - the policy set must validate against the generated schema (Cedar's strict validator,
//   no error and no warning), and every policy must map to one effect of the model by its
//   action and its @statement and @origin annotations;
// - every request is answered with the policy set parsed once (statefulIsAuthorized; each
//   request by the policies of its action, the only ones that can apply to it) and the
//   entities the request can reach (its uids and their ancestors): the decision, the set of
//   determining policies and the absence of evaluation errors must be as expected, and the
//   evaluator's deciding statement must be among the determining policies' @statement;
// - the first requests of each policy are also validated against the schema, and requests
//   the schema must refuse are refused.
// Exit 0 when nothing differs, 1 otherwise.
//
// --mutate breaks the policy set on purpose, to show that the test fails when the
// generator fails open (ctest runs these with --expect-mismatches, which inverts the exit):
//   forbid-without-has   forbids read attributes without `has` (they error when one is
//                        missing, and Cedar skips them)
//   permit-any-entity    permits drop the test of an axis whose statement names the whole
//                        vocabulary (unknown ids are then permitted)
//   fail-open            both, without the well-formedness forbids: the generator as it was
'use strict';
const fs = require('fs');
const path = require('path');
const cedar = require('@cedar-policy/cedar-wasm/nodejs');

const kValidatedPerPolicy = 200;
const kActions = ['collect', 'process', 'link'];
const kShownPerPolicy = 8;

function usage(message) {
  if (message)
    console.error(`cedar-diff: ${message}`);
  console.error('usage: node cedar-diff.cjs [--mutate=forbid-without-has|permit-any-entity|' +
                'fail-open] [--expect-mismatches=any|decisions] DIR LIST...');
  process.exit(2);
}

let mutation = null;
let expectMismatches = null;
const positional = [];
for (const arg of process.argv.slice(2)) {
  if (arg.startsWith('--mutate='))
    mutation = arg.slice('--mutate='.length);
  else if (arg.startsWith('--expect-mismatches='))
    expectMismatches = arg.slice('--expect-mismatches='.length);
  else if (arg.startsWith('--'))
    usage(`unknown option ${arg}`);
  else
    positional.push(arg);
}
if (mutation && !['forbid-without-has', 'permit-any-entity', 'fail-open'].includes(mutation))
  usage(`unknown mutation ${mutation}`);
if (expectMismatches && !['any', 'decisions'].includes(expectMismatches))
  usage(`unknown --expect-mismatches=${expectMismatches}`);
if (positional.length < 2)
  usage();
const [dir, ...lists] = positional;

// --- the policy set as Cedar sees it ----------------------------------------------------

/// The conjuncts of a left-nested chain of `&&`.
function conjuncts(expr) {
  if (expr && expr['&&'])
    return [...conjuncts(expr['&&'].left), ...conjuncts(expr['&&'].right)];
  return [expr];
}
function conjunction(parts) {
  if (parts.length === 0)
    return { Value: true };
  return parts.reduce((left, right) => ({ '&&': { left, right } }));
}

/// The entity literal(s) of an expression, or null when it is something else.
function literalEntities(expr) {
  const one = (e) => (e && e.Value && e.Value.__entity ? [e.Value.__entity] : null);
  if (expr && expr.Set) {
    const all = expr.Set.map(one);
    return all.every((x) => x) ? all.map((x) => x[0]) : null;
  }
  return one(expr);
}

/// A membership test as the generator writes it (`x in E`, `x in [..]`, `x == E`,
/// `[..].contains(x)`, or a disjunction of them about one x): {subject, entities}, else null.
function membershipTest(expr) {
  if (!expr)
    return null;
  const test = (subject, entities) => (entities ? { subject, entities } : null);
  if (expr.in)
    return test(expr.in.left, literalEntities(expr.in.right));
  if (expr['=='])
    return test(expr['=='].left, literalEntities(expr['=='].right));
  if (expr.contains)
    return test(expr.contains.right, literalEntities(expr.contains.left));
  if (expr['||']) {
    const left = membershipTest(expr['||'].left);
    const right = membershipTest(expr['||'].right);
    if (left && right && JSON.stringify(left.subject) === JSON.stringify(right.subject))
      return { subject: left.subject, entities: [...left.entities, ...right.entities] };
  }
  return null;
}

/// Does a test name exactly the top-level entities of one type? In a permit that is the whole
/// vocabulary (a permit's set holds a top-level node only with its whole subtree).
function namesEveryRoot(entities, roots) {
  if (!entities || entities.length === 0)
    return false;
  const type = entities[0].type;
  const keys = new Set(entities.map((e) => `${e.type}::${e.id}`));
  const wanted = roots.get(type) || new Set();
  return entities.every((e) => e.type === type) && keys.size === wanted.size &&
         [...keys].every((k) => wanted.has(k));
}

/// The attribute an expression reads from context, if it is `context.X` or `context has X`.
function contextAttribute(expr) {
  const read = expr && (expr['.'] || expr.has);
  if (read && read.left && read.left.Var === 'context')
    return read.attr;
  return null;
}

function mutate(policy, roots) {
  const forbidWithoutHas = mutation === 'forbid-without-has' || mutation === 'fail-open';
  const permitAny = mutation === 'permit-any-entity' || mutation === 'fail-open';
  if (policy.effect === 'forbid' && forbidWithoutHas) {
    policy.conditions = policy.conditions.map((clause) => {
      if (clause.kind !== 'when')
        return clause;
      const parts = conjuncts(clause.body).map((part) => {
        const or = part && part['||'];
        if (or && or.left['!'] && or.left['!'].arg.has)
          return or.right;
        return part;
      });
      return { kind: 'when', body: conjunction(parts) };
    });
  }
  if (policy.effect === 'permit' && permitAny) {
    for (const position of ['principal', 'resource']) {
      const scope = policy[position];
      if ((scope.op === 'in' || scope.op === '==') && namesEveryRoot([scope.entity], roots))
        policy[position] = { op: 'All' };
    }
    policy.conditions = policy.conditions.map((clause) => {
      const parts = conjuncts(clause.body);
      const dropped = new Set();
      const kept = parts.filter((part) => {
        const test = membershipTest(part);
        if (!test || !namesEveryRoot(test.entities, roots))
          return true;
        const attribute = contextAttribute(test.subject);
        if (attribute)
          dropped.add(attribute);
        return false;
      });
      // `context has X` goes with the test it guarded, as the generator once wrote neither.
      const rest = kept.filter((part) => !(part && part.has && dropped.has(contextAttribute(part))));
      return { kind: clause.kind, body: conjunction(rest) };
    });
  }
  return policy;
}

function loadPolicySet(folder, effects, roots) {
  const text = fs.readFileSync(path.join(folder, 'policy.cedar'), 'utf8');
  const schema = fs.readFileSync(path.join(folder, 'schema.cedarschema'), 'utf8');
  const problems = [];
  const validation = cedar.validate({
    schema,
    policies: { staticPolicies: text },
    validationSettings: { mode: 'strict' },
  });
  if (validation.type !== 'success')
    problems.push(`Cedar cannot validate: ${JSON.stringify(validation.errors)}`);
  else
    for (const issue of [...validation.validationErrors, ...validation.validationWarnings,
                         ...validation.otherWarnings])
      problems.push(`validation: ${JSON.stringify(issue)}`);

  const parts = cedar.policySetTextToParts(text);
  if (parts.type !== 'success')
    throw new Error(`${folder}: Cedar cannot parse the policy set: ${JSON.stringify(parts.errors)}`);
  const byKey = new Map(effects.map((effect, index) => [effect.key, index]));
  const policies = Object.fromEntries(kActions.map((action) => [action, {}]));
  const indexOf = new Map(); // policy id -> effect index
  const statementOf = new Map(); // policy id -> @statement
  parts.policies.forEach((part, i) => {
    const json = cedar.policyToJson(part);
    if (json.type !== 'success')
      throw new Error(`${folder}: ${JSON.stringify(json.errors)}`);
    const policy = json.json;
    const annotations = policy.annotations || {};
    const action = policy.action.op === '==' ? policy.action.entity.id : '?';
    const key = `${action}|${annotations.statement || 0}|${annotations.origin}`;
    const id = `p${i}`;
    if (mutation === 'fail-open' && annotations.origin === 'malformed-request')
      return;
    if (!byKey.has(key))
      problems.push(`policy ${i} (${key}) is no effect of the model`);
    else if ([...indexOf.values()].includes(byKey.get(key)))
      problems.push(`two policies for the effect ${key}`);
    else if ((policy.effect === 'forbid') !== effects[byKey.get(key)].forbids)
      problems.push(`policy ${i} (${key}) is a ${policy.effect}, its effect is not`);
    indexOf.set(id, byKey.get(key));
    statementOf.set(id, Number(annotations.statement || 0));
    if (!kActions.includes(action))
      problems.push(`policy ${i} (${key}) is not about one action of ${kActions.join(', ')}`);
    else
      policies[action][id] = mutation ? mutate(policy, roots) : policy;
  });
  // Cedar evaluates every policy of a set for every request, and costs a few microseconds a
  // policy even where the action does not match; every policy names one action (checked
  // above), so each request is asked of its action's policies only, with the same answer.
  for (const action of kActions) {
    const preparsed = cedar.preparsePolicySet(`${folder}#${action}`,
                                              { staticPolicies: policies[action] });
    if (preparsed.type !== 'success')
      throw new Error(`${folder}: ${JSON.stringify(preparsed.errors)}`);
  }
  const schemaParsed = cedar.preparseSchema(folder, schema);
  if (schemaParsed.type !== 'success')
    throw new Error(`${folder}: the schema does not parse: ${JSON.stringify(schemaParsed.errors)}`);
  return { problems, indexOf, statementOf };
}

// --- requests ---------------------------------------------------------------------------

const entityValue = (type, id) => ({ __entity: { type, id } });

function runPolicy(name) {
  const folder = path.join(dir, name);
  const effects = JSON.parse(fs.readFileSync(path.join(folder, 'effects.json'), 'utf8'));
  const entities = JSON.parse(fs.readFileSync(path.join(folder, 'entities.json'), 'utf8'));
  const byUid = new Map(entities.map((e) => [`${e.uid.type}::${e.uid.id}`, e]));
  const roots = new Map();
  for (const e of entities)
    if (e.parents.length === 0) {
      if (!roots.has(e.uid.type))
        roots.set(e.uid.type, new Set());
      roots.get(e.uid.type).add(`${e.uid.type}::${e.uid.id}`);
    }
  const { problems, indexOf, statementOf } = loadPolicySet(folder, effects, roots);

  const lines = fs.readFileSync(path.join(folder, 'requests.jsonl'), 'utf8').split('\n');
  const header = JSON.parse(lines[0]);
  const consentNames = header.consents;

  // The entities a request can reach: its uids and their ancestors (passing every entity
  // with every request would measure Cedar's entity parsing, not its decisions).
  function slice(request) {
    const into = new Set();
    const add = (uid) => {
      for (let e = uid && byUid.get(`${uid.type}::${uid.id}`); e && !into.has(e);) {
        into.add(e);
        const parent = e.parents[0];
        e = parent ? byUid.get(`${parent.type}::${parent.id}`) : undefined;
      }
    };
    add(request.principal);
    add(request.resource);
    for (const value of Object.values(request.context || {}))
      if (value && value.__entity)
        add(value.__entity);
    return [...into];
  }

  function ask(request, validate) {
    const action = request.action && request.action.id;
    const call = { ...request, entities: slice(request),
                   preparsedPolicySetId: `${folder}#${kActions.includes(action) ? action : 'process'}` };
    if (validate) {
      call.preparsedSchemaName = folder;
      call.validateRequest = true;
    }
    return cedar.statefulIsAuthorized(call);
  }

  let mismatches = 0;
  let decisionMismatches = 0;
  let asked = 0;
  let validated = 0;
  const shown = [];
  const shownDecisions = [];
  function mismatch(what, label, request, answer, decision) {
    ++mismatches;
    if (decision)
      ++decisionMismatches;
    // Wrong decisions are shown first, then the other differences.
    const text = `  ${label}: ${what}\n    request ${JSON.stringify(request)}\n` +
                 `    Cedar ${JSON.stringify(answer)}`;
    if (decision && shownDecisions.length < kShownPerPolicy)
      shownDecisions.push(text);
    else if (!decision && shown.length < kShownPerPolicy)
      shown.push(text);
  }
  const sorted = (xs) => [...xs].sort((a, b) => a - b).join(',');

  for (let i = 1; i < lines.length; ++i) {
    if (!lines[i])
      continue;
    const line = JSON.parse(lines[i]);
    let request, expected;
    if (Array.isArray(line)) {
      const [action, principal, resource, source, third, consents, allowed, statement, determining] =
        line;
      const context = { source: entityValue('Source', source) };
      if (action === 'process')
        context.purpose = entityValue('Purpose', third);
      if (action === 'link')
        context.linked = entityValue('Category', third);
      context.consents = consents.map((k) => consentNames[k]);
      request = {
        principal: { type: 'Recipient', id: principal },
        action: { type: 'Action', id: action },
        resource: { type: 'Category', id: resource },
        context,
      };
      expected = { label: 'question', allowed: allowed === 1, statement, determining,
                   errors: false, validate: validated < kValidatedPerPolicy };
      if (expected.validate)
        ++validated;
    } else {
      request = line.request;
      expected = { ...line, statement: 0 };
    }
    ++asked;
    const answer = ask(request, expected.validate);
    if (answer.type !== 'success') {
      mismatch(`Cedar failed: ${JSON.stringify(answer.errors)}`, expected.label, request, answer,
               true);
      continue;
    }
    const response = answer.response;
    const allowed = response.decision === 'allow';
    if (allowed !== expected.allowed) {
      mismatch(`Cedar ${response.decision}s, the evaluator ${expected.allowed ? 'allows' : 'denies'}`,
               expected.label, request, response, true);
      continue;
    }
    if (!expected.errors && response.diagnostics.errors.length !== 0) {
      mismatch('policies errored (Cedar skips them)', expected.label, request, response, false);
      continue;
    }
    const determining = response.diagnostics.reason.map((id) => indexOf.get(id));
    if (expected.determining && sorted(determining) !== sorted(expected.determining)) {
      const keys = (xs) => xs.map((x) => (effects[x] ? effects[x].key : `?${x}`)).join(' ');
      mismatch(`determining policies [${keys(determining)}], expected [${keys(expected.determining)}]`,
               expected.label, request, response, false);
      continue;
    }
    if (expected.mustInclude && !expected.mustInclude.every((x) => determining.includes(x))) {
      mismatch(`determining policies lack ${expected.mustInclude.map((x) => effects[x].key)}`,
               expected.label, request, response, false);
      continue;
    }
    // The statement the evaluator names is among those Cedar names.
    if (expected.statement && determining.length !== 0 &&
        !response.diagnostics.reason.some((id) => statementOf.get(id) === expected.statement)) {
      mismatch(`the evaluator's statement ${expected.statement} is not determining`,
               expected.label, request, response, false);
      continue;
    }
    if (expected.schemaRejects) {
      const refused = ask(request, true);
      if (refused.type === 'success')
        mismatch('the schema accepts the request', expected.label, request, refused, false);
    }
  }
  mismatches += problems.length;
  return { name, asked, mismatches, decisionMismatches,
           shown: [...problems.map((problem) => `  ${problem}`), ...shownDecisions, ...shown]
             .slice(0, kShownPerPolicy + problems.length),
           expectedCount: header.regular + header.malformed };
}

// --- main -------------------------------------------------------------------------------

const started = process.hrtime.bigint();
let total = 0;
let totalMismatches = 0;
let totalDecisionMismatches = 0;
for (const list of lists) {
  const names = fs.readFileSync(list, 'utf8').split('\n').filter((x) => x);
  for (const name of names) {
    const result = runPolicy(name);
    total += result.asked;
    totalMismatches += result.mismatches;
    totalDecisionMismatches += result.decisionMismatches;
    if (result.asked !== result.expectedCount) {
      ++totalMismatches;
      console.log(`${name}: ${result.asked} requests read, ${result.expectedCount} written`);
    }
    if (result.mismatches !== 0) {
      console.log(`${name}: ${result.mismatches} of ${result.asked} answers differ` +
                  ` (${result.decisionMismatches} decisions)`);
      console.log(result.shown.join('\n'));
    }
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage();
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(`cedar-diff: ${total} requests, ${totalMismatches} mismatches ` +
            `(${totalDecisionMismatches} decisions) in ${seconds.toFixed(1)} s ` +
            `(${cpuSeconds.toFixed(1)} s processor time); Cedar ` +
            `${cedar.getCedarVersion()}, node ${process.version}` +
            (mutation ? `; policy set mutated: ${mutation}` : ''));
if (expectMismatches) {
  const found = expectMismatches === 'decisions' ? totalDecisionMismatches : totalMismatches;
  if (found === 0) {
    console.log(`cedar-diff: expected ${expectMismatches === 'decisions' ? 'wrong decisions' :
                                         'mismatches'} from the mutated policy set, found none`);
    process.exit(1);
  }
  process.exit(0);
}
process.exit(totalMismatches === 0 ? 0 : 1);
