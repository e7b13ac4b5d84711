package dev.herald.api.segment

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest
import spock.lang.Shared

import java.time.Instant
import java.time.temporal.ChronoUnit

/**
 * Segment filters evaluated by PostgreSQL against real users and devices: each row of the
 * table is one filter and who it must match.
 */
@MicronautTest(transactional = false)
class SegmentFilterSpec extends HeraldSpec {

    @Shared
    Tenant tenant

    def setup() {
        if (tenant != null) {
            return
        }
        tenant = newTenant()
        def now = Instant.now()
        tenant.upsertUser('ana', [locale: 'es-MX', timezone: 'America/Mexico_City', country: 'MX', tags: [plan: 'pro', visits: '12'],
                                  lastSessionAt: now.minus(2, ChronoUnit.HOURS).toString()])
        tenant.registerDevice('ana', [provider: 'APNS', token: apnsToken(), platform: 'ios'])
        tenant.upsertUser('ben', [locale: 'en-US', timezone: 'America/New_York', country: 'US', tags: [plan: 'free', visits: '3'],
                                  lastSessionAt: now.minus(48, ChronoUnit.HOURS).toString()])
        tenant.registerDevice('ben', [provider: 'FCM', token: fcmToken(), platform: 'android'])
        tenant.registerDevice('ben', [provider: 'APNS', token: apnsToken(), platform: 'ios'])
        tenant.upsertUser('cy', [locale: 'de', timezone: 'Europe/Berlin', country: 'DE'])
        tenant.registerDevice('cy', [provider: 'FCM', token: fcmToken(), platform: 'android', locale: 'fr-FR'])
        tenant.upsertUser('dee', [locale: 'en-GB', country: 'GB', tags: [plan: 'pro', visits: 'abc']])
        tenant.registerDevice('dee', [provider: 'APNS_SANDBOX', token: apnsToken(), platform: 'ios'])
        tenant.upsertUser('eve', [country: 'US', tags: [plan: 'pro']])
    }

    def "#filter matches #matched"() {
        when:
        def preview = call('POST', '/v1/segments/preview', [filter: resolve(filter)], tenant.key())

        then:
        preview.status == 200
        preview.body.sample == matched
        preview.body.users == matched.size()
        preview.body.devices == devices

        where:
        filter                                                                              || matched                     | devices
        [all: []]                                                                           || ['ana', 'ben', 'cy', 'dee'] | 5
        [field: 'tag', key: 'plan', op: 'eq', value: 'pro']                                 || ['ana', 'dee']              | 2
        [field: 'tag', key: 'plan', op: 'neq', value: 'pro']                                || ['ben', 'cy']               | 3
        [field: 'tag', key: 'plan', op: 'exists']                                           || ['ana', 'ben', 'dee']       | 4
        [field: 'tag', key: 'plan', op: 'not_exists']                                       || ['cy']                      | 1
        [field: 'tag', key: 'plan', op: 'in', values: ['pro', 'free']]                      || ['ana', 'ben', 'dee']       | 4
        [field: 'tag', key: 'visits', op: 'gt', value: 5]                                   || ['ana']                     | 1
        [field: 'tag', key: 'visits', op: 'lt', value: 5]                                   || ['ben']                     | 2
        [field: 'locale', op: 'starts_with', value: 'en']                                   || ['ben', 'dee']              | 3
        [field: 'locale', op: 'eq', value: 'fr-FR']                                         || ['cy']                      | 1
        [field: 'country', op: 'eq', value: 'gb']                                           || ['dee']                     | 1
        [field: 'country', op: 'in', values: ['MX', 'US']]                                  || ['ana', 'ben']              | 3
        [field: 'timezone', op: 'eq', value: 'Europe/Berlin']                               || ['cy']                      | 1
        [field: 'timezone', op: 'not_exists']                                               || ['dee']                     | 1
        [field: 'provider', op: 'eq', value: 'fcm']                                         || ['ben', 'cy']               | 2
        [field: 'provider', op: 'in', values: ['APNS', 'APNS_SANDBOX']]                     || ['ana', 'ben', 'dee']       | 3
        [field: 'platform', op: 'eq', value: 'ios']                                         || ['ana', 'ben', 'dee']       | 3
        [field: 'app', op: 'eq', value: '{app}']                                            || ['ana', 'ben', 'cy', 'dee'] | 5
        [field: 'lastSessionHoursAgo', op: 'lt', value: 24]                                 || ['ana']                     | 1
        [field: 'lastSessionHoursAgo', op: 'gt', value: 24]                                 || ['ben']                     | 2
        [field: 'lastSessionHoursAgo', op: 'not_exists']                                    || ['cy', 'dee']               | 2
        [all: [[field: 'tag', key: 'plan', op: 'eq', value: 'pro'],
               [field: 'platform', op: 'eq', value: 'ios']]]                                || ['ana', 'dee']              | 2
        [any: [[field: 'country', op: 'eq', value: 'DE'],
               [field: 'tag', key: 'visits', op: 'gt', value: 10]]]                         || ['ana', 'cy']               | 2
        [all: [[any: [[field: 'country', op: 'eq', value: 'US'], [field: 'country', op: 'eq', value: 'MX']]],
               [field: 'provider', op: 'eq', value: 'APNS']]]                               || ['ana', 'ben']              | 2
        [any: []]                                                                           || []                          | 0
    }

    def "a saved segment previews the same as its filter"() {
        given:
        def segment = call('POST', '/v1/segments', [name: 'Pro on iOS', filter: [all: [
                [field: 'tag', key: 'plan', op: 'eq', value: 'pro'], [field: 'platform', op: 'eq', value: 'ios']]]], tenant.key())

        expect:
        segment.status == 201
        call('GET', "/v1/segments/${segment.body.id}/preview", null, tenant.key()).body == [users: 2, devices: 2, sample: ['ana', 'dee']]
    }

    private Map resolve(Map filter) {
        filter.value == '{app}' ? filter + [value: tenant.appId.toString()] : filter
    }
}
