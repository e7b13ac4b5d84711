package dev.herald.api.send

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import groovy.json.JsonOutput
import io.micronaut.core.type.Argument
import io.micronaut.http.HttpRequest
import io.micronaut.http.MediaType
import io.micronaut.http.client.exceptions.HttpClientResponseException
import io.micronaut.http.client.multipart.MultipartBody
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.time.Duration
import java.time.Instant

/** POST /v1/sends targets exactly one of userIds, an audience, tokens or a CSV of user ids. */
@MicronautTest(transactional = false)
class SendTargetsSpec extends HeraldSpec {

    Tenant tenant
    Map<String, List<String>> tokens = [:]

    def setup() {
        tenant = newTenant()
        tenant.useApns('com.example.targets')
    }

    private void user(String id, Map profile = [:], int devices = 1) {
        tenant.upsertUser(id, profile)
        tokens[id] = (1..devices).collect {
            def token = apnsToken()
            tenant.registerDevice(id, [provider: 'APNS', token: token, platform: 'ios'])
            token
        }
    }

    private List<String> received() {
        apns.receivedFor(tokens.values().flatten() as List<String>)*.token().sort()
    }

    def "an audience send reaches the devices its segment matches when the send starts, not when it was created"() {
        given:
        user('ana', [tags: [plan: 'pro']], 2)
        user('ben', [tags: [plan: 'free']])
        user('cy', [tags: [plan: 'free']])
        def segment = call('POST', '/v1/segments', [name: 'pro', filter: [field: 'tag', key: 'plan', op: 'eq', value: 'pro']], tenant.key()).body

        when: 'a send to the segment is scheduled, and ben upgrades before it goes out'
        def created = call('POST', '/v1/sends', [audience: [segmentId: segment.id], title: 'Pro news',
                                                 scheduledFor: Instant.ofEpochMilli(temporal.currentTimeMillis()).plus(Duration.ofHours(1)).toString()], tenant.key())
        tenant.upsertUser('ben', [tags: [plan: 'pro']])
        skip(Duration.ofHours(2))
        awaitSend(created.body.id)

        then:
        created.status == 201
        created.body.target == 'audience'
        created.body.segmentId == segment.id
        received() == (tokens.ana + tokens.ben).sort()
        call('GET', "/v1/sends/${created.body.id}", null, tenant.key()).body.deliveries.accepted == 3

        and: 'it counts the users its audience matched when it started (not known at creation)'
        created.body.targetedUsers == 0
        call('GET', "/v1/sends/${created.body.id}", null, tenant.key()).body.targetedUsers == 2
    }

    def "an inline audience counts its users once it starts, each user once however many devices"() {
        given:
        user('ana', [country: 'DE'], 3)
        user('ben', [country: 'DE'])
        user('cy', [country: 'FR'])

        when:
        def created = call('POST', '/v1/sends', [audience: [filter: [field: 'country', op: 'eq', value: 'DE']], title: 'Hallo'], tenant.key())
        awaitSend(created.body.id)
        def send = call('GET', "/v1/sends/${created.body.id}", null, tenant.key()).body

        then:
        send.status == 'completed'
        send.targetedUsers == 2
        send.deliveries.accepted == 4
    }

    def "a suppressed device's ledger row names its real channel and provider, not pending"() {
        given: 'an hourly cap of 1: the second push to ana is suppressed'
        user('ana')
        assert call('PATCH', "/v1/apps/${tenant.appId}/settings", [freqCapPerUserPerHour: 1], tenant.key()).status == 200
        awaitSend(call('POST', '/v1/sends', [userIds: ['ana'], title: 'First'], tenant.key()).body.id)

        when:
        def capped = call('POST', '/v1/sends', [userIds: ['ana'], title: 'Second'], tenant.key()).body.id
        awaitSend(capped)
        def row = call('GET', "/v1/sends/$capped/deliveries", null, tenant.key()).body.items[0]

        then:
        row.status == 'suppressed'
        row.reason == 'frequency_cap'
        row.provider == 'APNS'
        row.channel == 'apns'
    }

    def "an inline audience filter is evaluated like a segment"() {
        given:
        user('ana', [country: 'DE'])
        user('ben', [country: 'FR'])

        when:
        def created = call('POST', '/v1/sends', [audience: [filter: [field: 'country', op: 'eq', value: 'FR']], title: 'Bonjour'], tenant.key())
        awaitSend(created.body.id)

        then:
        created.status == 201
        received() == tokens.ben
    }

    def "a send to raw tokens reaches exactly those devices and reports the unknown ones"() {
        given:
        user('ana', [:], 3)

        when:
        def created = call('POST', '/v1/sends', [tokens: [tokens.ana[0], 'ab' * 32, tokens.ana[2]], title: 'Direct'], tenant.key())
        awaitSend(created.body.id)

        then:
        created.status == 201
        created.body.target == 'devices'
        created.body.targetedUsers == 2
        created.body.rejectedCount == 1
        created.body.rejected == [[row: 1, value: 'ab' * 32, message: 'no device of this org has this token']]
        received() == [tokens.ana[0], tokens.ana[2]].sort()
    }

    def "a userIds send reports each unknown id by its index in the array (from 0; a repeated one by its first)"() {
        given:
        user('ana')
        user('ben')

        when:
        def created = call('POST', '/v1/sends', [userIds: ['ana', 'ghost', 'ben', 'nobody', 'ghost'], title: 'Hello'], tenant.key())
        awaitSend(created.body.id)

        then:
        created.status == 201
        created.body.targetedUsers == 2
        created.body.rejectedCount == 2
        created.body.rejected == [[row: 1, value: 'ghost', message: 'no user of this org has this id'],
                                  [row: 3, value: 'nobody', message: 'no user of this org has this id']]
        received() == (tokens.ana + tokens.ben).sort()
    }

