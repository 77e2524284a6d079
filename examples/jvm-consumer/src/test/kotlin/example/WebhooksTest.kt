package example

import io.github.sinchcore.SinchException
import io.github.sinchcore.WebhookTriggers
import io.github.sinchcore.all
import io.github.sinchcore.client.ProvisioningClient
import io.github.sinchcore.client.SinchAuth
import io.github.sinchcore.testing.SinchEmulator
import io.github.sinchcore.testing.WithSinchEmulator
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

/**
 * An application's tests with sinch-core-testing: one emulator for the class, reset before
 * each test, and one client for the whole class, as an application would hold one.
 */
@WithSinchEmulator
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhooksTest(private val emulator: SinchEmulator) {
    private lateinit var auth: SinchAuth
    private lateinit var client: ProvisioningClient

    @BeforeAll
    fun connect() {
        auth = SinchAuth.oauth(emulator.keyId, emulator.keySecret, emulator.tokenUrl)
        client = ProvisioningClient("kotlin-consumer", auth, emulator.baseUrl)
    }

    @AfterAll
    fun disconnect() {
        client.close()
        auth.close()
    }

    private fun targets(): List<String> = client.webhooks().use { it.all().map { w -> w.target }.toList() }

    @Test
    fun `each test starts from an empty project and lists what it created`() {
        assertEquals(emptyList(), targets(), "the reset before each test removed the other tests' webhooks")
        client.webhooks().use { it.create("https://example.com/a", "secret-a", listOf(WebhookTriggers.ALL)) }
        assertEquals(listOf("https://example.com/a"), targets())
    }

    @Test
    fun `the token cached before a reset keeps working`() {
        assertEquals(emptyList(), targets())
        emulator.reset()
        client.webhooks().use { it.create("https://example.com/b", "secret-b", listOf(WebhookTriggers.ALL)) }
        assertEquals(listOf("https://example.com/b"), targets())
        assertEquals(0, emulator.counters().tokenRequests, "no new token: the cached one is still valid")
    }

    @Test
    fun `an expired token is replaced without the caller noticing`() {
        targets()
        emulator.expireTokens()
        assertEquals(emptyList(), targets())
        val counters = emulator.counters()
        assertEquals(1, counters.expired401Sent, "the old token was refused once")
        assertTrue(counters.tokenRequests >= 1, "a new token was fetched")
    }

    @Test
    fun `a conflict is a typed error`() {
        client.webhooks().use { webhooks ->
            webhooks.create("https://example.com/dup", "s", listOf(WebhookTriggers.ALL))
            val e = assertFailsWith<SinchException.ApiException> {
                webhooks.create("https://example.com/dup", "s", listOf(WebhookTriggers.ALL))
            }
            assertEquals(409 to "webhook_exists", e.status to e.errorCode)
        }
    }
}
