package io.github.sinchcore.tests

import io.github.sinchcore.SinchException
import io.github.sinchcore.TextMessage
import io.github.sinchcore.Webhook
import io.github.sinchcore.WebhookTriggers
import io.github.sinchcore.WhatsappTemplateFilter
import io.github.sinchcore.client.AsyncIndiaWhatsappClient
import io.github.sinchcore.client.AsyncProvisioningClient
import io.github.sinchcore.client.Disposable
import io.github.sinchcore.client.IndiaWhatsappClient
import io.github.sinchcore.client.ProvisioningClient
import io.github.sinchcore.client.SinchAuth
import io.github.sinchcore.itemFlow
import io.github.sinchcore.pageFlow
import io.github.sinchcore.reason
import io.github.sinchcore.testing.SinchEmulator
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.count
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Test
import java.lang.reflect.Method
import java.lang.reflect.Modifier
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlin.coroutines.Continuation
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlin.time.Duration.Companion.seconds

/**
 * The coroutine API (the `Async…` twins, `accessTokenAsync`, the Flow helpers): the async
 * scenarios of core/tests/async_api.rs, plus main-safety and the suspend surface itself.
 * Tokens are compared, never printed.
 */
class AsyncTest : EmulatorTestBase() {
    private fun asyncClient(auth: SinchAuth = oauth()) =
        closeLater(AsyncProvisioningClient(PROJECT, auth, emulator.baseUrl))

    /** A test body as a coroutine, bounded inside the class's 60 s timeout. */
    private fun runAsync(block: suspend CoroutineScope.() -> Unit) =
        runBlocking { withTimeout(45.seconds) { block() } }

    @Test
    fun asyncAndSyncColdStartOneTokenRequest() {
        val auth = oauth()
        // The token endpoint is slow, so every caller arrives while the one fetch is in flight.
        emulator.faultDelay("token", 300)
        val start = CountDownLatch(1)
        val threads = Executors.newFixedThreadPool(16)
        try {
            val threaded = (1..16).map {
                threads.submit<String> {
                    check(start.await(10, TimeUnit.SECONDS))
                    auth.accessToken()
                }
            }
            runAsync {
                val gate = CompletableDeferred<Unit>()
                val coroutines = (1..64).map {
                    async(Dispatchers.Default) {
                        gate.await()
                        auth.accessTokenAsync()
                    }
                }
                start.countDown()
                gate.complete(Unit)
                val tokens = coroutines.awaitAll() + threaded.map { it.get(30, TimeUnit.SECONDS) }
                assertEquals(80, tokens.size)
                assertEquals(1, tokens.toSet().size, "every caller got the same token")
            }
        } finally {
            threads.shutdownNow()
        }
        assertEquals(1, emulator.counters().tokenRequests)
        assertEquals(1L, auth.stats().fetches)
    }

    @Test
    fun asyncExpiredTokenRetriedOnce() = runAsync {
        asyncClient().webhooks().use { webhooks ->
            webhooks.list()
            emulator.expireTokens()
            webhooks.list()
        }
        val c = emulator.counters()
        assertEquals(2L to 1L, c.tokenRequests to c.expired401Sent)
        assertEquals(3, c.apiRequests, "the list, the 401, the one retry")
    }

    @Test
    fun asyncBadCredentialsNegativeCache() = runAsync {
        val secret = "wrong-secret-async-5150"
        val auth = oauth(secret = secret)
        repeat(5) {
            val e = assertFailsWith<SinchException.InvalidCredentials> { auth.accessTokenAsync() }
            assertTrue(e.reason.contains(SinchEmulator.DEMO_KEY_ID), e.reason)
            for (text in listOf(e.reason, e.toString(), e.message.orEmpty(), e.stackTraceToString())) {
                assertFalse(text.contains(secret), "an error text shows the secret")
            }
        }
        assertEquals(1, emulator.counters().tokenRequests, "one request, then remembered")
        val s = auth.stats()
        assertEquals(1L to 4L, s.fetchFailures to s.negativeHits)
    }

