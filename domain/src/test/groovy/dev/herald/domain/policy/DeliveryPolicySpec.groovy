package dev.herald.domain.policy

import spock.lang.Specification

import java.time.Duration
import java.time.Instant
import java.time.ZoneId

/** Quiet hours, then caps; transactional sends bypass both. */
class DeliveryPolicySpec extends Specification {

    static final QuietHours NIGHT = new QuietHours(22, 7)
    // 23:30 in Berlin, 17:30 in New York
    static final Instant NOW = Instant.parse('2026-06-10T21:30:00Z')

    def "#description"() {
        given:
        def policy = new DeliveryPolicy(quiet, defer, new FrequencyCap(perHour, perDay))
        def earlier = minutesAgo.collect { NOW.minus(Duration.ofMinutes(it)) }

        expect:
        policy.decide(transactional, ZoneId.of(zone), NOW, earlier) == decision

        where:
        description                                          | quiet | defer | perHour | perDay | transactional | zone               | minutesAgo || decision
        'no policies: deliver'                               | null  | false | null    | null   | false         | 'Europe/Berlin'    | [1, 2, 3]  || new PolicyDecision.Deliver()
        'in quiet hours, deferring: defer to 07:00 local'    | NIGHT | true  | null    | null   | false         | 'Europe/Berlin'    | []         || new PolicyDecision.Defer(Instant.parse('2026-06-11T05:00:00Z'), 'quiet_hours')
        'in quiet hours, not deferring: suppress'            | NIGHT | false | null    | null   | false         | 'Europe/Berlin'    | []         || new PolicyDecision.Suppress('quiet_hours')
        'quiet hours are local: daytime in New York'         | NIGHT | false | null    | null   | false         | 'America/New_York' | []         || new PolicyDecision.Deliver()
        'over the hourly cap: suppress'                      | null  | false | 2       | null   | false         | 'Europe/Berlin'    | [5, 30]    || new PolicyDecision.Suppress('frequency_cap')
        'over the daily cap: suppress'                       | null  | false | null    | 2      | false         | 'Europe/Berlin'    | [300, 900] || new PolicyDecision.Suppress('frequency_cap')
        'under both caps: deliver'                           | null  | false | 2       | 3      | false         | 'Europe/Berlin'    | [30, 900]  || new PolicyDecision.Deliver()
        'quiet hours are judged before caps'                 | NIGHT | false | 1       | null   | false         | 'Europe/Berlin'    | [5]        || new PolicyDecision.Suppress('quiet_hours')
        'a deferral is not capped now (caps are re-checked)' | NIGHT | true  | 1       | null   | false         | 'Europe/Berlin'    | [5]        || new PolicyDecision.Defer(Instant.parse('2026-06-11T05:00:00Z'), 'quiet_hours')
        'caps apply outside quiet hours'                     | NIGHT | true  | 1       | null   | false         | 'America/New_York' | [5]        || new PolicyDecision.Suppress('frequency_cap')
        'transactional bypasses quiet hours'                 | NIGHT | false | null    | null   | true          | 'Europe/Berlin'    | []         || new PolicyDecision.Deliver()
        'transactional bypasses caps'                        | null  | false | 1       | 1      | true          | 'Europe/Berlin'    | [1, 2]     || new PolicyDecision.Deliver()
    }

    def "the recipient's zone is the device's, else the user's, else the app's"() {
        expect:
        RecipientZone.resolve(device, user, app) == ZoneId.of(expected)

        where:
        device          | user               | app        || expected
        'Asia/Tokyo'    | 'Europe/Berlin'    | 'UTC'      || 'Asia/Tokyo'
        null            | 'Europe/Berlin'    | 'UTC'      || 'Europe/Berlin'
        ''              | null               | 'Asia/Dubai' || 'Asia/Dubai'
        null            | null               | null       || 'UTC'
        'Not/AZone'     | 'America/Chicago'  | 'UTC'      || 'America/Chicago'
    }
}
