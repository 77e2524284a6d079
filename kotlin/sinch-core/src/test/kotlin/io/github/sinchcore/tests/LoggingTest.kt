package io.github.sinchcore.tests

import io.github.sinchcore.SinchException
import io.github.sinchcore.SinchLogging
import io.github.sinchcore.client.LogLevel
import io.github.sinchcore.client.SinchAuth
import io.github.sinchcore.client.TokenStore
import io.github.sinchcore.reason
import io.github.sinchcore.testing.SinchEmulator
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.junit.jupiter.api.parallel.Isolated
import java.nio.file.Files
import java.nio.file.Path
import java.util.Collections
import java.util.logging.Handler
import java.util.logging.Level
import java.util.logging.LogRecord
import java.util.logging.Logger
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue

/** The log bridge: records reach Kotlin, at the level asked, and never hold a secret. */
@Isolated // the log sink is process-wide
class LoggingTest : EmulatorTestBase() {
    private val records: MutableList<String> = Collections.synchronizedList(mutableListOf())

    @AfterEach
    fun uninstall() = SinchLogging.uninstall()

    private fun capture(level: LogLevel) =
        SinchLogging.install(level) { l, target, text -> records += "$l $target $text" }

    @Test
    fun secretsAbsentFromStoreLogsAndErrors(@TempDir dir: Path) {
        capture(LogLevel.TRACE)
        val storePath = dir.resolve("tokens.json")
        val store = closeLater(TokenStore.file(storePath.toString()))
        val wrongSecret = "wrong-secret-123"
        val secrets = mutableListOf(SinchEmulator.DEMO_KEY_SECRET, SinchEmulator.DEMO_PASSWORD, wrongSecret)
        val errors = mutableListOf<SinchException>()

        val auth = closeLater(SinchAuth.oauth(SinchEmulator.DEMO_KEY_ID, SinchEmulator.DEMO_KEY_SECRET, emulator.tokenUrl, store))
        val webhooks = closeLater(client(auth).webhooks())
        secrets += auth.accessToken()
        emulator.expireTokens() // expired token: 401, new token, one retry
        webhooks.list()
        secrets += auth.accessToken()
        emulator.faultStatus("api", 503, retryAfter = "0") // retried
        webhooks.list()
        errors += assertFailsWith<SinchException.InvalidCredentials> { oauth(secret = wrongSecret).accessToken() }
        val india = closeLater(SinchAuth.india(SinchEmulator.DEMO_USER, SinchEmulator.DEMO_PASSWORD,
            tokenUrl = emulator.keycloakTokenUrl, store = store))
        secrets += india.accessToken()
        emulator.addKey("other", "other-secret-xyz")
        secrets += "other-secret-xyz"
        emulator.faultStatus("token", 429, retryAfter = "0") // rate limited, retried
        secrets += oauth("other", "other-secret-xyz").accessToken()
        emulator.faultStatus("api", 503, retryAfter = "0", count = 10) // retries run out
        errors += assertFailsWith<SinchException> { webhooks.list() }
        errors += assertFailsWith<SinchException.InvalidCredentials> {
            closeLater(SinchAuth.india(SinchEmulator.DEMO_USER, "bad-password-0", tokenUrl = emulator.keycloakTokenUrl)).accessToken()
        }
        secrets += "bad-password-0"

        val logs = synchronized(records) { records.joinToString("\n") }
        assertTrue(logs.contains("sha256:"), "tokens are logged by fingerprint:\n$logs")
        assertTrue(logs.contains("retrying"), "retries are logged:\n$logs")
        val texts = mapOf(
            "logs" to logs,
            "errors" to errors.joinToString("\n") { "${it.reason}\n$it\n${it.message}\n${it.stackTraceToString()}" },
        )
        for ((what, text) in texts) {
            for (s in secrets) assertFalse(text.contains(s), "a secret or token ($s) leaked into the $what:\n$text")
        }
        // The store file holds tokens (sharing them is its job), sealed: no token, secret or
        // password in usable form.
        val file = Files.readString(storePath)
        assertTrue(file.contains("sealed.v1."), file)
        for (s in secrets) assertFalse(file.contains(s), "$s is in the store file")
    }

    @Test
    fun levelIsAppliedInRust() {
        capture(LogLevel.WARN)
        oauth().accessToken() // a token fetch logs at DEBUG/INFO only
        assertTrue(records.none { it.startsWith("DEBUG") || it.startsWith("TRACE") }, records.toString())
        records.clear()
        capture(LogLevel.TRACE)
        oauth("unknown-key", "x").runCatching { accessToken() }
        assertTrue(records.isNotEmpty())
        assertTrue(records.all { it.split(" ")[1].startsWith("sinch_core") }, records.toString())
    }

    @Test
    fun javaUtilLoggingBridge() {
        val julRecords = Collections.synchronizedList(mutableListOf<LogRecord>())
        val handler = object : Handler() {
            override fun publish(record: LogRecord) { julRecords += record }
            override fun flush() {}
            override fun close() {}
        }.apply { level = Level.ALL }
        val root = Logger.getLogger("sinch_core")
        val before = root.level
        root.level = Level.ALL
        root.addHandler(handler)
        try {
            SinchLogging.installJavaUtilLogging(LogLevel.TRACE)
            oauth().accessToken()
            assertTrue(julRecords.isNotEmpty(), "records reached java.util.logging")
            assertTrue(julRecords.all { it.loggerName.startsWith("sinch_core.") && !it.loggerName.contains("::") },
                julRecords.map { it.loggerName }.toString())
            assertTrue(julRecords.any { it.level.intValue() < Level.INFO.intValue() }, "DEBUG/TRACE map below INFO")
        } finally {
            root.removeHandler(handler)
            root.level = before
        }
        assertEquals(Level.SEVERE, SinchLogging.toJul(LogLevel.ERROR))
        assertEquals(Level.FINEST, SinchLogging.toJul(LogLevel.TRACE))
    }

    @Test
    fun aThrowingHandlerNeverFailsACall() {
        SinchLogging.install(LogLevel.TRACE) { _, _, _ -> throw IllegalStateException("logger broke") }
        assertTrue(oauth().accessToken().isNotEmpty())
        closeLater(client().webhooks()).list()
    }
}
