package dev.herald.domain.recurring

import spock.lang.Specification

class RecurrenceSpec extends Specification {

    def "cron #cron, interval #interval, zone #zone: errors on #fields"() {
        expect:
        Recurrence.validate(cron, interval, zone)*.field() == fields

        where:
        cron            | interval  | zone            || fields
        '0 9 * * MON'   | null      | 'Europe/Berlin' || []
        '*/15 * * * *'  | null      | null            || []
        '@daily'        | null      | null            || []
        null            | 3600      | 'UTC'           || []
        null            | 60        | null            || []
        null            | null      | null            || ['cron']
        '@daily'        | 3600      | null            || ['cron']
        '0 9 *'         | null      | null            || ['cron']
        '0 9 * * MON *' | null      | null            || ['cron']
        '0 9 * * $'     | null      | null            || ['cron']
        '@sometimes'    | null      | null            || ['cron']
        null            | 59        | null            || ['intervalSeconds']
        null            | 400 * 86400L | null         || ['intervalSeconds']
        '@hourly'       | null      | 'Mars/Base'     || ['timeZone']
    }
}
