package dev.herald.domain.automation

import spock.lang.Specification

import java.time.Duration
import java.time.Instant
import java.time.LocalTime
import java.time.ZoneId

class AutomationRulesSpec extends Specification {

    static final Instant NOW = Instant.parse('2026-03-28T12:00:00Z')

    static Condition when(Map spec) {
        def parsed = DefinitionParser.parse([name: 'c', trigger: [event: 'e', where: spec], steps: [[type: 'exit']]])
        assert parsed.valid(): parsed.errors()
        parsed.definition().trigger().where()
    }

    def "condition #spec on #facts → #matches"() {
        expect:
        Conditions.matches(when(spec), facts, NOW) == matches

        where:
        spec                                       | facts                                             || matches
        [:]                                        | [:]                                               || true
        [store: 'berlin']                          | [store: 'berlin']                                 || true
        [store: 'berlin']                          | [store: 'paris']                                  || false
        [items: 2]                                 | [items: 2.0]                                      || true
        [items: [gte: 1]]                          | [items: 1]                                        || true
        [items: [gte: 1]]                          | [items: 0]                                        || false
        [items: [gte: 1]]                          | [:]                                               || false
        [items: [gt: 1, lt: 5]]                    | [items: 3]                                        || true
        [items: [lte: 5]]                          | [items: 'many']                                   || false
        [sku: ['a', 'b']]                          | [sku: 'b']                                        || true
        [sku: [ne: 'a']]                           | [sku: 'b']                                        || true
        [coupon: [exists: true]]                   | [coupon: 'X']                                     || true
        [coupon: [exists: false]]                  | [coupon: 'X']                                     || false
        [geofenceName: [contains: 'Store']]        | [geofenceName: 'Store Mitte']                     || true
        [tags: [contains: 'vip']]                  | [tags: ['vip', 'new']]                            || true
        ['cart.total': [gt: 50]]                   | [cart: [total: 80]]                               || true
        ['user.lastPushAt': [within: '24h']]       | [user: [lastPushAt: '2026-03-28T00:00:00Z']]      || true
        ['user.lastPushAt': [within: '24h']]       | [user: [lastPushAt: '2026-03-26T00:00:00Z']]      || false
        ['user.lastPushAt': [within: '24h']]       | [user: [:]]                                       || false
        ['user.lastPushAt': [olderThan: '24h']]    | [user: [:]]                                       || true
        ['user.tags.plan': 'pro']                  | [user: [tags: [plan: 'pro']]]                     || true
    }

    def "'#text' is a duration of #expected"() {
        expect:
        Durations.parse(text) == Optional.ofNullable(expected)

        where:
        text      || expected
        '90s'     || Duration.ofSeconds(90)
        '30m'     || Duration.ofMinutes(30)
        '1h30m'   || Duration.ofMinutes(90)
        '3d'      || Duration.ofDays(3)
        '2w'      || Duration.ofDays(14)
        'PT1H'    || Duration.ofHours(1)
        'P3D'     || Duration.ofDays(3)
        '1 hour'  || null
        ''        || null
        '5'       || null
        'PXYZ'    || null
        null      || null
    }

    def "entry: #entry with last run #last (running: #running) → #refusal"() {
        expect:
        EntryRules.check(new Definition.Entry(entry), last, running, NOW) == Optional.ofNullable(refusal)

        where:
        entry                | last                             | running || refusal
        null                 | null                             | false   || null
        null                 | NOW.minus(Duration.ofDays(90))   | false   || EntryRules.Refusal.ALREADY_ENTERED
        null                 | NOW.minus(Duration.ofDays(1))    | true    || EntryRules.Refusal.ALREADY_RUNNING
        Duration.ofDays(1)   | NOW.minus(Duration.ofHours(2))   | false   || EntryRules.Refusal.TOO_SOON
        Duration.ofDays(1)   | NOW.minus(Duration.ofDays(2))    | false   || null
        Duration.ofDays(1)   | NOW.minus(Duration.ofDays(2))    | true    || EntryRules.Refusal.ALREADY_RUNNING
    }

    def "the next #at in #zone after #from is #expected"() {
        expect:
        LocalTimes.nextAt(Instant.parse(from), ZoneId.of(zone), LocalTime.parse(at)) == Instant.parse(expected)

        where:
        from                   | zone               | at      || expected
        '2026-03-28T08:00:00Z' | 'UTC'              | '10:00' || '2026-03-28T10:00:00Z'
        '2026-03-28T11:00:00Z' | 'UTC'              | '10:00' || '2026-03-29T10:00:00Z'
        '2026-03-28T11:00:00Z' | 'Europe/Berlin'    | '10:00' || '2026-03-29T08:00:00Z'
        '2026-03-29T00:30:00Z' | 'Europe/Berlin'    | '02:30' || '2026-03-29T01:30:00Z'
        '2026-03-28T12:00:00Z' | 'America/New_York' | '09:00' || '2026-03-28T13:00:00Z'
    }

    def "A/B buckets are sticky and spread over 0-99"() {
        given:
        def buckets = (1..2000).collect { AbBucket.of('split', "user-$it".toString()) }
        def variants = [new Definition.Variant('A', 30, 'a'), new Definition.Variant('B', 70, 'b')]

        expect:
        AbBucket.of('split', 'alice') == AbBucket.of('split', 'alice')
        buckets.every { it >= 0 && it < 100 }
        buckets.toSet().size() == 100
        AbBucket.pick(variants, 0).name() == 'A'
        AbBucket.pick(variants, 29).name() == 'A'
        AbBucket.pick(variants, 30).name() == 'B'
        AbBucket.pick(variants, 99).name() == 'B'
        Math.abs(buckets.count { AbBucket.pick(variants, it).name() == 'A' } / 2000 - 0.3) < 0.05
    }
}
