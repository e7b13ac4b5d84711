package dev.herald.domain.abtest

import spock.lang.Specification

import java.time.Duration

/**
 * The readout against hand-computed two-proportion z-tests. Worked example (first row):
 * control 100/1000 = 0.10, variant 130/1000 = 0.13; pooled p = 230/2000 = 0.115;
 * SE = √(0.115 · 0.885 · (1/1000 + 1/1000)) = √0.00020355 = 0.0142671;
 * z = 0.03 / 0.0142671 = 2.10274; two-sided p = 2 · (1 − Φ(2.10274)) = 0.03549; lift = 0.03/0.10 = +30%.
 */
class SignificanceSpec extends Specification {

    def "#nA/#xA vs #nB/#xB: z=#z p=#p lift=#lift"() {
        when:
        def c = TwoProportionTest.compare(nA, xA, nB, xB)

        then:
        Math.abs(c.z() - z) < 1e-4
        Math.abs(c.pValue() - p) < 1e-4
        lift == null ? c.lift() == null : Math.abs(c.lift() - lift) < 1e-6

        where:
        nA     | xA   | nB     | xB   || z         | p        | lift
        1000   | 100  | 1000   | 130  || 2.102741  | 0.035488 | 0.30
        500    | 50   | 500    | 50   || 0         | 1        | 0
        2000   | 300  | 1800   | 240  || -1.469218 | 0.141774 | -0.111111
        200    | 20   | 220    | 40   || 2.393172  | 0.016703 | 0.818182
        10000  | 1000 | 10000  | 1050 || 1.165671  | 0.243748 | 0.05
        100    | 0    | 100    | 0    || 0         | 1        | null     // nobody converted: no evidence
        100    | 0    | 100    | 5    || 2.264554  | 0.023540 | null     // lift from zero is undefined
    }

    def "#nA/#xA vs #nB/#xB cannot be compared: #why"() {
        expect:
        TwoProportionTest.whyNotComparable(nA, xA, nB, xB) == why

        when:
        TwoProportionTest.compare(nA, xA, nB, xB)

        then:
        def e = thrown(IllegalArgumentException)
        e.message == why

        where:
        nA  | xA | nB  | xB  || why
        0   | 0  | 10  | 1   || 'both groups need at least one recipient'
        10  | 1  | 0   | 0   || 'both groups need at least one recipient'
        -1  | 0  | 10  | 1   || 'both groups need at least one recipient'
        10  | 11 | 10  | 1   || 'conversions must be between 0 and the recipients'
        10  | 1  | 10  | 12  || 'conversions must be between 0 and the recipients'
        10  | -1 | 10  | 1   || 'conversions must be between 0 and the recipients'
    }

    def "edge counts that can be compared: #nA/#xA vs #nB/#xB"() {
        expect:
        TwoProportionTest.whyNotComparable(nA, xA, nB, xB) == null
        def c = TwoProportionTest.compare(nA, xA, nB, xB)
        Math.abs(c.z() - z) < 1e-4
        Math.abs(c.pValue() - p) < 1e-4

        where:
        nA  | xA  | nB  | xB  || z         | p
        1   | 1   | 1   | 1   || 0         | 1          // everyone converted: no spread, no evidence
        1   | 0   | 1   | 1   || 1.414214  | 0.157299   // one recipient each
        100 | 100 | 100 | 0   || -14.142136| 0
        10  | 10  | 10  | 10  || 0         | 1
    }

    def "the readout never throws on degenerate counts (#description): it leaves the comparison out and says why"() {
        when:
        def readout = AbReadout.of(stats, AbMetric.OPENED, 0.95)

        then:
        readout.notEnoughData() == note
        readout.variants()*.pValue() == pValues
        readout.significantWinner() == null

        where:
        description                        | stats                                                                    || note                                                              | pValues
        'nobody reached yet'               | [new VariantStats('a', 0, 0, 0), new VariantStats('b', 0, 0, 0)]         || 'not enough data: variant a has reached no user yet'              | [null, null]
        'the variant reached nobody'       | [new VariantStats('a', 50, 5, 0), new VariantStats('b', 0, 0, 0)]        || 'not enough data: variant b has reached no user yet'              | [null, null]
        'the control reached nobody'       | [new VariantStats('a', 0, 0, 0), new VariantStats('b', 50, 40, 0)]       || 'not enough data: variant a has reached no user yet'              | [null, null]
        'more openers than recipients'     | [new VariantStats('a', 10, 15, 0), new VariantStats('b', 10, 5, 0)]      || 'not enough data: variant a counts 15 opened users of 10 reached' | [null, null]
        'openers but no recipients'        | [new VariantStats('a', 10, 2, 0), new VariantStats('b', 0, 3, 0)]        || 'not enough data: variant b has reached no user yet'              | [null, null]
    }

