package dev.herald.domain.send

import spock.lang.Specification

import java.time.Duration
import java.time.Instant

import static dev.herald.domain.send.PushType.*

class PushContentRulesSpec extends Specification {

    static final PushAction OPEN = new PushAction('open', 'Open', 'shop://orders/1')
    static final PushAction LATER = PushAction.of('later', 'Later')

    def "#description → #fields"() {
        expect:
        PushContentRules.validate(content)*.field == fields

        where:
        description                                | content                                                                                 || fields
        'an alert with a title'                    | PushContent.alert('Hi', null)                                                           || []
        'an alert with a body'                     | PushContent.alert(null, 'Hello')                                                        || []
        'an alert with no text'                    | PushContent.alert(null, ' ')                                                            || ['body']
        'a silent push with no text'               | content(pushType: BACKGROUND)                                                            || []
        'a VoIP push with data only'               | content(pushType: VOIP, data: [caller: 'Ann'])                                          || []
        'a critical alert with no text'            | content(pushType: CRITICAL, sound: 'alarm.caf')                                         || ['body']
        'a 64-byte collapse id'                    | content(title: 'x', collapseId: 'c' * 64)                                               || []
        'a 65-byte collapse id'                    | content(title: 'x', collapseId: 'c' * 65)                                               || ['collapseId']
        'a multibyte collapse id'                  | content(title: 'x', collapseId: 'é' * 33)                                               || ['collapseId']
        'a deep link'                              | content(title: 'x', url: 'myapp://orders/1')                                            || []
        'a url without scheme'                     | content(title: 'x', url: 'example.com')                                                 || ['url']
        'an image url with spaces'                 | content(title: 'x', imageUrl: 'https://x/a b')                                          || ['imageUrl']
        'four action buttons'                      | content(title: 'x', actions: (1..4).collect { PushAction.of("a$it", "A $it") })         || []
        'five action buttons'                      | content(title: 'x', actions: (1..5).collect { PushAction.of("a$it", "A $it") })         || ['actions']
        'an action that is null'                   | content(title: 'x', actions: [OPEN, null])                                              || ['actions[1]']
        'an action without id'                     | content(title: 'x', actions: [PushAction.of(' ', 'Open')])                              || ['actions[0].id']
        'an action id of 65 characters'            | content(title: 'x', actions: [PushAction.of('i' * 65, 'Open')])                         || ['actions[0].id']
        'two actions with one id'                  | content(title: 'x', actions: [OPEN, PushAction.of('open', 'Again')])                    || ['actions[1].id']
        'an action without title'                  | content(title: 'x', actions: [PushAction.of('open', '')])                               || ['actions[0].title']
        'an action with a relative url'            | content(title: 'x', actions: [new PushAction('open', 'Open', 'orders/1')])              || ['actions[0].url']
        'actions on a background push'             | content(pushType: BACKGROUND, actions: [OPEN])                                          || ['actions']
        'a time-sensitive alert'                   | content(title: 'x', interruptionLevel: InterruptionLevel.TIME_SENSITIVE)                                  || []
        'a passive alert'                          | content(title: 'x', interruptionLevel: InterruptionLevel.PASSIVE)                                         || []
        'an interruption level on a silent push'   | content(pushType: BACKGROUND, interruptionLevel: InterruptionLevel.ACTIVE)                                || ['interruptionLevel']
        'a critical level on a plain alert'        | content(title: 'x', interruptionLevel: InterruptionLevel.CRITICAL)                                        || ['interruptionLevel']
        'a critical alert that is passive'         | content(pushType: CRITICAL, title: 'x', interruptionLevel: InterruptionLevel.PASSIVE)                     || ['interruptionLevel']
        'a critical alert at volume 0.0'           | content(pushType: CRITICAL, title: 'x', soundVolume: 0.0d)                              || []
        'a critical alert at volume 1.0'           | content(pushType: CRITICAL, title: 'x', soundVolume: 1.0d)                              || []
        'a critical alert at volume 1.5'           | content(pushType: CRITICAL, title: 'x', soundVolume: 1.5d)                              || ['soundVolume']
        'a critical alert at volume NaN'           | content(pushType: CRITICAL, title: 'x', soundVolume: Double.NaN)                        || ['soundVolume']
        'a volume on a plain alert'                | content(title: 'x', soundVolume: 0.5d)                                                  || ['soundVolume']
        'a relevance score of 1.0'                 | content(title: 'x', relevanceScore: 1.0d)                                               || []
        'a relevance score of -0.1'                | content(title: 'x', relevanceScore: -0.1d)                                              || ['relevanceScore']
        'a negative time-to-live'                  | content(title: 'x', ttlSeconds: -1)                                                     || ['ttlSeconds']
        'both expiresAt and a time-to-live'        | content(title: 'x', ttlSeconds: 60, expiresAt: Instant.parse('2030-01-01T00:00:00Z'))  || ['expiresAt']
    }

