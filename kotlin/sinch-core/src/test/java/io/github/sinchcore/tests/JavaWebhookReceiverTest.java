package io.github.sinchcore.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sinchcore.CallbackEvent;
import io.github.sinchcore.CallbackPayload;
import io.github.sinchcore.WebhookTriggers;
import io.github.sinchcore.WhatsappSubmitMode;
import io.github.sinchcore.WhatsappTemplateComponent;
import io.github.sinchcore.WhatsappTemplateCreate;
import io.github.sinchcore.client.CallbackVerifier;
import io.github.sinchcore.client.ProvisioningClient;
import io.github.sinchcore.client.ReplayCache;
import io.github.sinchcore.client.SinchAuth;
import io.github.sinchcore.examples.WebhookReceiver;
import io.github.sinchcore.testing.Delivery;
import io.github.sinchcore.testing.SinchEmulator;
import io.github.sinchcore.testing.WithSinchEmulator;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Java example receiver (examples/webhooks/java) as a Java developer runs it. */
@Timeout(60)
@WithSinchEmulator
class JavaWebhookReceiverTest {
    private static final String PROJECT = "5f1a2b3c-0000-4000-8000-000000000001";
    private final SinchEmulator emulator;

    JavaWebhookReceiverTest(SinchEmulator emulator) {
        this.emulator = emulator;
    }

    @Test
    void theExampleReceiverReadsAnApprovedTemplate() throws Exception {
        LinkedBlockingQueue<CallbackEvent> events = new LinkedBlockingQueue<>();
        try (CallbackVerifier verifier = new CallbackVerifier(List.of("whsec-java"), null, ReplayCache.memory());
                WebhookReceiver receiver = new WebhookReceiver(verifier, 0, events::add);
                SinchAuth auth = SinchAuth.oauth(SinchEmulator.DEMO_KEY_ID, SinchEmulator.DEMO_KEY_SECRET, emulator.getTokenUrl());
                ProvisioningClient client = new ProvisioningClient(PROJECT, auth, emulator.getBaseUrl())) {
            client.webhooks().create(receiver.url(), "whsec-java", List.of(WebhookTriggers.WHATSAPP_TEMPLATE_APPROVED));
            client.whatsappTemplates().create(new WhatsappTemplateCreate(
                    "java_template", "EN_US", "UTILITY",
                    List.of(new WhatsappTemplateComponent.Body("Hi {{1}}", List.of("Ann"), null)),
                    null, WhatsappSubmitMode.SUBMIT));
            emulator.setWhatsappState(PROJECT, "template", "APPROVED", "java_template");

            CallbackEvent event = events.poll(15, TimeUnit.SECONDS);
            assertNotNull(event, "no delivery within 15 s");
            assertEquals(WebhookTriggers.WHATSAPP_TEMPLATE_APPROVED, event.getTrigger());
            assertTrue(event.getPayload() instanceof CallbackPayload.WhatsappTemplate);
            assertEquals("java_template", ((CallbackPayload.WhatsappTemplate) event.getPayload()).getTemplate().getName());
            Delivery delivery = emulator.settledDeliveries().get(0);
            assertEquals(200, delivery.getAttempts().get(0).getStatus());
        }
    }
}
