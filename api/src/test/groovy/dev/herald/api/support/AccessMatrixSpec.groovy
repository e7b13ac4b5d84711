package dev.herald.api.support

import java.time.Instant

/**
 * The S1 rules, asked of every route of an area: no or bad credentials (401); an end user's session
 * (403 where only servers may call; allowed for its own user where clients may, 403 "Cannot act
 * as another user" for someone else's); a key without the admin scope (403 where admin is
 * needed, else allowed; 400 on /users/me); another org's ids (404, nothing of the owner's
 * changes) and lists (none of the owner's ids). Also that ids naming nothing and bodies that
 * are no request (empty, not an object, not JSON) never get a server error.
 *
 * A subclass names its area's routes ({@code [method, path]}, path placeholders such as
 * {@code {send}} filled from {@link #arrange}), which of them clients or admins may call, a
 * valid body for each, and what "the owner's resources are as they were" means. The tables are
 * read by the data providers on the spec's shared instance, before {@code setup}: they are
 * templates, resolved per iteration.
 */
abstract class AccessMatrixSpec extends HeraldSpec {

    /** Whose resources the routes name: users alice and bob, and what {@link #arrange} makes. */
    Tenant owner
    /** Another org, whose key must find none of the owner's ids. */
    Tenant intruder
    /** Placeholder name → the owner's id it stands for. */
    Map<String, Object> ids

    def setup() {
        owner = newTenant()
        intruder = newTenant()
        owner.upsertUser('alice')
        owner.upsertUser('bob')
        ids = arrange()
    }

    /** Creates the owner's resources the routes name; answers their ids by placeholder. */
    abstract Map<String, Object> arrange()

    /** Every route of the area. */
    abstract List<List<String>> routes()

    /** A valid body for the route, so that only access decides the answer; null for none. */
    abstract Object body(String method, String path)

    /** Asserts that the owner's resources are as {@link #arrange} made them. */
    abstract void ownerUnchanged()

    /** Routes any end user's session may call (e.g. /users/me/…, public keys). */
    List<List<String>> clientRoutes() {
        []
    }

    /** Routes a session may call for its own user (alice, whom the path or body names), not for another. */
    List<List<String>> ownUserRoutes() {
        []
    }

    /** Routes that need a key with the admin scope. */
    List<List<String>> adminRoutes() {
        []
    }

    /** Routes naming one of the owner's resources: another org's key gets 404. */
    List<List<String>> crossOrgRoutes() {
        routes().findAll { it[1].contains('{') }
    }

    /** The lists of the area, read by another org: they must not show the owner's ids. */
    List<String> listRoutes() {
        routes().findAll { it[0] == 'GET' && !it[1].contains('{') && !it[1].contains('/users/') }*.get(1)
    }

    /** What a key without the admin scope gets on a route. */
    Answer plainKeyAnswer(String method, String path) {
        if ([method, path] in adminRoutes()) {
            return Answer.refused(403, 'admin_scope_required')
        }
        path.contains('/users/me') ? Answer.refused(400, 'me_needs_session') : Answer.ALLOWED
    }

    def "#method #path with #credentials is 401"() {
        given:
        def headers = credentials == 'no credentials' ? [:]
                : owner.bearer(AuthTokens.customerSigned(owner, 'alice', Instant.now().plusSeconds(300), 'not-the-apps-secret-' * 3))

        expect:
        def response = call(method, resolve(path), body(method, path), headers)
        response.status == 401
        response.contentType == 'application/problem+json'
        response.body.code == 'unauthorized'

        where:
        [method, path, credentials] << routes().collectMany { m, p -> [[m, p, 'no credentials'], [m, p, 'a forged session']] }
    }

    def "#method #path with #user's session: #answer"() {
        expect:
        answer.matches(call(method, resolve(path), body(method, path), owner.bearer(owner.session(user))))

        where:
        [method, path, user, answer] << sessionTable()
    }

