package dev.herald.api.temporal;

import io.temporal.testserver.TestServer;

/**
 * Temporal's own Java test service bound to a port, with time running normally: lets Herald
 * run with no Temporal installed. It keeps runs in memory only.
 */
public final class EmbeddedTemporal implements AutoCloseable {

    private final TestServer.PortBoundTestServer server;
    private final int port;

    private EmbeddedTemporal(TestServer.PortBoundTestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedTemporal start(int port) {
        try {
            return new EmbeddedTemporal(TestServer.createPortBoundServer(port), port);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start the embedded Temporal service on port " + port
                    + " (is a Temporal server already running there? then set TEMPORAL_ADDRESS=localhost:" + port + ")", e);
        }
    }

    public String target() {
        return "localhost:" + port;
    }

    @Override
    public void close() {
        server.close();
    }
}
