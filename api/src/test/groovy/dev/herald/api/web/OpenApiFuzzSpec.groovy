package dev.herald.api.web

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.RawHttp
import dev.herald.api.support.TestDatabase
import dev.herald.api.support.Tenant
import io.micronaut.runtime.server.EmbeddedServer
import io.micronaut.test.extensions.spock.annotation.MicronautTest
import jakarta.inject.Inject
import org.yaml.snakeyaml.Yaml

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.sql.Connection
import java.sql.DriverManager

/**
 * Every operation of the served OpenAPI document, sent a fixed, deterministic set of malformed
 * variants built from the document itself (so a new endpoint is covered without touching this
 * spec): text PostgreSQL cannot store (NUL, lone surrogates) in each body field, path and query
 * value and multipart part; wrong JSON types for each field; huge strings; deep nesting; bad
 * ids; missing and wrong content types; trailing data; empty and non-object bodies; unknown
 * fields; and the plain request without credentials. For each answer: never a 5xx; every 4xx a
 * problem+json; where a field is at fault, a 400 naming it; and after every refused request the
 * org's rows are exactly what they were (row counts and checksums of every table holding its data).
 * The counts are printed and written to target/openapi-fuzz-counts.txt.
 */
@MicronautTest(transactional = false)
class OpenApiFuzzSpec extends HeraldSpec {

    static final String FIXED_ID = '00000000-0000-4000-8000-00000000f422'
    static final String NUL = 'a\u0000b'
    static final String SURROGATE = '\ud800x'
    static final int HUGE = 100_000

    @Inject
    EmbeddedServer server

    @Override
    Map<String, String> extraProperties() {
        // the suite sends a few thousand requests with one key within a minute
        ['herald.request-budgets.api-key-per-minute': '1000000', 'herald.request-budgets.bulk-per-minute': '1000000']
    }

    Tenant tenant
    RawHttp raw
    Connection db
    String snapshotSql
    List<String> failures = []
    Map<String, Integer> statuses = new TreeMap<>()
    Map<String, Integer> kinds = new TreeMap<>()
    int requests

    def setup() {
        tenant = newPlatformTenant()
        tenant.upsertUser('fuzz-user', [locale: 'en-US', tags: [plan: 'pro']])
        tenant.registerDevice('fuzz-user', [provider: 'APNS', token: 'ab' * 32])
        raw = new RawHttp('127.0.0.1', server.port)
        def database = TestDatabase.get()
        db = DriverManager.getConnection(database.url(), database.username(), database.password())
        snapshotSql = snapshotQuery()
    }

    def cleanup() {
        db?.close()
    }

    def "every operation of the OpenAPI document answers malformed input with a problem, never a 5xx, and stores nothing"() {
        given:
        Map document = new Yaml().load(raw.send('GET', documentPath(), [:]).text) as Map
        List<Map> operations = document.paths.findAll { path, ops -> path.startsWith('/v1/') }.collectMany { String path, Map ops ->
            ops.findAll { method, op -> method in ['get', 'post', 'put', 'patch', 'delete'] }
                    .collect { method, op -> [path: path, method: method.toUpperCase(), op: op] }
        }
        long started = System.nanoTime()
        lastSnapshot = snapshot()

        when:
        operations.each { operation -> fuzz(operation, document) }
        double seconds = (System.nanoTime() - started) / 1e9
        report(operations.size(), seconds)

        then:
        operations.size() > 80
        requests > 1500
        failures == []

        when: 'the org gets a row: the checksum sees it (so an unchanged checksum means nothing was stored)'
        tenant.upsertUser('after-the-fuzz')

        then:
        snapshot() != lastSnapshot
    }

    // --- the variants -----------------------------------------------------------------------

