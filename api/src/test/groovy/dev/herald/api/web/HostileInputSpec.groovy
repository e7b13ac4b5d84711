package dev.herald.api.web

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.RawHttp
import dev.herald.api.support.Tenant
import groovy.json.JsonOutput
import io.micronaut.runtime.server.EmbeddedServer
import io.micronaut.test.extensions.spock.annotation.MicronautTest
import jakarta.inject.Inject

import java.nio.charset.StandardCharsets

/**
 * Input a hostile or careless client sends is refused once, at the edge: text PostgreSQL cannot
 * store, JSON of the wrong shape (strictly, as the OpenAPI document describes it), bodies
 * without a content type, oversize request lines and headers. Each answer is a problem naming
 * the field, and nothing is stored.
 */
@MicronautTest(transactional = false)
class HostileInputSpec extends HeraldSpec {

    @Inject
    EmbeddedServer server

    Tenant tenant
    RawHttp raw

    def setup() {
        tenant = newTenant()
        tenant.upsertUser('alice', [locale: 'en-US', tags: [plan: 'pro']])
        raw = new RawHttp('127.0.0.1', server.port)
    }

    private Map<String, String> json() {
        tenant.key() + ['Content-Type': 'application/json']
    }

    /** What the org holds: users with their tags, sends and devices. */
    private String stored() {
        queryValue("""select (select string_agg(external_id || coalesce(locale, '') || tags::text, ',' order by external_id) from users where org_id = '${tenant.orgId}')
                             || '|' || (select count(*) from sends where org_id = '${tenant.orgId}')
                             || '|' || (select count(*) from devices where org_id = '${tenant.orgId}')""")
    }

    def "#description in #method #path is a 400 naming #field, and nothing is stored"() {
        given:
        def before = stored()

        when:
        def answer = raw.send(method, path, json(), body)

        then:
        answer.status == 400
        answer.contentType == 'application/problem+json'
        answer.json.errors*.field.contains(field)
        answer.json.errors.find { it.field == field }.message.startsWith(message)
        stored() == before

        where:
        description                 | method | path                      | body                                                               || field       | message
        'a NUL in a tag value'      | 'PUT'  | '/v1/users/alice'         | '{"tags":{"a":"x\\u0000y"}}'                                      || 'tags.a'    | 'contains a NUL character'
        'a NUL in a new user'       | 'PUT'  | '/v1/users/bob'           | '{"locale":"en\\u0000US"}'                                        || 'locale'    | 'contains a NUL character'
        'a NUL in a title'          | 'POST' | '/v1/sends'               | '{"userIds":["alice"],"title":"a\\u0000"}'                        || 'title'     | 'contains a NUL character'
        'a NUL in a user id'        | 'POST' | '/v1/sends'               | '{"userIds":["alice","\\u0000"],"title":"a"}'                     || 'userIds[1]'| 'contains a NUL character'
        'a NUL deep in data'        | 'POST' | '/v1/sends'               | '{"userIds":["alice"],"title":"a","data":{"o":[{"k":"\\u0000"}]}}' || 'data.o[0].k' | 'contains a NUL character'
        'a NUL in a key'            | 'PUT'  | '/v1/users/alice'         | '{"tags":{"a\\u0000":"x"}}'                                       || 'tags.a\uFFFD' | 'has a name that contains a NUL character'
        'a lone surrogate'          | 'POST' | '/v1/sends'               | '{"userIds":["alice"],"title":"\\ud800x"}'                        || 'title'     | 'contains an unpaired UTF-16 surrogate'
        'a lone low surrogate'      | 'POST' | '/v1/events'              | '{"userId":"alice","name":"e","properties":{"p":"\\udc00"}}'      || 'properties.p' | 'contains an unpaired UTF-16 surrogate'
        'a number for a string'     | 'POST' | '/v1/sends'               | '{"userIds":["alice"],"title":12345}'                             || 'title'     | 'must be a string'
        'an array for a string'     | 'POST' | '/v1/sends'               | '{"userIds":["alice"],"title":["a"]}'                             || 'title'     | 'must be a string'
        'a string for an array'     | 'POST' | '/v1/sends'               | '{"userIds":"alice","title":"a"}'                                 || 'userIds'   | 'must be an array of strings'
        'a fraction for an integer' | 'POST' | '/v1/sends'               | '{"userIds":["alice"],"title":"a","badge":1.7}'                   || 'badge'     | 'must be an integer'
        'an integer out of range'   | 'POST' | '/v1/sends'               | '{"userIds":["alice"],"title":"a","badge":99999999999}'           || 'badge'     | 'must be an integer from -2147483648 to 2147483647'
        'a string for a boolean'    | 'POST' | '/v1/sends'               | '{"userIds":["alice"],"title":"a","transactional":"yes"}'         || 'transactional' | 'must be true or false'
        'a number for a boolean'    | 'POST' | '/v1/sends'               | '{"userIds":["alice"],"title":"a","transactional":1}'             || 'transactional' | 'must be true or false'
        'a number for a tag'        | 'PUT'  | '/v1/users/alice'         | '{"tags":{"a":1}}'                                                || 'tags.a'    | 'must be a string'
        'a number for a time'       | 'POST' | '/v1/sends'               | '{"userIds":["alice"],"title":"a","scheduledFor":1767225600}'     || 'scheduledFor' | 'must be an ISO-8601 instant'
        'an unknown field'          | 'POST' | '/v1/sends'               | '{"userIds":["alice"],"titel":"a"}'                               || 'titel'     | 'is not a field of this object; its fields are userIds, audience'
        'an unknown nested field'   | 'POST' | '/v1/users/alice/devices' | '{"provider":"WEBPUSH","token":"https://p.example/x","keys":{"p256dh":"a","auth":"b","secret":"c"}}' || 'keys.secret' | 'is not a field of this object; its fields are p256dh, auth'
        "README's old field names"  | 'POST' | '/v1/live-activities'     | '{"userId":"alice","attributes-type":"Order","content-state":{}}' || 'attributes-type' | 'is not a field of this object'
        'a field given twice'       | 'POST' | '/v1/sends'               | '{"userIds":["alice"],"title":"a","title":"b"}'                   || 'title'     | 'appears more than once'
        'trailing garbage'          | 'POST' | '/v1/sends'               | '{"userIds":["alice"],"title":"a"} garbage'                       || 'body'      | 'has more after its JSON value'
        'a second JSON value'       | 'PUT'  | '/v1/users/alice'         | '{"locale":"de-DE"}{"locale":"fr-FR"}'                            || 'body'      | 'has more after its JSON value'
        'not JSON at all'           | 'PUT'  | '/v1/users/alice'         | '{"locale":'                                                      || 'body'      | 'is not valid JSON'
        'an empty body'             | 'PUT'  | '/v1/users/alice'         | ''                                                                || 'body'      | 'is required'
        'an array for the body'     | 'PUT'  | '/v1/users/alice'         | '[{"locale":"de-DE"}]'                                            || 'body'      | 'must be a JSON object'
        'deep nesting'              | 'PUT'  | '/v1/users/alice'         | '{"tags":' + '{"a":' * 5000 + '"x"' + '}' * 5001                   || 'tags' + '.a' * 63 | 'nests objects and arrays deeper than 64 levels'
        'deep arrays in data'       | 'POST' | '/v1/sends'               | '{"userIds":["alice"],"title":"a","data":{"d":' + '[' * 100 + ']' * 100 + '}}' || 'data.d' + '[0]' * 62 | 'nests objects and arrays deeper than 64 levels'
    }

