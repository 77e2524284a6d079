package io.github.sinchcore.tests

// Star imports of both generated packages, as an application would write them: this file
// compiling is part of the test (both packages declare `use`, `Disposable`, `RustBuffer`...).
import io.github.sinchcore.*
import io.github.sinchcore.client.*
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertTrue

/** What the generated API looks like from Kotlin; no emulator needed. */
class ErgonomicsTest {
    @Test
    fun thePythonOnlyPageMethodsAreNotPartOfTheJvmApi() {
        // `listPickled` / `nextPagePickled` exist only in the Python build (feature `python`).
        val classes = listOf(Webhooks::class.java, WhatsappTemplates::class.java, WebhookPager::class.java, BundlePager::class.java)
        for (cls in classes) {
            val names = cls.methods.map { it.name }
            assertTrue("list" in names || "nextPage" in names, "$cls has its list methods")
            assertTrue(names.none { it.contains("ickled") }, "$cls: $names")
        }
    }

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
            // Every sub-client and every pager is AutoCloseable (pagers are opened lazily, so
            // building one sends nothing: the port above is closed).
            val closeables: List<AutoCloseable> = listOf(
                client.webhooks(), client.webhooks().pages(),
                client.smsApps(), client.smsApps().pages(),
                client.bundles(), client.bundles().pages(),
                client.kakaotalkSenders(), client.kakaotalkSenders().pages(),
                client.rcsSenders(), client.rcsSenders().pages(),
                client.whatsappAccount(), client.whatsappSolutions(),
                client.whatsappSenders(), client.whatsappSenders().pages(),
                client.whatsappTemplates(), client.whatsappTemplates().pages(),
                client.whatsappFlows(), client.whatsappFlows().pages(),
            )
            closeables.forEach { it.close() }
        }
        TokenStore.memory().use { store ->
            assertIs<AutoCloseable>(store)
            SinchAuth.india("user", "password", tokenUrl = "http://127.0.0.1:9/token", store = store).use { india ->
                IndiaWhatsappClient(india, sendUrl = "http://127.0.0.1:9/send").use { assertIs<AutoCloseable>(it) }
            }
        }
    }

    @Test
    fun oneSealedExceptionTypeWithAPlainReason() {
        val e: SinchException = assertFailsWith<SinchException> {
            SinchAuth.oauth("", "key-secret", null)
        }
        assertIs<SinchException.InvalidConfig>(e)
        assertIs<Exception>(e)
        assertEquals("config", kindOf(e))
        assertTrue(e.reason.isNotBlank())
        assertEquals(e.reason, e.toString(), "toString() is Rust's Display: the plain reason")
        assertEquals("Failed: ${e.reason}", "Failed: $e")
        assertEquals("reason=${e.reason}", e.message) // generated format; use `reason` or toString()
    }

    @Test
    fun triggersAreStrings() {
        val t: WebhookTrigger = WebhookTriggers.WHATSAPP_SENDER_ACTIVE
        assertEquals("WHATSAPP_SENDER_ACTIVE", t)
        val w = Webhook("id", "p", "https://example.com", listOf(WebhookTriggers.ALL, "NOT_YET_KNOWN"))
        assertEquals(listOf("ALL", "NOT_YET_KNOWN"), w.triggers)
        assertTrue(WebhookTriggers.isKnown(WebhookTriggers.ALL))
        assertFalse(WebhookTriggers.isKnown("NOT_YET_KNOWN"))
    }

    @Test
    fun triggerConstantsMatchWhatRustKnows() {
        // The list is Rust's; the constants are a convenience and must name exactly that list.
        val constants = WebhookTriggers::class.java.declaredFields
            .filter { java.lang.reflect.Modifier.isStatic(it.modifiers) && it.type == String::class.java }
            .map { it.get(null) as String }
            .toSet()
        assertEquals(knownWebhookTriggers().toSet(), constants)
        assertEquals(knownWebhookTriggers(), WebhookTriggers.known)
    }

    @Test
    fun versionIsExported() {
        assertTrue(Regex("""\d+\.\d+\.\d+.*""").matches(sinchCoreVersion()), sinchCoreVersion())
    }

    @Test
    fun userAgentNamesTheRuntimeOnTheJvmAndOnAndroid() {
        assertEquals("kotlin/2.4.21 jvm/17.0.15", userAgentPlatform("2.4.21", "OpenJDK 64-Bit Server VM", "17.0.15") { error("not Android") })
        // ART: java.vm.name is Dalvik and java.version is "0"; the API level says more.
        assertEquals("kotlin/2.4.21 android/35", userAgentPlatform("2.4.21", "Dalvik", "0") { 35 })
        assertEquals("kotlin/2.4.21 android/unknown", userAgentPlatform("2.4.21", "Dalvik", "0") { throw ClassNotFoundException() })
    }

    /** An exhaustive `when` over the sealed hierarchy compiles without `else`. */
    private fun kindOf(e: SinchException): String = when (e) {
        is SinchException.InvalidConfig -> "config"
        is SinchException.InvalidCredentials, is SinchException.RefreshExpired -> "credentials"
        is SinchException.RateLimited, is SinchException.ServiceUnavailable,
        is SinchException.NetworkException, is SinchException.Timeout -> "transient"
        is SinchException.ApiException -> "api"
        is SinchException.ProtocolException, is SinchException.StoreException, is SinchException.InternalException -> "bug"
    }
}