    @Test
    fun asyncPagination() = runAsync {
        asyncClient().webhooks().use { webhooks ->
            val targets = (1..15).map { "https://example.com/hooks/%02d".format(it) }
            for (t in targets) webhooks.create(t, "whsec-async-do-not-print", listOf(WebhookTriggers.ALL))
            val before = emulator.counters().apiRequests
            fun sent() = emulator.counters().apiRequests - before

            val pages = webhooks.pageFlow(pageSize = 4)
            assertEquals(0, sent(), "a flow is cold: nothing is sent until it is collected")
            assertEquals(listOf(4, 4, 4, 3), pages.map { it.webhooks.size }.toList())
            assertEquals(4, sent(), "one request per page")

            assertEquals(targets, webhooks.itemFlow(pageSize = 4).map { it.target }.toList())
            assertEquals(8, sent(), "collecting again starts over")
            assertEquals(targets.take(5), webhooks.itemFlow(pageSize = 4).take(5).map { it.target }.toList())
            assertEquals(10, sent(), "take(5) stops after the second page")

            assertFailsWith<SinchException.InvalidConfig> { webhooks.pageFlow(pageSize = 0).first() }
            assertEquals(10, sent(), "a refused page size sends nothing")
        }
    }

    @Test
    fun asyncCancelledWaitersLeaveTheCacheConsistent() = runAsync {
        val auth = oauth()
        emulator.faultDelay("token", 800)
        // Half the callers give up while the one token request is in flight.
        val impatient = (1..8).map {
            async(Dispatchers.Default) {
                try {
                    withTimeout(100) { auth.accessTokenAsync() }
                    false
                } catch (e: TimeoutCancellationException) {
                    true
                }
            }
        }
        val patient = (1..8).map { async(Dispatchers.Default) { auth.accessTokenAsync() } }
        assertEquals(8, impatient.awaitAll().count { it }, "every impatient caller timed out")
        assertTrue(patient.none { it.isCompleted }, "a cancelled caller stops waiting at once")
        val kept = patient.awaitAll()
        assertEquals(1, kept.toSet().size, "the patient callers share one token")
        assertTrue(auth.accessTokenAsync() == kept[0], "the next call is served from the cache")
        assertTrue(auth.accessToken() == kept[0], "and so is a blocking caller")
        assertEquals(1, emulator.counters().tokenRequests)
        assertEquals(1L, auth.stats().fetches)
    }

    @Test
    fun hundredConcurrentSuspendCallsOnOneThreadOverlap() {
        // A blocking call would stall the thread for the whole delay, once per call; long enough
        // that a loaded machine's scheduling hiccups (up to 566 ms seen) stay below it.
        val delayMs = 1000L
        val auth = oauth()
        auth.accessToken() // the token is not what this test is about
        val webhooks = closeLater(asyncClient(auth).webhooks())
        emulator.faultDelay("api", delayMs, count = 100)
        Executors.newSingleThreadExecutor().asCoroutineDispatcher().use { oneThread ->
            runAsync {
                withContext(oneThread) {
                    val thread = Thread.currentThread()
                    // Only touched on `oneThread`: a blocked thread shows as a long gap here.
                    val gaps = mutableListOf<Long>()
                    val ticker = launch {
                        var last = System.nanoTime()
                        while (true) {
                            delay(10)
                            val now = System.nanoTime()
                            gaps += (now - last) / 1_000_000
                            last = now
                        }
                    }
                    val started = System.nanoTime()
                    val pages = (1..100).map {
                        async {
                            webhooks.list().also { check(Thread.currentThread() === thread) }
                        }
                    }.awaitAll()
                    val wallMs = (System.nanoTime() - started) / 1_000_000
                    ticker.cancelAndJoin()

                    assertEquals(100, pages.size)
                    assertEquals(100, emulator.counters().apiRequests, "each call was one delayed request")
                    assertTrue(wallMs >= delayMs, "the calls waited for the delayed API: $wallMs ms")
                    // One after another they would take 100 × delay; overlapping, a few × delay.
                    assertTrue(wallMs < 25 * delayMs, "the calls did not overlap: $wallMs ms")
                    assertTrue(gaps.size >= 5, "the ticker was starved: ${gaps.size} ticks in $wallMs ms")
                    assertTrue(gaps.max() < delayMs, "the dispatcher thread was blocked for ${gaps.max()} ms")
                }
            }
        }
    }