    private void fuzz(Map operation, Map document) {
        String method = operation.method
        Map op = operation.op
        List<Map> parameters = (op.parameters ?: []) as List<Map>
        Map<String, String> pathValues = parameters.findAll { it.in == 'path' }.collectEntries { [it.name, baseValue(it.name as String)] }
        Map content = (op.requestBody?.content ?: [:]) as Map
        Map jsonSchema = content['application/json']?.schema ? resolve(content['application/json'].schema as Map, document) : null
        String basePath = fill(operation.path as String, pathValues)
        String baseBody = jsonSchema != null ? '{}' : null
        def label = "$method ${operation.path}"

        // no credentials: a 401 problem, whatever else is wrong
        judge(label, 'no credentials', send(method, basePath, jsonHeaders(baseBody, [:]), baseBody)) { answer ->
            answer.status == 401 ? null : "expected 401, got $answer"
        }

        // path values: text that cannot be stored is a 400 naming the parameter; bad ids are no server error
        pathValues.keySet().each { name ->
            ['%00': name, '%ED%A0%80': null, ('x' * 3000): null, 'not-a-uuid': null, '-1': null, '%2E%2E': null].each { value, named ->
                def target = fill(operation.path as String, pathValues + [(name): value])
                judge(label, "path $name=${value.take(12)}", send(method, target, jsonHeaders(baseBody), baseBody), named)
            }
        }

        // query values: the same, and wrong types for typed parameters
        parameters.findAll { it.in == 'query' }.each { parameter ->
            String name = parameter.name
            def values = ['%00': name, ('q' * 3000): null]
            if (parameter.schema?.type == 'integer') {
                values += ['1.5': name, 'abc': name, '99999999999999999999': name, '-1': null]
            } else if (parameter.schema?.type == 'number') {
                values += ['abc': name, '1e999': null, '-1': null]
            }
            values.each { value, named ->
                judge(label, "query $name=${value.take(12)}", send(method, "$basePath?$name=$value", jsonHeaders(baseBody), baseBody), named)
            }
        }

        // headers read as data: huge values and NUL (refused by the HTTP decoder itself)
        parameters.findAll { it.in == 'header' }.each { parameter ->
            judge(label, "header ${parameter.name} huge", send(method, basePath, jsonHeaders(baseBody, [(parameter.name): 'k' * 3000]), baseBody), null)
            judge(label, "header ${parameter.name} NUL", send(method, basePath, jsonHeaders(baseBody, [(parameter.name): NUL]), baseBody)) { answer ->
                answer.status == 400 ? null : "expected 400, got $answer"
            }
        }

        if (jsonSchema != null) {
            fuzzJsonBody(label, method, basePath, jsonSchema, document)
        }
        if (content['multipart/form-data']) {
            fuzzMultipart(label, method, basePath, resolve(content['multipart/form-data'].schema as Map, document))
        }
    }

    private void fuzzJsonBody(String label, String method, String path, Map schema, Map document) {
        def status = { Set<Integer> wanted -> { RawHttp.Answer a -> a.status in wanted ? null : "expected $wanted, got $a" } }
        judge(label, 'body without Content-Type', send(method, path, tenant.key(), '{}'), status([415] as Set))
        judge(label, 'body as text/plain', send(method, path, tenant.key() + ['Content-Type': 'text/plain'], '{}'), status([415] as Set))
        judge(label, 'empty body', send(method, path, jsonHeaders(''), ''), null)
        judge(label, 'not JSON', send(method, path, jsonHeaders('x'), '{"a":'), 'body')
        judge(label, 'trailing garbage', send(method, path, jsonHeaders('x'), '{} trailing'), 'body')
        judge(label, 'a second value', send(method, path, jsonHeaders('x'), '{}{}'), 'body')
        judge(label, 'an array body', send(method, path, jsonHeaders('x'), '[]'), 'body')
        judge(label, 'a string body', send(method, path, jsonHeaders('x'), '"text"'), 'body')
        judge(label, 'NUL in a key', send(method, path, jsonHeaders('x'), '{"k\\u0000":1}'), 'k\uFFFD')
        judge(label, 'NUL in a free value', send(method, path, jsonHeaders('x'), '{"fuzz":"a\\u0000b"}'), 'fuzz')
        String deep = '{"fuzz":' + '['.multiply(200) + ']'.multiply(200) + '}'
        judge(label, 'deep nesting', send(method, path, jsonHeaders('x'), deep), 'fuzz')
        Map properties = (schema.properties ?: [:]) as Map
        if (properties) {
            judge(label, 'an unknown field', send(method, path, jsonHeaders('x'), '{"fuzzUnknownField":1}'), 'fuzzUnknownField')
        }
        properties.each { String name, Map property ->
            String type = typeOf(property)
            def variants = [
                    "NUL in $name"      : [shaped(type, NUL), name],
                    "surrogate in $name": [shaped(type, SURROGATE), name],
            ]
            wrongTypes(type).each { variants["$name as ${describe(it)}".toString()] = [it, name] }
            if (type == 'string') {
                variants["huge $name".toString()] = ['h' * HUGE, null]
            }
            variants.each { description, valueAndField ->
                String body = groovy.json.JsonOutput.toJson([(name): valueAndField[0]])
                judge(label, description, send(method, path, jsonHeaders(body), body), valueAndField[1] as String)
            }
        }
    }

