package io.github.sinchcore.tests

import io.github.sinchcore.HttpOptions
import io.github.sinchcore.SinchException
import io.github.sinchcore.SinchLogging
import io.github.sinchcore.TextMessage
import io.github.sinchcore.all
import io.github.sinchcore.client.IndiaWhatsappClient
import io.github.sinchcore.client.LogLevel
import io.github.sinchcore.client.ProvisioningClient
import io.github.sinchcore.client.SinchAuth
import io.github.sinchcore.reason
import io.github.sinchcore.testing.SinchEmulator
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.parallel.Isolated
import java.time.Duration
import java.util.Base64
import java.util.Collections
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue

/**
 * Hostile servers and odd identifiers, as a Kotlin user meets them (scenarios "Hardening" in
 * tests/scenarios/README.md).
 */
@Isolated // installs the process-wide log sink
class HardeningTest : EmulatorTestBase() {
    private val oneSecond = HttpOptions(requestTimeout = Duration.ofSeconds(1))
    private val trickle = """{"kind":"trickle","interval_ms":200,"bytes":1000}"""
    private val logs: MutableList<String> = Collections.synchronizedList(mutableListOf())

    @AfterEach
    fun uninstall() = SinchLogging.uninstall()

    private fun shortOauth() = closeLater(
        SinchAuth.oauth(SinchEmulator.DEMO_KEY_ID, SinchEmulator.DEMO_KEY_SECRET, emulator.tokenUrl, http = oneSecond)
    )

    private fun shortIndiaAuth() = closeLater(
        SinchAuth.india(SinchEmulator.DEMO_USER, SinchEmulator.DEMO_PASSWORD, tokenUrl = emulator.keycloakTokenUrl, http = oneSecond)
    )

    private fun assertTimesOut(block: () -> Unit) {
        val started = System.nanoTime()
        assertFailsWith<SinchException.Timeout>(block = block)
        val took = Duration.ofNanos(System.nanoTime() - started)
        assertTrue(took < Duration.ofSeconds(5), "took $took")
    }

    @Test
    fun aTricklingBodyCannotHoldACallPastItsTimeout() {
        emulator.fault("""{"target":"token","count":1,"kind":$trickle}""")
        assertTimesOut { shortOauth().accessToken() }

        val webhooks = closeLater(
            closeLater(ProvisioningClient(PROJECT, shortOauth(), emulator.baseUrl, oneSecond)).webhooks()
        )
        webhooks.list() // the token is cached
        emulator.fault("""{"target":"api","count":1,"kind":$trickle}""")
        assertTimesOut { webhooks.list() }

        val india = closeLater(IndiaWhatsappClient(shortIndiaAuth(), sendUrl = emulator.indiaSendUrl, http = oneSecond))
        val message = TextMessage(to = "919876543210", body = "hello")
        india.sendText(message)
        emulator.fault("""{"target":"india","count":1,"kind":$trickle}""")
        assertTimesOut { india.sendText(message) }
    }

    @Test
    fun anIdentifierCannotChangeTheRequestPath() {
        val client = client()
        for (bad in listOf("", ".", "..", ".\n.", "\t..", "a\rb")) {
            val e = assertFailsWith<SinchException.InvalidConfig> { client.webhooks().use { it.delete(bad) } }
            assertTrue("webhook_id" in e.reason, e.reason)
            assertFailsWith<SinchException.InvalidConfig> { client.smsApps().use { it.get(bad) } }
        }
        assertEquals(0, emulator.counters().apiRequests, "nothing was sent")
    }

    @Test
    fun aRepeatingPageTokenEndsTheSequenceWithAProtocolError() {
        val body = """{\"webhooks\":[{\"id\":\"w1\",\"target\":\"https://x.example\",\"triggers\":[\"ALL\"]}],""" +
            """\"totalSize\":99,\"nextPageToken\":\"same-again\"}"""
        emulator.fault("""{"target":"api","count":100,"kind":{"kind":"status","status":200,"body":"$body"}}""")
        val seen = mutableListOf<String>()
        val e = assertFailsWith<SinchException.ProtocolException> {
            client().webhooks().use { hooks -> hooks.all(pageSize = 1).forEach { seen += it.id } }
        }
        assertTrue("listing webhooks" in e.reason, e.reason)
        assertEquals(listOf("w1", "w1"), seen)
    }

    @Test
    fun aPasswordInAUrlIsNeverQuoted() {
        val e = assertFailsWith<SinchException.InvalidConfig> {
            SinchAuth.oauth("k", "s", "http://user:SECRET@example.com/t")
        }
        assertFalse("SECRET" in e.reason || "SECRET" in e.toString(), e.toString())
        assertFailsWith<SinchException.InvalidConfig> { SinchAuth.basic("key:id", "secret") }
    }

    @Test
    fun serversEchoingCredentialsAreScrubbedFromErrorsAndLogs() {
        SinchLogging.install(LogLevel.TRACE) { level, target, text -> logs += "$level $target $text" }
        val basic = Base64.getEncoder().encodeToString("${SinchEmulator.DEMO_KEY_ID}:${SinchEmulator.DEMO_KEY_SECRET}".toByteArray())
        val secrets = mutableListOf(SinchEmulator.DEMO_KEY_SECRET, SinchEmulator.DEMO_PASSWORD, basic)
        val shown = mutableListOf<String>()

        // A key of its own: the rejection is remembered for that credential (no request storm).
        emulator.addKey("echo-key", "echo-key-secret-1")
        secrets += "echo-key-secret-1"
        emulator.fault("""{"target":"token","count":1,"kind":{"kind":"echo_credentials"}}""")
        val tokenError = assertFailsWith<SinchException.InvalidCredentials> {
            closeLater(SinchAuth.oauth("echo-key", "echo-key-secret-1", emulator.tokenUrl)).accessToken()
        }
        assertTrue("[redacted]" in tokenError.reason, tokenError.reason)
        shown += listOf(tokenError.reason, tokenError.toString())

        emulator.fault("""{"target":"keycloak","count":1,"kind":{"kind":"echo_credentials"}}""")
        val keycloakError = assertFailsWith<SinchException> { shortIndiaAuth().accessToken() }
        shown += listOf(keycloakError.reason, keycloakError.toString())

        val auth = shortOauth()
        secrets += auth.accessToken()
        val webhooks = closeLater(client(auth).webhooks())
        emulator.fault("""{"target":"api","count":1,"kind":{"kind":"echo_credentials","status":400}}""")
        val apiError = assertFailsWith<SinchException.ApiException> { webhooks.list() }
        assertTrue("[redacted]" in apiError.detail, apiError.detail)
        shown += listOf(apiError.reason, apiError.toString(), apiError.detail, apiError.resolution)

        for (text in shown + logs.toList()) {
            for (secret in secrets) assertFalse(secret in text, "a secret shows in: $text")
        }
    }
}
