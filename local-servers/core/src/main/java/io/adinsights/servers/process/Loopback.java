package io.adinsights.servers.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;

/** The loopback interface, the only place a local server listens: tests must never open a port to the network. */
public final class Loopback {
    /** The IPv4 loopback address every local server binds to and every client connects to. */
    public static final String HOST = "127.0.0.1";

    private static final int CONNECT_TIMEOUT_MILLIS = 500;

    private Loopback() {}

    /** The loopback address as an {@link InetAddress}, without a name lookup. */
    public static InetAddress address() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("A literal IPv4 address is always valid", e);
        }
    }

    /** Whether something accepts TCP connections on this loopback port right now. */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address(), port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