    def "a tokens send reports each unknown token by its index in the array"() {
        given:
        user('ana', [:], 2)
        def unknown = ['cd' * 32, 'ef' * 32]

        when:
        def created = call('POST', '/v1/sends', [tokens: [unknown[0], tokens.ana[0], tokens.ana[1], unknown[1]], title: 'Direct'], tenant.key())

        then:
        created.status == 201
        created.body.rejected*.row == [0, 3]
        created.body.rejected*.value == unknown
    }

    def "a CSV upload sends to its known users and reports the rows it could not use"() {
        given:
        user('alice')
        user('bob')
        def csv = "user_id,name\nalice,Alice\n\"bob\",Bob\n\nzed,Nobody\n${'x' * 300},Long\n,no id\nalice,again\n"

        when:
        def created = multipart(csv, [title: 'From a file'])
        awaitSend(created.body.id)

        then:
        created.status == 201
        created.body.target == 'users'
        created.body.targetedUsers == 2
        created.body.rejectedCount == 3
        created.body.rejected*.row == [5, 6, 7]
        created.body.rejected*.message == ['no user of this org has this id', 'is longer than 256 characters', 'has no user id in its first column']
        received() == (tokens.alice + tokens.bob).sort()
    }

    def "a CSV of more than 100,000 rows is refused whole"() {
        given:
        def csv = (1..100_001).collect { "user-$it" }.join('\n')

        when:
        def response = multipart(csv, [title: 'Too many'])

        then:
        response.status == 400
        response.body.errors*.field == ['file']
        call('GET', '/v1/sends', null, tenant.key()).body.items == []
    }

    def "a CSV upload with a target in its send part too is refused"() {
        expect:
        def response = multipart("alice\n", [userIds: ['alice'], title: 'x'])
        response.status == 400
        response.body.errors*.field.sort() == ['file', 'userIds']
    }

    def "#description is a 400 naming #fields, and no send is stored"() {
        given:
        user('alice')

        when:
        def response = call('POST', '/v1/sends', body, tenant.key() + headers)

        then:
        response.status == 400
        response.contentType == 'application/problem+json'
        response.body.errors*.field.sort() == fields
        call('GET', '/v1/sends', null, tenant.key()).body.items == []

        where:
        description                   | body                                                                                 | headers                               || fields
        'no target'                   | [title: 'x']                                                                         | [:]                                   || ['userIds']
        'userIds and tokens'          | [userIds: ['alice'], tokens: ['ab' * 32], title: 'x']                                | [:]                                   || ['tokens', 'userIds']
        'userIds and an audience'     | [userIds: ['alice'], audience: [filter: [all: []]], title: 'x']                      | [:]                                   || ['audience', 'userIds']
        'an audience and tokens'      | [audience: [filter: [all: []]], tokens: ['ab' * 32], title: 'x']                     | [:]                                   || ['audience', 'tokens']
        'an empty token list'         | [tokens: [], title: 'x']                                                             | [:]                                   || ['tokens']
        'segment and filter'          | [audience: [segmentId: UUID.randomUUID().toString(), filter: [all: []]], title: 'x'] | [:]                                   || ['audience']
        'an empty audience'           | [audience: [:], title: 'x']                                                          | [:]                                   || ['audience']
        'an unknown segment'          | [audience: [segmentId: UUID.randomUUID().toString()], title: 'x']                    | [:]                                   || ['audience.segmentId']
        'a bad inline filter'         | [audience: [filter: [field: 'country', op: 'gt', value: 'D']], title: 'x']           | [:]                                   || ['audience.filter.op']
        'a local time of 25:00'       | [userIds: ['alice'], title: 'x', deliverAtLocalTime: '25:00']                        | [:]                                   || ['deliverAtLocalTime']
        'a local time that is a word' | [userIds: ['alice'], title: 'x', deliverAtLocalTime: 'morning']                      | [:]                                   || ['deliverAtLocalTime']
        'a rate of zero'              | [userIds: ['alice'], title: 'x', ratePerSecond: 0]                                   | [:]                                   || ['ratePerSecond']
        'too many tokens'             | [tokens: (1..10_001).collect { "t$it".toString() }, title: 'x']                                 | [:]                                   || ['tokens']
        'too many user ids'           | [userIds: (1..10_001).collect { "u$it".toString() }, title: 'x']                                | [:]                                   || ['userIds']
        'an overlong Idempotency-Key' | [userIds: ['alice'], title: 'x']                                                     | ['Idempotency-Key': 'k' * 256]        || ['Idempotency-Key']
    }

    private Response multipart(String csv, Map send) {
        def body = MultipartBody.builder()
                .addPart('file', 'ids.csv', MediaType.of('text/csv'), csv.getBytes('UTF-8'))
                .addPart('send', JsonOutput.toJson(send))
                .build()
        def request = HttpRequest.POST('/v1/sends', body).contentType(MediaType.MULTIPART_FORM_DATA_TYPE).header('x-api-key', tenant.adminKey)
        try {
            def response = http.toBlocking().exchange(request, Argument.of(Map), Argument.of(Map))
            new Response(response.code(), response.body() as Map, response.contentType.map { it.toString() }.orElse(null))
        } catch (HttpClientResponseException e) {
            new Response(e.status.code, e.response.getBody(Map).orElse(null), e.response.contentType.map { it.toString() }.orElse(null))
        }
    }
}