    def "text that cannot be stored is refused in the path, the query and the headers used as data"() {
        given:
        def before = stored()

        when:
        def inPath = raw.send('PUT', '/v1/users/bo%00b', json(), '{"locale":"en-US"}')
        def inQuery = raw.send('DELETE', '/v1/users/alice/devices?token=ab%00cd', tenant.key())
        def inQueryName = raw.send('GET', '/v1/sends?x%00y=1', tenant.key())
        def inHeader = raw.send('POST', '/v1/events', json() + ['Idempotency-Key': 'a\u0000b'], '{"userId":"alice","name":"e"}')

        then:
        inPath.status == 400
        inPath.json.errors == [[field: 'userId', message: 'contains a NUL character (U+0000), which Herald does not accept in text']]
        inPath.json.detail.startsWith('path: userId contains a NUL character')
        inQuery.status == 400
        inQuery.json.errors*.field == ['token']
        inQuery.json.detail.startsWith('query: token')
        inQueryName.status == 400
        inQueryName.json.errors == [[field: 'x\uFFFDy', message: 'has a name that contains a NUL character (U+0000), which Herald does not accept in text']]
        inHeader.status == 400
        inHeader.contentType == 'application/problem+json'
        inHeader.json.detail.startsWith('The request could not be read')
        stored() == before
    }

    def "free-form maps take any JSON below them, and whole numbers written as 5.0 are integers"() {
        when:
        def send = raw.send('POST', '/v1/sends', json(),
                '{"userIds":["alice"],"title":"x","ratePerSecond":5.0,"data":{"n":1.5,"o":{"a":[1,true,null,"s",{"deep":{}}]}}}')

        then:
        send.status == 201
        send.json.ratePerSecond == 5
    }

