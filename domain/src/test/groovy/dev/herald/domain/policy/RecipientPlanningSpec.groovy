package dev.herald.domain.policy

import dev.herald.domain.abtest.AbBuckets
import dev.herald.domain.send.PushAction
import dev.herald.domain.send.PushContent
import dev.herald.domain.template.MessageContent
import dev.herald.domain.user.User
import spock.lang.Specification

import java.time.Duration
import java.time.Instant
import java.time.ZoneId

/** Policies, variant, locale and variables together, for one recipient device. */
class RecipientPlanningSpec extends Specification {

    // 23:30 in Berlin, 17:30 in New York
    static final Instant NOW = Instant.parse('2026-06-10T21:30:00Z')
    static final DeliveryPolicy NIGHTS_AND_CAPS = new DeliveryPolicy(new QuietHours(22, 7), true, new FrequencyCap(1, null))
    static final PushContent BASE = new PushContent('raw', 'raw', [keep: 1], null, null, 'ping.aiff', 3, null, null, null, null, null, null)
    static final UUID TEST = UUID.fromString('0b6c7c0e-3f55-4d0f-9a0e-6a1b2c3d4e5f')
    static final MessageContent GREETING = new MessageContent('Hi {{tags.first_name | default: "you"}}', 'Order {{orderId}}',
            [es: new MessageContent.LocalizedText('Hola {{tags.first_name | default: "tú"}}', 'Pedido {{orderId}}')], null, null, null)

    static User user(String id, Map tags = [:], String locale = null) {
        new User(UUID.randomUUID(), UUID.randomUUID(), id, locale, null, null, tags, null, Instant.EPOCH, Instant.EPOCH)
    }

    static SendPlan plan(Map overrides = [:]) {
        new SendPlan(UUID.randomUUID(), overrides.transactional ?: false, overrides.message ?: GREETING,
                overrides.containsKey('variables') ? overrides.variables : [orderId: 'A-1'],
                null, overrides.abTestId as UUID, overrides.variants ?: [], overrides.forced as String, overrides.sample as Integer)
    }

    def "#description"() {
        when:
        def planned = RecipientPlanning.plan(sendPlan, BASE, NIGHTS_AND_CAPS,
                new RecipientPlanning.Recipient(user('u1', tags, userLocale), deviceLocale, ZoneId.of(zone)),
                NOW, NOW, earlier.collect { NOW.minus(Duration.ofMinutes(it)) })

        then:
        planned.decision() == decision
        planned.content()?.title() == title
        planned.content()?.body() == body

        where:
        description                                          | sendPlan                                | zone               | tags                 | userLocale | deviceLocale | earlier || decision                                                                   | title    | body
        'daytime, under the cap: personalised push'          | plan()                                  | 'America/New_York' | [first_name: 'Ann']  | 'en'       | null         | []      || new PolicyDecision.Deliver()                                               | 'Hi Ann' | 'Order A-1'
        'the device locale picks the Spanish text'           | plan()                                  | 'America/New_York' | [:]                  | 'en'       | 'es-MX'      | []      || new PolicyDecision.Deliver()                                               | 'Hola tú'| 'Pedido A-1'
        'quiet hours in Berlin: deferred to 07:00 local'     | plan()                                  | 'Europe/Berlin'    | [:]                  | null       | null         | []      || new PolicyDecision.Defer(Instant.parse('2026-06-11T05:00:00Z'), 'quiet_hours') | null | null
        'over the hourly cap: suppressed'                    | plan()                                  | 'America/New_York' | [:]                  | null       | null         | [30]    || new PolicyDecision.Suppress('frequency_cap')                               | null     | null
        'transactional: through quiet hours'                 | plan(transactional: true)               | 'Europe/Berlin'    | [:]                  | null       | null         | [30]    || new PolicyDecision.Deliver()                                               | 'Hi you' | 'Order A-1'
        'a variable without a value: suppressed, not broken' | plan(variables: [:])                    | 'America/New_York' | [:]                  | null       | null         | []      || new PolicyDecision.Suppress('missing_variable')                            | null     | null
    }

    def "the rest of the push is kept, data and link are rendered"() {
        given:
        def message = new MessageContent('t', 'b', null, null, [order: '{{orderId}}', n: 2], 'shop://o/{{orderId}}')

        when:
        def content = RecipientPlanning.plan(plan(message: message), BASE, DeliveryPolicy.NONE,
                new RecipientPlanning.Recipient(user('u1'), null, ZoneId.of('UTC')), NOW, NOW, []).content()

        then:
        content == new PushContent('t', 'b', [order: 'A-1', n: 2], 'shop://o/A-1', null, 'ping.aiff', 3, null, null, null, null, null, null)
    }

