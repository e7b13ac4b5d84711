package dev.herald.domain.automation

import dev.herald.domain.template.MessageContent
import dev.herald.domain.user.User
import spock.lang.Specification

import java.time.Instant

/** A send_push step's push, rendered with the template engine sends use: inline text or a template, per locale, with step variables. */
class StepMessagesSpec extends Specification {

    static final MessageContent CART = new MessageContent('Your cart', '{{count}} items wait for you',
            [de: new MessageContent.LocalizedText('Dein Warenkorb', '{{count}} Artikel warten auf dich, {{tags.firstName | default: "du"}}')],
            null, [screen: 'cart'], null)

    static User user(String locale, Map<String, String> tags = [:]) {
        new User(UUID.randomUUID(), UUID.randomUUID(), 'u-1', locale, null, null, tags, null, Instant.EPOCH, Instant.EPOCH)
    }

    def "#what renders as title '#title', body '#body'"() {
        when:
        def rendered = StepMessages.render(content, template, user(locale, tags), [items: 3, store: 'Mitte'])

        then:
        rendered.problems() == []
        rendered.push().title() == title
        rendered.push().body() == body

        where:
        what                                  | content                                                              | template | locale  | tags              || title            | body
        'inline text with event and tags'     | [title: 'Hi {{tags.firstName}}', body: '{{event.items}} items']      | null     | 'en'    | [firstName: 'Ana'] || 'Hi Ana'          | '3 items'
        'inline text, user.tags spelling'     | [title: 'Hi {{user.tags.firstName}}', body: 'at {{event.store}}']    | null     | 'en'    | [firstName: 'Ana'] || 'Hi Ana'          | 'at Mitte'
        'inline fallback'                     | [title: 'Hi {{tags.nick | default: "friend"}}']                     | null     | 'en'    | [:]               || 'Hi friend'       | null
        'a template, default locale'          | [template: 'cart', variables: [count: '{{event.items}}']]            | CART     | 'fr'    | [:]               || 'Your cart'       | '3 items wait for you'
        "a template in the user's language"  | [template: 'cart', variables: [count: '{{event.items}}']]            | CART     | 'de-AT' | [firstName: 'Jo'] || 'Dein Warenkorb'  | '3 Artikel warten auf dich, Jo'
        'a number variable'                   | [template: 'cart', variables: [count: 7]]                            | CART     | 'en'    | [:]               || 'Your cart'       | '7 items wait for you'
    }

    def "a template's data and the step's own data are merged, the step's winning"() {
        when:
        def rendered = StepMessages.render([template: 'cart', variables: [count: 1], data: [screen: 'checkout', coupon: 'X']], CART, user('en'), [:])

        then:
        rendered.push().data() == [screen: 'checkout', coupon: 'X']
    }

    def "#what leaves no push and says why: #problem"() {
        when:
        def rendered = StepMessages.render(content, template, user('en'), [items: 3])

        then:
        rendered.push() == null
        rendered.problems().any { it.contains(problem) }

        where:
        what                                  | content                                              | template || problem
        'a text variable with no value'       | [title: 'Hi {{tags.firstName}}']                     | null     || 'title: {{tags.firstName}} has no value'
        'a step variable with no value'       | [template: 'cart', variables: [count: '{{event.n}}']] | CART    || 'variables.count: {{event.n}} has no value'
        'a template variable never given'     | [template: 'cart']                                   | CART     || 'body: {{count}} has no value'
        'text from before the syntax check'   | [title: 'Hi {{user.tags.firstName | friend}}']       | null     || 'a text does not parse'
    }
}
