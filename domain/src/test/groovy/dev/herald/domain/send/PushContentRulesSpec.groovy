package dev.herald.domain.send

import spock.lang.Specification

class PushContentRulesSpec extends Specification {

    def "#description → #fields"() {
        expect:
        PushContentRules.validate(content)*.field == fields

        where:
        description                      | content                                                                   || fields
        'an alert with a title'          | PushContent.alert('Hi', null)                                             || []
        'an alert with a body'           | PushContent.alert(null, 'Hello')                                          || []
        'an alert with no text'          | PushContent.alert(null, ' ')                                              || ['body']
        'a silent push with no text'     | content(pushType: PushType.BACKGROUND)                                    || []
        'a 64-byte collapse id'          | content(title: 'x', collapseId: 'c' * 64)                                || []
        'a 65-byte collapse id'          | content(title: 'x', collapseId: 'c' * 65)                                || ['collapseId']
        'a multibyte collapse id'        | content(title: 'x', collapseId: 'é' * 33)                                 || ['collapseId']
        'a deep link'                    | content(title: 'x', url: 'myapp://orders/1')                              || []
        'a url without scheme'           | content(title: 'x', url: 'example.com')                                   || ['url']
        'an image url with spaces'       | content(title: 'x', imageUrl: 'https://x/a b')                            || ['imageUrl']
    }

    def "background pushes are always normal priority"() {
        expect:
        content(pushType: PushType.BACKGROUND, priority: Priority.HIGH).effectivePriority() == Priority.NORMAL
        content(title: 'x').effectivePriority() == Priority.HIGH
        content(title: 'x', priority: Priority.NORMAL).effectivePriority() == Priority.NORMAL
    }

    def "an oversize payload is blamed on its largest part"() {
        expect:
        PushContentRules.largestPart(content(title: 't' * 10, body: 'b' * 20), dataBytes) == blamed

        where:
        dataBytes || blamed
        0         || 'body'
        30        || 'data'
    }

    static PushContent content(Map fields) {
        new PushContent(fields.title as String, fields.body as String, fields.data as Map, fields.url as String,
                fields.imageUrl as String, null, null, null, null, fields.collapseId as String, null,
                fields.pushType as PushType, fields.priority as Priority)
    }
}
