package io.github.sinchcore.tests

import io.github.sinchcore.SinchException
import io.github.sinchcore.TemplateMedia
import io.github.sinchcore.TemplateMessage
import io.github.sinchcore.TextMessage
import io.github.sinchcore.client.IndiaWhatsappClient
import io.github.sinchcore.client.SinchAuth
import io.github.sinchcore.reason
import io.github.sinchcore.testing.SinchEmulator
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNotEquals
import kotlin.test.assertTrue

/** Sinch India: Keycloak token rules over a real clock, and the WhatsApp send client. */
class IndiaTest : EmulatorTestBase() {
    private fun india(password: String = SinchEmulator.DEMO_PASSWORD) =
        closeLater(SinchAuth.india(SinchEmulator.DEMO_USER, password, tokenUrl = emulator.keycloakTokenUrl))

    private fun sender(auth: SinchAuth = india()) =
        closeLater(IndiaWhatsappClient(auth, sendUrl = emulator.indiaSendUrl))

    private fun text(to: String) = TextMessage(to = to, body = "Your order has shipped", messageId = "order-42")

    /** Reads a token every 100 ms for [millis]; returns the distinct tokens seen. */
    private fun readFor(auth: SinchAuth, millis: Long): List<String> {
        val seen = linkedSetOf(auth.accessToken())
        val end = System.nanoTime() + millis * 1_000_000
        while (System.nanoTime() < end) {
            seen += auth.accessToken()
            Thread.sleep(100)
        }
        seen += auth.accessToken()
        return seen.toList()
    }

    @Test
    fun indiaRefreshPathOverARealClock() {
        // Access 6 s, refresh 3 s: at the soft refresh (3-3.8 s) the refresh token is dead, so the
        // cache logs in again with the password instead of a failing refresh.
        emulator.post("/_emulator/config", """{"keycloak_access_lifetime_secs":6,"keycloak_refresh_lifetime_secs":3}""")
        val tokens = readFor(india(), 4200)
        assertEquals(2, tokens.size, "one new token after the soft refresh time")
        val c = emulator.counters()
        assertEquals(2, c.keycloakPasswordGrants)
        assertEquals(0, c.keycloakRefreshGrants, "no refresh with a dead refresh token")
    }

    @Test
    fun indiaRefreshGrantRotatesTheRefreshToken() {
        emulator.post("/_emulator/config", """{"keycloak_access_lifetime_secs":4,"keycloak_refresh_lifetime_secs":60}""")
        val tokens = readFor(india(), 5000)
        val c = emulator.counters()
        // Each refresh used the newest refresh token: reusing a rotated one is refused ("Stale
        // token") and would have forced a password grant.
        assertEquals(1, c.keycloakPasswordGrants)
        assertTrue(c.keycloakRefreshGrants >= 1, "refresh grants: ${c.keycloakRefreshGrants}")
        assertEquals(1 + c.keycloakRefreshGrants.toInt(), tokens.size)
    }

    @Test
    fun indiaBadPasswordIsOneRequestThenRemembered() {
        val password = "wrong-password-77"
        val auth = india(password)
        val e = assertFailsWith<SinchException.InvalidCredentials> { auth.accessToken() }
        assertTrue(e.reason.contains(SinchEmulator.DEMO_USER) && e.reason.contains(emulator.keycloakTokenUrl), e.reason)
        repeat(10) {
            val again = assertFailsWith<SinchException.InvalidCredentials> { auth.accessToken() }
            assertEquals(e.reason, again.reason)
        }
        for (text in listOf(e.reason, e.toString(), e.message.orEmpty(), e.stackTraceToString())) {
            assertFalse(text.contains(password), text)
        }
        assertEquals(1, emulator.counters().keycloakPasswordGrants, "never retried: lockout risk")
    }

    @Test
    fun rateLimitedTokenEndpointRetriedAfterRetryAfter() {
        emulator.faultStatus("token", 429, retryAfter = "1")
        val started = System.nanoTime()
        assertTrue(oauth().accessToken().isNotEmpty())
        val elapsedMs = (System.nanoTime() - started) / 1_000_000
        assertTrue(elapsedMs >= 1000, "waited for Retry-After: $elapsedMs ms")
        assertEquals(2, emulator.counters().tokenRequests)
    }

    @Test
    fun indiaSendTextAndTemplate() {
        val client = sender()
        val sent = client.sendText(text("919876543210"))
        assertTrue(sent.responseId.isNotEmpty())
        val template = TemplateMessage(
            to = "919876543210",
            name = "order_update",
            languageCode = "en",
            bodyParameters = listOf("Alice"),
            headerMedia = TemplateMedia(kind = "document", link = "https://example.com/x.pdf", filename = "x.pdf"),
            urlButtonParameters = listOf("123456"),
        )
        val sent2 = client.sendTemplate(template)
        assertNotEquals(sent.responseId, sent2.responseId)
        val raw = client.sendRaw("""{"recipient_type":"individual","to":"919876543210","type":"text","text":{"body":"raw"}}""")
        assertTrue(raw.responseId.isNotEmpty())
        val c = emulator.counters()
        assertEquals(3, c.indiaSendRequests)
        assertEquals(1, c.keycloakPasswordGrants)
    }

    @Test
    fun indiaInvalidMsisdnIsTypedError() {
        val e = expectApi(400, "invalid_msisdn") { sender().sendText(text("+91-not-a-number")) }
        assertEquals("INVALID MSISDN", e.detail)
        assertEquals(e.reason, e.toString(), "toString() is the plain reason")
    }

    @Test
    fun indiaAny401GetsANewTokenAndOneRetry() {
        val client = sender()
        client.sendText(text("919876543210"))
        emulator.expireTokens()
        client.sendText(text("919876543210"))
        val c = emulator.counters()
        assertEquals(1, c.unauthorizedSent)
        assertEquals(3, c.indiaSendRequests)
        // The access token died but the refresh token lives: the refresh grant serves.
        assertEquals(2, c.keycloakPasswordGrants + c.keycloakRefreshGrants)
    }

    @Test
    fun india401TwiceIsInvalidCredentialsNotALoop() {
        val client = sender()
        emulator.faultStatus("india", 401, count = 5)
        assertFailsWith<SinchException.InvalidCredentials> { client.sendText(text("919876543210")) }
        assertEquals(2, emulator.counters().indiaSendRequests, "one retry, never a loop")
    }

    @Test
    fun tooLongTextIsRefusedBeforeSending() {
        assertFailsWith<SinchException.InvalidConfig> { sender().sendText(text("919876543210").copy(body = "x".repeat(4097))) }
        assertEquals(0, emulator.counters().indiaSendRequests)
    }
}
