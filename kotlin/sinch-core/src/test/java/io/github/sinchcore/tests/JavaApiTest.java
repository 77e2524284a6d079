package io.github.sinchcore.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.sinchcore.ActivityPage;
import io.github.sinchcore.CacheStats;
import io.github.sinchcore.Comment;
import io.github.sinchcore.HttpOptions;
import io.github.sinchcore.Paging;
import io.github.sinchcore.RcsBrand;
import io.github.sinchcore.RcsSender;
import io.github.sinchcore.RcsTestNumberState;
import io.github.sinchcore.SendResult;
import io.github.sinchcore.SinchException;
import io.github.sinchcore.SmsApp;
import io.github.sinchcore.StoredToken;
import io.github.sinchcore.TelegramBotInfo;
import io.github.sinchcore.TextMessage;
import io.github.sinchcore.TokenStoreBackend;
import io.github.sinchcore.Webhook;
import io.github.sinchcore.WebhookPage;
import io.github.sinchcore.WebhookTriggers;
import io.github.sinchcore.client.ConversationChannels;
import io.github.sinchcore.client.IndiaWhatsappClient;
import io.github.sinchcore.client.ProvisioningClient;
import io.github.sinchcore.client.RcsAccount;
import io.github.sinchcore.client.RcsSenders;
import io.github.sinchcore.client.SinchAuth;
import io.github.sinchcore.client.SmsApps;
import io.github.sinchcore.client.TokenStore;
import io.github.sinchcore.client.WebhookPager;
import io.github.sinchcore.client.Webhooks;
import io.github.sinchcore.testing.SinchEmulator;
import io.github.sinchcore.testing.WithSinchEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole surface as a Java developer uses it: static factories with overloads,
 * try-with-resources, for-each paging, typed (checked) errors, stores. If this file compiles,
 * Java can call the API without Kotlin's name mangling or companion objects.
 */
@Timeout(60)
@WithSinchEmulator
class JavaApiTest {
    private static final String PROJECT = "5f1a2b3c-0000-4000-8000-000000000001";
    private final SinchEmulator emulator;

    /** The class's emulator (sinch-core-testing's extension), reset before each test. */
    JavaApiTest(SinchEmulator emulator) {
        this.emulator = emulator;
    }

    private SinchAuth oauth() throws SinchException {
        return SinchAuth.oauth(SinchEmulator.DEMO_KEY_ID, SinchEmulator.DEMO_KEY_SECRET, emulator.getTokenUrl());
    }

    @Test
    void oauthPagingWithForEachAndTryWithResources() throws SinchException {
        try (SinchAuth auth = oauth();
                ProvisioningClient client = new ProvisioningClient(PROJECT, auth, emulator.getBaseUrl());
                Webhooks webhooks = client.webhooks()) {
            for (int i = 0; i < 5; i++) {
                webhooks.create("https://example.com/hook/" + i, "secret-" + i, List.of(WebhookTriggers.ALL));
            }
            List<String> targets = new ArrayList<>();
            for (Webhook w : Paging.items(webhooks, 2)) {
                targets.add(w.getTarget());
            }
            assertEquals(5, targets.size());
            assertEquals(List.of("https://example.com/hook/0", "https://example.com/hook/1"),
                    targets.subList(0, 2));

            WebhookPage page = webhooks.list(2, null);
            assertEquals(2, page.getWebhooks().size());
            assertEquals(5L, page.getTotalSize());
            int pages = 0;
            try (WebhookPager pager = webhooks.pages(2)) {
                while (pager.nextPage() != null) {
                    pages++;
                }
            }
            assertEquals(3, pages);

            CacheStats stats = auth.stats();
            assertEquals(1L, stats.getFetches());
            assertTrue(stats.getCacheHits() > 0);
        }
    }

    @Test
    void typedErrorsCarryStatusCodeAndResolution() throws SinchException {
        try (SinchAuth auth = oauth();
                ProvisioningClient client = new ProvisioningClient(PROJECT, auth, emulator.getBaseUrl());
                Webhooks webhooks = client.webhooks()) {
            webhooks.create("https://example.com/dup", "s", List.of(WebhookTriggers.ALL));
            SinchException.ApiException duplicate = assertThrows(SinchException.ApiException.class,
                    () -> webhooks.create("https://example.com/dup", "s", List.of(WebhookTriggers.ALL)));
            assertEquals(409, duplicate.getStatus());
            assertEquals("webhook_exists", duplicate.getErrorCode());
            assertFalse(duplicate.getResolution().isEmpty());

            try {
                webhooks.get("no-such-hook");
                fail("expected a 404");
            } catch (SinchException.ApiException e) {
                assertEquals(404, e.getStatus());
            } catch (SinchException e) {
                fail("expected the Api variant, got " + e);
            }
            assertThrows(SinchException.InvalidConfig.class, () -> webhooks.delete(".."));
        }
        SinchException.InvalidCredentials wrong = assertThrows(SinchException.InvalidCredentials.class,
                () -> SinchAuth.oauth(SinchEmulator.DEMO_KEY_ID, "wrong-secret", emulator.getTokenUrl()).accessToken());
        assertTrue(wrong.getReason().contains(SinchEmulator.DEMO_KEY_ID), wrong.getReason());
        assertFalse(wrong.toString().contains("wrong-secret"));
        assertThrows(SinchException.InvalidConfig.class, () -> SinchAuth.basic("key:id", "secret"));
    }

