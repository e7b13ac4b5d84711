package dev.herald.api.send

import io.micronaut.test.extensions.spock.annotation.MicronautTest
import io.temporal.api.common.v1.WorkflowExecution
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest

/**
 * Exactly-once per device through failures, against PostgreSQL and APNs over TLS: a broadcast
 * of 1,200 devices goes out in pages of 500, and the page in flight is hit by a lost answer:
 * APNs accepts a push only after Herald stopped waiting for its answer. Every device must get
 * the push; only devices of the page in flight may get it a second time (with the same apns-id
 * and collapse id, so the device shows one notification); the ledger ends with one accepted row
 * per device.
 */
@MicronautTest(transactional = false)
class ExactlyOnceSpec extends BroadcastFailureSpec {

    @Override
    Map<String, String> extraProperties() {
        // how long Herald waits for an APNs answer (a minute in production), so the spec need not wait a minute
        ['herald.apns.response-timeout': '10s']
    }

    def "an answer lost after APNs accepted the push: the retried page sends only what the ledger has no outcome for"() {
        when: 'a broadcast to 1,200 APNs devices reaches a device of the second page, whose answer APNs holds back'
        def broadcast = broadcastStalledOnSecondPage()
        def midway = call('GET', "/v1/sends/$broadcast.sendId/progress", null, broadcast.key)

        then: 'the progress query shows the first page done and the broadcast running'
        midway.status == 200
        midway.body.status == 'running'
        midway.body.targeted == DEVICES
        midway.body.sent >= 500
        midway.body.source == 'workflow'

        when: 'Herald stops waiting for the answer: the page records what was answered and is retried'
        waitFor { deliveryAttempt(broadcast.sendId) >= 2 }

        and: 'only then does APNs accept the held push, answering no one'
        hold.countDown()
        awaitSend(broadcast.sendId)

        then: 'the device whose answer was lost got the push again, from the retry'
        apns.receivedFor([broadcast.stalled]).size() == 2

        and:
        everyDeviceOnceExceptThePageInFlight(broadcast)
        ledgerIsComplete(broadcast.sendId)
    }

    /** The attempt of the delivery activity in flight, as the Temporal service sees it (0 when none). */
    private int deliveryAttempt(String sendId) {
        def described = workflowClient.workflowServiceStubs.blockingStub().describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(workflowClient.options.namespace)
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId("send-$sendId"))
                        .build())
        described.pendingActivitiesList.findAll { it.activityType.name == 'DeliverBatch' }*.attempt.max() ?: 0
    }
}
