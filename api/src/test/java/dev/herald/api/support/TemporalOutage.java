package dev.herald.api.support;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import jakarta.inject.Singleton;

/**
 * Makes Temporal unreachable for the application's client while a spec says so: every call
 * fails with gRPC UNAVAILABLE, as it does when the frontend is down. The worker polls through
 * the test environment's own client and keeps going, as a separate worker pod would.
 */
@Singleton
public class TemporalOutage implements ClientInterceptor {

    private volatile boolean down;

    public void begin() {
        down = true;
    }

    public void end() {
        down = false;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        if (!down) {
            return next.newCall(method, options);
        }
        return new ClientCall<>() {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                listener.onClose(Status.UNAVAILABLE.withDescription("Temporal is down (TemporalOutage)"), new Metadata());
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
            public void sendMessage(Q message) {
            }
        };
    }
}
