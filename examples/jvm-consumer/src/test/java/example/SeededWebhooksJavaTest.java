package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.sinchcore.Paging;
import io.github.sinchcore.SinchException;
import io.github.sinchcore.Webhook;
import io.github.sinchcore.client.ProvisioningClient;
import io.github.sinchcore.client.SinchAuth;
import io.github.sinchcore.client.Webhooks;
import io.github.sinchcore.testing.SinchEmulator;
import io.github.sinchcore.testing.WithSinchEmulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The extension from Java: a seeded emulator (src/test/resources/seed.json), injected per test. */
@WithSinchEmulator(seed = "seed.json")
class SeededWebhooksJavaTest {
    private static final String SEEDED = "https://example.com/hooks/seeded";

    private static List<String> targets(Webhooks webhooks) {
        List<String> targets = new ArrayList<>();
        for (Webhook w : Paging.items(webhooks)) {
            targets.add(w.getTarget());
        }
        return targets;
    }

    @Test
    void theSeededWebhookIsThereAndComesBackAfterAReset(SinchEmulator emulator) throws SinchException {
        try (SinchAuth auth = SinchAuth.oauth(emulator.getKeyId(), emulator.getKeySecret(), emulator.getTokenUrl());
                ProvisioningClient client = new ProvisioningClient("java-consumer", auth, emulator.getBaseUrl());
                Webhooks webhooks = client.webhooks()) {
            assertEquals(List.of(SEEDED), targets(webhooks));
            webhooks.delete(webhooks.list(null, null).getWebhooks().get(0).getId());
            assertEquals(List.of(), targets(webhooks));
            emulator.reset();
            assertEquals(List.of(SEEDED), targets(webhooks));
        }
    }

    @Test
    void injectedFaultsSurfaceAsTypedErrors(SinchEmulator emulator) throws SinchException {
        try (SinchAuth auth = SinchAuth.oauth(emulator.getKeyId(), emulator.getKeySecret(), emulator.getTokenUrl());
                ProvisioningClient client = new ProvisioningClient("java-consumer", auth, emulator.getBaseUrl());
                Webhooks webhooks = client.webhooks()) {
            emulator.faultStatus("api", 404);
            SinchException.ApiException e = assertThrows(SinchException.ApiException.class, () -> webhooks.list(null, null));
            assertEquals(404, e.getStatus());
            assertEquals(List.of(SEEDED), targets(webhooks), "the fault was for one request only");
            assertEquals(2, emulator.counters().getApiRequests(), "a 404 is not retried");
        }
    }

    @Test
    void wrongCredentialsAreRefused(SinchEmulator emulator) {
        assertThrows(SinchException.InvalidCredentials.class,
                () -> SinchAuth.oauth(emulator.getKeyId(), "not-the-secret", emulator.getTokenUrl()).accessToken());
    }
}
