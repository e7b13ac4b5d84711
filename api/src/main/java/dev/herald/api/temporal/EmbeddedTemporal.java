package dev.herald.api.temporal;

import io.grpc.BindableService;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's own Java test service bound to a port, with time running normally: lets Herald
 * run with no Temporal installed. It keeps runs in memory only.
 *
 * <p>Its clock is the wall clock, always: time skipping is locked at start and the test
 * service's own gRPC API (whose {@code UnlockTimeSkipping} and {@code Sleep} calls would let any
 * client jump every tenant's timers forward) is not served, so nothing can unlock it.
 *
 * <p>It listens on the loopback interface only: the service has no authentication, and
 * {@code TestServer.createPortBoundServer} would bind every interface, opening Herald's runs
 * (and their inputs) to the whole network.
 */
public final class EmbeddedTemporal implements AutoCloseable {

    /** The test service's own API: time skipping locks, unlocks and sleeps. */
    static final String TIME_CONTROL_SERVICE = "temporal.api.testservice.v1.TestService";

    private final TestServicesStarter services;
    private final Server server;

    private EmbeddedTemporal(TestServicesStarter services, Server server) {
        this.services = services;
        this.server = server;
    }

    public static EmbeddedTemporal start(int port) {
        // lockTimeSkipping = true: time runs as on a real server
        TestServicesStarter services = new TestServicesStarter(true, 0);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), InsecureServerCredentials.create());
        GRPCServerHelper.registerServicesAndHealthChecks(servedServices(services), builder);
        try {
            return new EmbeddedTemporal(services, builder.build().start());
        } catch (IOException | RuntimeException e) {
            services.close();
            throw new IllegalStateException("cannot start the embedded Temporal service on port " + port
                    + " (is a Temporal server already running there? then set TEMPORAL_ADDRESS=localhost:" + port
                    + ", or pick another port with TEMPORAL_EMBEDDED_PORT)", e);
        }
    }

    /** The workflow and operator services, without the test service's time controls. */
    static List<BindableService> servedServices(TestServicesStarter services) {
        return services.getServices().stream()
                .filter(service -> !TIME_CONTROL_SERVICE.equals(service.bindService().getServiceDescriptor().getName()))
                .toList();
    }

    public String target() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getPort();
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        services.close();
    }
}
