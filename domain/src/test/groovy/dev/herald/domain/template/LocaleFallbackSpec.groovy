package dev.herald.domain.template

import spock.lang.Specification

/** Exact locale, else its language, else the default text. */
class LocaleFallbackSpec extends Specification {

    static final List<String> AVAILABLE = ['en', 'es', 'es-MX', 'pt-BR', 'zh-Hant']

    def "#wanted picks #expected from #available"() {
        expect:
        LocaleFallback.pick(available, wanted) == Optional.ofNullable(expected)

        where:
        wanted       | available        || expected
        'es-MX'      | AVAILABLE        || 'es-MX'
        'es-AR'      | AVAILABLE        || 'es'
        'es'         | AVAILABLE        || 'es'
        'ES-mx'      | AVAILABLE        || 'es-MX'
        'es_MX'      | AVAILABLE        || 'es-MX'
        'es-MX'      | ['es']           || 'es'
        'es-MX'      | ['es-ES', 'en']  || null   // another region is not the language
        'en-GB'      | AVAILABLE        || 'en'
        'pt-PT'      | AVAILABLE        || null
        'pt'         | AVAILABLE        || null
        'zh-Hant-TW' | AVAILABLE        || 'zh-Hant'
        'fr-CA'      | AVAILABLE        || null
        null         | AVAILABLE        || null
        ''           | AVAILABLE        || null
        'es-MX'      | []               || null
        '!!'         | AVAILABLE        || null
    }

    def "the recipient's locale is the device's, else the user's"() {
        expect:
        LocaleFallback.recipientLocale(device, user) == expected

        where:
        device  | user    || expected
        'de-AT' | 'en-US' || 'de-AT'
        null    | 'en-US' || 'en-US'
        ' '     | 'fr'    || 'fr'
        null    | null    || null
    }
}
