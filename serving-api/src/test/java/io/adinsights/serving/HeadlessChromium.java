package io.adinsights.serving;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real headless Chromium (the distribution's {@code chromium}), driven over the DevTools protocol with the JDK's
 * WebSocket client: load a page, evaluate JavaScript in it, wait for a condition, take a screenshot. One browser, one
 * tab, a fresh profile that is deleted on close.
 */
final class HeadlessChromium implements AutoCloseable {

    /** The binary: {@code -Dchromium.binary=...}, else {@code chromium} (or {@code chromium-browser}) on the PATH. */
    static final String BINARY_PROPERTY = "chromium.binary";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** The Chromium binary, or a failure that says how to install it. */
    static Path binary() {
        String configured = System.getProperty(BINARY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                throw new AssertionError("-D" + BINARY_PROPERTY + "=" + configured + " is not an executable file");
            }
            return path;
        }
        String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of("chromium", "chromium-browser")
                .flatMap(name -> Stream.of(pathVariable.split(File.pathSeparator))
                        .filter(dir -> !dir.isBlank())
                        .map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError("Chromium is needed for the dashboard's browser test and was not"
                        + " found on the PATH: install it (Debian: apt-get install -y chromium) or point -D"
                        + BINARY_PROPERTY + " at it"));
    }

    /** Starts the browser with a fresh profile; its output goes to {@code log}. */
    static HeadlessChromium start(Path log, int width, int height) throws IOException, InterruptedException {
        Path binary = binary();
        Path profile = Files.createTempDirectory("chromium-profile");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(List.of(binary.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--disable-extensions", "--hide-scrollbars", "--mute-audio",
                "--lang=en-US", "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0", "--window-size=" + width + "," + height, "about:blank"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean started = false;
        try {
            int port = devToolsPort(process, profile, log);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            String pageSocket = null;
            for (JsonNode target : JSON.readTree(list)) {
                if ("page".equals(target.get("type").asString())) {
                    pageSocket = target.get("webSocketDebuggerUrl").asString();
                    break;
                }
            }
            if (pageSocket == null) {
                throw new IllegalStateException("Chromium opened no page: " + list);
            }
            Listener listener = new Listener();
            WebSocket socket;
            try {
                socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                        .buildAsync(URI.create(pageSocket), listener).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Could not connect to Chromium's DevTools at " + pageSocket, e);
            }
            HeadlessChromium chromium = new HeadlessChromium(process, profile, socket);
            listener.owner = chromium;
            chromium.call("Page.enable", Map.of());
            chromium.call("Runtime.enable", Map.of());
            started = true;
            return chromium;
        } finally {
            if (!started) {
                stop(process, profile);
            }
        }
    }

    /** The port Chromium writes to {@code DevToolsActivePort} in its profile once it listens. */
    private static int devToolsPort(Process process, Path profile, Path log) throws IOException, InterruptedException {
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Chromium exited with " + process.exitValue() + ": "
                        + Files.readString(log));
            }
            if (Files.exists(portFile)) {
                List<String> lines = Files.readAllLines(portFile);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Chromium did not open its DevTools port within " + START_TIMEOUT + ": "
                + Files.readString(log));
    }

    /** Navigates and waits for the page's load event. */
    void load(String url) throws InterruptedException {
        events.clear();
        JsonNode result = call("Page.navigate", Map.of("url", url));
        if (result.has("errorText")) {
            throw new AssertionError("Chromium could not load " + url + ": " + result.get("errorText").asString());
        }
        long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String event = events.poll(100, TimeUnit.MILLISECONDS);
            if ("Page.loadEventFired".equals(event)) {
                return;
            }
        }
        throw new AssertionError("No load event within " + CALL_TIMEOUT + " for " + url);
    }

    /** Evaluates an expression in the page (awaiting a promise) and returns its value as JSON. */
    JsonNode evaluate(String expression) {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("The page threw on " + expression + ": " + result.get("exceptionDetails"));
        }
        return result.get("result").path("value");
    }

    /** Waits until a boolean expression holds in the page; on timeout, fails with what {@code describe} shows. */
    void waitUntil(String condition, Duration timeout, String describe) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (evaluate("Boolean(" + condition + ")").asBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Not true within " + timeout + ": " + condition + "; the page shows "
                + evaluate(describe));
    }

    /** A PNG of the whole page (beyond the window when the page is taller). */
    void screenshot(Path png) throws IOException {
        JsonNode metrics = call("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", metrics.get("width").asDouble(),
                "height", metrics.get("height").asDouble(), "scale", 1);
        JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", clip));
        Files.createDirectories(png.getParent());
        Files.write(png, Base64.getDecoder().decode(shot.get("data").asString()));
    }

    private JsonNode call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true)
                    .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonNode message = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (message.has("error")) {
                throw new AssertionError("DevTools " + method + " failed: " + message.get("error"));
            }
            return message.get("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted in DevTools " + method, e);
        } catch (Exception e) {
            throw new IllegalStateException("DevTools " + method + " did not answer", e);
        } finally {
            pending.remove(id);
        }
    }

    private void receive(String text) {
        JsonNode message = JSON.readTree(text);
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
        } else if (message.has("method")) {
            events.add(message.get("method").asString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            call("Browser.close", Map.of());
        } catch (RuntimeException | AssertionError e) {
            // the browser may already be gone; it is stopped below either way
        }
        socket.abort();
        // A graceful exit removes the browser's singleton socket directory in the system's temp dir.
        process.waitFor(10, TimeUnit.SECONDS);
        stop(process, profile);
    }

    private static void stop(Process process, Path profile) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        singletonDirectory(profile).ifPresent(HeadlessChromium::deleteTree);
        deleteTree(profile);
    }

    /** Where the profile's {@code SingletonSocket} link points: a directory of the browser's in the temp dir. */
    private static Optional<Path> singletonDirectory(Path profile) {
        try {
            Path link = profile.resolve("SingletonSocket");
            if (!Files.isSymbolicLink(link)) {
                return Optional.empty();
            }
            return Optional.ofNullable(Files.readSymbolicLink(link).getParent())
                    .filter(dir -> dir.getFileName() != null
                            && dir.getFileName().toString().startsWith("org.chromium."));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a temporary profile: what a stopping child still held is left to the system's temp cleaning
        }
    }

    /** Collects the fragments of each DevTools message and hands whole messages to the browser object. */
    private static final class Listener implements WebSocket.Listener {

        private final StringBuilder message = new StringBuilder();
        private volatile HeadlessChromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String text = message.toString();
                message.setLength(0);
                HeadlessChromium chromium = owner;
                if (chromium != null) {
                    chromium.receive(text);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
