package dev.herald.domain.automation

import groovy.json.JsonSlurper
import spock.lang.Specification

import java.time.Duration
import java.time.LocalTime

class DefinitionParserSpec extends Specification {

    static Map example(String name) {
        new JsonSlurper().parse(DefinitionParserSpec.getResourceAsStream("/automation-examples/${name}.json")) as Map
    }

    static Map minimal(List steps) {
        [name: 'test', trigger: [event: 'cart.updated'], steps: steps]
    }

    def "the shipped example #name is valid"() {
        when:
        def result = DefinitionParser.parse(example(name))

        then:
        result.errors() == []
        result.definition().steps()*.id() == ids
        result.definition().listensTo() as List == listens

        where:
        name                || ids                                              | listens
        'geofence-welcome'  || ['pushed-recently', 'welcome']                   | []
        'onboarding-drip'   || ['next-morning', 'day-1', 'opened', 'day-3']     | ['subscription.started', 'push.opened']
        'cart-abandonment'  || ['checkout', 'remind']                           | ['checkout.completed']
    }

    def "defaults fill in: ids, the next step, entry once per user"() {
        when:
        def d = DefinitionParser.parse(minimal([
                [type: 'delay', duration: '1h30m'],
                [type: 'send_push', title: 'hi'],
                [type: 'delay', untilLocalTime: '09:00']])).definition()

        then:
        d.steps()*.id() == ['step-1', 'step-2', 'step-3']
        (d.steps()[0] as Definition.Delay).next() == 'step-2'
        (d.steps()[0] as Definition.Delay).duration() == Duration.ofMinutes(90)
        (d.steps()[2] as Definition.Delay).untilLocalTime() == LocalTime.of(9, 0)
        (d.steps()[2] as Definition.Delay).next() == Definition.END
        d.entry().once()
        !d.trigger().manual()
    }

    def "a manual trigger, re-entry after a period, and every step type parse"() {
        when:
        def result = DefinitionParser.parse([name: 'all', trigger: [manual: true], entry: [reentryAfter: 'P7D'],
                steps: [
                        [id: 'split', type: 'ab_split', variants: [[name: 'A', weight: 50, next: 'a'], [name: 'B', weight: 50, next: 'b']]],
                        [id: 'a', type: 'branch', when: ['user.tags.plan': 'pro', 'event.total': [gt: 10]], then: 'wait', else: 'bye'],
                        [id: 'b', type: 'send_push', title: 'B', next: 'end'],
                        [id: 'wait', type: 'wait_for_event', event: 'x.y', where: [sku: ['a', 'b']], timeout: '2h'],
                        [id: 'bye', type: 'exit']]])

        then:
        result.errors() == []
        result.definition().trigger().manual()
        result.definition().entry().reentryAfter() == Duration.ofDays(7)
        (result.definition().step('a').get() as Definition.Branch).when().tests()*.op() == [Condition.Operator.EQ, Condition.Operator.GT]
        (result.definition().step('wait').get() as Definition.WaitForEvent).onTimeout() == 'bye'
    }

