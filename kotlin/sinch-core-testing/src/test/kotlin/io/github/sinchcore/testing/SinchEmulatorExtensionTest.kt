package io.github.sinchcore.testing

import org.junit.jupiter.api.Nested
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.Timeout
import org.junit.platform.engine.TestExecutionResult
import org.junit.platform.engine.discovery.DiscoverySelectors.selectClass
import org.junit.platform.testkit.engine.EngineTestKit
import java.io.IOException
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import java.util.Base64
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.TimeUnit
import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

/**
 * The extension as a user's test classes see it: the sample classes below run in their own
 * JUnit engine (EngineTestKit), each test recording what it saw; then the facts that span
 * tests are checked here (one process per class, stopped after it).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SinchEmulatorExtensionTest {
    @Test
    fun `one emulator per class, reset before each test with tokens kept, stopped after the class`() {
        val urls = run(PlainSample::class.java, tests = 3)
        assertEquals(1, urls.distinct().size, "one process for the class: $urls")
        assertStopped(urls.first())
    }

    @Test
    fun `revokeTokensOnReset refuses the tokens of earlier tests`() {
        run(RevokingSample::class.java, tests = 2)
    }

    @Test
    fun `seed from the classpath, restored by the reset`() {
        run(SeededSample::class.java, tests = 2)
    }

    @Test
    fun `constructor injection with a per-class instance, shared with nested classes`() {
        val urls = run(PerClassSample::class.java, tests = 2)
        assertEquals(1, urls.distinct().size, "the nested class uses its outer class's emulator: $urls")
        assertStopped(urls.first())
    }

    @Test
    fun `a start that fails says why`() {
        val e = assertFailsWith<SinchEmulatorException> { SinchEmulator.start("--seed", "/no/such/seed.json") }
        assertContains(e.message!!, "--seed: cannot read /no/such/seed.json")
    }

    @Test
    fun `the bundled binary is used and reports its version`() {
        SinchEmulator.start().use { emulator ->
            assertTrue(emulator.baseUrl.startsWith("http://127.0.0.1:"), emulator.baseUrl)
            assertContains(SinchEmulator.binary().name, "sinch-emulator")
            assertEquals("{\"ok\":true}", emulator.get("/_emulator/health").replace(" ", ""))
        }
    }

    private fun run(sample: Class<*>, tests: Long): List<String> {
        seen.clear()
        val results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute()
        val failures = results.testEvents().failed().list().map { event ->
            event.getPayload(TestExecutionResult::class.java).flatMap { it.throwable }.map(Throwable::toString).orElse("?")
        }
        assertEquals(emptyList(), failures, "failed sample tests")
        results.testEvents().assertStatistics { it.started(tests).succeeded(tests) }
        return seen.toList()
    }

    private fun assertStopped(url: String) {
        assertFailsWith<IOException>("the process is gone once the class is done") { get(url, "/_emulator/health") }
    }

    // The sample classes: nested (static), so that surefire does not run them by itself.

    @WithSinchEmulator
    class PlainSample {
        @Test fun a(emulator: SinchEmulator) = check(emulator)
        @Test fun b(emulator: SinchEmulator) = check(emulator)
        @Test fun c(emulator: SinchEmulator) = check(emulator)

        private fun check(emulator: SinchEmulator) {
            seen += emulator.baseUrl
            assertEquals(0, emulator.counters().tokenRequests, "counters are reset before each test")
            lastToken?.let { assertEquals(200, listWebhooks(emulator, bearer = it), "a token of an earlier test still works") }
            lastToken = token(emulator)
            assertEquals(1, emulator.counters().tokenRequests)
        }

        companion object {
            var lastToken: String? = null
        }
    }

    @WithSinchEmulator(revokeTokensOnReset = true)
    class RevokingSample {
        @Test fun a(emulator: SinchEmulator) = check(emulator)
        @Test fun b(emulator: SinchEmulator) = check(emulator)

        private fun check(emulator: SinchEmulator) {
            lastToken?.let { assertEquals(401, listWebhooks(emulator, bearer = it), "revoked by the reset") }
            lastToken = token(emulator)
            assertEquals(200, listWebhooks(emulator, bearer = lastToken!!))
        }

        companion object {
            var lastToken: String? = null
        }
    }

    @WithSinchEmulator(seed = "seed-for-tests.json", args = ["--token-lifetime", "60"])
    class SeededSample {
        @Test fun a(emulator: SinchEmulator) = check(emulator)
        @Test fun b(emulator: SinchEmulator) = check(emulator)

        private fun check(emulator: SinchEmulator) {
            val token = token(emulator)
            val list = get(emulator.baseUrl, "/v1/projects/p1/webhooks", "Bearer $token")
            assertContains(list, "https://example.com/seeded")
            // Deleted here; the next test finds it again (reset restores the seed).
            val id = Regex("\"id\"\\s*:\\s*\"([^\"]+)\"").find(list)!!.groupValues[1]
            assertEquals(204, send(emulator.baseUrl, "/v1/projects/p1/webhooks/$id", "Bearer $token", "DELETE").statusCode())
        }
    }

    @WithSinchEmulator
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PerClassSample(private val emulator: SinchEmulator) {
        @Test fun outer() {
            seen += emulator.baseUrl
        }

        @Nested
        inner class Inner {
            @Test fun inner(injected: SinchEmulator) {
                seen += injected.baseUrl
                assertEquals(emulator.baseUrl, injected.baseUrl)
            }
        }
    }

    companion object {
        val seen: MutableList<String> = CopyOnWriteArrayList()
        private val http: HttpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()

        fun send(base: String, path: String, authorization: String?, method: String, body: String? = null): HttpResponse<String> {
            val builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
            authorization?.let { builder.header("authorization", it) }
            if (body != null) builder.header("content-type", "application/x-www-form-urlencoded")
            builder.method(method, body?.let { HttpRequest.BodyPublishers.ofString(it) } ?: HttpRequest.BodyPublishers.noBody())
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString())
        }

        fun get(base: String, path: String, authorization: String? = null): String {
            val response = send(base, path, authorization, "GET")
            assertEquals(200, response.statusCode(), response.body())
            return response.body()
        }

        /** A Sinch OAuth2 token for the demo key, fetched as any client would. */
        fun token(emulator: SinchEmulator): String {
            val basic = Base64.getEncoder().encodeToString("${emulator.keyId}:${emulator.keySecret}".toByteArray())
            val response = send(emulator.baseUrl, "/oauth2/token", "Basic $basic", "POST", "grant_type=client_credentials")
            assertEquals(200, response.statusCode(), response.body())
            return Regex("\"access_token\"\\s*:\\s*\"([^\"]+)\"").find(response.body())!!.groupValues[1]
        }

        fun listWebhooks(emulator: SinchEmulator, bearer: String): Int =
            send(emulator.baseUrl, "/v1/projects/p1/webhooks", "Bearer $bearer", "GET").statusCode()
    }
}
