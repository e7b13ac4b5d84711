package dev.herald.api.temporal;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's own Java test service bound to a port, with time running normally: lets Herald
 * run with no Temporal installed. It keeps runs in memory only.
 *
 * <p>It listens on the loopback interface only: the service has no authentication, and
 * {@code TestServer.createPortBoundServer} would bind every interface, opening Herald's runs
 * (and their inputs) to the whole network.
 */
public final class EmbeddedTemporal implements AutoCloseable {

    private final TestServicesStarter services;
    private final Server server;

    private EmbeddedTemporal(TestServicesStarter services, Server server) {
        this.services = services;
        this.server = server;
    }

    public static EmbeddedTemporal start(int port) {
        // lockTimeSkipping = true: time never skips, timers fire at their wall-clock instant as on a real server
        TestServicesStarter services = new TestServicesStarter(true, 0);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), InsecureServerCredentials.create());
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        try {
            return new EmbeddedTemporal(services, builder.build().start());
        } catch (IOException | RuntimeException e) {
            services.close();
            throw new IllegalStateException("cannot start the embedded Temporal service on port " + port
                    + " (is a Temporal server already running there? then set TEMPORAL_ADDRESS=localhost:" + port
                    + ", or pick another port with TEMPORAL_EMBEDDED_PORT)", e);
        }
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