    @Test
    fun everyOperationHasASuspendForm() {
        val checked = mutableListOf<String>()
        for (sync in reachableObjects(ProvisioningClient::class.java, IndiaWhatsappClient::class.java)) {
            val name = sync.simpleName
            val syncMethods = exported(interfaceOf(sync))
            val twin = Class.forName("io.github.sinchcore.client.Async$name")
            val twinMethods = exported(interfaceOf(twin))
            assertEquals(syncMethods.keys, twinMethods.keys, "Async$name has the methods of $name")
            for ((method, s) in syncMethods) {
                val a = twinMethods.getValue(method)
                val where = "Async$name.$method"
                if (isObject(s.returnType)) {
                    // Making a sub-client or a pager does no I/O: plain, returning the async twin.
                    assertEquals(s.parameterTypes.toList(), a.parameterTypes.toList(), where)
                    assertEquals("Async${s.returnType.simpleName}", a.returnType.simpleName, where)
                } else if (method in noIo[name].orEmpty()) {
                    assertEquals(s.parameterTypes.toList(), a.parameterTypes.toList(), where)
                } else {
                    assertEquals(s.parameterTypes.toList() + Continuation::class.java, a.parameterTypes.toList(),
                        "$where is a suspend fun with the parameters of $name.$method")
                }
            }
            checked += name
        }
        for (expected in listOf("Webhooks", "WebhookPager", "KakaoTalkTemplates", "WhatsappAccounts", "IndiaWhatsappClient")) {
            assertTrue(expected in checked, "$expected was not reached: $checked")
        }
        val token = SinchAuth::class.java.getMethod("accessTokenAsync", Continuation::class.java)
        assertEquals(Any::class.java, token.returnType, "SinchAuth.accessTokenAsync is a suspend fun")
    }

    @Test
    fun everyPagedFamilyHasFlows() = runAsync {
        val paged = reachableObjects(ProvisioningClient::class.java).filter { "pages" in exported(interfaceOf(it)) }
        assertTrue(paged.size >= 9, "paged families found: $paged")
        val helpers = Class.forName("io.github.sinchcore.AsyncPaging").methods.filter { Modifier.isStatic(it.modifiers) }
        for (family in paged) {
            val twin = Class.forName("io.github.sinchcore.client.Async${family.simpleName}")
            for (name in listOf("pageFlow", "itemFlow")) {
                assertTrue(helpers.any { it.name == name && it.parameterTypes.firstOrNull() == twin },
                    "Async${family.simpleName}.$name is missing")
            }
        }

        // The filter reaches Rust: only the matching templates, page after page.
        emulator.seedWhatsappTemplates(PROJECT, 7, prefix = "flow_")
        emulator.seedWhatsappTemplates(PROJECT, 2, prefix = "other_")
        asyncClient().whatsappTemplates().use { templates ->
            val filter = WhatsappTemplateFilter(namePrefix = "flow_")
            val names = templates.itemFlow(pageSize = 3, filter = filter).map { it.name }.toList()
            assertEquals((0 until 7).map { "flow_%05d".format(it) }, names)
            assertEquals(3, templates.pageFlow(pageSize = 3, filter = filter).count())
        }
    }

