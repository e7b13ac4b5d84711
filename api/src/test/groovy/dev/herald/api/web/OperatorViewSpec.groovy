package dev.herald.api.web

import dev.herald.api.support.HeraldSpec
import io.micronaut.runtime.server.EmbeddedServer
import io.micronaut.test.extensions.spock.annotation.MicronautTest
import jakarta.inject.Inject
import io.temporal.api.common.v1.WorkflowExecution
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest
import io.temporal.common.converter.DefaultDataConverter

/** What operators and newcomers see: health, the API reference, and readable Temporal runs (S10). */
@MicronautTest(transactional = false)
class OperatorViewSpec extends HeraldSpec {

    @Inject
    EmbeddedServer server

    def "health answers without credentials"() {
        expect:
        call('GET', '/health').status == 200
        call('GET', '/health').body.status == 'UP'
    }

    def "/docs leads to the interactive API reference, whose scripts, styles and OpenAPI document are served without credentials"() {
        when:
        def redirect = anonymousGet('/docs')
        def page = anonymousGet(redirect.headers().firstValue('location').orElseThrow())
        def loaded = (page.body() =~ /contextPath \+ ["']([^"']+)["']/).collect { it[1] }

        then:
        redirect.statusCode() == 303
        page.statusCode() == 200
        loaded.containsAll(['/swagger-ui/res/swagger-ui-bundle.js', '/swagger-ui/res/swagger-ui.css', '/swagger/herald-0.1.yml'])
        loaded.collectEntries { [it, anonymousGet(it).statusCode()] }.findAll { path, status -> status != 200 } == [:]

        and:
        def spec = anonymousGet('/swagger/herald-0.1.yml').body()
        spec.contains('/v1/sends')
        spec.contains('/v1/users/{userId}/devices')
        spec.contains('apiKey')
    }

    /** As a browser asks: no credentials, redirects not followed. */
    java.net.http.HttpResponse<String> anonymousGet(String path) {
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(server.URI.resolve(path)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
    }

    def "every API operation documents its problem+json error answers"() {
        when:
        def spec = new org.yaml.snakeyaml.Yaml().load(http.toBlocking().retrieve('/swagger/herald-0.1.yml')) as Map
        def operations = spec.paths.findAll { path, ops -> path.startsWith('/v1/') }
                .collectMany { path, ops -> ops.collect { method, op -> [path: path, method: method, responses: op.responses] } }
        def undocumented = operations.findAll { op ->
            !['400', '401', '403', '404'].every { code ->
                op.responses[code]?.content?.get('application/problem+json')?.schema?.get('$ref') == '#/components/schemas/Problem'
            }
        }.collect { "$it.method $it.path" }

        then:
        operations.size() > 50
        undocumented == []
        spec.components.schemas.Problem.properties.keySet() == ['type', 'title', 'status', 'detail', 'code', 'errors', 'errorCount'] as Set
    }

    def "a send's run carries Herald's search attributes and a human summary"() {
        given:
        def tenant = newTenant()
        tenant.upsertUser('op')
        def send = call('POST', '/v1/sends', [userIds: ['op'], title: 'Weekly digest'], tenant.key()).body
        awaitSend(send.id)

        when:
        def description = temporal.workflowServiceStubs.blockingStub().describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder().setNamespace('default')
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId("send-${send.id}").build()).build())
        def attributes = description.workflowExecutionInfo.searchAttributes.indexedFieldsMap.collectEntries { name, payload ->
            [name, DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, String, String)]
        }
        def summary = DefaultDataConverter.STANDARD_INSTANCE.fromPayload(description.executionConfig.userMetadata.summary, String, String)

        then:
        attributes == [HeraldOrgId: tenant.orgId.toString(), HeraldKind: 'send', HeraldSendId: send.id]
        summary == 'Send to 1 user'
    }
}
