package dev.herald.domain.abtest

import dev.herald.domain.template.MessageContent
import spock.lang.Specification

class AbTestRulesSpec extends Specification {

    static AbVariant v(String key, int weight, MessageContent content = MessageContent.of('hi', null), UUID template = null) {
        new AbVariant(key, weight, content, template)
    }

    def "#description is refused naming #fields"() {
        expect:
        AbTestRules.validate(variants, auto)*.field() == fields

        where:
        description                 | variants                                              | auto                                      || fields
        'a valid 50/50 test'        | [v('a', 50), v('b', 50)]                              | null                                      || []
        'a template variant'        | [v('a', 50), v('b', 50, null, UUID.randomUUID())]     | null                                      || []
        'one variant'               | [v('a', 100)]                                         | null                                      || ['variants']
        'no variants'               | null                                                  | null                                      || ['variants']
        'weights summing to 90'     | [v('a', 50), v('b', 40)]                              | null                                      || ['variants']
        'weights summing to 110'    | [v('a', 60), v('b', 50)]                              | null                                      || ['variants']
        'a zero weight'             | [v('a', 0), v('b', 100)]                              | null                                      || ['variants[0].weight', 'variants[1].weight']
        'a duplicate key'           | [v('a', 50), v('a', 50)]                              | null                                      || ['variants[1].key']
        'a key with spaces'         | [v('a b', 50), v('b', 50)]                            | null                                      || ['variants[0].key']
        'content and a template'    | [v('a', 50), v('b', 50, MessageContent.of('x', null), UUID.randomUUID())] | null  || ['variants[1]']
        'neither'                   | [v('a', 50), v('b', 50, null, null)]                  | null                                      || ['variants[1]']
        'empty content'             | [v('a', 50), v('b', 50, MessageContent.of(null, ''))] | null                                      || ['variants[1].body']
        'a bad placeholder'         | [v('a', 50), v('b', 50, MessageContent.of('{{x', null))] | null                                   || ['variants[1].title']
        'a sample of 100%'          | [v('a', 50), v('b', 50)]                              | new AutoPromote(100, 10, 0, 60, null, null, null) || ['autoPromote.samplePercent']
        'max wait under min wait'   | [v('a', 50), v('b', 50)]                              | new AutoPromote(20, 10, 60, 30, null, null, null) || ['autoPromote.maxWaitMinutes']
        'a confidence of 50%'       | [v('a', 50), v('b', 50)]                              | new AutoPromote(20, 10, 0, 60, 0.5, null, null)   || ['autoPromote.confidence']
        'no minimum sample'         | [v('a', 50), v('b', 50)]                              | new AutoPromote(20, 0, 0, 60, null, 0, null)      || ['autoPromote.minSamplePerVariant', 'autoPromote.checkEveryMinutes']
        'an unknown fallback'       | [v('a', 50), v('b', 50)]                              | new AutoPromote(20, 10, 0, 60, null, null, 'b')   || ['autoPromote.ifInconclusive']
    }
}
