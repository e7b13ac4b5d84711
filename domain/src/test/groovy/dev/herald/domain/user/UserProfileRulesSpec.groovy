package dev.herald.domain.user

import spock.lang.Specification

class UserProfileRulesSpec extends Specification {

    def "locale #locale, timezone #timezone, country #country, tags #tags → #fields"() {
        expect:
        UserProfileRules.validate(locale, timezone, country, tags)*.field == fields

        where:
        locale   | timezone              | country | tags                || fields
        'es-MX'  | 'America/Mexico_City' | 'MX'    | [plan: 'pro']       || []
        null     | null                  | null    | null                || []
        'en'     | 'UTC'                 | 'DE'    | [:]                 || []
        '12'     | null                  | null    | null                || ['locale']
        'en_US'  | null                  | null    | null                || ['locale']
        null     | 'Mars/Base'           | null    | null                || ['timezone']
        null     | null                  | 'XX'    | null                || ['country']
        null     | null                  | 'de'    | null                || ['country']
        null     | null                  | null    | ['': 'x']           || ['tags']
        null     | null                  | null    | [k: 'v' * 1025]     || ['tags.k']
        null     | null                  | null    | (1..101).collectEntries { ["k$it".toString(), 'v'] } || ['tags']
    }
}
