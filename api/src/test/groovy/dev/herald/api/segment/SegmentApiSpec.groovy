package dev.herald.api.segment

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

@MicronautTest(transactional = false)
class SegmentApiSpec extends HeraldSpec {

    static final Map PRO = [field: 'tag', key: 'plan', op: 'eq', value: 'pro']

    def "segments are created, read, listed, replaced and deleted"() {
        given:
        def tenant = newTenant()

        when:
        def created = call('POST', '/v1/segments', [name: ' Pro users ', filter: PRO], tenant.key())

        then:
        created.status == 201
        created.body.name == 'Pro users'
        created.body.filter == PRO

        when:
        def second = call('POST', '/v1/segments', [name: 'Germans', filter: [field: 'country', op: 'eq', value: 'DE']], tenant.key())
        def firstPage = call('GET', '/v1/segments?limit=1', null, tenant.key())
        def secondPage = call('GET', "/v1/segments?limit=1&after=${firstPage.body.next}", null, tenant.key())

        then: 'newest first, one page at a time'
        firstPage.body.items*.id == [second.body.id]
        secondPage.body.items*.id == [created.body.id]
        secondPage.body.next == null

        when:
        def replaced = call('PUT', "/v1/segments/${created.body.id}", [name: 'Pro or free', filter: [field: 'tag', key: 'plan', op: 'in', values: ['pro', 'free']]], tenant.key())

        then:
        replaced.status == 200
        call('GET', "/v1/segments/${created.body.id}", null, tenant.key()).body.filter == [field: 'tag', key: 'plan', op: 'in', values: ['pro', 'free']]

        when:
        def deleted = call('DELETE', "/v1/segments/${created.body.id}", null, tenant.key())

        then:
        deleted.status == 204
        call('GET', "/v1/segments/${created.body.id}", null, tenant.key()).status == 404
        call('DELETE', "/v1/segments/${created.body.id}", null, tenant.key()).status == 404
    }

    def "#description is a 400 naming #field, and nothing is stored"() {
        given:
        def tenant = newTenant()

        when:
        def response = call('POST', '/v1/segments', body, tenant.key())

        then:
        response.status == 400
        response.contentType == 'application/problem+json'
        response.body.errors*.field.contains(field)
        call('GET', '/v1/segments', null, tenant.key()).body.items == []

        where:
        description               | body                                                                                  || field
        'no name'                 | [filter: PRO]                                                                         || 'name'
        'no filter'               | [name: 'x']                                                                           || 'filter'
        'a filter that is a list' | [name: 'x', filter: [PRO]]                                                            || 'filter'
        'an unknown field'        | [name: 'x', filter: [field: 'shoeSize', op: 'eq', value: '9']]                        || 'filter.field'
        'an operator not allowed' | [name: 'x', filter: [field: 'provider', op: 'gt', value: 'APNS']]                     || 'filter.op'
        'a tag without its key'   | [name: 'x', filter: [field: 'tag', op: 'eq', value: 'pro']]                           || 'filter.key'
        'in without values'       | [name: 'x', filter: [field: 'country', op: 'in', value: 'DE']]                        || 'filter.values'
        'an unknown provider'     | [name: 'x', filter: [field: 'provider', op: 'eq', value: 'PIGEON']]                   || 'filter.value'
        'a word for hours'        | [name: 'x', filter: [field: 'lastSessionHoursAgo', op: 'lt', value: 'soon']]          || 'filter.value'
        'a deep mistake'          | [name: 'x', filter: [all: [PRO, [any: [[field: 'country', op: 'like', value: 'D']]]]]] || 'filter.all[1].any[0].op'
        'both all and any'        | [name: 'x', filter: [all: [], any: []]]                                               || 'filter'
        'an unknown key'          | [name: 'x', filter: [field: 'country', op: 'eq', value: 'DE', fuzzy: true]]           || 'filter.fuzzy'
    }

    def "a preview of a bad inline filter is a 400 naming the field"() {
        expect:
        def response = call('POST', '/v1/segments/preview', [filter: [field: 'locale', op: 'gt', value: 'en']], newTenant().key())
        response.status == 400
        response.body.errors*.field == ['filter.op']
    }

    def "a send to another org's segment is refused as naming no segment"() {
        given:
        Tenant owner = newTenant()
        Tenant intruder = newTenant()
        def segment = call('POST', '/v1/segments', [name: 'pro', filter: PRO], owner.key()).body

        expect:
        with(call('POST', '/v1/sends', [audience: [segmentId: segment.id], title: 'hi'], intruder.key())) {
            status == 400
            it.body.errors*.field == ['audience.segmentId']
        }
    }
}
