package io.github.sinchcore.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.sinchcore.CallbackEvent;
import io.github.sinchcore.CallbackException;
import io.github.sinchcore.CallbackPayload;
import io.github.sinchcore.client.CallbackVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A Provisioning webhook receiver with the JDK's {@code HttpServer} (no framework).
 *
 * <pre>
 * SINCH_WEBHOOK_SECRETS=my-secret java ... io.github.sinchcore.examples.WebhookReceiver 8080
 * </pre>
 *
 * then register {@code https://<your host>/sinch/callbacks} (or {@code http://127.0.0.1:8080/...}
 * with the emulator) as a webhook with the same secret. Several comma-separated secrets are
 * accepted while one is rotated. Docs: docs/webhooks.md. (Compiled and run by the Java tests of
 * kotlin/sinch-core; examples/webhooks/java links here.)
 */
public final class WebhookReceiver implements AutoCloseable {
    /** Callbacks are small; a larger body is refused. */
    private static final int MAX_BODY = 1 << 20;

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(4);

    /** Serves {@code /sinch/callbacks} on 127.0.0.1:{@code port} (0: a free port). */
    public WebhookReceiver(CallbackVerifier verifier, int port, Consumer<CallbackEvent> onEvent)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/sinch/callbacks", exchange -> handle(verifier, onEvent, exchange));
        server.setExecutor(workers);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sinch/callbacks";
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdown();
    }

    private static void handle(CallbackVerifier verifier, Consumer<CallbackEvent> onEvent, HttpExchange exchange)
            throws IOException {
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1); // the raw bytes: the signature covers them
            }
            if (body.length > MAX_BODY) {
                exchange.sendResponseHeaders(413, -1);
                return;
            }
            CallbackEvent event;
            try {
                // The JDK's Headers is a Map<String, List<String>>: passed as it is.
                event = verifier.verify(exchange.getRequestHeaders(), body);
            } catch (CallbackException e) {
                // toString() says what went wrong; it never contains the secret.
                System.err.println("refused callback: " + e);
                int status = e.httpStatus(); // 401 forged or stale, 409 replayed, 503 cache down...
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            onEvent.accept(event);
            // Answer quickly (Sinch retries without a 2xx); do slow work elsewhere.
            exchange.sendResponseHeaders(200, -1);
        } finally {
            exchange.close();
        }
    }

    static void print(CallbackEvent event) {
        CallbackPayload payload = event.getPayload();
        if (payload instanceof CallbackPayload.WhatsappTemplate) {
            var template = ((CallbackPayload.WhatsappTemplate) payload).getTemplate();
            System.out.println(event.getTrigger() + ": template " + template.getName() + " is " + template.getState());
        } else if (payload instanceof CallbackPayload.WhatsappSender) {
            var sender = ((CallbackPayload.WhatsappSender) payload).getSender();
            System.out.println(event.getTrigger() + ": sender " + sender.getId() + " is " + sender.getState());
        } else { // unknown triggers arrive too, with the raw payload
            System.out.println(event.getTrigger() + ": " + event.getPayloadJson());
        }
        if (event.getComment() != null) {
            System.out.println("  comment: " + event.getComment());
        }
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        String secrets = System.getenv("SINCH_WEBHOOK_SECRETS");
        if (secrets == null) {
            throw new IllegalStateException("set SINCH_WEBHOOK_SECRETS to the webhook's secret");
        }
        // Built once: it holds the secrets, the timestamp window and the replay cache
        // (ReplayCache.redis(url) when several processes receive).
        CallbackVerifier verifier = new CallbackVerifier(Arrays.asList(secrets.split(",")));
        WebhookReceiver receiver = new WebhookReceiver(verifier, port, WebhookReceiver::print);
        System.out.println("listening on " + receiver.url());
    }
}
