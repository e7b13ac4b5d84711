package dev.herald.domain.input

import spock.lang.Specification

class StorableTextSpec extends Specification {

    def "#description is #verdict"() {
        expect:
        StorableText.problem(text).map { it.split(' \\(')[0] }.orElse(null) == problem

        and: 'what is quoted back can always be stored'
        StorableText.problem(StorableText.printable(text)).empty

        where:
        description                        | text                      || problem
        'plain text'                       | 'Order shipped'           || null
        'empty text'                       | ''                        || null
        'an emoji (a surrogate pair)'      | 'Hi \uD83D\uDC4B'         || null
        'accents and CJK'                  | 'Grüße 你好'                || null
        'a NUL at the start'               | '\u0000abc'               || 'contains a NUL character'
        'a NUL inside'                     | 'a\u0000b'                || 'contains a NUL character'
        'a lone high surrogate'            | '\uD800x'                 || 'contains an unpaired UTF-16 surrogate'
        'a lone high surrogate at the end' | 'x\uD800'                 || 'contains an unpaired UTF-16 surrogate'
        'a lone low surrogate'             | '\uDC00'                  || 'contains an unpaired UTF-16 surrogate'
        'two high surrogates'              | '\uD83D\uD83D\uDC4B'      || 'contains an unpaired UTF-16 surrogate'
        'a pair in the wrong order'        | '\uDC4B\uD83D'            || 'contains an unpaired UTF-16 surrogate'
        verdict = problem ? 'refused' : 'accepted'
    }

    def "refused characters are replaced when quoted back, pairs are kept"() {
        expect:
        StorableText.printable('a\u0000b\uD800c\uD83D\uDC4B') == 'a\uFFFDb\uFFFDc\uD83D\uDC4B'
    }
}
