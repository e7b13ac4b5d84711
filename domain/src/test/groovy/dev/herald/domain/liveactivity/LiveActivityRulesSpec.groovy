package dev.herald.domain.liveactivity

import dev.herald.domain.FieldError
import spock.lang.Specification

import java.time.Instant

class LiveActivityRulesSpec extends Specification {

    static final Instant NOW = Instant.parse('2026-05-01T12:00:00Z')

    def "activity type #type is #outcome"() {
        given:
        List<FieldError> errors = []

        when:
        LiveActivityRules.checkActivityType('activityType', type, errors)

        then:
        errors.isEmpty() == (outcome == 'accepted')

        where:
        type                       || outcome
        'DeliveryAttributes'       || 'accepted'
        'App.DeliveryAttributes'   || 'accepted'
        '_Private'                 || 'accepted'
        'A' * 128                  || 'accepted'
        'A' * 129                  || 'refused'
        '1Delivery'                || 'refused'
        'Delivery Attributes'      || 'refused'
        ''                         || 'refused'
        null                       || 'refused'
    }

    def "external id #id is #outcome"() {
        given:
        List<FieldError> errors = []

        when:
        LiveActivityRules.checkExternalId('externalId', id, errors)

        then:
        errors.isEmpty() == (outcome == 'accepted')

        where:
        id              || outcome
        null            || 'accepted'
        'order-42'      || 'accepted'
        'match:2026.1'  || 'accepted'
        'x' * 128       || 'accepted'
        'x' * 129       || 'refused'
        'has space'     || 'refused'
        ''              || 'refused'
    }

    def "an update with #description is refused on #fields"() {
        given:
        List<FieldError> errors = []

        when:
        LiveActivityRules.checkUpdate('', update, stateRequired, NOW, errors)

        then:
        errors*.field == fields

        where:
        description                 | stateRequired | update                                                                                    || fields
        'everything right'          | true          | new StateUpdate([a: 1], new LiveActivityAlert('t', 'b', 'chime.aiff'), NOW.plusSeconds(60), 50d, 5, NOW) || []
        'no state'                  | true          | new StateUpdate(null, null, null, null, null, null)                                       || ['contentState']
        'no state where optional'   | false         | new StateUpdate(null, null, null, null, null, null)                                       || []
        'priority 7'                | true          | new StateUpdate([a: 1], null, null, null, 7, null)                                        || ['priority']
        'a negative score'          | true          | new StateUpdate([a: 1], null, null, -0.1d, null, null)                                    || ['relevanceScore']
        'a NaN score'               | true          | new StateUpdate([a: 1], null, null, Double.NaN, null, null)                               || ['relevanceScore']
        'a past stale date'         | true          | new StateUpdate([a: 1], null, NOW, null, null, null)                                      || ['staleDate']
        'an alert with no text'     | true          | new StateUpdate([a: 1], new LiveActivityAlert(null, ' ', null), null, null, null, null)  || ['alert']
        'a long alert title'        | true          | new StateUpdate([a: 1], new LiveActivityAlert('t' * 257, null, null), null, null, null, null) || ['alert.title']
        'a long alert body'         | true          | new StateUpdate([a: 1], new LiveActivityAlert(null, 'b' * 1025, null), null, null, null, null) || ['alert.body']
        'a blank sound'             | true          | new StateUpdate([a: 1], new LiveActivityAlert('t', null, ''), null, null, null, null)   || ['alert.sound']
    }

    def "ActivityKit token #token is #outcome"() {
        given:
        List<FieldError> errors = []

        when:
        LiveActivityRules.checkApnsToken('token', token, errors)

        then:
        errors.isEmpty() == (outcome == 'accepted')
        errors.every { it.field == 'token' }

        where:
        token       || outcome
        'ab' * 32   || 'accepted'
        'AB' * 80   || 'accepted'
        'ab' * 31   || 'refused'
        'abc' * 23  || 'refused'
        'zz' * 40   || 'refused'
        null        || 'refused'
    }

    def "the platform of a #provider device is #platform"() {
        expect:
        LiveActivityPlatform.of(provider).orElse(null) == platform

        where:
        provider                                           || platform
        dev.herald.domain.user.DeviceProvider.APNS         || LiveActivityPlatform.IOS
        dev.herald.domain.user.DeviceProvider.APNS_SANDBOX || LiveActivityPlatform.IOS
        dev.herald.domain.user.DeviceProvider.APNS_VOIP    || null
        dev.herald.domain.user.DeviceProvider.FCM          || LiveActivityPlatform.ANDROID
        dev.herald.domain.user.DeviceProvider.WEBPUSH      || null
    }
}
