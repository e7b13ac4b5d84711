package dev.herald.domain.template

import dev.herald.domain.user.User
import spock.lang.Specification

import java.time.Instant

class TemplateTextSpec extends Specification {

    static final User MARIA = new User(UUID.randomUUID(), UUID.randomUUID(), 'maria-7', 'es-MX', 'America/Mexico_City', 'MX',
            [first_name: 'María', plan: 'pro'], null, Instant.EPOCH, Instant.EPOCH)
    static final TemplateContext CONTEXT = TemplateContext.of(MARIA,
            [cart: [total: 42.5, items: 3], plan: 'event-plan', sku: 'A-1'],
            [orderId: 'A-1001', first_name: 'Mari', count: 2, ratio: 0.25d, big: 12.0d, flag: true])

    def "'#text' renders as '#expected' (missing: #missing)"() {
        when:
        def rendered = TemplateText.parse(text).render(CONTEXT)

        then:
        rendered.text() == expected
        rendered.missing() == missing

        where:
        text                                            || expected                             | missing
        'Hello'                                         || 'Hello'                              | []
        ''                                              || ''                                   | []
        'Hi {{tags.first_name}}!'                       || 'Hi María!'                          | []
        'Hi {{ tags.first_name }}!'                     || 'Hi María!'                          | []
        'Order {{vars.orderId}} shipped'                || 'Order A-1001 shipped'               | []
        'Order {{orderId}} shipped'                     || 'Order A-1001 shipped'               | []
        'Hi {{first_name}}'                             || 'Hi Mari'                            | []   // send variables beat tags
        'Hi {{tags.first_name}}'                        || 'Hi María'                           | []   // unless the source is named
        'Plan {{plan}}'                                 || 'Plan event-plan'                    | []   // event properties beat tags
        'Plan {{tags.plan}}'                            || 'Plan pro'                           | []
        'Total {{event.cart.total}} for {{cart.items}}' || 'Total 42.5 for 3'                   | []
        '{{user.id}} {{user.locale}} {{user.country}}'  || 'maria-7 es-MX MX'                   | []
        '{{country}} in {{timezone}}'                   || 'MX in America/Mexico_City'          | []
        '{{count}} / {{ratio}} / {{big}} / {{flag}}'    || '2 / 0.25 / 12 / true'               | []
        'Hi {{tags.nickname}}'                          || 'Hi '                                | ['tags.nickname']
        'Hi {{tags.nickname | default: "there"}}'       || 'Hi there'                           | []
        "Hi {{nickname|default:'friend'}}"              || 'Hi friend'                          | []
        'Hi {{tags.first_name | default: "there"}}'     || 'Hi María'                           | []
        '{{a}} {{b}} {{a}}'                             || '  '                                 | ['a', 'b']
        '{{event.cart}}'                                || ''                                   | ['event.cart']   // a map is not one value
        '{{user.tags}}'                                 || ''                                   | ['user.tags']
        'braces } and { alone, and }} too'              || 'braces } and { alone, and }} too'   | []
    }

    def "'#text' is not a valid template: #error"() {
        expect:
        TemplateText.errors(text) == [error]

        when:
        TemplateText.parse(text)

        then:
        def e = thrown(IllegalArgumentException)
        e.message == error

        where:
        text                         || error
        'Hi {{name'                  || 'the {{ at position 3 is never closed with }}'
        'Hi {{}}'                    || '{{}} is not a variable: write {{name}} or {{name | default: "text"}}'
        'Hi {{#if vip}}'             || '{{#if vip}} is not a variable: write {{name}} or {{name | default: "text"}}'
        'Hi {{name | upcase}}'       || '{{name | upcase}} is not a variable: write {{name}} or {{name | default: "text"}}'
        'Hi {{first name}}'          || '{{first name}} is not a variable: write {{name}} or {{name | default: "text"}}'
    }

    def "a text lists its variables with their fallbacks"() {
        expect:
        TemplateText.parse('{{a}} {{tags.b | default: "x"}} c').variables() ==
                [new TemplateText.Variable('a', null), new TemplateText.Variable('tags.b', 'x')]
        !TemplateText.parse('plain').hasVariables()
    }
}
