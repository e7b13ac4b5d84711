package dev.herald.domain.template

import dev.herald.domain.user.User
import spock.lang.Specification

import java.time.Instant

class MessageRenderingSpec extends Specification {

    static final MessageContent WELCOME = new MessageContent(
            'Welcome, {{tags.first_name | default: "friend"}}',
            'Your order {{vars.orderId}} is ready',
            [es     : new MessageContent.LocalizedText('Bienvenido, {{tags.first_name | default: "amigo"}}', 'Tu pedido {{vars.orderId}} está listo'),
             'es-MX': new MessageContent.LocalizedText(null, 'Tu orden {{vars.orderId}} ya está'),
             de     : new MessageContent.LocalizedText('Willkommen', null)],
            [new MessageContent.Action('track', 'Track {{vars.orderId}}', 'shop://orders/{{vars.orderId}}')],
            [orderId: '{{vars.orderId}}', nested: [who: '{{user.id}}'], list: ['{{tags.plan}}', 3], n: 7],
            'https://shop.example/o/{{vars.orderId}}')

    static User user(String locale, Map<String, String> tags = [:]) {
        new User(UUID.randomUUID(), UUID.randomUUID(), 'u-1', locale, null, null, tags, null, Instant.EPOCH, Instant.EPOCH)
    }

    def "a #locale recipient gets '#title' / '#body'"() {
        when:
        def rendered = MessageRendering.render(WELCOME, locale, TemplateContext.of(user(locale, tags), [:], [orderId: 'A-1']))

        then:
        rendered.title() == title
        rendered.body() == body
        rendered.locale() == used
        rendered.complete()

        where:
        locale  | tags                  || used    | title                  | body
        'en-US' | [first_name: 'Ann', plan: 'pro'] || null    | 'Welcome, Ann'         | 'Your order A-1 is ready'
        'es-ES' | [first_name: 'Ana', plan: 'pro'] || 'es'    | 'Bienvenido, Ana'      | 'Tu pedido A-1 está listo'
        'es-MX' | [plan: 'pro']         || 'es-MX' | 'Bienvenido, amigo'    | 'Tu orden A-1 ya está'   // es-MX has only a body: the title is es
        'de-DE' | [plan: 'pro']         || 'de'    | 'Willkommen'           | 'Your order A-1 is ready'   // de has only a title
        null    | [plan: 'pro']         || null    | 'Welcome, friend'      | 'Your order A-1 is ready'
    }

    def "actions, data and the link are rendered too"() {
        when:
        def rendered = MessageRendering.render(WELCOME, 'en', TemplateContext.of(user('en', [plan: 'pro']), [:], [orderId: 'A-9']))

        then:
        rendered.actions() == [new MessageContent.Action('track', 'Track A-9', 'shop://orders/A-9')]
        rendered.data() == [orderId: 'A-9', nested: [who: 'u-1'], list: ['pro', 3], n: 7]
        rendered.url() == 'https://shop.example/o/A-9'
    }

    def "every missing variable is reported with the field that needs it"() {
        when:
        def rendered = MessageRendering.render(WELCOME, locale, TemplateContext.of(user(locale), [:], [:]))

        then:
        !rendered.complete()
        rendered.missing() == missing.collect { new RenderedMessage.MissingVariable(it[0], it[1]) }

        where:
        locale  || missing
        'en'    || [['actions[0].title', 'vars.orderId'], ['actions[0].url', 'vars.orderId'], ['body', 'vars.orderId'],
                    ['data.orderId', 'vars.orderId'], ['data.list[0]', 'tags.plan'], ['url', 'vars.orderId']]
        'es-MX' || [['actions[0].title', 'vars.orderId'], ['actions[0].url', 'vars.orderId'], ['localized.es-MX.body', 'vars.orderId'],
                    ['data.orderId', 'vars.orderId'], ['data.list[0]', 'tags.plan'], ['url', 'vars.orderId']]
    }

    def "content checks name the offending field"() {
        expect:
        MessageContentRules.validate('variants[1].', content, true)*.field() == fields

        where:
        content                                                                                || fields
        MessageContent.of('Hi', null)                                                          || []
        MessageContent.of(null, null)                                                          || ['variants[1].body']
        MessageContent.of('Hi {{name', null)                                                   || ['variants[1].title']
        MessageContent.of('x' * 513, 'b')                                                      || ['variants[1].title']
        new MessageContent('t', null, ['!!': new MessageContent.LocalizedText('x', null)], null, null, null)  || ['variants[1].localized.!!']
        new MessageContent('t', null, [es: new MessageContent.LocalizedText(null, null)], null, null, null)   || ['variants[1].localized.es']
        new MessageContent('t', null, [es: new MessageContent.LocalizedText('{{}}', null)], null, null, null) || ['variants[1].localized.es.title']
        new MessageContent('t', null, null, (1..5).collect { new MessageContent.Action("a$it", 'x', null) }, null, null) || ['variants[1].actions']
        new MessageContent('t', null, null, [new MessageContent.Action('a', 'x', null), new MessageContent.Action('a', '', 'nope')], null, null) ||
                ['variants[1].actions[1].id', 'variants[1].actions[1].title', 'variants[1].actions[1].url']
        new MessageContent('t', null, null, null, [a: [b: '{{x']], null)                        || ['variants[1].data.a.b']
        new MessageContent('t', null, null, null, null, 'example.com/{{x}}')                    || ['variants[1].url']
        new MessageContent('t', null, null, null, null, 'https://example.com/{{x}}')            || []
    }

    def "locale keys are stored as canonical tags"() {
        expect:
        MessageContentRules.canonical(new MessageContent('t', null,
                [es_mx: new MessageContent.LocalizedText('a', null), 'PT-br': new MessageContent.LocalizedText('b', null)], null, null, null))
                .localized().keySet() == ['es-MX', 'pt-BR'] as Set
    }
}
