package io.github.sinchcore.tests

import io.github.sinchcore.HttpOptions
import io.github.sinchcore.SinchException
import io.github.sinchcore.client.ProvisioningClient
import io.github.sinchcore.client.SinchAuth
import io.github.sinchcore.reason
import io.github.sinchcore.testing.SinchEmulator
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.io.BufferedReader
import java.io.InputStreamReader
import java.net.InetAddress
import java.net.ServerSocket
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.util.Collections
import kotlin.concurrent.thread
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

/** `HttpOptions` over real sockets (scenarios "HTTP options" in tests/scenarios/README.md). */
class HttpOptionsTest : EmulatorTestBase() {
    private fun oauth(emu: SinchEmulator, http: HttpOptions) = closeLater(
        SinchAuth.oauth(SinchEmulator.DEMO_KEY_ID, SinchEmulator.DEMO_KEY_SECRET, emu.tokenUrl, http = http)
    )

    @Test
    fun aTokenEndpointSlowerThanTheTimeoutIsATimeoutAndTheNextCallWorks() {
        emulator.fault("""{"target":"token","count":1,"kind":{"kind":"delay","ms":5000}}""")
        val auth = oauth(emulator, HttpOptions(requestTimeout = Duration.ofSeconds(1)))
        val started = System.nanoTime()
        assertFailsWith<SinchException.Timeout> { auth.accessToken() }
        val took = Duration.ofNanos(System.nanoTime() - started)
        assertTrue(took < Duration.ofMillis(2500), "took $took")
        assertTrue(auth.accessToken().isNotEmpty(), "the next call works")
    }

    /** A forward proxy that records each request's head and answers with a token. */
    private class FakeProxy : AutoCloseable {
        private val socket = ServerSocket(0, 50, InetAddress.getLoopbackAddress())
        val url = "http://127.0.0.1:${socket.localPort}"
        val seen: MutableList<String> = Collections.synchronizedList(mutableListOf())

        init {
            thread(isDaemon = true) {
                while (!socket.isClosed) {
                    val conn = runCatching { socket.accept() }.getOrNull() ?: break
                    conn.use { c ->
                        val reader = BufferedReader(InputStreamReader(c.getInputStream(), Charsets.ISO_8859_1))
                        val head = StringBuilder()
                        var length = 0
                        while (true) {
                            val line = reader.readLine() ?: break
                            if (line.isEmpty()) break
                            head.append(line).append('\n')
                            if (line.lowercase().startsWith("content-length:")) length = line.substringAfter(':').trim().toInt()
                        }
                        repeat(length) { reader.read() }
                        seen += head.toString()
                        val body = """{"access_token":"from-the-proxy","token_type":"bearer","expires_in":3600}"""
                        c.getOutputStream().write(
                            ("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n" +
                                "content-length: ${body.length}\r\n\r\n$body").toByteArray()
                        )
                    }
                }
            }
        }

        override fun close() = socket.close()
    }

    @Test
    fun anExplicitProxyReceivesTheRequestWithTheUserAgent() {
        FakeProxy().use { proxy ->
            val auth = oauth(emulator, HttpOptions(proxy = proxy.url, userAgentSuffix = "myapp/1.2"))
            assertEquals("from-the-proxy", auth.accessToken())
            assertEquals(0, emulator.counters().tokenRequests, "the emulator was not reached")
            val head = proxy.seen.first()
            assertTrue(head.startsWith("POST ${emulator.tokenUrl} "), head)
            val userAgent = head.lines().first { it.lowercase().startsWith("user-agent:") }
            assertTrue(userAgent.trim().endsWith("myapp/1.2"), userAgent)
            // The default part names the language: sinch-core/<v> kotlin/<v> jvm/<v>.
            assertTrue(Regex("sinch-core/\\S+ kotlin/\\S+ jvm/\\S+").containsMatchIn(userAgent), userAgent)
        }
    }

    @Test
    fun realTlsOnLoopbackNeedsTheServersCa(@TempDir dir: Path) {
        val ca = dir.resolve("emulator-ca.pem")
        SinchEmulator.start("--tls", "--tls-ca-out", ca.toString()).use { tls ->
            assertTrue(tls.baseUrl.startsWith("https://127.0.0.1:"), tls.baseUrl)
            val trusting = HttpOptions(extraCaPem = Files.readString(ca))
            val client = closeLater(ProvisioningClient(PROJECT, oauth(tls, trusting), tls.baseUrl, trusting))
            assertEquals(0, closeLater(client.webhooks()).list().webhooks.size)

            val started = System.nanoTime()
            val e = assertFailsWith<SinchException.InvalidConfig> {
                closeLater(SinchAuth.oauth("other-key", "other-secret", tls.tokenUrl)).accessToken()
            }
            assertTrue("certificate is not trusted" in e.reason, e.reason)
            val took = Duration.ofNanos(System.nanoTime() - started)
            assertTrue(took < Duration.ofSeconds(2), "an untrusted certificate is not retried ($took)")
        }
    }
}