    @Test
    void activityPagesAndCreatedCommentsFromJava() throws SinchException {
        try (SinchAuth auth = oauth();
                ProvisioningClient client = new ProvisioningClient(PROJECT, auth, emulator.getBaseUrl());
                RcsSenders senders = client.rcsSenders();
                RcsAccount account = client.rcsAccount()) {
            RcsSender sender = senders.create("EU", "CONVERSATIONAL", "TRANSACTIONAL",
                    new RcsBrand("Acme", List.of(), List.of(), List.of(), null, null, null, null, null, null),
                    List.of(), List.of("SE"), null);
            List<RcsTestNumberState> tests = senders.addTestNumbers(sender.getId(), List.of("+46701234567"));
            assertEquals("UNVERIFIED", tests.get(0).getState());
            Comment made = account.comment("from Java");
            assertEquals("CREATED", made.getKind());
            ActivityPage page = account.activities(1, null);
            assertEquals("from Java", page.getNotifications().get(0).getComment());
            assertEquals(2L, page.getTotalSize());
            ActivityPage rest = account.activities(1, page.getNextPageToken());
            assertEquals("CREATED", rest.getNotifications().get(0).getKind());
        }
    }

    @Test
    void conversationChannelsFromJava() throws SinchException {
        String app = "01HZY8Q5V9K3M2N4P6R7S8T0AB";
        emulator.linkConversationChannel(PROJECT, app, "telegram", "{\"username\":\"acme_bot\"}");
        try (SinchAuth auth = oauth();
                ProvisioningClient client = new ProvisioningClient(PROJECT, auth, emulator.getBaseUrl());
                ConversationChannels channels = client.conversationChannels()) {
            TelegramBotInfo bot = channels.telegram(app);
            assertEquals("ACTIVE", bot.getStatus());
            assertEquals("acme_bot", bot.getUsername());
            SinchException.ApiException missing = assertThrows(SinchException.ApiException.class,
                    () -> channels.viber(app));
            assertEquals("channel_not_found", missing.getErrorCode());
        }
    }

    @Test
    void basicIndiaAndHttpOptions() throws SinchException {
        try (SinchAuth basic = SinchAuth.basic(SinchEmulator.DEMO_KEY_ID, SinchEmulator.DEMO_KEY_SECRET);
                ProvisioningClient client = new ProvisioningClient(PROJECT, basic, emulator.getBaseUrl(),
                        new HttpOptions(Duration.ofSeconds(2), Duration.ofSeconds(5)));
                SmsApps apps = client.smsApps()) {
            SmsApp app = apps.create("Java app", "EU", null, null);
            assertEquals("Java app", app.getName());
            for (SmsApp a : Paging.items(apps)) {
                assertNotNull(a.getId());
            }
        }
        try (SinchAuth india = SinchAuth.india(SinchEmulator.DEMO_USER, SinchEmulator.DEMO_PASSWORD, null,
                        emulator.getKeycloakTokenUrl());
                IndiaWhatsappClient sender = new IndiaWhatsappClient(india, null, emulator.getIndiaSendUrl())) {
            SendResult sent = sender.sendText(new TextMessage("919876543210", "Hello from Java", null, null, null));
            assertFalse(sent.getResponseId().isEmpty());
        }
    }

    /** A store a Java application keeps itself. */
    static final class MapStore implements TokenStoreBackend {
        final Map<String, StoredToken> tokens = new ConcurrentHashMap<>();

        @Override
        public StoredToken load(String key) {
            return tokens.get(key);
        }

        @Override
        public void save(String key, StoredToken token) {
            tokens.put(key, token);
        }

        @Override
        public void remove(String key) {
            tokens.remove(key);
        }
    }

    @Test
    void storesMemoryFileAndJavasOwn(@TempDir Path dir) throws SinchException {
        MapStore backend = new MapStore();
        // A key of its own: the demo key's token, cached process-wide by the other tests of this
        // class (the emulator keeps it valid across resets), would be served without a fetch,
        // and so without a store write.
        emulator.addKey("java-store-key", "java-store-secret");
        try (TokenStore foreign = TokenStore.foreign(backend);
                SinchAuth auth = SinchAuth.oauth("java-store-key", "java-store-secret", emulator.getTokenUrl(), foreign)) {
            String token = auth.accessToken();
            assertEquals(1, backend.tokens.size());
            assertFalse(backend.tokens.values().iterator().next().toString().contains(token));
        }
        try (TokenStore file = TokenStore.file(dir.resolve("tokens.json").toString());
                TokenStore memory = TokenStore.memory()) {
            assertNotNull(file);
            assertNotNull(memory);
        }
        // A store directly in /tmp (writable by every user) is refused.
        assertThrows(SinchException.InvalidConfig.class, () -> TokenStore.file("/tmp/sinch-core-java-test.json"));
    }
}
