package io.github.sinchcore.tests

import com.sun.net.httpserver.HttpServer
import io.github.sinchcore.CallbackEvent
import io.github.sinchcore.CallbackException
import io.github.sinchcore.CallbackHeaders
import io.github.sinchcore.CallbackPayload
import io.github.sinchcore.ReplayCacheBackend
import io.github.sinchcore.SinchException
import io.github.sinchcore.WebhookTriggers
import io.github.sinchcore.WhatsappSubmitMode
import io.github.sinchcore.WhatsappTemplateComponent
import io.github.sinchcore.WhatsappTemplateCreate
import io.github.sinchcore.client.CallbackVerifier
import io.github.sinchcore.client.ProvisioningClient
import io.github.sinchcore.client.ReplayCache
import io.github.sinchcore.reason
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test
import java.net.InetSocketAddress
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** One request a [Receiver] got: its headers, raw body, and the verifier's outcome. */
class Received(val headers: Map<String, List<String>>, val body: ByteArray, val outcome: Result<CallbackEvent>)

/**
 * A webhook target on a free loopback port (the JDK's HttpServer): verifies each POST, queues
 * the request and the outcome, and answers 200 for an event, the error's httpStatus() for a refusal, or 500 for
 * the first [failFirst] requests.
 */
class Receiver(verifier: CallbackVerifier, failFirst: Int = 0) : AutoCloseable {
    private val inbox = LinkedBlockingQueue<Received>()
    private val failures = AtomicInteger(failFirst)
    private val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
    val url: String

    init {
        server.createContext("/sinch/callbacks") { exchange ->
            try {
                val body = exchange.requestBody.readBytes()
                val headers = exchange.requestHeaders.mapValues { (_, v) -> v.toList() }
                val outcome = runCatching { verifier.verify(exchange.requestHeaders, body) }
                var status = when (val e = outcome.exceptionOrNull()) {
                    null -> 200
                    is CallbackException -> e.httpStatus()
                    else -> throw e
                }
                if (failures.getAndUpdate { n -> maxOf(n - 1, 0) } > 0) status = 500
                exchange.sendResponseHeaders(status, -1)
                inbox.put(Received(headers, body, outcome))
            } finally {
                exchange.close()
            }
        }
        server.start()
        url = "http://127.0.0.1:${server.address.port}/sinch/callbacks"
    }

    fun next(): Received = inbox.poll(15, TimeUnit.SECONDS) ?: throw AssertionError("no delivery within 15 s")

    override fun close() = server.stop(0)
}

class CallbacksTest : EmulatorTestBase() {
    private val receivers = ArrayList<Receiver>()

    @AfterEach
    fun stopReceivers() = receivers.forEach { it.close() }

    private fun receiver(vararg secrets: String, failFirst: Int = 0, cache: ReplayCache = ReplayCache.memory()) =
        Receiver(closeLater(CallbackVerifier(secrets.toList(), replayCache = cache)), failFirst).also { receivers += it }

    private fun register(c: ProvisioningClient, target: String, secret: String, vararg triggers: String): String =
        closeLater(c.webhooks()).create(target, secret, triggers.toList()).id

    private fun submitAndApprove(c: ProvisioningClient, name: String) {
        closeLater(c.whatsappTemplates()).create(
            WhatsappTemplateCreate(
                name, "EN_US", "UTILITY",
                listOf(WhatsappTemplateComponent.Body(text = "Order {{1}} shipped", examples = emptyList(), addSecurityRecommendation = null)),
                status = WhatsappSubmitMode.SUBMIT,
            ),
        )
        emulator.setWhatsappState(PROJECT, "template", "APPROVED", id = name)
    }

    @Test
    fun `an approved template is delivered, verified and typed`() {
        val c = client()
        val rx = receiver("whsec-approved")
        register(c, rx.url, "whsec-approved", WebhookTriggers.WHATSAPP_TEMPLATE_APPROVED)
        submitAndApprove(c, "order_shipped")
        val event = rx.next().outcome.getOrThrow()
        assertEquals(WebhookTriggers.WHATSAPP_TEMPLATE_APPROVED, event.trigger)
        val template = assertIs<CallbackPayload.WhatsappTemplate>(event.payload).template
        assertEquals(Triple("order_shipped", "APPROVED", "EN_US"), Triple(template.name, template.state, template.language))
        assertContains(event.payloadJson, "order_shipped")
        assertNull(event.comment)
        val delivery = emulator.settledDeliveries().single()
        assertEquals("delivered", delivery.status)
        assertEquals(listOf(200), delivery.attempts.map { it.status })
    }

    @Test
    fun `a tampered body is a bad signature`() {
        val rx = receiver("whsec-t")
        register(client(), rx.url, "whsec-t", "ALL")
        emulator.emitCallback(PROJECT, "BUNDLE_DONE", """{"id":"b1","state":"DONE"}""")
        val got = rx.next()
        assertTrue(got.outcome.isSuccess)
        val tampered = String(got.body).replace("b1", "b2").toByteArray()
        val e = assertFailsWith<CallbackException.BadSignature> {
            closeLater(CallbackVerifier(listOf("whsec-t"))).verify(got.headers, tampered)
        }
        assertFalse("whsec-t" in e.toString() || "whsec-t" in e.reason || "whsec-t" in e.message.orEmpty())
    }

