package dev.llmhealth.adapters.probes.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 that can be told to misbehave, so fault tests never touch the shared
 * service itself. Plain sockets and a thread per direction: small and obvious beats fast here.
 */
public final class TcpFaultProxy implements AutoCloseable {

    public enum Mode {
        /** Forwards both ways. */
        PASS,
        /** Accepts and holds connections, forwards nothing either way (a hung server or a black-holed network). */
        FREEZE,
        /** Closes every connection, the open ones at once and new ones as they arrive (a crashing server). */
        DROP,
        /** Stops listening, so connecting is refused (a server that is not running); open connections are closed. */
        REFUSE
    }

    private static final int UPSTREAM_CONNECT_TIMEOUT_MS = 5_000;

    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    /** Guards mode changes, the listener and the registration of sockets; frozen pumps wait on it. */
    private final Object lock = new Object();
    private final int port;
    private Mode mode = Mode.PASS;
    private ServerSocket listener;
    private boolean closed;

    public TcpFaultProxy(String targetHost, int targetPort) throws IOException {
        this.target = new InetSocketAddress(targetHost, targetPort);
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        startAccepting(listener);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public void setMode(Mode next) throws IOException {
        synchronized (lock) {
            mode = next;
            if (next == Mode.DROP || next == Mode.REFUSE) {
                closeAllConnections();
            }
            if (next == Mode.REFUSE && listener != null) {
                listener.close();
                listener = null;
            } else if (next != Mode.REFUSE && listener == null) {
                listener = listen(port);
                startAccepting(listener);
            }
            lock.notifyAll();
        }
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        // re-listening on the same port right after REFUSE must not fail on lingering connections
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return server;
    }

    private void startAccepting(ServerSocket server) {
        Thread.ofPlatform().daemon().name("fault-proxy-accept-" + port).start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    if (register(client)) {
                        Thread.ofPlatform().daemon().name("fault-proxy-connect-" + port).start(() -> connectUpstream(client));
                    }
                } catch (IOException listenerClosed) {
                    return;
                }
            }
        });
    }

    /** False (and the socket closed) when the current mode does not let connections live. */
    private boolean register(Socket socket) {
        synchronized (lock) {
            if (closed || mode == Mode.DROP || mode == Mode.REFUSE) {
                closeQuietly(socket);
                return false;
            }
            sockets.add(socket);
            return true;
        }
    }

    private void connectUpstream(Socket client) {
        // a frozen proxy holds the client without even reaching the server
        if (!awaitForwarding()) {
            closeQuietly(client);
            return;
        }
        Socket upstream = new Socket();
        try {
            upstream.connect(target, UPSTREAM_CONNECT_TIMEOUT_MS);
        } catch (IOException unreachable) {
            closeQuietly(upstream);
            closeQuietly(client);
            return;
        }
        if (!register(upstream)) {
            closeQuietly(client);
            return;
        }
        Thread.ofPlatform().daemon().name("fault-proxy-up-" + port).start(() -> pump(client, upstream));
        Thread.ofPlatform().daemon().name("fault-proxy-down-" + port).start(() -> pump(upstream, client));
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (!awaitForwarding()) {
                    break;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException connectionGone) {
            // either side closed: close the other too, as a real peer would see
        } finally {
            sockets.remove(from);
            sockets.remove(to);
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Blocks while frozen; true when data may flow again, false when the connection must end. */
    private boolean awaitForwarding() {
        synchronized (lock) {
            try {
                while (mode == Mode.FREEZE && !closed) {
                    lock.wait();
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
            return !closed && mode == Mode.PASS;
        }
    }

    private void closeAllConnections() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (lock) {
            closed = true;
            closeAllConnections();
            if (listener != null) {
                listener.close();
                listener = null;
            }
            lock.notifyAll();
        }
    }
}