    @Test
    fun asyncWebhooksCrudRoundTrip() = runAsync {
        val closed = asyncClient().use { client ->
            client.webhooks().use { webhooks ->
                val created = webhooks.create("https://example.com/hooks/crud", "secret-one",
                    listOf(WebhookTriggers.WHATSAPP_SENDER_ACTIVE, WebhookTriggers.BUNDLE_DONE))
                assertEquals(PROJECT, created.projectId)
                assertEquals(created, webhooks.get(created.id))

                val replaced = webhooks.replace(created.id, "https://example.com/hooks/replaced", "secret-two",
                    listOf(WebhookTriggers.ALL))
                assertEquals(Webhook(created.id, PROJECT, "https://example.com/hooks/replaced", listOf("ALL")), replaced)
                val updated = webhooks.update(created.id, target = "https://example.com/hooks/updated")
                assertEquals(listOf("ALL"), updated.triggers, "PATCH keeps what it was not given")

                val page = webhooks.list()
                assertEquals(listOf(updated), page.webhooks)
                assertNull(page.nextPageToken)

                webhooks.delete(created.id)
                val e = expectApi(404, "webhook_not_found") { webhooks.get(created.id) }
                assertTrue(e.reason.isNotBlank())
                assertEquals(0, webhooks.list().webhooks.size)
                webhooks
            }
        }
        assertFailsWith<IllegalStateException>("a closed object refuses calls") { closed.list() }
    }

    @Test
    fun closingWhileACallIsInFlightIsSafe() = runAsync {
        val webhooks = asyncClient().webhooks()
        emulator.faultDelay("api", 300)
        // Undispatched: runs until the call is under way in Rust, then comes back here.
        val inFlight = async(start = CoroutineStart.UNDISPATCHED) { webhooks.list() }
        webhooks.close()
        assertEquals(0, inFlight.await().webhooks.size, "the call in flight finishes normally")
        assertFailsWith<IllegalStateException> { webhooks.list() }
    }

    @Test
    fun asyncIndiaSendText() = runAsync {
        val india = closeLater(SinchAuth.india(SinchEmulator.DEMO_USER, SinchEmulator.DEMO_PASSWORD, tokenUrl = emulator.keycloakTokenUrl))
        AsyncIndiaWhatsappClient(india, sendUrl = emulator.indiaSendUrl).use { client ->
            val sent = (1..3).map {
                async { client.sendText(TextMessage(to = "919876543210", body = "Your order has shipped", messageId = "order-$it")) }
            }.awaitAll()
            assertEquals(3, sent.map { it.responseId }.toSet().size, "three messages, three ids")
            expectApi(400, "invalid_msisdn") {
                client.sendText(TextMessage(to = "+91-not-a-number", body = "x", messageId = null))
            }
        }
        val c = emulator.counters()
        assertEquals(4, c.indiaSendRequests)
        assertEquals(1, c.keycloakPasswordGrants, "concurrent sends share one login")
    }

    private companion object {
        /** Methods of a sync object that only read what it holds, so their twin is not suspend. */
        val noIo = mapOf("ProvisioningClient" to setOf("projectId"), "KakaoTalkTemplates" to setOf("plusFriendId"))

        fun isObject(type: Class<*>) = Disposable::class.java.isAssignableFrom(type)

        /** The generated `<Name>Interface`: exactly the methods exported from Rust. */
        fun interfaceOf(type: Class<*>): Class<*> = Class.forName("${type.name}Interface")

        fun exported(type: Class<*>): Map<String, Method> =
            type.declaredMethods
                .filter { !it.isSynthetic && !Modifier.isStatic(it.modifiers) && '$' !in it.name }
                .associateBy { it.name }

        /** [roots] and every object their methods return, transitively (sub-clients, pagers). */
        fun reachableObjects(vararg roots: Class<*>): List<Class<*>> {
            val seen = linkedSetOf<Class<*>>()
            val todo = ArrayDeque(roots.toList())
            while (todo.isNotEmpty()) {
                val type = todo.removeFirst()
                if (!seen.add(type)) continue
                exported(interfaceOf(type)).values.map { it.returnType }.filter(::isObject).forEach(todo::addLast)
            }
            return seen.toList()
        }
    }
}
