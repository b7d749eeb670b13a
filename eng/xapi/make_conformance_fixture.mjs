// Generates tests/PersonalizedLearning.Core.Tests/Interop/Fixtures/adl-lrs-conformance-1.0.3.json: the statements of
// ADL's LRS conformance test suite (github.com/adlnet/lrs-conformance-test-suite, MIT licence) for the members the
// xAPI mapper reads (actor and its identifiers, timestamp, result: score, success, duration; verb, object activity and
// context activities: IRIs, language maps, object types), each with the status the
// suite expects an LRS to answer (400: the statement breaks a rule of xAPI 1.0.3; 200: it is valid). The statements are
// built from the suite's own templates and configs as its templating code builds them (templates resolved from
// test/v1_0_3/templates, merged innermost first). Run through make-conformance-fixture.sh.
import { createRequire } from 'node:module'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const [, , suiteDir, commit, outFile] = process.argv
const require = createRequire(import.meta.url)
const root = join(suiteDir, 'test', 'v1_0_3')

// The suite's templates, by folder and file: {{statements.default}} is templates/statements/default.json.
const templates = {}
for (const folder of readdirSync(join(root, 'templates'))) {
  templates[folder] = {}
  for (const file of readdirSync(join(root, 'templates', folder)).filter((f) => f.endsWith('.json'))) {
    templates[folder][file.slice(0, -5)] = JSON.parse(readFileSync(join(root, 'templates', folder, file), 'utf8'))
  }
}

const clone = (x) => (x === undefined ? x : JSON.parse(JSON.stringify(x)))
const isObject = (x) => x !== null && typeof x === 'object' && !Array.isArray(x)
// jQuery-style deep extend, as the suite's `extend(true, target, source)`: objects merge, everything else replaces.
const extend = (target, source) => {
  for (const [key, value] of Object.entries(source)) {
    if (isObject(value)) {
      if (!isObject(target[key])) target[key] = {}
      extend(target[key], value)
    } else if (Array.isArray(value)) {
      target[key] = clone(value)
    } else if (value !== undefined) {
      target[key] = value
    }
  }
  return target
}
const resolve = (item) => {
  const key = Object.keys(item)[0]
  const value = item[key]
  if (typeof value === 'string' && value.startsWith('{{') && value.endsWith('}}')) {
    const [folder, file] = value.slice(2, -2).split('.')
    if (!templates[folder]?.[file]) throw new Error(`not mapped: ${value}`)
    return { [key]: clone(templates[folder][file]) }
  }
  return clone(item)
}
// helper.createTestObject: the list reversed, each object merged into the value of the one before it.
const build = (list) => {
  const items = list.map(resolve).reverse()
  let from = {}
  items.forEach((to, index) => {
    if (index === 0) {
      from = to
      return
    }
    const value = to[Object.keys(to)[0]]
    if (isObject(value)) extend(value, from)
    from = to
  })
  return from[Object.keys(from)[0]]
}

// Configs that need the suite's helper only for dates: a stub with what they call.
const Module = require('node:module')
const load = Module._load
Module._load = function (request, parent, isMain) {
  if (request.endsWith('helper.js')) return { getTimeMargin: () => 0 }
  return load.apply(this, arguments)
}

// Per file: the statement templates and the member under test (the second template) that are the statement's own
// verb, object, actor, timestamp, result or context activities.
const own = ['{{statements.default}}', '{{statements.actor}}', '{{statements.result}}']
const objectParts = ['{{statements.verb}}', '{{statements.object_activity}}', '{{statements.object_actor}}', '{{statements.object_statementref}}', '{{statements.context}}']
const files = {
  agents: [[...own, '{{statements.context}}'], ['actor', 'result', 'timestamp', 'context']],
  ifis: [[...own, '{{statements.context}}'], ['actor', 'result', 'timestamp', 'context']],
  accountobjects: [[...own, '{{statements.context}}'], ['actor', 'result', 'timestamp', 'context']],
  actors: [[...own, '{{statements.context}}'], ['actor', 'result', 'timestamp', 'context']],
  timestamps: [own, ['actor', 'result', 'timestamp']],
  timestamp_property: [own, ['actor', 'result', 'timestamp']],
  durations: [own, ['actor', 'result', 'timestamp']],
  scores: [own, ['actor', 'result', 'timestamp']],
  results: [own, ['actor', 'result', 'timestamp']],
  verbs: [objectParts, ['verb']],
  objects: [objectParts, ['object']],
  activities: [objectParts, ['object']],
  contextactivities: [objectParts, ['context']],
  contexts: [objectParts, ['context']],
  languages: [objectParts, ['verb', 'object']],
}
const cases = []
for (const [file, [kinds, members]] of Object.entries(files)) {
  const configs = require(join(root, 'configs', `${file}.js`)).config()
  for (const group of configs) {
    for (const test of group.config) {
      if (!test.templates) continue
      // Only statements whose own actor, timestamp or result is under test: not substatements, authorities, context
      // agents or groups, which the mapper does not read.
      const top = Object.values(test.templates[0])[0]
      const second = test.templates[1] ? Object.keys(test.templates[1])[0] : null
      if (!kinds.includes(top) || (second && !members.includes(second))) continue
      if (second === 'actor' && test.templates.length > 3) continue
      cases.push({ file, group: group.name, name: test.name, expect: test.expect[0], statement: build(test.templates) })
    }
  }
}

const out = {
  source: 'https://github.com/adlnet/lrs-conformance-test-suite',
  commit,
  licence: 'MIT (Copyright (c) Advanced Distributed Learning; see the suite\'s LICENSE)',
  generator: 'eng/xapi/make_conformance_fixture.mjs',
  cases,
}
writeFileSync(outFile, JSON.stringify(out, null, 1) + '\n')
console.log(`${cases.length} cases (${cases.filter((c) => c.expect === 400).length} invalid) -> ${outFile}`)
