package dev.herald.api.security

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import io.micronaut.context.ApplicationContext
import io.micronaut.http.HttpRequest
import io.micronaut.http.client.HttpClient
import io.micronaut.http.client.exceptions.HttpClientResponseException
import io.micronaut.runtime.server.EmbeddedServer
import io.micronaut.test.extensions.spock.annotation.MicronautTest

/**
 * Request budgets (S10): each API key and each session may make so many requests a minute, bulk
 * requests fewer; over it, a 429 problem with Retry-After. The counters are PostgreSQL's, so
 * they hold across Herald instances. (Small budgets here; the defaults are 6000 a minute for a
 * key, 300 for a session, 60 bulk.)
 */
@MicronautTest(transactional = false)
class RequestBudgetSpec extends HeraldSpec {

    static final int KEY_BUDGET = 12
    static final int SESSION_BUDGET = 8
    static final int BULK_BUDGET = 3

    @Override
    Map<String, String> extraProperties() {
        ['herald.request-budgets.api-key-per-minute': KEY_BUDGET as String,
         'herald.request-budgets.session-per-minute': SESSION_BUDGET as String,
         'herald.request-budgets.bulk-per-minute'   : BULK_BUDGET as String]
    }

    Tenant tenant

    def setup() {
        // a budget is per clock minute: start well inside one, so no window turns over mid-feature
        int secondsLeft = queryValue("select 60 - extract(second from now())::int") as int
        if (secondsLeft < 20) {
            Thread.sleep(secondsLeft * 1000 + 200)
        }
        tenant = newTenant()
    }

    def "an API key gets its budget of requests a minute, then a 429 with Retry-After; other keys are not charged"() {
        when:
        def answers = (1..KEY_BUDGET + 2).collect { this.call('GET', '/v1/apps', null, tenant.key()) }
        def other = newTenant()

        then:
        answers.take(KEY_BUDGET)*.status.unique() == [200]
        answers.drop(KEY_BUDGET)*.status == [429, 429]
        answers[KEY_BUDGET].contentType == 'application/problem+json'
        answers[KEY_BUDGET].body.code == 'rate_limited'
        answers[KEY_BUDGET].body.detail ==~ /This API key has used its budget of 12 requests a minute; retry in \d+ s/
        call('GET', '/v1/apps', null, other.key()).status == 200

        when: 'the headers of a refusal'
        def refused = exchange('/v1/apps', tenant.key())

        then:
        refused.status.code == 429
        (refused.headers.get('Retry-After') as int) in 1..60
        refused.headers.get('RateLimit-Limit') == '12'
    }

    def "each session has the app's budget, which the app's settings may change; one user's session does not spend another's"() {
        given:
        tenant.upsertUser('alice')
        tenant.upsertUser('bob')
        def alice = tenant.bearer(tenant.session('alice'))
        def bob = tenant.bearer(tenant.session('bob'))

        when:
        def defaultBudget = (1..SESSION_BUDGET + 1).collect { this.call('GET', '/v1/users/me', null, alice) }

        then:
        defaultBudget.take(SESSION_BUDGET)*.status.unique() == [200]
        defaultBudget.last().status == 429
        defaultBudget.last().body.detail ==~ /This session has used its budget of 8 requests a minute; retry in \d+ s/
        call('GET', '/v1/users/me', null, bob).status == 200

        when: 'the app lowers its session budget to 2: bob made 1 request this minute'
        def patched = call('PATCH', "/v1/apps/${tenant.appId}/settings", [sessionRequestsPerMinute: 2], tenant.key())

        then:
        patched.body.sessionRequestsPerMinute == 2
        (1..2).collect { this.call('GET', '/v1/users/me', null, bob).status } == [200, 429]
    }

    def "bulk requests (segment previews, CSV uploads) have their own lower budget, on top of the key's"() {
        when:
        def previews = (1..BULK_BUDGET + 1).collect {
            this.call('POST', '/v1/segments/preview', [filter: [field: 'locale', op: 'eq', value: 'de']], tenant.key())
        }

        then:
        previews.take(BULK_BUDGET)*.status.unique() == [200]
        previews.last().status == 429
        previews.last().body.detail ==~ /This API key has used its budget of 3 bulk requests \(CSV uploads, segment previews\) a minute; retry in \d+ s/
        call('GET', '/v1/segments', null, tenant.key()).status == 200
    }

    def "a budget app settings cannot hold is refused naming the field"() {
        expect:
        def response = call('PATCH', "/v1/apps/${tenant.appId}/settings", [sessionRequestsPerMinute: 0], tenant.key())
        response.status == 400
        response.body.errors == [[field: 'sessionRequestsPerMinute', message: "must be 1 to 1000000 requests (null for the server's default)"]]
    }

    def "two Herald instances charge one budget"() {
        given: 'a second instance on the same database'
        def second = ApplicationContext.run(EmbeddedServer, getProperties() + ['micronaut.server.port': '-1', 'temporal.worker-enabled': 'false'])
        def secondClient = second.applicationContext.createBean(HttpClient, second.URL)

        when: 'half the budget is spent on each'
        def here = (1..KEY_BUDGET / 2).collect { this.call('GET', '/v1/apps', null, tenant.key()).status }
        def there = (1..KEY_BUDGET / 2).collect { statusOn(secondClient, tenant.key()) }

        then:
        here.unique() == [200]
        there.unique() == [200]
        call('GET', '/v1/apps', null, tenant.key()).status == 429
        statusOn(secondClient, tenant.key()) == 429

        cleanup:
        secondClient?.close()
        second?.close()
    }

    private io.micronaut.http.HttpResponse<?> exchange(String path, Map<String, String> headers) {
        def request = HttpRequest.GET(path)
        headers.each { k, v -> request.header(k, v) }
        try {
            http.toBlocking().exchange(request)
        } catch (HttpClientResponseException e) {
            e.response
        }
    }

    private static int statusOn(HttpClient client, Map<String, String> headers) {
        def request = HttpRequest.GET('/v1/apps')
        headers.each { k, v -> request.header(k, v) }
        try {
            client.toBlocking().exchange(request).status.code
        } catch (HttpClientResponseException e) {
            e.status.code
        }
    }
}
