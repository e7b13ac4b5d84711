package dev.herald.api.temporal

import io.grpc.Status
import io.grpc.StatusRuntimeException
import io.temporal.api.testservice.v1.LockTimeSkippingRequest
import io.temporal.api.testservice.v1.SleepRequest
import io.temporal.api.testservice.v1.UnlockTimeSkippingRequest
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest
import io.temporal.serviceclient.TestServiceStubs
import io.temporal.serviceclient.TestServiceStubsOptions
import io.temporal.serviceclient.WorkflowServiceStubs
import io.temporal.serviceclient.WorkflowServiceStubsOptions
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

/**
 * The embedded Temporal service serves Temporal's workflow API and nothing that moves its clock:
 * no client, Herald's or anyone's on this machine, can unlock time skipping and fire every
 * tenant's timers at once. (That its timers keep the wall clock is shown on the real jar by
 * WallClockAndRestartLaunchSpec.)
 */
class EmbeddedTemporalSpec extends Specification {

    @Shared @AutoCleanup EmbeddedTemporal embedded = EmbeddedTemporal.start(new ServerSocket(0).withCloseable { it.localPort })
    @Shared @AutoCleanup('shutdown') WorkflowServiceStubs workflows =
            WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(embedded.target()).validateAndBuildWithDefaults())
    @Shared @AutoCleanup('shutdown') TestServiceStubs timeControls =
            TestServiceStubs.newServiceStubs(TestServiceStubsOptions.newBuilder().setTarget(embedded.target()).validateAndBuildWithDefaults())

    def 'the workflow API is served'() {
        expect:
        workflows.blockingStub().getSystemInfo(GetSystemInfoRequest.defaultInstance) != null
    }

    def 'the test service call #rpc is not served'() {
        when:
        request.call(timeControls.blockingStub())

        then:
        def refused = thrown(StatusRuntimeException)
        refused.status.code == Status.Code.UNIMPLEMENTED

        where:
        rpc                  | request
        'UnlockTimeSkipping' | { it.unlockTimeSkipping(UnlockTimeSkippingRequest.defaultInstance) }
        'LockTimeSkipping'   | { it.lockTimeSkipping(LockTimeSkippingRequest.defaultInstance) }
        'Sleep'              | { it.sleep(SleepRequest.newBuilder().setDuration(com.google.protobuf.Duration.newBuilder().setSeconds(86_400)).build()) }
        'GetCurrentTime'     | { it.getCurrentTime(com.google.protobuf.Empty.defaultInstance) }
    }
}
