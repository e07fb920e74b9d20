package io.tocsin.dispatch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback standing in for Slack, PagerDuty and webhook consumers. It records every
 * request and answers per path as a test asks: 200, 500 once then 200, 400, or hold the request until released.
 */
public final class FakeReceivers implements AutoCloseable {

    /** One received request. */
    public record Request(String path, String body, String idempotencyKey, int status) {
    }

    /** 200; 500 once then 200; 400; hold until released; 503 until told otherwise. */
    public enum Behaviour {
        OK, FAIL_ONCE, REJECT, HOLD, UNAVAILABLE
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private volatile CountDownLatch hold = new CountDownLatch(1);
    private final AtomicInteger held = new AtomicInteger();

    public FakeReceivers() throws IOException {
        this(0);
    }

    /** On a given loopback port (0: any free one). */
    public FakeReceivers(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int hit = hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        int status = switch (behaviours.getOrDefault(path, Behaviour.OK)) {
            case OK -> 200;
            case FAIL_ONCE -> hit == 1 ? 500 : 200;
            case REJECT -> 400;
            case UNAVAILABLE -> 503;
            case HOLD -> {
                held.incrementAndGet();
                try {
                    hold.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                held.decrementAndGet();
                yield 200;
            }
        };
        requests.add(new Request(path, body, exchange.getRequestHeaders().getFirst("Idempotency-Key"), status));
        byte[] answer = (status == 200 ? "{\"status\":\"success\"}" : "{\"status\":\"error\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    public void behave(String path, Behaviour behaviour) {
        behaviours.put(path, behaviour);
        hits.remove(path);
        if (behaviour == Behaviour.HOLD) {
            hold = new CountDownLatch(1);
        }
    }

    /** Releases held requests and answers normally from now on. */
    public void reset() {
        hold.countDown();
        behaviours.clear();
        hits.clear();
    }

    /** Requests currently held open. */
    public int held() {
        return held.get();
    }

    /** Requests answered so far (with any status) to {@code path} whose body contains {@code text}. */
    public List<Request> received(String path, String text) {
        return requests.stream().filter(r -> r.path().equals(path) && r.body().contains(text)).toList();
    }

    /** Every request answered 200 so far, in order. */
    public List<Request> answered() {
        return requests.stream().filter(r -> r.status() == 200).toList();
    }

    @Override
    public void close() {
        hold.countDown();
        server.stop(0);
    }
}
