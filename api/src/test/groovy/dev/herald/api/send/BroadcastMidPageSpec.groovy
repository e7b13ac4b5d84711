package dev.herald.api.send

import io.micronaut.test.extensions.spock.annotation.MicronautTest
import io.temporal.api.common.v1.WorkflowExecution
import io.temporal.api.enums.v1.PendingActivityState
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest

/**
 * Pausing and cancelling a broadcast while a page is in flight, through the API, against
 * PostgreSQL and APNs over TLS: 1,200 devices in pages of 500 (a page goes out at once, its answers recorded chunk by
 * chunk as they come); APNs holds back its answer for device 700, and the rest of its connection
 * waits behind it, when the cancel comes. The answers of the page in flight are awaited (until
 * Herald gives up on them) and recorded; the next page never goes out, and the ledger says so.
 */
@MicronautTest(transactional = false)
class BroadcastMidPageSpec extends BroadcastFailureSpec {

    @Override
    Map<String, String> extraProperties() {
        // Herald gives up on the held answer after 10 s; the DELETE waits for that, so the client waits longer
        ['herald.apns.response-timeout': '10s', 'micronaut.http.client.read-timeout': '60s']
    }

    def "DELETE mid-broadcast: the page in flight is recorded as answered, the next page never goes out"() {
        given: 'a broadcast whose second page is in flight, waiting for APNs from device 700 on'
        def broadcast = broadcastStalledOnSecondPage()

        when: 'the send is cancelled while APNs still holds that answer'
        Response cancelled = null
        def cancelling = Thread.start { cancelled = delete("/v1/sends/$broadcast.sendId", broadcast.key) }
        waitFor { deliveryActivityStates(broadcast.sendId) == [PendingActivityState.PENDING_ACTIVITY_STATE_CANCEL_REQUESTED] }
        cancelling.join(60_000)
        hold.countDown()

        then: 'the cancel answers once the send has stopped'
        cancelled.status == 200
        cancelled.body.status == 'cancelled'

        and: 'the devices answered got the push once; none of the next page got it'
        def received = apns.receivedFor(broadcast.tokens).groupBy { it.token() }
        received.keySet().containsAll(broadcast.tokens[0..<700])
        (received.keySet() - broadcast.tokens[0..<1000]).isEmpty()
        received.values().every { it.size() == 1 }

        and: 'the ledger: devices answered accepted, those whose answers never came cancelled, the next page never planned'
        ledgerCount(broadcast.sendId, "status = 'ACCEPTED'") == 700
        ledgerCount(broadcast.sendId, "status = 'FAILED' and reason = 'cancelled'") == 300
        ledgerCount(broadcast.sendId, "true") == 1000
        queryValue("select status from sends where id = '$broadcast.sendId'") == 'CANCELLED'

        and: 'the progress, answered from the ledger now that the send has finished, agrees'
        call('GET', "/v1/sends/$broadcast.sendId/progress", null, broadcast.key).body ==
                [status: 'cancelled', targeted: DEVICES, processed: 1000, sent: 700, failed: 300, suppressed: 0, deferred: 0, source: 'ledger']
    }

    /** {@link #call} under another name, for closures (where {@code call} means the closure itself). */
    private Response delete(String path, Map<String, String> key) {
        call('DELETE', path, null, key)
    }

    def "pause mid-broadcast: the page in flight finishes, nothing more goes out until resume, then every device gets the push once"() {
        given: 'a broadcast whose second page is in flight, waiting for APNs from device 700 on'
        def broadcast = broadcastStalledOnSecondPage()

        when: 'paused while that page is in flight, and APNs then answers'
        def paused = call('POST', "/v1/sends/$broadcast.sendId/pause", null, broadcast.key)
        hold.countDown()
        waitFor { queryValue("select status from sends where id = '$broadcast.sendId'") == 'PAUSED' }

        then: 'the page in flight was delivered, the third page was not'
        paused.status == 200
        paused.body.status == 'paused'
        apns.receivedFor(broadcast.tokens)*.token().toSet() == broadcast.tokens[0..<1000] as Set
        call('GET', "/v1/sends/$broadcast.sendId/progress", null, broadcast.key).body ==
                [status: 'paused', targeted: DEVICES, processed: 1000, sent: 1000, failed: 0, suppressed: 0, deferred: 0, source: 'workflow']

        when: 'it stays paused a while'
        Thread.sleep(1_000)

        then: 'still nothing of the third page'
        apns.receivedFor(broadcast.tokens[1000..<DEVICES]).isEmpty()

        when:
        def resumed = call('POST', "/v1/sends/$broadcast.sendId/resume", null, broadcast.key)
        def result = awaitSend(broadcast.sendId)

        then: 'every device got the push exactly once'
        resumed.status == 200
        result.status == 'COMPLETED'
        result.sent == DEVICES
        apns.receivedFor(broadcast.tokens).groupBy { it.token() }.every { token, pushes -> pushes.size() == 1 }
        ledgerIsComplete(broadcast.sendId)
    }

    private List<PendingActivityState> deliveryActivityStates(String sendId) {
        workflowClient.workflowServiceStubs.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(workflowClient.options.namespace)
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId("send-$sendId").build())
                .build()).pendingActivitiesList*.state
    }

    private static long ledgerCount(String sendId, String where) {
        queryValue("select count(*) from deliveries where send_id = '$sendId' and $where") as long
    }
}
