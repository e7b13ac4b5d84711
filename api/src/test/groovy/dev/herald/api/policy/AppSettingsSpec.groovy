package dev.herald.api.policy

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

@MicronautTest(transactional = false)
class AppSettingsSpec extends HeraldSpec {

    Tenant tenant

    def setup() {
        tenant = newTenant()
    }

    String path() {
        "/v1/apps/${tenant.appId}/settings"
    }

    def "an app starts with no quiet hours, no caps and the default session budget, in its default time zone"() {
        expect:
        def response = call('GET', path(), null, tenant.key())
        response.status == 200
        response.body == [appId                : tenant.appId.toString(), defaultTimezone: 'UTC',
                          quietHoursStartLocal : null, quietHoursEndLocal: null, deferInQuietHours: false,
                          freqCapPerUserPerHour: null, freqCapPerUserPerDay: null, sessionRequestsPerMinute: null, updatedAt: null]
    }

    def "a patch changes what it names, keeps what it omits and clears what it sets to null"() {
        when:
        def first = call('PATCH', path(), [quietHoursStartLocal: 22, quietHoursEndLocal: 7, deferInQuietHours: true,
                                            freqCapPerUserPerHour: 2, freqCapPerUserPerDay: 5, defaultTimezone: 'Europe/Berlin'], tenant.key())

        then:
        first.status == 200
        first.body.subMap('quietHoursStartLocal', 'quietHoursEndLocal', 'deferInQuietHours', 'freqCapPerUserPerHour',
                'freqCapPerUserPerDay', 'defaultTimezone') ==
                [quietHoursStartLocal: 22, quietHoursEndLocal: 7, deferInQuietHours: true, freqCapPerUserPerHour: 2,
                 freqCapPerUserPerDay: 5, defaultTimezone: 'Europe/Berlin']
        first.body.updatedAt != null

        when: 'only the hourly cap is cleared'
        def second = call('PATCH', path(), '{"freqCapPerUserPerHour": null}', tenant.key())

        then:
        second.status == 200
        second.body.freqCapPerUserPerHour == null
        second.body.freqCapPerUserPerDay == 5
        second.body.quietHoursStartLocal == 22

        when: 'quiet hours are turned off'
        def third = call('PATCH', path(), '{"quietHoursStartLocal": null, "quietHoursEndLocal": null}', tenant.key())

        then:
        third.body.quietHoursStartLocal == null
        third.body.quietHoursEndLocal == null
        third.body.deferInQuietHours == true

        and: 'GET answers what was stored, and so does the app'
        call('GET', path(), null, tenant.key()).body == third.body
        call('GET', "/v1/apps/${tenant.appId}", null, tenant.key()).body.defaultTimezone == 'Europe/Berlin'
    }

    def "the merge-patch media type is accepted"() {
        expect:
        call('PATCH', path(), '{"freqCapPerUserPerDay": 3}', tenant.key() + ['Content-Type': 'application/merge-patch+json'])
                .body.freqCapPerUserPerDay == 3
    }

    def "#description is a 400 naming #field and changes nothing"() {
        given:
        call('PATCH', path(), [quietHoursStartLocal: 21, quietHoursEndLocal: 8, freqCapPerUserPerDay: 4], tenant.key())
        def before = call('GET', path(), null, tenant.key()).body

        when:
        def response = call('PATCH', path(), body, tenant.key())

        then:
        response.status == 400
        response.contentType == 'application/problem+json'
        response.body.code == 'validation_failed'
        response.body.errors*.field.contains(field)

        and:
        call('GET', path(), null, tenant.key()).body == before

        where:
        description                         | body                                                   || field
        'an hour of 24'                     | [quietHoursStartLocal: 24]                             || 'quietHoursStartLocal'
        'a negative hour'                   | [quietHoursEndLocal: -1]                               || 'quietHoursEndLocal'
        'a fractional hour'                 | [quietHoursEndLocal: 7.5]                              || 'quietHoursEndLocal'
        'an hour as text'                   | [quietHoursStartLocal: '22']                           || 'quietHoursStartLocal'
        'start equal to end'                | [quietHoursStartLocal: 8]                              || 'quietHoursEndLocal'
        'only one end cleared'              | '{"quietHoursEndLocal": null}'                         || 'quietHoursEndLocal'
        'defer as text'                     | [deferInQuietHours: 'yes']                             || 'deferInQuietHours'
        'defer cleared'                     | '{"deferInQuietHours": null}'                          || 'deferInQuietHours'
        'a cap of 0'                        | [freqCapPerUserPerHour: 0]                             || 'freqCapPerUserPerHour'
        'a cap too large'                   | [freqCapPerUserPerDay: 5000]                           || 'freqCapPerUserPerDay'
        'an unknown time zone'              | [defaultTimezone: 'Mars/Olympus']                      || 'defaultTimezone'
        'a cleared time zone'               | '{"defaultTimezone": null}'                            || 'defaultTimezone'
        'an unknown setting'                | [quietHoursStart: 22]                                  || 'quietHoursStart'
        'a body that is not an object'      | '[1,2]'                                                || 'body'
    }
}