    def "#method #path with a key without the admin scope: #answer"() {
        given:
        def plainKey = call('POST', '/v1/api-keys', [name: 'plain'], owner.key()).body.key as String

        expect:
        answer.matches(call(method, resolve(path), body(method, path), ['x-api-key': plainKey]))

        where:
        [method, path, answer] << routes().collect { m, p -> [m, p, plainKeyAnswer(m, p)] }
    }

    def "#method #path with another org's key is 404 and changes nothing"() {
        when:
        def response = call(method, resolve(path), body(method, path), intruder.key())

        then:
        response.status == 404
        response.contentType == 'application/problem+json'
        response.body.code == 'not_found'

        and: "the owner's resources are as they were"
        ownerUnchanged()

        where:
        [method, path] << crossOrgRoutes()
    }

    def "#path with another org's key lists none of the owner's"() {
        when:
        def response = call('GET', path, null, intruder.key())

        then:
        response.status == 200
        def listed = groovy.json.JsonOutput.toJson(response.body)
        ids.values().findAll { listed.contains("$it") } == []

        where:
        path << listRoutes()
    }

    def "#method #path with ids that name nothing is 404 or 400, never a server error"() {
        when:
        def response = call(method, unknownIds(path), body(method, path), ownerCredentials(path))

        then:
        response.status in [400, 404]
        response.contentType == 'application/problem+json'
        response.body.code in ['not_found', 'validation_failed']

        where:
        [method, path] << routes().findAll { it[1].contains('{') }
    }

    def "#method #path with #bad is answered without a server error"() {
        when:
        def response = call(method, resolve(path), json, ownerCredentials(path))

        then:
        response.status < 500
        response.status != 400 || response.contentType == 'application/problem+json' && response.body.code != null
        response.body?.code != 'validation_failed' || response.body.errors && response.body.errors.every { it.field }

        where:
        [method, path, bad, json] << routes().findAll { it[0] in ['POST', 'PUT', 'PATCH'] }.collectMany { m, p ->
            [[m, p, 'an empty object', '{}'], [m, p, 'a JSON array', '[1]'], [m, p, 'broken JSON', '{"name": ']]
        }
    }

    /** The owner's admin key; alice's session where the path is /users/me. */
    Map<String, String> ownerCredentials(String path) {
        path.contains('/users/me') ? owner.bearer(owner.session('alice')) : owner.key()
    }

    /** The path with each placeholder standing for an id (or token) that names nothing. */
    String unknownIds(String path) {
        path.replaceAll(/\{(\w+)\}/) { all, name -> "${ids[name]}" ==~ /\p{XDigit}{8}-.*/ ? UUID.randomUUID().toString() : "nothing-$name" }
    }

    /** Each route with the session it is asked with and the answer S1 demands. */
    List<List<Object>> sessionTable() {
        routes().collectMany { route ->
            def (method, path) = route
            if (route in clientRoutes()) {
                return [[method, path, 'alice', Answer.ALLOWED]]
            }
            if (route in ownUserRoutes()) {
                return [[method, path, 'alice', Answer.ALLOWED],
                        [method, path, 'bob', Answer.refused(403, 'cannot_act_as_another_user')]]
            }
            [[method, path, 'alice', Answer.refused(403, 'api_key_required')]]
        }
    }

    /** The path with its placeholders replaced by the owner's ids. */
    String resolve(String path) {
        ids.inject(path) { String resolved, name, id -> resolved.replace("{$name}", "$id") }
    }

    /** An answer the matrix expects: a 2xx, or a refusal with its status and problem code. */
    static class Answer {
        static final Answer ALLOWED = new Answer(0, null)

        final int status
        final String code

        private Answer(int status, String code) {
            this.status = status
            this.code = code
        }

        static Answer refused(int status, String code) {
            new Answer(status, code)
        }

        boolean matches(HeraldSpec.Response response) {
            if (status == 0) {
                assert response.status in 200..299: response
            } else {
                assert response.status == status: response
                assert response.contentType == 'application/problem+json'
                assert response.body.code == code: response
                assert code != 'cannot_act_as_another_user' || response.body.detail == 'Cannot act as another user'
            }
            true
        }

        @Override
        String toString() {
            status == 0 ? 'allowed' : "$status $code"
        }
    }
}
