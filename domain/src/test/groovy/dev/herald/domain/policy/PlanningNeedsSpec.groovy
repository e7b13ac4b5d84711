package dev.herald.domain.policy

import dev.herald.domain.template.MessageContent
import spock.lang.Specification

/** A plain broadcast loads neither users nor recent sends; each personalisation or policy brings what it reads. */
class PlanningNeedsSpec extends Specification {

    static final QuietHours NIGHT = new QuietHours(22, 7)
    static final MessageContent PLAIN = MessageContent.of('Sale', 'Everything half price')
    static final MessageContent VARIABLE = MessageContent.of('Hi {{user.id}}', 'Everything half price')
    static final MessageContent VARIABLE_IN_DATA = new MessageContent('Sale', 'Now', null, null, [screen: '{{vars.screen}}'], null)
    static final MessageContent LOCALIZED = new MessageContent('Sale', 'Now', [es: new MessageContent.LocalizedText('Rebajas', null)], null, null, null)
    static final UUID TEST = UUID.randomUUID()
    static final List<SendPlan.Variant> VARIANTS = [new SendPlan.Variant('a', 50, PLAIN), new SendPlan.Variant('b', 50, PLAIN)]

    def "#description"() {
        given:
        def plan = new SendPlan(UUID.randomUUID(), transactional, message, [:], null, abTest ? TEST : null, abTest ? VARIANTS : [], null, null)
        def policies = appPolicies.collect { quiet, cap -> new DeliveryPolicy(quiet, false, cap) }

        expect:
        PlanningNeeds.of(plan, policies) == new PlanningNeeds(users, recentSends)

        where:
        description                                            | message           | abTest | transactional | appPolicies                                          || users | recentSends
        'plain text, no policies: nothing'                     | PLAIN             | false  | false         | [[null, FrequencyCap.NONE]]                          || false | false
        'no apps in the page: nothing'                         | PLAIN             | false  | false         | []                                                   || false | false
        'a variable in the title: users'                       | VARIABLE          | false  | false         | [[null, FrequencyCap.NONE]]                          || true  | false
        'a variable in the data: users'                        | VARIABLE_IN_DATA  | false  | false         | [[null, FrequencyCap.NONE]]                          || true  | false
        'localized texts: users (their locale)'                | LOCALIZED         | false  | false         | [[null, FrequencyCap.NONE]]                          || true  | false
        'an A/B test: users (their bucket)'                    | PLAIN             | true   | false         | [[null, FrequencyCap.NONE]]                          || true  | false
        'quiet hours: users (their zone)'                      | PLAIN             | false  | false         | [[NIGHT, FrequencyCap.NONE]]                         || true  | false
        'a cap: recent sends'                                  | PLAIN             | false  | false         | [[null, new FrequencyCap(2, null)]]                  || false | true
        'one app of two with a cap: recent sends'              | PLAIN             | false  | false         | [[null, FrequencyCap.NONE], [null, new FrequencyCap(null, 5)]] || false | true
        'transactional: quiet hours and caps do not apply'     | PLAIN             | false  | true          | [[NIGHT, new FrequencyCap(1, 1)]]                    || false | false
        'transactional still personalises'                     | VARIABLE          | false  | true          | [[NIGHT, new FrequencyCap(1, 1)]]                    || true  | false
    }
}