    def "the OneSignal-style update body is accepted as such, and its unknown fields are named"() {
        given:
        def activity = UUID.randomUUID()

        when: 'a OneSignal body passes the edge (the activity does not exist)'
        def oneSignal = raw.send('POST', "/v1/live-activities/$activity/updates", json(),
                '{"event":"update","event_updates":{"eta":"5 min","stops":[1,2]},"name":"n","contents":{"en":"c"},"headings":{"en":"h"},"stale_date":1767225600,"ios_relevance_score":0.5,"priority":10}')
        def unknown = raw.send('POST', "/v1/live-activities/$activity/updates", json(), '{"event":"update","event_updates":{},"dismisal_date":1}')
        def wrongType = raw.send('POST', "/v1/live-activities/$activity/updates", json(), '{"event":"update","event_updates":{},"stale_date":"soon"}')

        then:
        oneSignal.status == 404
        unknown.status == 400
        unknown.json.errors*.field == ['dismisal_date']
        wrongType.status == 400
        wrongType.json.errors == [[field: 'stale_date', message: 'must be an integer']]
    }

    def "a body without a Content-Type is a 415 saying what to send"() {
        when:
        def sends = raw.send('POST', '/v1/sends', tenant.key(), '{"userIds":["alice"],"title":"x"}')
        def users = raw.send('PUT', '/v1/users/bob', tenant.key(), '{"locale":"en-US"}')
        def plain = raw.send('PUT', '/v1/users/bob', tenant.key() + ['Content-Type': 'text/plain'], '{"locale":"en-US"}')

        then:
        [sends, users, plain]*.status == [415, 415, 415]
        [sends, users, plain]*.contentType == ['application/problem+json'] * 3
        sends.json.detail == 'Content-Type is required: this endpoint reads application/json or multipart/form-data'
        users.json.detail == 'Content-Type is required: send the body as application/json'
        call('GET', '/v1/users/bob', null, tenant.key()).status == 404
    }

    def "a problem lists the first 20 field errors and counts them all"() {
        given:
        def body = JsonOutput.toJson((1..5000).collectEntries { ["unknown$it".toString(), it] })

        when:
        def answer = raw.send('PUT', '/v1/users/alice', json(), body)

        then:
        answer.status == 400
        answer.json.errors.size() == 20
        answer.json.errors[0] == [field: 'unknown1', message: 'is not a field of this object; its fields are locale, timezone, country, tags, lastSessionAt']
        answer.json.errorCount == 5000
        answer.json.detail.endsWith(' and 4980 more')
        answer.bytes.length < 10_000
    }

    def "a request line over the URI limit is a 414, headers over theirs a 431, a body over its limit a 413, all problems"() {
        when:
        def longUri = raw.send('GET', '/v1/users/' + 'a' * 10_000, tenant.key())
        def bigHeaders = raw.send('GET', '/v1/apps', tenant.key() + ['X-Padding': 'p' * 20_000])
        def bigBody = raw.send('PUT', '/v1/users/alice', json() + ['Content-Length': String.valueOf(40 * 1024 * 1024)], (byte[]) null)

        then:
        longUri.status == 414
        longUri.contentType == 'application/problem+json'
        longUri.json.code == 'uri_too_long'
        bigHeaders.status == 431
        bigHeaders.contentType == 'application/problem+json'
        bigHeaders.json.code == 'headers_too_large'
        bigBody.status == 413
        bigBody.contentType == 'application/problem+json'
    }

    def "a CSV upload with a NUL in a row, or a send part of the wrong shape, names it and sends nothing"() {
        given:
        def before = stored()

        when:
        def nul = multipart("user_id\nalice\nbo\u0000b\n", '{"title":"x"}')
        def wrongType = multipart("user_id\nalice\n", '{"title":12}')
        def unknown = multipart("user_id\nalice\n", '{"title":"x","userIds":["alice"],"colour":"red"}')

        then:
        nul.status == 400
        nul.json.errors == [[field: 'file', message: 'row 3 contains a NUL character (U+0000), which Herald does not accept in text']]
        wrongType.status == 400
        wrongType.json.errors == [[field: 'send.title', message: 'must be a string']]
        unknown.status == 400
        unknown.json.errors*.field == ['send.colour']
        stored() == before
    }

    private RawHttp.Answer multipart(String csv, String send) {
        def boundary = 'herald-boundary-' + UUID.randomUUID()
        def body = new ByteArrayOutputStream()
        def part = { String headers, byte[] content ->
            body.write("--$boundary\r\n$headers\r\n\r\n".getBytes(StandardCharsets.UTF_8))
            body.write(content)
            body.write('\r\n'.bytes)
        }
        part('Content-Disposition: form-data; name="file"; filename="users.csv"\r\nContent-Type: text/csv', csv.getBytes(StandardCharsets.UTF_8))
        part('Content-Disposition: form-data; name="send"', send.getBytes(StandardCharsets.UTF_8))
        body.write("--$boundary--\r\n".bytes)
        raw.send('POST', '/v1/sends', tenant.key() + ['Content-Type': "multipart/form-data; boundary=$boundary".toString()], body.toByteArray())
    }
}