    private void fuzzMultipart(String label, String method, String path, Map schema) {
        ((schema.properties ?: [:]) as Map).each { String name, Map property ->
            byte[] content = property.format == 'binary' ? "user_id\nfuzz-user\n$NUL\n".getBytes(StandardCharsets.UTF_8) : NUL.getBytes(StandardCharsets.UTF_8)
            def boundary = 'fuzz-boundary-0001'
            def body = new ByteArrayOutputStream()
            body.write("--$boundary\r\nContent-Disposition: form-data; name=\"$name\"; filename=\"f.csv\"\r\n\r\n".getBytes(StandardCharsets.UTF_8))
            body.write(content)
            body.write("\r\n--$boundary--\r\n".getBytes(StandardCharsets.UTF_8))
            if (property.format != 'binary') {
                body = new ByteArrayOutputStream()
                body.write("--$boundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.csv\"\r\n\r\nuser_id\r\n--$boundary\r\nContent-Disposition: form-data; name=\"$name\"\r\n\r\n".getBytes(StandardCharsets.UTF_8))
                body.write(content)
                body.write("\r\n--$boundary--\r\n".getBytes(StandardCharsets.UTF_8))
            }
            judge(label, "multipart NUL in $name", send(method, path, tenant.key() + ['Content-Type': "multipart/form-data; boundary=$boundary".toString()],
                    body.toByteArray()), name)
        }
    }

    /** A value of the property's type carrying {@code text} (a string, or one inside an array or object). */
    private static Object shaped(String type, String text) {
        switch (type) {
            case 'array': return [text]
            case 'object': return [k: text]
            default: return text
        }
    }

    /** Values of the wrong JSON type: coercions a lenient binder would accept. */
    private static List<Object> wrongTypes(String type) {
        switch (type) {
            case 'string': return [12345, ['a'], true]
            case 'integer': return [1.5, '12', true]
            case 'number': return ['1', false]
            case 'boolean': return ['yes', 1]
            case 'array': return ['single', [k: 'v']]
            case 'object': return ['str', [1]]
            default: return []
        }
    }

    private static String describe(Object value) {
        value instanceof String ? "string" : value instanceof List ? 'array' : value instanceof Map ? 'object' : value.getClass().simpleName.toLowerCase()
    }

    private static String typeOf(Map property) {
        property.type ?: 'object'
    }

    // --- sending and judging ----------------------------------------------------------------

    private RawHttp.Answer send(String method, String target, Map<String, String> headers, Object body) {
        byte[] bytes = body == null ? null : body instanceof byte[] ? body as byte[] : body.toString().getBytes(StandardCharsets.UTF_8)
        raw.send(method, target, headers, (byte[]) bytes)
    }

    private Map<String, String> jsonHeaders(String body, Map<String, String> auth = tenant.key()) {
        body == null ? auth : auth + ['Content-Type': 'application/json']
    }

    /**
     * Judges one answer: no 5xx, problem+json for every 4xx; {@code named} is the field at fault,
     * which a 400 must name (and which must give a 400); the org's rows are unchanged after a refusal.
     */
    private void judge(String label, String variant, RawHttp.Answer answer, Object rule) {
        requests++
        statuses.merge(answer.closedWithoutAnswer ? 'closed' : answer.status as String, 1, Integer::sum)
        kinds.merge(category(variant), 1, Integer::sum)
        def where = "$label [$variant]"
        if (answer.closedWithoutAnswer || answer.status >= 500) {
            failures << "$where: ${answer.closedWithoutAnswer ? 'no answer' : answer}"
            return
        }
        if (answer.status >= 400 && answer.contentType != 'application/problem+json') {
            failures << "$where: a ${answer.status} that is not problem+json (${answer.contentType})"
        }
        if (rule instanceof Closure) {
            def problem = rule(answer)
            if (problem) {
                failures << "$where: $problem"
            }
        } else if (rule instanceof String) {
            def fields = answer.status == 400 ? (answer.json?.errors*.field ?: []) : []
            if (answer.status != 400 || !fields.any { it == rule || it.startsWith("${rule}.") || it.startsWith("${rule}[") }) {
                failures << "$where: expected a 400 naming $rule, got ${answer.status} ${fields ?: answer.text.take(300)}"
            }
        }
        String now = snapshot()
        if (answer.status >= 400 && now != lastSnapshot) {
            failures << "$where: a refused request changed the org's rows"
        }
        lastSnapshot = now
    }

    String lastSnapshot