    def "a readout that can compare everything has no note"() {
        expect:
        AbReadout.of([new VariantStats('a', 1000, 100, 0), new VariantStats('b', 1000, 130, 0)], AbMetric.OPENED, 0.95).notEnoughData() == null
    }

    def "the readout compares each variant with the control and names a winner only when it beats all"() {
        when:
        def readout = AbReadout.of(stats, AbMetric.OPENED, 0.95)

        then:
        readout.control() == 'a'
        readout.leader() == leader
        readout.significantWinner() == winner
        readout.variants()*.significant == significant
        readout.variants()[0].pValue() == null

        where:
        stats                                                                              || leader | winner | significant
        [new VariantStats('a', 1000, 100, 10), new VariantStats('b', 1000, 130, 12)]       || 'b'    | 'b'    | [false, true]
        [new VariantStats('a', 1000, 130, 10), new VariantStats('b', 1000, 100, 12)]       || 'a'    | 'a'    | [false, true]   // b is significantly worse
        [new VariantStats('a', 10000, 1000, 0), new VariantStats('b', 10000, 1050, 0)]     || 'b'    | null   | [false, false]
        [new VariantStats('a', 1000, 100, 0), new VariantStats('b', 1000, 130, 0),
         new VariantStats('c', 1000, 128, 0)]                                              || 'b'    | null   | [false, true, true]  // b does not beat c
        [new VariantStats('a', 0, 0, 0), new VariantStats('b', 0, 0, 0)]                   || 'a'    | null   | [false, false]
    }

    def "the readout of the clicked metric uses clicks"() {
        when:
        def readout = AbReadout.of([new VariantStats('a', 200, 150, 20), new VariantStats('b', 220, 60, 40)], AbMetric.CLICKED, 0.95)

        then:
        Math.abs(readout.variants()[1].rate() - 40 / 220) < 1e-9
        Math.abs(readout.variants()[1].pValue() - 0.016703) < 1e-4
        readout.significantWinner() == 'b'
    }

    def "auto-promotion waits for its time and sample, then declares (#description)"() {
        given:
        def policy = new AutoPromote(20, 100, 60, 600, 0.95, 15, null)
        def readout = AbReadout.of(stats, AbMetric.OPENED, 0.95)

        expect:
        policy.decide(readout, Duration.ofMinutes(elapsed)) == decision

        where:
        description                         | elapsed | stats                                                                        || decision
        'before the minimum wait'           | 20      | [new VariantStats('a', 1000, 100, 0), new VariantStats('b', 1000, 130, 0)] || new AutoPromote.Decision.Wait(Duration.ofMinutes(40))
        'significant with enough users'     | 60      | [new VariantStats('a', 1000, 100, 0), new VariantStats('b', 1000, 130, 0)] || new AutoPromote.Decision.Declare('b', true)
        'significant but too few users'     | 90      | [new VariantStats('a', 99, 5, 0), new VariantStats('b', 99, 30, 0)]        || new AutoPromote.Decision.Wait(Duration.ofMinutes(15))
        'not significant yet'               | 120     | [new VariantStats('a', 1000, 100, 0), new VariantStats('b', 1000, 105, 0)] || new AutoPromote.Decision.Wait(Duration.ofMinutes(15))
        'the last check before the maximum' | 590     | [new VariantStats('a', 1000, 100, 0), new VariantStats('b', 1000, 105, 0)] || new AutoPromote.Decision.Wait(Duration.ofMinutes(10))
        'out of time: the control'          | 600     | [new VariantStats('a', 1000, 100, 0), new VariantStats('b', 1000, 105, 0)] || new AutoPromote.Decision.Declare('a', false)
    }
}
