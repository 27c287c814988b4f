package io.adinsights.ingestion.http;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ingestion endpoint on a plain HTTP server on 127.0.0.1: what API Gateway + Lambda do on AWS. */
public final class LocalIngestionServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalIngestionServer.class);
    private static final int THREADS = 8;

    private final IngestionEndpoint endpoint;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong requests = new AtomicLong();

    /** Starts serving at once on {@code port} of 127.0.0.1 (0 picks a free port). */
    public LocalIngestionServer(IngestionEndpoint endpoint, int port) {
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port, e);
        }
        this.executor = Executors.newFixedThreadPool(THREADS);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        LOG.info("Ingestion listening on {}", uri());
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                // One byte over the limit is enough to refuse the request; never hold more.
                body = in.readNBytes(endpoint.limits().maxBodyBytes() + 1);
            }
            String origin = "http:" + exchange.getRemoteAddress().getAddress().getHostAddress()
                    + " request " + requests.incrementAndGet();
            HttpAnswer answer = endpoint.handle(new HttpCall(exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    body, origin));
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            answer.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(answer.status(), answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }
}
