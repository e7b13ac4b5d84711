package dev.herald.domain.send

import spock.lang.Specification

/** Bounds in PostgreSQL's uuid order (unsigned bytes), which Java's signed UUID.compareTo does not follow. */
class DeviceIdRangeSpec extends Specification {

    def "#description"() {
        expect:
        DeviceIdRange.of(ids.collect { UUID.fromString(it) }) == new DeviceIdRange(UUID.fromString(from), UUID.fromString(to))

        where:
        description                              | ids                                                                                                  || from                                   | to
        'one id is both bounds'                  | ['11111111-0000-0000-0000-000000000000']                                                             || '11111111-0000-0000-0000-000000000000' | '11111111-0000-0000-0000-000000000000'
        'order of the list does not matter'      | ['33333333-0000-0000-0000-000000000000', '11111111-0000-0000-0000-000000000000', '22222222-0000-0000-0000-000000000000'] || '11111111-0000-0000-0000-000000000000' | '33333333-0000-0000-0000-000000000000'
        'a high first bit sorts last, not first' | ['ffffffff-0000-0000-0000-000000000000', '7fffffff-0000-0000-0000-000000000000']                     || '7fffffff-0000-0000-0000-000000000000' | 'ffffffff-0000-0000-0000-000000000000'
        'the low half is unsigned too'           | ['00000000-0000-0000-8000-000000000000', '00000000-0000-0000-0000-000000000001']                     || '00000000-0000-0000-0000-000000000001' | '00000000-0000-0000-8000-000000000000'
        'the high half decides before the low'   | ['00000000-0000-0001-0000-000000000000', '00000000-0000-0000-ffff-ffffffffffff']                     || '00000000-0000-0000-ffff-ffffffffffff' | '00000000-0000-0001-0000-000000000000'
        'the extremes Recipients pages between'  | [Recipients.LAST.toString(), Recipients.FIRST.toString()]                                            || Recipients.FIRST.toString()            | Recipients.LAST.toString()
    }

    def "no ids have no range"() {
        when:
        DeviceIdRange.of([])

        then:
        thrown(IllegalArgumentException)
    }
}
