// Generates tests/PersonalizedLearning.Core.Tests/Mastery/Retention/Fixtures/ts-fsrs-5.4.2-replay.json.gz: seeded
// review histories replayed through ts-fsrs 5.4.2 (npm, fuzz off) under several scheduler settings, with everything
// ts-fsrs reports after each review. The histories cover every state x rating x gap class (same minute, same day, at
// the due time, next day, weeks, overdue) under short-term memory on and off and with custom learning and relearning
// steps (none, one, several, steps of a day or more). Run through make-replay-fixture.sh.
import { createRequire } from 'node:module'
import { writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const [, , tsFsrsDir, outFile] = process.argv
const require = createRequire(import.meta.url)
const tsFsrs = require(`${tsFsrsDir}/dist/index.cjs`)
if (!tsFsrs.FSRSVersion.startsWith('v5.4.2 ')) throw new Error(`expected ts-fsrs 5.4.2, got ${tsFsrs.FSRSVersion}`)

// mulberry32: small, seeded, the same on every machine.
let seed = 0x0f5c_2024
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1))
const pick = (items) => items[Math.floor(random() * items.length)]

const MINUTE = 60_000
const DAY = 1440 * MINUTE
const settings = [
  { name: 'default', p: {} },
  { name: 'long-term only', p: { enable_short_term: false } },
  { name: 'steps of a day or more', p: { learning_steps: ['10m', '1d'], relearning_steps: ['1h', '2d'] } },
  { name: 'long-term only, custom steps', p: { enable_short_term: false, learning_steps: ['10m', '1d'], relearning_steps: ['1h', '2d'] } },
  { name: 'no steps', p: { learning_steps: [], relearning_steps: [] } },
  { name: 'one learning step, two relearning steps', p: { learning_steps: ['30m'], relearning_steps: ['5m', '20m'] } },
  { name: 'three learning steps, retention 0.8, maximum 30 days', p: { learning_steps: ['1m', '10m', '1h'], request_retention: 0.8, maximum_interval: 30 } },
  { name: 'day steps only', p: { learning_steps: ['2d'], relearning_steps: ['1d'] } },
  { name: 'long-term only, retention 0.95, maximum 5 days', p: { enable_short_term: false, request_retention: 0.95, maximum_interval: 5 } },
  { name: 'hour steps, retention 0.85', p: { learning_steps: ['1h', '3h'], relearning_steps: ['2h'], request_retention: 0.85 } },
]

const gapClasses = ['same minute', 'same day', 'at due', 'next day', 'weeks', 'overdue']
const nextTime = (now, card, gap) => {
  switch (gap) {
    case 'same minute': return now + between(0, 59) * 1000
    case 'same day': {
      const midnight = Math.floor(now / DAY) * DAY + DAY
      const room = Math.floor((midnight - now) / MINUTE) - 1
      return now + (room >= 1 ? between(1, room) : between(1, 300)) * MINUTE
    }
    case 'at due': return Math.max(now, card.due.getTime())
    case 'next day': return Math.floor(now / DAY) * DAY + DAY + between(0, 1439) * MINUTE + between(0, 59) * 1000
    case 'weeks': return now + between(7, 42) * DAY + between(-720, 720) * MINUTE
    case 'overdue': return Math.max(now, card.due.getTime()) + between(1, 60) * DAY + between(0, 1439) * MINUTE
  }
}

const out = { generator: 'eng/fsrs/make_replay_fixture.mjs', tsFsrs: tsFsrs.FSRSVersion, settings: [] }
let total = 0
for (const { name, p } of settings) {
  const params = tsFsrs.generatorParameters({ ...p, enable_fuzz: false })
  const f = tsFsrs.fsrs(params)
  const cards = []
  for (let c = 0; c < 40; c++) {
    // Created at any time of day, some minutes before UTC midnight.
    const created = Date.UTC(2024, 0, between(1, 28), between(0, 23), random() < 0.2 ? between(50, 59) : between(0, 59), between(0, 59))
    let card = tsFsrs.createEmptyCard(new Date(created))
    let now = created
    const reviews = []
    const length = between(10, 20)
    for (let i = 0; i < length; i++) {
      const gap = i === 0 ? 'first' : pick(gapClasses)
      if (i > 0) now = nextTime(now, card, gap)
      const rating = between(1, 4)
      const at = new Date(now)
      const r = card.state === tsFsrs.State.New ? null : f.get_retrievability(card, at, false)
      const { card: next, log } = f.next(card, at, rating)
      reviews.push({
        at: at.toISOString(), gap, rating, retrievabilityBefore: r, stateBefore: tsFsrs.State[log.state],
        elapsedDays: log.elapsed_days, state: tsFsrs.State[next.state], step: next.learning_steps,
        due: next.due.toISOString(), stability: next.stability, difficulty: next.difficulty,
        scheduledDays: next.scheduled_days, reps: next.reps, lapses: next.lapses,
      })
      card = next
    }
    total += reviews.length
    cards.push({ created: new Date(created).toISOString(), reviews })
  }
  out.settings.push({
    name,
    parameters: {
      w: [...params.w], request_retention: params.request_retention, maximum_interval: params.maximum_interval,
      enable_short_term: params.enable_short_term, learning_steps: [...params.learning_steps], relearning_steps: [...params.relearning_steps],
    },
    cards,
  })
}
out.reviews = total
writeFileSync(outFile, gzipSync(Buffer.from(JSON.stringify(out)), { level: 9, mtime: 0 }))
console.log(`${total} reviews in ${settings.length} settings -> ${outFile}`)
