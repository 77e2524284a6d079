package io.github.sinchcore.tests

import io.github.sinchcore.SinchException
import io.github.sinchcore.Webhook
import io.github.sinchcore.WebhookTriggers
import io.github.sinchcore.all
import io.github.sinchcore.client.ProvisioningClient
import io.github.sinchcore.client.SinchAuth
import io.github.sinchcore.reason
import io.github.sinchcore.testing.SinchEmulator
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import java.util.concurrent.CyclicBarrier
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNotEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * The cross-language scenarios (same names as the Python and Rust suites), against a fresh local
 * emulator per test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SinchCoreTest {
    private lateinit var emulator: SinchEmulator

    @BeforeEach
    fun start() {
        emulator = SinchEmulator.start()
    }

    @AfterEach
    fun stop() {
        emulator.close()
    }

    private fun auth(keyId: String = SinchEmulator.DEMO_KEY_ID, secret: String = SinchEmulator.DEMO_KEY_SECRET) =
        SinchAuth.oauth(keyId, secret, emulator.tokenUrl)

    private fun client(auth: SinchAuth, projectId: String = PROJECT) =
        ProvisioningClient(projectId, auth, emulator.baseUrl)

    /** Runs [block] with the webhooks of a client on the demo key; everything closed after. */
    private fun <R> withWebhooks(block: (io.github.sinchcore.client.Webhooks) -> R): R =
        auth().use { auth -> client(auth).use { client -> client.webhooks().use(block) } }

    @Test
    fun hundredReadsOneTokenRequest() {
        withWebhooks { webhooks -> repeat(100) { webhooks.list() } }
        val c = emulator.counters()
        assertEquals(1, c.tokenRequests)
        assertEquals(100, c.apiRequests)
    }

    @Test
    fun statsCountWhatTheCacheDid() {
        auth().use { auth ->
            repeat(100) { auth.accessToken() }
            var s = auth.stats()
            assertEquals(Triple(1L, 99L, 0L), Triple(s.fetches, s.cacheHits, s.fetchFailures))
            emulator.expireTokens() // one 401, one invalidation, one new token
            client(auth).use { c -> c.webhooks().use { it.list() } }
            s = auth.stats()
            assertEquals(2L to 1L, s.fetches to s.invalidations)
        }
        auth(secret = "wrong-secret-for-stats").use { wrong ->
            repeat(3) { assertFailsWith<SinchException.InvalidCredentials> { wrong.accessToken() } }
            val s = wrong.stats()
            assertEquals(Triple(1L, 1L, 2L), Triple(s.fetches, s.fetchFailures, s.negativeHits))
        }
    }

    @Test
    fun coldThreadsOneTokenRequest() {
        val threads = 32
        val barrier = CyclicBarrier(threads)
        val pool = Executors.newFixedThreadPool(threads)
        try {
            withWebhooks { webhooks ->
                val results = (1..threads).map {
                    pool.submit<Int> {
                        barrier.await(10, TimeUnit.SECONDS)
                        webhooks.list().webhooks.size
                    }
                }
                results.forEach { it.get(30, TimeUnit.SECONDS) }
            }
        } finally {
            pool.shutdownNow()
        }
        val c = emulator.counters()
        assertEquals(1, c.tokenRequests)
        assertEquals(threads.toLong(), c.apiRequests)
    }

    @Test
    fun refreshAheadNeverShows401() {
        emulator.setTokenLifetime(3)
        auth().use { auth ->
            client(auth).use { client ->
                client.webhooks().use { webhooks ->
                    val end = System.nanoTime() + 8_000_000_000L
                    while (System.nanoTime() < end) {
                        auth.accessToken()
                        webhooks.list()
                        Thread.sleep(50)
                    }
                }
            }
        }
        val c = emulator.counters()
        assertEquals(0, c.expired401Sent)
        assertEquals(0, c.unauthorizedSent)
        assertTrue(c.tokenRequests >= 2, "expected at least 2 token requests, got ${c.tokenRequests}")
    }

    @Test
    fun expiredTokenRetriedOnce() {
        withWebhooks { webhooks ->
            webhooks.list()
            assertEquals(1, emulator.counters().tokenRequests)
            emulator.expireTokens()
            webhooks.list()
        }
        val c = emulator.counters()
        assertEquals(2, c.tokenRequests)
        assertEquals(1, c.expired401Sent)
        assertEquals(3, c.apiRequests)
    }

    @Test
    fun wrongSecretIsInvalidCredentials() {
        val secret = "wrong-secret-9f8e7d"
        val e = auth(secret = secret).use { auth ->
            assertFailsWith<SinchException.InvalidCredentials> { auth.accessToken() }
        }
        // Caught through the sealed base type too, with a readable sentence.
        val asBase: SinchException = e
        assertTrue(asBase.reason.contains(SinchEmulator.DEMO_KEY_ID), asBase.reason)
        assertTrue(asBase.reason.contains(emulator.tokenUrl), asBase.reason)
        for (text in listOf(e.reason, e.message.orEmpty(), e.toString(), e.stackTraceToString())) {
            assertFalse(text.contains(secret), text)
        }
        assertEquals("reason=${e.reason}", e.message) // the generated format, see Errors.kt
    }

    @Test
    fun secretsNeverPrinted() {
        val webhookSecret = "whsec-do-not-print-4242"
        val badSecret = "not-the-secret-1357"
        auth().use { auth ->
            client(auth).use { client ->
                client.webhooks().use { webhooks ->
                    val token = auth.accessToken()
                    assertTrue(token.isNotEmpty())
                    val created = webhooks.create("https://example.com/hooks/a", webhookSecret, listOf(WebhookTriggers.ALL))
                    val page = webhooks.list()
                    val pager = webhooks.pages(2)
                    val failure = auth(secret = badSecret).use { bad ->
                        assertFailsWith<SinchException.InvalidCredentials> { bad.accessToken() }
                    }
                    val texts = listOf(
                        auth.toString(), auth.describe(), client.toString(), webhooks.toString(),
                        pager.toString(), created.toString(), page.toString(),
                        failure.toString(), failure.message.orEmpty(), failure.stackTraceToString(),
                    )
                    pager.close()
                    for (text in texts) {
                        for (secret in listOf(SinchEmulator.DEMO_KEY_SECRET, badSecret, webhookSecret, token)) {
                            assertFalse(text.contains(secret), "'$text' shows a secret")
                        }
                    }
                    assertTrue(auth.toString().contains(SinchEmulator.DEMO_KEY_ID), auth.toString())
                }
            }
        }
    }

    @Test
    fun sameCredentialsShareOneToken() {
        val first = auth()
        val second = auth()
        first.use { a ->
            second.use { b ->
                client(a).use { ca -> client(b, "other-project").use { cb ->
                    ca.webhooks().use { it.list() }
                    cb.webhooks().use { it.list() }
                } }
                assertEquals(a.accessToken(), b.accessToken())
            }
        }
        val c = emulator.counters()
        assertEquals(1, c.tokenRequests)
        assertEquals(2, c.apiRequests)
    }

    @Test
    fun differentCredentialsSeparateTokens() {
        emulator.addKey("second-key-id", "second-key-secret")
        auth().use { a ->
            auth("second-key-id", "second-key-secret").use { b ->
                client(a).use { ca -> ca.webhooks().use { it.list() } }
                client(b).use { cb -> cb.webhooks().use { it.list() } }
                assertNotEquals(a.accessToken(), b.accessToken())
            }
        }
        val c = emulator.counters()
        assertEquals(2, c.tokenRequests)
        assertEquals(mapOf(SinchEmulator.DEMO_KEY_ID to 1L, "second-key-id" to 1L), c.tokenRequestsByKey)
    }

    @Test
    fun plainHttpIsInvalidConfig() {
        val e = assertFailsWith<SinchException.InvalidConfig> {
            SinchAuth.oauth(SinchEmulator.DEMO_KEY_ID, SinchEmulator.DEMO_KEY_SECRET, "http://auth.example.com/oauth2/token")
        }
        assertTrue(e.reason.contains("http://auth.example.com/oauth2/token"), e.reason)
        auth().use { auth ->
            assertFailsWith<SinchException.InvalidConfig> {
                ProvisioningClient(PROJECT, auth, "http://provisioning.example.com")
            }
        }
        // Loopback http (the emulator) is allowed; nothing reached the network above.
        assertEquals(0, emulator.counters().tokenRequests)
    }

    @Test
    fun webhooksCrudRoundTrip() {
        withWebhooks { webhooks ->
            val created = webhooks.create("https://example.com/hooks/crud", "secret-one",
                listOf(WebhookTriggers.WHATSAPP_SENDER_ACTIVE, WebhookTriggers.BUNDLE_DONE))
            assertEquals("https://example.com/hooks/crud", created.target)
            assertEquals(PROJECT, created.projectId)
            assertEquals(setOf("WHATSAPP_SENDER_ACTIVE", "BUNDLE_DONE"), created.triggers.toSet())

            assertEquals(created, webhooks.get(created.id))

            val replaced = webhooks.replace(created.id, "https://example.com/hooks/replaced", "secret-two",
                listOf(WebhookTriggers.ALL))
            assertEquals(Webhook(created.id, PROJECT, "https://example.com/hooks/replaced", listOf("ALL")), replaced)

            val updated = webhooks.update(created.id, target = "https://example.com/hooks/updated")
            assertEquals("https://example.com/hooks/updated", updated.target)
            assertEquals(listOf("ALL"), updated.triggers) // PATCH keeps what it was not given

            val page = webhooks.list()
            assertEquals(listOf(updated), page.webhooks)
            assertEquals(1L, page.totalSize)
            assertNull(page.nextPageToken)

            webhooks.delete(created.id)
            val e = assertFailsWith<SinchException.ApiException> { webhooks.get(created.id) }
            assertEquals(404, e.status)
            assertEquals("webhook_not_found", e.errorCode)
            assertTrue(e.reason.isNotBlank())
            assertEquals(0, webhooks.list().webhooks.size)
        }
    }

    @Test
    fun webhooksPagination() {
        withWebhooks { webhooks ->
            val targets = (1..15).map { "https://example.com/hooks/%02d".format(it) }
            for (t in targets) webhooks.create(t, "s3cret", listOf(WebhookTriggers.ALL))
            val before = emulator.counters().apiRequests

            var pages = 0
            webhooks.pages(4).use { pager ->
                while (true) {
                    val page = pager.nextPage() ?: break
                    pages++
                    assertTrue(page.webhooks.size <= 4)
                }
            }
            assertEquals(4, pages)
            assertEquals(before + 4, emulator.counters().apiRequests)

            val all = webhooks.all(4)
            assertEquals(before + 4, emulator.counters().apiRequests, "the sequence is lazy")
            assertEquals(targets, all.map { it.target }.toList())
            assertEquals(before + 8, emulator.counters().apiRequests)
            assertEquals(4, all.take(4).count()) // a fresh pass, stopped after the first page
            assertEquals(targets.take(5), webhooks.all().take(5).map { it.target }.toList())
        }
    }

    @Test
    fun duplicateWebhookIsTypedApiError() {
        withWebhooks { webhooks ->
            webhooks.create("https://example.com/hooks/dup", "s1", listOf(WebhookTriggers.ALL))
            val e = assertFailsWith<SinchException.ApiException> {
                webhooks.create("https://example.com/hooks/dup", "s2", listOf(WebhookTriggers.ALL))
            }
            assertEquals(409, e.status)
            assertEquals("webhook_exists", e.errorCode)
            assertTrue(e.detail.isNotBlank())
            assertTrue(e.resolution.isNotBlank())
            assertTrue(e.reason.isNotBlank())
        }
    }

    @Test
    fun unknownTriggerIsKept() {
        withWebhooks { webhooks ->
            val future = "SOME_TRIGGER_FROM_THE_FUTURE"
            val created = webhooks.create("https://example.com/hooks/future", "s", listOf(future, WebhookTriggers.BUNDLE_DONE))
            assertEquals(listOf(future, WebhookTriggers.BUNDLE_DONE), created.triggers)
            assertEquals(created.triggers, webhooks.get(created.id).triggers)
            assertEquals(created.triggers, webhooks.list().webhooks.single().triggers)
        }
    }

    companion object {
        const val PROJECT = "kotlin-test-project"
    }
}
