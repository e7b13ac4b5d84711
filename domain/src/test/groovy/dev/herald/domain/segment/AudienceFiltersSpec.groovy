package dev.herald.domain.segment

import spock.lang.Specification

class AudienceFiltersSpec extends Specification {

    def "#json is read and written back unchanged"() {
        when:
        def parsed = AudienceFilters.parse(json, 'filter')

        then:
        parsed.valid()
        AudienceFilters.toJson(parsed.filter()) == json

        where:
        json << [
                [all: []],
                [field: 'tag', key: 'plan', op: 'eq', value: 'pro'],
                [field: 'country', op: 'in', values: ['DE', 'FR']],
                [field: 'locale', op: 'starts_with', value: 'en'],
                [field: 'lastSessionHoursAgo', op: 'not_exists'],
                [any: [[field: 'provider', op: 'eq', value: 'FCM'], [all: [[field: 'tag', key: 'n', op: 'gt', value: '3']]]]],
        ]
    }

    def "#json is refused at #field"() {
        when:
        def parsed = AudienceFilters.parse(json, 'filter')

        then:
        !parsed.valid()
        parsed.errors()*.field() == [field]

        where:
        json                                                               || field
        'pro'                                                              || 'filter'
        [all: 'x']                                                         || 'filter.all'
        [all: [], any: []]                                                 || 'filter'
        [field: 'age', op: 'eq', value: 3]                                 || 'filter.field'
        [field: 'tag', key: 'plan', op: 'like', value: 'p']                || 'filter.op'
        [field: 'tag', op: 'eq', value: 'p']                               || 'filter.key'
        [field: 'country', key: 'x', op: 'eq', value: 'DE']               || 'filter.key'
        [field: 'country', op: 'eq']                                       || 'filter.value'
        [field: 'country', op: 'eq', value: ['DE']]                        || 'filter.value'
        [field: 'country', op: 'in', values: []]                           || 'filter.values'
        [field: 'country', op: 'exists', value: 'DE']                      || 'filter.value'
        [field: 'tag', key: 'n', op: 'gt', value: 'many']                  || 'filter.value'
        [field: 'provider', op: 'in', values: ['APNS', 'SMOKE']]           || 'filter.values'
        [field: 'app', op: 'eq', value: 'not-an-id']                       || 'filter.value'
        [field: 'lastSessionHoursAgo', op: 'lt', value: -1]                || 'filter.value'
        [field: 'country', op: 'eq', value: 'DE', extra: 1]                || 'filter.extra'
        [any: [[field: 'country', op: 'eq', value: 'DE'], [field: 'x']]]   || 'filter.any[1].field'
        [all: [[all: [[all: [[all: [[all: [[all: []]]]]]]]]]]]             || 'filter.all[0].all[0].all[0].all[0].all[0]'
        [all: (1..51).collect { [field: 'country', op: 'eq', value: 'DE'] }] || 'filter'
    }
}
