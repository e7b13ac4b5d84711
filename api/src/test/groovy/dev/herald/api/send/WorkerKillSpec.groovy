package dev.herald.api.send

import dev.herald.api.support.TestTemporalFactory
import dev.herald.api.temporal.HeraldWorker
import io.micronaut.test.extensions.spock.annotation.MicronautTest
import io.temporal.worker.WorkerFactory
import jakarta.inject.Inject

import java.util.concurrent.TimeUnit

/**
 * Exactly-once per device when the worker dies mid-broadcast: the worker factory is stopped
 * at once (its threads interrupted) while the second page of 1,200 devices is in flight, and a
 * new worker takes over. Every device must get the push; only devices of the page in flight
 * may get it a second time (the same request again: same apns-id and collapse id); the ledger
 * ends with one accepted row per device.
 *
 * <p>The interrupt races the dead worker's report of the failed attempt: when it cancels the
 * report, the service learns of the death as it would of a crashed process, through the
 * attempt's heartbeat timeout (30 s, waited out in real time: the test service cannot skip time
 * while an activity is outstanding); when the report gets out, the page is retried at once. The
 * assertions hold either way.
 */
@MicronautTest(transactional = false)
class WorkerKillSpec extends BroadcastFailureSpec {

    @Inject
    WorkerFactory firstWorker

    @Inject
    HeraldWorker herald

    WorkerFactory secondWorker

    @Override
    Map<String, String> extraProperties() {
        // the test service never hands a dead worker's sticky workflow task to another worker
        ['herald.test.sticky-workflows': 'false']
    }

    def cleanup() {
        secondWorker?.shutdownNow()
        secondWorker?.awaitTermination(10, TimeUnit.SECONDS)
    }

    def "the worker is killed while a page is in flight: a new worker finishes the broadcast and only that page may go twice"() {
        when: 'a broadcast to 1,200 APNs devices has its second page in flight, APNs stalling on one of its devices'
        def broadcast = broadcastStalledOnSecondPage()

        and: 'the worker dies: its factory stops at once, interrupting the page in flight'
        firstWorker.shutdownNow()
        firstWorker.awaitTermination(10, TimeUnit.SECONDS)

        and: 'APNs answers again, to no one, and a new worker starts polling'
        hold.countDown()
        // built like the first worker (no stickiness), though only the dead one's stickiness mattered
        secondWorker = WorkerFactory.newInstance(workflowClient, TestTemporalFactory.workerFactoryOptions(false))
        herald.register(secondWorker)
        secondWorker.start()
        def result = workflowClient.newUntypedWorkflowStub("send-$broadcast.sendId").getResult(2, TimeUnit.MINUTES, Map)

        then: 'the first worker is gone'
        firstWorker.terminated

        and: 'the page in flight was sent again by the new worker: the stalled device got the push twice'
        apns.receivedFor([broadcast.stalled]).size() == 2

        and:
        result.sent == DEVICES
        everyDeviceOnceExceptThePageInFlight(broadcast)
        ledgerIsComplete(broadcast.sendId)
    }
}
