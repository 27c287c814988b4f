package io.adinsights.servers.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Picks TCP ports that are free on the loopback interface, so servers never collide with what already runs. */
public final class FreePorts {
    private FreePorts() {}

    /** One port that was free a moment ago. */
    public static int allocate() {
        return allocate(1).get(0);
    }

    /**
     * {@code count} distinct ports that were free a moment ago. All sockets are held open until every port is known,
     * so the operating system cannot hand out the same port twice.
     */
    public static List<Integer> allocate(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("Invalid port count: " + count + " (must be >= 1)");
        }
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            List<Integer> ports = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, Loopback.address());
                sockets.add(socket);
                ports.add(socket.getLocalPort());
            }
            return List.copyOf(ports);
        } catch (IOException e) {
            throw new UncheckedIOException("No free TCP port on " + Loopback.HOST, e);
        } finally {
            closeAll(sockets);
        }
    }

    private static void closeAll(List<ServerSocket> sockets) {
        for (ServerSocket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot release port " + socket.getLocalPort(), e);
            }
        }
    }
}
