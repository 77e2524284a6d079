package com.sinch.core.tests

// Star imports of both generated packages, as an application would write them: this file
// compiling is part of the test (both packages declare `use`, `Disposable`, `RustBuffer`...).
import com.sinch.core.*
import com.sinch.core.client.*
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertIs
import kotlin.test.assertTrue

/** What the generated API looks like from Kotlin; no emulator needed. */
class ErgonomicsTest {
    @Test
    fun objectsAreAutoCloseableAndUseWorks() {
        val auth = SinchAuth.oauth("key-id", "key-secret", "http://127.0.0.1:9/oauth2/token")
        assertIs<AutoCloseable>(auth)
        val described = auth.use { it.describe() }
        assertTrue(described.contains("key-id"), described)
        // A closed object refuses further calls instead of touching freed memory.
        assertFailsWith<IllegalStateException> { auth.describe() }

        ProvisioningClient("p", SinchAuth.basic("key-id", "key-secret"), "http://127.0.0.1:9").use { client ->
            assertIs<AutoCloseable>(client)
            assertEquals("p", client.projectId())
            client.webhooks().use { assertIs<AutoCloseable>(it) }
        }
    }

    @Test
    fun oneSealedExceptionTypeWithAPlainReason() {
        val e: SinchException = assertFailsWith<SinchException> {
            SinchAuth.oauth("", "key-secret", null)
        }
        assertIs<SinchException.InvalidConfig>(e)
        assertIs<Exception>(e)
        // Exhaustive `when` over the sealed hierarchy compiles without `else`.
        val kind = when (e) {
            is SinchException.InvalidConfig -> "config"
            is SinchException.InvalidCredentials, is SinchException.RefreshExpired -> "credentials"
            is SinchException.RateLimited, is SinchException.ServiceUnavailable,
            is SinchException.Network, is SinchException.Timeout -> "transient"
            is SinchException.Api -> "api"
            is SinchException.Protocol, is SinchException.Store, is SinchException.Internal -> "bug"
        }
        assertEquals("config", kind)
        assertTrue(e.reason.isNotBlank())
        assertEquals("reason=${e.reason}", e.message) // generated format; use `reason` for display
    }

    @Test
    fun triggersAreStrings() {
        val t: WebhookTrigger = WebhookTriggers.WHATSAPP_SENDER_ACTIVE
        assertEquals("WHATSAPP_SENDER_ACTIVE", t)
        val w = Webhook("id", "p", "https://example.com", listOf(WebhookTriggers.ALL, "NOT_YET_KNOWN"))
        assertEquals(listOf("ALL", "NOT_YET_KNOWN"), w.triggers)
    }
}