    @Test
    fun `the same delivery replayed is refused`() {
        val rx = receiver("whsec-r")
        register(client(), rx.url, "whsec-r", "ALL")
        emulator.emitCallback(PROJECT, "BUNDLE_DONE", """{"id":"b1","state":"DONE"}""")
        assertTrue(rx.next().outcome.isSuccess)
        val delivery = emulator.settledDeliveries().single()
        assertEquals(409, emulator.replayDelivery(delivery.id), "ReplayedNonce")
        val e = assertIs<CallbackException.ReplayedNonce>(rx.next().outcome.exceptionOrNull())
        assertEquals(delivery.attempts[0].nonce, e.nonce)
    }

    @Test
    fun `a delivery ten minutes old is stale`() {
        emulator.callbackConfig(maxAttempts = 1, clockSkewSecs = -600)
        val c = client()
        val rx = receiver("whsec-s")
        register(c, rx.url, "whsec-s", WebhookTriggers.WHATSAPP_TEMPLATE_APPROVED)
        submitAndApprove(c, "late")
        val e = assertIs<CallbackException.StaleTimestamp>(rx.next().outcome.exceptionOrNull())
        assertTrue(e.skewSeconds in 600..605, e.toString())
        assertContains(e.reason, "old")
    }

    @Test
    fun `an unknown trigger is kept raw`() {
        val rx = receiver("whsec-u")
        register(client(), rx.url, "whsec-u", "ALL")
        assertEquals(1, emulator.emitCallback(PROJECT, "WHATSAPP_FUTURE_THING", """{"x":[1,2]}""", comment = "note"))
        val event = rx.next().outcome.getOrThrow()
        assertEquals("WHATSAPP_FUTURE_THING", event.trigger)
        assertFalse(WebhookTriggers.isKnown(event.trigger))
        assertEquals(CallbackPayload.Other, event.payload)
        assertEquals("""{"x":[1,2]}""", event.payloadJson)
        assertEquals("note", event.comment)
    }

    @Test
    fun `a rotated secret, old and new, are both accepted`() {
        val c = client()
        val rx = receiver("whsec-old", "whsec-new")
        val id = register(c, rx.url, "whsec-old", "ALL")
        emulator.emitCallback(PROJECT, "BUNDLE_DONE")
        assertTrue(rx.next().outcome.isSuccess)
        closeLater(c.webhooks()).update(id, secret = "whsec-new")
        emulator.emitCallback(PROJECT, "BUNDLE_DONE")
        val got = rx.next()
        assertTrue(got.outcome.isSuccess)
        assertFailsWith<CallbackException.BadSignature> {
            closeLater(CallbackVerifier(listOf("whsec-old"))).verify(got.headers, got.body)
        }
    }

    @Test
    fun `a failed delivery is retried and the attempts are listed`() {
        emulator.callbackConfig(maxAttempts = 3, backoffMs = 10)
        val rx = receiver("whsec-retry", failFirst = 1)
        register(client(), rx.url, "whsec-retry", "ALL")
        emulator.emitCallback(PROJECT, "BUNDLE_DONE")
        assertTrue(rx.next().outcome.isSuccess)
        assertTrue(rx.next().outcome.isSuccess)
        val delivery = emulator.settledDeliveries().single()
        assertEquals("delivered", delivery.status)
        assertEquals(listOf(500, 200), delivery.attempts.map { it.status })
    }

    @Test
    fun `single-valued headers, any name case`() {
        val body = """{"type":"BUNDLE_DONE","payload":{}}""".toByteArray()
        val now = System.currentTimeMillis() / 1000
        val signed = CallbackHeaders.sign("k", body, "n-single", now).mapKeys { it.key.uppercase() }
        val verifier = closeLater(CallbackVerifier(listOf("k"), replayCache = ReplayCache.memory()))
        assertEquals("n-single", verifier.verify(CallbackHeaders.of(signed), body).nonce)
        val e = assertFailsWith<CallbackException.MissingHeader> { verifier.verify(emptyMap(), body) }
        assertEquals("x-sinch-webhook-signature", e.header)
    }

    @Test
    fun `secrets never show`() {
        val verifier = closeLater(CallbackVerifier(listOf("whsec-hidden-value")))
        assertFalse("whsec-hidden-value" in verifier.toString(), verifier.toString())
        val rx = receiver("whsec-wrong")
        register(client(), rx.url, "whsec-hidden-value", "ALL")
        emulator.emitCallback(PROJECT, "WHATSAPP_SENDER_ACTIVE", """{"id":"s1","bearerToken":"bt1"}""")
        val e = assertIs<CallbackException.BadSignature>(rx.next().outcome.exceptionOrNull())
        assertFalse("whsec" in e.toString() + e.message)
        assertFalse("whsec-hidden-value" in emulator.deliveriesJson())
        assertFailsWith<SinchException.InvalidConfig> { CallbackVerifier(listOf("")) }
    }

    @Test
    fun `a foreign replay cache is used`() {
        val keys = ConcurrentHashMap<String, Long>()
        val backend = object : ReplayCacheBackend {
            override fun insertNew(key: String, ttlMs: Long): Boolean = keys.putIfAbsent(key, ttlMs) == null
        }
        val verifier = closeLater(CallbackVerifier(listOf("k"), replayCache = ReplayCache.foreign(backend)))
        val body = """{"type":"BUNDLE_DONE","payload":{}}""".toByteArray()
        val headers = CallbackHeaders.of(CallbackHeaders.sign("k", body, "n-foreign", System.currentTimeMillis() / 1000))
        val event = verifier.verify(headers, body)
        assertIs<CallbackPayload.Other>(event.payload) // `{}` is not a bundle
        assertEquals(1, keys.size)
        assertTrue(keys.values.single() in 1..301_000)
        assertFailsWith<CallbackException.ReplayedNonce> { verifier.verify(headers, body) }
    }
}