    def "an A/B send gives each user their sticky variant and records it; a declared winner is not recorded"() {
        given:
        def variants = [new SendPlan.Variant('a', 50, MessageContent.of('A for {{user.id}}', null)),
                        new SendPlan.Variant('b', 50, MessageContent.of('B for {{user.id}}', null))]
        def experiment = plan(abTestId: TEST, variants: variants)
        def decided = plan(abTestId: TEST, variants: variants, forced: 'b')
        def users = (1..200).collect { user("user-$it") }

        when:
        def planned = users.collect { u ->
            RecipientPlanning.plan(experiment, BASE, DeliveryPolicy.NONE, new RecipientPlanning.Recipient(u, null, ZoneId.of('UTC')), NOW, NOW, [])
        }
        def afterWinner = RecipientPlanning.plan(decided, BASE, DeliveryPolicy.NONE,
                new RecipientPlanning.Recipient(users[0], null, ZoneId.of('UTC')), NOW, NOW, [])

        then: 'each user gets the variant of their bucket, with its text'
        users.indexed().every { i, u ->
            def expected = AbBuckets.bucket(TEST, u.externalId()) < 50 ? 'a' : 'b'
            planned[i].variant() == expected && planned[i].content().title() == "${expected.toUpperCase()} for ${u.externalId()}"
        }
        planned*.variant().toSet() == ['a', 'b'] as Set

        and:
        afterWinner.content().title() == 'B for user-1'
        afterWinner.variant() == null
    }

    def "an auto-promoted send tries the variants on its sample; the others are held back for the winner, even when transactional"() {
        given:
        def variants = [new SendPlan.Variant('a', 50, MessageContent.of('A', null)), new SendPlan.Variant('b', 50, MessageContent.of('B', null))]
        def sampling = plan(abTestId: TEST, variants: variants, sample: 20, transactional: true)
        def users = (1..2000).collect { user("user-$it") }

        when:
        def planned = users.collect { u ->
            RecipientPlanning.plan(sampling, BASE, DeliveryPolicy.NONE, new RecipientPlanning.Recipient(u, null, ZoneId.of('UTC')), NOW, NOW, [])
        }
        def inSample = users.collect { AbBuckets.inSample(TEST, it.externalId(), 20) }

        then: 'the sample gets its variants, the rest is suppressed as ab_holdout without a variant'
        users.indices.every { i ->
            inSample[i] ? planned[i].decision() == new PolicyDecision.Deliver() && planned[i].variant() in ['a', 'b']
                    : planned[i].decision() == new PolicyDecision.Suppress('ab_holdout') && planned[i].variant() == null
        }
        Math.abs(inSample.count { it } / 2000.0 - 0.20) < 0.03

        and: 'the send of the winner to them holds nobody back'
        def winner = sampling.forWinner(UUID.randomUUID(), 'b')
        !winner.sampling()
        RecipientPlanning.plan(winner, BASE, DeliveryPolicy.NONE,
                new RecipientPlanning.Recipient(users[inSample.indexOf(false)], null, ZoneId.of('UTC')), NOW, NOW, []).content().title() == 'B'
    }

    def "the template's or variant's action buttons are in the push, filled; buttons the send names itself win"() {
        given:
        def message = new MessageContent('t', 'b', null, [new MessageContent.Action('track', 'Track {{orderId}}', 'shop://o/{{orderId}}'),
                                                          new MessageContent.Action('later', 'Later', null)], null, null)
        def own = BASE.toBuilder().actions([PushAction.of('mine', 'Mine')]).build()
        def recipient = new RecipientPlanning.Recipient(user('u1'), null, ZoneId.of('UTC'))

        expect:
        RecipientPlanning.plan(plan(message: message), BASE, DeliveryPolicy.NONE, recipient, NOW, NOW, []).content().actions() ==
                [new PushAction('track', 'Track A-1', 'shop://o/A-1'), new PushAction('later', 'Later', null)]
        RecipientPlanning.plan(plan(message: message), own, DeliveryPolicy.NONE, recipient, NOW, NOW, []).content().actions() ==
                [PushAction.of('mine', 'Mine')]
    }
}
