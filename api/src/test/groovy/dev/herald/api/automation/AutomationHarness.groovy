package dev.herald.api.automation

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.MockApns
import dev.herald.api.support.Tenant
import dev.herald.workflows.event.DispatchedEvent
import groovy.json.JsonSlurper
import io.temporal.client.WorkflowNotFoundException

import java.util.concurrent.TimeUnit

/** Helpers for specs that run automations end to end: REST in, pushes out at the APNs peer. */
abstract class AutomationHarness extends HeraldSpec {

    static Map example(String name) {
        new JsonSlurper().parse(AutomationHarness.getResourceAsStream("/automation-examples/${name}.json")) as Map
    }

    /** A tenant whose app delivers over APNs (the mock peer) and a user with one iPhone; answers the device token. */
    String userWithPhone(Tenant tenant, String userId, Map profile = [:]) {
        tenant.upsertUser(userId, profile)
        def token = apnsToken()
        tenant.registerDevice(userId, [provider: 'APNS', token: token])
        token
    }

    Map publish(Tenant tenant, String key, Map definition) {
        def response = call('PUT', "/v1/automations/$key", definition, tenant.key())
        assert response.status in [200, 201]: response
        response.body
    }

    /** Posts an event and waits for its dispatch (if anything listens for it) to have started and signalled the runs it concerns. */
    Map event(Tenant tenant, String userId, String name, Map properties = [:]) {
        def response = call('POST', '/v1/events', [userId: userId, name: name, properties: properties], tenant.key())
        assert response.status == 201: response
        settle(response.body.id as String)
        response.body
    }

    /**
     * Waits for an event's dispatch workflow to finish, when it has one. The intake starts it
     * before the event's request is answered, so one that does not exist by then never will.
     */
    Map settle(String eventId) {
        def id = DispatchedEvent.workflowId(UUID.fromString(eventId))
        try {
            workflowClient.newUntypedWorkflowStub(id).describe()
        } catch (WorkflowNotFoundException nothingListens) {
            return null
        }
        workflowClient.newUntypedWorkflowStub(id).getResult(30, TimeUnit.SECONDS, Map)
    }

    List<Map> runs(Tenant tenant, String key, String userId) {
        def response = call('GET', "/v1/automations/$key/runs?userId=$userId", null, tenant.key())
        assert response.status == 200: response
        response.body.items as List<Map>
    }

    /** The user's only run of the automation, once its workflow has reached the given step. */
    Map runAt(Tenant tenant, String key, String userId, String step) {
        long deadline = System.currentTimeMillis() + 15_000
        List<Map> all = runs(tenant, key, userId)
        while (!(all.size() == 1 && all[0].currentStep == step) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100)
            all = runs(tenant, key, userId)
        }
        assert all.size() == 1 && all[0].currentStep == step: all
        all[0]
    }

    /** Waits (in real time) for a run's workflow to end and answers its result. */
    Map awaitRun(Map run) {
        workflowClient.newUntypedWorkflowStub(run.workflowId as String).getResult(30, TimeUnit.SECONDS, Map)
    }

    Map run(Tenant tenant, String runId) {
        call('GET', "/v1/automation-runs/$runId", null, tenant.key()).body
    }

    static List<MockApns.Received> pushesTo(String token) {
        apns.receivedFor([token])
    }

    static Map aps(MockApns.Received push) {
        new JsonSlurper().parseText(push.payload()) as Map
    }
}