    def "expiresAt #description → #fields"() {
        given:
        def now = Instant.parse('2030-01-01T12:00:00Z')

        expect:
        PushContentRules.validateExpiry(content(title: 'x', expiresAt: expiresAt), now, scheduledFor)*.field == fields

        where:
        description                          | expiresAt                                | scheduledFor                            || fields
        'absent'                             | null                                     | null                                    || []
        'in an hour'                         | Instant.parse('2030-01-01T13:00:00Z')    | null                                    || []
        'now'                                | Instant.parse('2030-01-01T12:00:00Z')    | null                                    || ['expiresAt']
        'after the scheduled time'           | Instant.parse('2030-01-01T15:00:00Z')    | Instant.parse('2030-01-01T14:00:00Z')   || []
        'before the scheduled time'          | Instant.parse('2030-01-01T13:00:00Z')    | Instant.parse('2030-01-01T14:00:00Z')   || ['expiresAt']
    }

    def "a #type push is at #expected priority when #asked was asked for"() {
        expect:
        content(title: 'x', pushType: type, priority: asked).effectivePriority() == expected

        where:
        type       | asked           || expected
        ALERT      | null            || Priority.HIGH
        ALERT      | Priority.NORMAL || Priority.NORMAL
        BACKGROUND | Priority.HIGH   || Priority.NORMAL
        VOIP       | Priority.NORMAL || Priority.HIGH
        CRITICAL   | Priority.NORMAL || Priority.HIGH
    }

    def "mutable content is #expected for #description"() {
        expect:
        content.effectiveMutableContent() == expected

        where:
        description                         | content                                                              || expected
        'a plain alert'                     | content(title: 'x')                                                  || false
        'an alert with an image'            | content(title: 'x', imageUrl: 'https://cdn.example.com/a.png')       || true
        'an alert with action buttons'      | content(title: 'x', actions: [OPEN])                                 || true
        'buttons, explicitly not mutable'   | content(title: 'x', actions: [OPEN], mutableContent: false)          || false
        'a plain alert, explicitly mutable' | content(title: 'x', mutableContent: true)                            || true
        'a silent push with an image'       | content(pushType: BACKGROUND, imageUrl: 'https://cdn.example.com/a') || false
    }

    def "action buttons make a stable category of their own unless the send names one"() {
        given:
        def withButtons = content(title: 'x', actions: [OPEN, LATER])

        expect:
        withButtons.effectiveCategory() ==~ /herald\.[0-9a-f]{12}/
        withButtons.effectiveCategory() == content(title: 'y', actions: [OPEN, LATER]).effectiveCategory()
        withButtons.effectiveCategory() != content(title: 'x', actions: [LATER, OPEN]).effectiveCategory()
        content(title: 'x', actions: [OPEN], category: 'ORDER').effectiveCategory() == 'ORDER'
        content(title: 'x').effectiveCategory() == null
    }

    def "the expiration is expiresAt, else now plus the time-to-live or the default"() {
        given:
        def now = Instant.parse('2030-01-01T12:00:00Z')
        def day = Duration.ofDays(1)

        expect:
        content(title: 'x').expiration(now, day) == now.plus(day)
        content(title: 'x', ttlSeconds: 60).expiration(now, day) == now.plusSeconds(60)
        content(title: 'x', expiresAt: now.plusSeconds(600)).expiration(now, day) == now.plusSeconds(600)
        content(title: 'x', expiresAt: now.plusSeconds(600)).timeToLive(now, day) == Duration.ofSeconds(600)
        content(title: 'x', expiresAt: now.minusSeconds(1)).timeToLive(now, day) == Duration.ZERO
        content(title: 'x', expiresAt: now).expired(now)
        !content(title: 'x', expiresAt: now.plusSeconds(1)).expired(now)
        !content(title: 'x', ttlSeconds: 0).expired(now)
    }

    def "the builder and the short constructor keep every field; withMessage changes only the words"() {
        given:
        def full = PushContent.builder().title('t').body('b').data([k: 'v']).url('app://x').imageUrl('https://i/x.png')
                .sound('s').badge(1).category('C').threadId('th').collapseId('c').ttlSeconds(5).pushType(CRITICAL)
                .priority(Priority.HIGH).actions([OPEN]).interruptionLevel(InterruptionLevel.CRITICAL).relevanceScore(0.5d)
                .soundVolume(0.7d).mutableContent(true).build()

        expect:
        full.toBuilder().build() == full
        new PushContent('t', 'b', null, null, null, null, null, null, null, null, null, BACKGROUND, null) ==
                PushContent.builder().title('t').body('b').pushType(BACKGROUND).build()
        PushContent.builder().build().actions() == []

        when:
        def personal = full.withMessage('T', 'B', [k: 'w'], 'app://y')

        then:
        personal == full.toBuilder().title('T').body('B').data([k: 'w']).url('app://y').build()
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
        def builder = PushContent.builder()
        fields.each { name, value -> builder."$name"(value) }
        builder.build()
    }
}
