package dev.herald.api.send

import dev.herald.api.support.WorkerLink
import dev.herald.api.temporal.HeraldWorker
import io.micronaut.test.extensions.spock.annotation.MicronautTest
import io.temporal.worker.WorkerFactory
import jakarta.inject.Inject

import java.util.concurrent.TimeUnit

/**
 * Exactly-once per device when the worker dies mid-broadcast: while the second page of 1,200
 * devices is in flight, the worker's link to Temporal is cut and its factory stopped at once
 * (threads interrupted), as when its process is killed; a new worker takes over. Every device
 * must get the push; only devices of the page in flight may get it a second time (the same
 * request again: same apns-id and collapse id); the ledger ends with one accepted row per device.
 *
 * <p>Nothing the dead worker says on its way down reaches the service, so the service learns of
 * the death as it would of a crashed process: through the attempt's heartbeat timeout (10 s,
 * waited out in real time, since the test service cannot skip time while an activity is
 * outstanding).
 */
@MicronautTest(transactional = false)
class WorkerKillSpec extends BroadcastFailureSpec {

    @Inject
    WorkerFactory firstWorker

    @Inject
    WorkerLink firstWorkersLink

    @Inject
    HeraldWorker herald

    WorkerFactory secondWorker

    @Override
    Map<String, String> extraProperties() {
        ['herald.test.killable-worker': 'true']
    }

    def cleanup() {
        secondWorker?.shutdownNow()
        secondWorker?.awaitTermination(10, TimeUnit.SECONDS)
    }

    def "the worker is killed while a page is in flight: a new worker finishes the broadcast and only that page may go twice"() {
        when: 'a broadcast to 1,200 APNs devices has its second page in flight, APNs stalling on one of its devices'
        def broadcast = broadcastStalledOnSecondPage()

        and: 'the answers that came for the page in flight (devices 500 to 699, ahead of the stalled one) are in the ledger already'
        waitFor { queryValue("select count(*) from deliveries where send_id = '$broadcast.sendId' and status = 'ACCEPTED'") == '700' }

        and: 'the worker dies: cut off from Temporal, its factory stops at once, interrupting the page in flight'
        firstWorkersLink.sever()
        firstWorker.shutdownNow()
        firstWorker.awaitTermination(10, TimeUnit.SECONDS)

        and: 'APNs answers again, to no one, and a new worker starts polling'
        hold.countDown()
        secondWorker = WorkerFactory.newInstance(workflowClient)
        herald.register(secondWorker)
        secondWorker.start()
        def result = workflowClient.newUntypedWorkflowStub("send-$broadcast.sendId").getResult(2, TimeUnit.MINUTES, Map)

        then: 'the first worker is gone'
        firstWorker.terminated

        and: 'the page in flight was sent again by the new worker: the stalled device got the push twice'
        apns.receivedFor([broadcast.stalled]).size() == 2

        and: 'but only from the stalled device on: what had an answer in the ledger was not sent again'
        apns.receivedFor(broadcast.tokens[500..<700]).size() == 200

        and:
        result.sent == DEVICES
        everyDeviceOnceExceptThePageInFlight(broadcast)
        ledgerIsComplete(broadcast.sendId)
    }
}