    def "#problem → 400 naming #field: #message"() {
        when:
        def result = DefinitionParser.parseForPublish(definition)

        then:
        !result.valid()
        result.definition() == null
        result.errors().any { it.field() == field && it.message().contains(message) }

        where:
        problem                        | definition                                                                                  || field                    | message
        'an unknown step type'         | minimal([[id: 'sms', type: 'send_sms']])                                                     || 'steps[0].type'          | 'step "sms": unknown step type \'send_sms\''
        'a step without type'          | minimal([[id: 'x']])                                                                         || 'steps[0].type'          | 'step "x": type is required'
        'a branch without else'        | minimal([[id: 'vip', type: 'branch', when: ['user.tags.plan': 'pro'], then: 'p'], [id: 'p', type: 'send_push', title: 'x']]) || 'steps[0].else' | 'step "vip": missing branch'
        'a branch without then'        | minimal([[id: 'vip', type: 'branch', when: ['user.country': 'DE'], else: 'end']])             || 'steps[0].then'          | 'missing branch'
        'a variant without next'       | minimal([[id: 's', type: 'ab_split', variants: [[name: 'A', weight: 50], [name: 'B', weight: 50, next: 'end']]]]) || 'steps[0].variants[0].next' | 'missing branch'
        'a target that does not exist' | minimal([[id: 'w', type: 'wait_for_event', event: 'e', timeout: '1h', onTimeout: 'nowhere']]) || 'steps[0].onTimeout'    | "goes to 'nowhere', but there is no step"
        'a cycle'                      | minimal([[id: 'a', type: 'delay', duration: '1h'], [id: 'b', type: 'send_push', title: 'x', next: 'a']]) || 'steps[1].next' | 'step "b": cycle a → b → a'
        'a step pointing at itself'    | minimal([[id: 'a', type: 'delay', duration: '1h', next: 'a']])                               || 'steps[0].next'          | 'cycle a → a'
        'a cycle through a branch'     | minimal([[id: 'a', type: 'send_push', title: 'x'], [id: 'b', type: 'branch', when: ['event.x': 1], then: 'a', else: 'end']]) || 'steps[1].then' | 'cycle a → b → a'
        'a bad duration'               | minimal([[id: 'wait', type: 'delay', duration: '1 fortnight']])                              || 'steps[0].duration'      | "step \"wait\": '1 fortnight' is not a duration"
        'a zero duration'              | minimal([[id: 'wait', type: 'delay', duration: '0s']])                                       || 'steps[0].duration'      | 'more than zero'
        'a year and a day'             | minimal([[id: 'wait', type: 'delay', duration: '366d']])                                     || 'steps[0].duration'      | 'at most 365 days'
        'a bad timeout'                | minimal([[id: 'w', type: 'wait_for_event', event: 'e', timeout: 'soon']])                    || 'steps[0].timeout'       | "'soon' is not a duration"
        'a delay too long to hold'     | minimal([[id: 'wait', type: 'delay', duration: '99999999999999999999d']])                    || 'steps[0].duration'      | "step \"wait\": '99999999999999999999d' must be more than zero and at most 365 days"
        'weeks that would wrap'        | minimal([[id: 'wait', type: 'delay', duration: '2635249153387078803w']])                     || 'steps[0].duration'      | 'at most 365 days'
        'an ISO timeout too long'      | minimal([[id: 'w', type: 'wait_for_event', event: 'e', timeout: 'P99999999999999999999D']])  || 'steps[0].timeout'       | 'at most 365 days'
        'a re-entry period too long'   | minimal([[type: 'exit']]) + [entry: [reentryAfter: '9223372036854775807d']]                  || 'entry.reentryAfter'     | 'at most 365 days'
        'a within too long to hold'    | minimal([[id: 'b', type: 'branch', when: ['user.lastPushAt': [within: '99999999999999999999h']], then: 'end', else: 'end']]) || 'steps[0].when.user.lastPushAt.within' | "'99999999999999999999h' is too long"
        'a wait without timeout'       | minimal([[id: 'w', type: 'wait_for_event', event: 'e']])                                     || 'steps[0].timeout'       | 'is required'
        'a delay with neither'         | minimal([[id: 'd', type: 'delay']])                                                          || 'steps[0].duration'      | 'needs a duration'
        'a bad time of day'            | minimal([[id: 'd', type: 'delay', untilLocalTime: '9am']])                                   || 'steps[0].untilLocalTime'| 'not a time of day'
        'a typo in a field'            | minimal([[id: 'w', type: 'wait_for_event', event: 'e', timout: '1h', timeout: '1h']])       || 'steps[0].timout'        | "unknown field 'timout'"
        'duplicate ids'                | minimal([[id: 'a', type: 'exit'], [id: 'a', type: 'exit']])                                  || 'steps[1].id'            | 'same id'
        'an unreachable step'          | minimal([[id: 'a', type: 'exit'], [id: 'b', type: 'send_push', title: 'x']])                || 'steps[1]'               | 'step "b": no step leads here'
        'a push with no text'          | minimal([[id: 'p', type: 'send_push']])                                                      || 'steps[0].body'          | 'step "p"'
        'a push badge as text'         | minimal([[id: 'p', type: 'send_push', title: 'x', badge: 'one']])                           || 'steps[0].badge'         | 'whole number'
        'a template and own text'      | minimal([[id: 'p', type: 'send_push', template: 'cart', body: 'x']])                          || 'steps[0].template'      | 'either a template or your own title and body'
        'a blank template'             | minimal([[id: 'p', type: 'send_push', template: ' ']])                                       || 'steps[0].template'      | 'id or name of one of your templates'
        'variables not an object'      | minimal([[id: 'p', type: 'send_push', template: 'cart', variables: ['a']]])                  || 'steps[0].variables'     | 'object of names to values'
        'a variable with a bad name'   | minimal([[id: 'p', type: 'send_push', template: 'cart', variables: ['a-b': 'x']]])           || 'steps[0].variables.a-b' | 'not a variable name'
        'a broken placeholder'         | minimal([[id: 'p', type: 'send_push', title: 'Hi {{name']])                                  || 'steps[0].title'         | 'never closed'
        'an old-style fallback'        | minimal([[id: 'p', type: 'send_push', title: 'Hi {{name | friend}}']])                       || 'steps[0].title'         | 'is not a variable'
        'a broken placeholder in data' | minimal([[id: 'p', type: 'send_push', title: 'x', data: [a: '{{b']]])                        || 'steps[0].data.a'        | 'never closed'
        'weights not adding to 100'    | minimal([[id: 's', type: 'ab_split', variants: [[name: 'A', weight: 50, next: 'end'], [name: 'B', weight: 40, next: 'end']]]]) || 'steps[0].variants' | 'add up to 90'
        'a branch on an unknown fact'  | minimal([[id: 'b', type: 'branch', when: ['plan': 'pro'], then: 'end', else: 'end']])       || 'steps[0].when.plan'     | 'user.<field>'
        'an unknown test'              | minimal([[id: 'b', type: 'branch', when: ['user.country': [like: 'D%']], then: 'end', else: 'end']]) || 'steps[0].when.user.country.like' | "unknown test 'like'"
        'a within that is no duration' | minimal([[id: 'b', type: 'branch', when: ['user.lastPushAt': [within: 'a while']], then: 'end', else: 'end']]) || 'steps[0].when.user.lastPushAt.within' | 'not a duration'
        'no steps'                     | [name: 'x', trigger: [event: 'e'], steps: []]                                               || 'steps'                  | 'non-empty'
        'no trigger'                   | [name: 'x', steps: [[type: 'exit']]]                                                        || 'trigger'                | 'is required'
        'a trigger both ways'          | [name: 'x', trigger: [manual: true, event: 'e'], steps: [[type: 'exit']]]                   || 'trigger'                | 'not both'
        'a trigger on a bad name'      | [name: 'x', trigger: [event: 'has space'], steps: [[type: 'exit']]]                         || 'trigger.event'          | 'letters, digits'
        'no name'                      | [trigger: [event: 'e'], steps: [[type: 'exit']]]                                            || 'name'                   | 'is required'
        'a bad re-entry period'        | minimal([[type: 'exit']]) + [entry: [reentryAfter: 'sometimes']]                             || 'entry.reentryAfter'     | 'not a duration'
        'once and re-entry'            | minimal([[type: 'exit']]) + [entry: [once: true, reentryAfter: '1d']]                        || 'entry'                  | 'not both'
        'a goal without event'         | minimal([[type: 'exit']]) + [goal: [where: [x: 1]]]                                          || 'goal.event'             | 'is required'
        'an unknown top-level field'   | minimal([[type: 'exit']]) + [stpes: []]                                                      || 'stpes'                  | "unknown field 'stpes'"
        'not an object'                | [[type: 'exit']]                                                                             || 'body'                   | 'JSON object'
    }

    def "a text in a syntax only later refused still parses for the runs of a version published before"() {
        given:
        def old = minimal([[id: 'p', type: 'send_push', title: 'Hi {{user.tags.firstName | friend}}']])

        expect:
        DefinitionParser.parse(old).valid()
        DefinitionParser.parseForPublish(old).errors()*.field() == ['steps[0].title']
    }
}
