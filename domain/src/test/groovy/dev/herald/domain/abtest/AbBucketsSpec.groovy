package dev.herald.domain.abtest

import dev.herald.domain.template.MessageContent
import spock.lang.Specification

class AbBucketsSpec extends Specification {

    static List<AbVariant> variants(List<Integer> weights) {
        weights.withIndex().collect { w, i -> new AbVariant("v$i", w, MessageContent.of("text $i", null), null) }
    }

    def "a user always lands in the same bucket and variant of a test"() {
        given:
        def test = UUID.fromString('5d0c4a3e-95a1-4f7e-8d5b-2a7c1e9f0b11')
        def split = variants([50, 30, 20])

        expect: 'the same answer on every call, for every user'
        (1..1000).every { n ->
            def user = "user-$n".toString()
            def first = AbBuckets.bucket(test, user)
            first in 0..99 && (1..5).every { AbBuckets.bucket(test, user) == first } &&
                    AbBuckets.assign(test, user, split).key() == AbBuckets.assign(test, user, split).key()
        }

        and: 'a fixed input gives a fixed bucket, so assignments survive restarts and upgrades'
        AbBuckets.bucket(test, 'alice') == AbBuckets.bucket(UUID.fromString('5d0c4a3e-95a1-4f7e-8d5b-2a7c1e9f0b11'), 'alice')
    }

    def "100,000 users split within ±1% of the weights #weights"() {
        given:
        def test = UUID.randomUUID()
        def split = variants(weights)
        def counts = [:].withDefault { 0 }

        when:
        100_000.times { counts[AbBuckets.assign(test, "synthetic-$it".toString(), split).key()]++ }

        then:
        weights.withIndex().every { w, i -> Math.abs(counts["v$i"] / 1000.0 - w) <= 1.0 }

        where:
        weights << [[50, 50], [90, 10], [50, 30, 20], [25, 25, 25, 25], [1, 99], [10, 10, 10, 10, 10, 10, 10, 10, 10, 10]]
    }

    def "different tests split the same users independently"() {
        given:
        def a = UUID.randomUUID()
        def b = UUID.randomUUID()
        def users = (1..20_000).collect { "u$it".toString() }

        when: 'how many land in the lower half of both tests'
        def both = users.count { AbBuckets.bucket(a, it) < 50 && AbBuckets.bucket(b, it) < 50 }

        then: 'about a quarter, as for independent coins'
        Math.abs(both / 20_000.0 - 0.25) < 0.015
    }

    def "bucket #bucket of weights 50/30/20 is #expected"() {
        expect:
        AbBuckets.pick(variants([50, 30, 20]), bucket).key() == expected

        where:
        bucket || expected
        0      || 'v0'
        49     || 'v0'
        50     || 'v1'
        79     || 'v1'
        80     || 'v2'
        99     || 'v2'
    }

    def "the auto-promote sample takes about its share, independently of the variant"() {
        given:
        def test = UUID.randomUUID()
        def users = (1..50_000).collect { "s$it".toString() }

        when:
        def sampled = users.findAll { AbBuckets.inSample(test, it, 20) }
        def sampledInFirstHalf = sampled.count { AbBuckets.bucket(test, it) < 50 }

        then:
        Math.abs(sampled.size() / 50_000.0 - 0.20) < 0.01
        Math.abs(sampledInFirstHalf / sampled.size() - 0.5) < 0.02
    }
}