    /** The kind of malformation a variant is, for the counts. */
    private static String category(String variant) {
        switch (variant) {
            case 'no credentials': return 'no credentials'
            case ~/path .*/: return 'path values'
            case ~/query .*/: return 'query values'
            case ~/header .*/: return 'headers'
            case ~/body (without Content-Type|as text\/plain)/: return 'content types'
            case ['empty body', 'not JSON', 'trailing garbage', 'a second value', 'an array body', 'a string body']: return 'body shape'
            case ~/NUL in .*/: return 'NUL'
            case ~/surrogate in .*/: return 'surrogates'
            case ~/.* as .*/: return 'wrong types'
            case ~/huge .*/: return 'huge strings'
            case 'deep nesting': return 'deep nesting'
            case 'an unknown field': return 'unknown fields'
            case ~/multipart .*/: return 'multipart parts'
            default: return variant
        }
    }

    // --- the org's rows -----------------------------------------------------------------------

    /**
     * One query giving the row count and checksum of every table holding the org's data: tables
     * with an org_id, and those reached through an app, send or automation of the org. New
     * tables are covered as they come. (The request budget counters change on every request, by design.)
     */
    private String snapshotQuery() {
        def columns = [:].withDefault { [] as Set }
        db.createStatement().withCloseable { s ->
            def rs = s.executeQuery("select table_name, column_name from information_schema.columns where table_schema = 'public'")
            while (rs.next()) {
                columns[rs.getString(1)] << rs.getString(2)
            }
        }
        def parts = columns.keySet().sort().collect { String table ->
            Set<String> c = columns[table]
            String scope
            if (table in ['flyway_schema_history', 'request_budget_windows']) {
                return null
            } else if (table == 'orgs') {
                scope = 'true'
            } else if ('org_id' in c) {
                scope = 'org_id = ?::uuid'
            } else if ('app_id' in c) {
                scope = 'app_id in (select id from apps where org_id = ?::uuid)'
            } else if ('send_id' in c) {
                scope = 'send_id in (select id from sends where org_id = ?::uuid)'
            } else if ('automation_id' in c) {
                scope = 'automation_id in (select id from automations where org_id = ?::uuid)'
            } else {
                throw new IllegalStateException("table $table holds no org's data this suite can find; teach snapshotQuery how it belongs to an org")
            }
            "select '$table' || ':' || count(*) || ':' || md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from $table t where $scope"
        }.findAll()
        parts.join('\nunion all\n')
    }

    private String snapshot() {
        db.prepareStatement(snapshotSql).withCloseable { ps ->
            int count = snapshotSql.count('?')
            (1..count).each { ps.setString(it, tenant.orgId.toString()) }
            def rs = ps.executeQuery()
            def rows = []
            while (rs.next()) {
                rows << rs.getString(1)
            }
            rows.sort().join(',')
        }
    }

    // --- the document -------------------------------------------------------------------------

    /** The document Herald serves (/swagger/herald-<version>.yml), found by name. */
    private String documentPath() {
        def folder = Path.of(getClass().getResource('/META-INF/swagger').toURI())
        def name = Files.list(folder).withCloseable { files -> files.map { it.fileName.toString() }.filter { it ==~ /herald-.*\.yml/ }.findFirst().orElseThrow() }
        "/swagger/$name"
    }

    private static Map resolve(Map schema, Map document) {
        if (schema?.'$ref') {
            return document.components.schemas[(schema.'$ref' as String).split('/').last()] as Map
        }
        schema
    }

    /** Path placeholders filled: the tenant's app, the fixture user, a credential kind, else an id of nothing. */
    private String baseValue(String name) {
        switch (name) {
            case 'appId': return tenant.appId.toString()
            case 'userId': return 'fuzz-user'
            case 'kind': return 'apns'
            default: return FIXED_ID
        }
    }

    private static String fill(String template, Map<String, String> values) {
        values.inject(template) { String path, name, value -> path.replace("{$name}", value) }
    }

    private void report(int operations, double seconds) {
        def text = new StringBuilder()
        text << "OpenAPI fuzz: $operations operations, $requests requests in ${String.format('%.1f', seconds)} s\n"
        text << "  statuses: ${statuses.collect { k, v -> "$k×$v" }.join(', ')}\n"
        text << "  variants: ${kinds.collect { k, v -> "$k×$v" }.join(', ')}\n"
        text << "  failures: ${failures.size()}\n"
        println text
        Files.writeString(Path.of('target', 'openapi-fuzz-counts.txt'), text.toString())
    }
}
