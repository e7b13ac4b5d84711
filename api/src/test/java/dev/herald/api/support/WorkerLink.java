package dev.herald.api.support;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * The wire between a killable worker and the Temporal test service. Once severed, every call the
 * worker starts fails as if its process were gone, so nothing it says on its way down (the failure
 * of the activity it was running, a last heartbeat) reaches the service.
 */
public final class WorkerLink implements ClientInterceptor {

    private volatile boolean severed;

    public void sever() {
        severed = true;
    }

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(MethodDescriptor<ReqT, RespT> method, CallOptions options, Channel next) {
        return severed ? new Unreachable<>() : next.newCall(method, options);
    }

    private static final class Unreachable<ReqT, RespT> extends ClientCall<ReqT, RespT> {
        @Override
        public void start(Listener<RespT> listener, Metadata headers) {
            listener.onClose(Status.UNAVAILABLE.withDescription("the worker's process is gone"), new Metadata());
        }

        @Override
        public void request(int numMessages) {
        }

        @Override
        public void cancel(String message, Throwable cause) {
        }

        @Override
        public void halfClose() {
        }

        @Override
        public void sendMessage(ReqT message) {
        }
    }
}
