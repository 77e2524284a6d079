package io.github.sinchcore.tests

import io.github.sinchcore.SinchLogging
import io.github.sinchcore.client.LogLevel
import io.github.sinchcore.testing.SinchEmulator
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.parallel.Isolated
import java.nio.file.Files
import java.nio.file.Path
import kotlin.test.assertFalse
import kotlin.test.assertTrue

/** With SLF4J on the classpath (slf4j-simple here), `installDefault` sends the records there. */
@Isolated // the log sink is process-wide
class Slf4jLoggingTest : EmulatorTestBase() {
    @AfterEach
    fun uninstall() = SinchLogging.uninstall()

    @Test
    fun recordsGoToSlf4jWhenItIsOnTheClasspath() {
        SinchLogging.installDefault(LogLevel.DEBUG)
        val auth = oauth()
        val token = auth.accessToken()
        closeLater(client(auth).webhooks()).list()
        val log = Files.readString(LOG_FILE)
        assertTrue("sinch_core" in log, log)
        assertTrue("attempt 1 -> HTTP 200" in log, "one record per HTTP attempt:\n$log")
        assertTrue("sha256:" in log, "tokens by fingerprint:\n$log")
        assertFalse(token in log || SinchEmulator.DEMO_KEY_SECRET in log, "no secret:\n$log")
    }

    companion object {
        // slf4j-simple reads its settings once, when SLF4J starts: before any logger exists.
        val LOG_FILE: Path = Files.createTempFile("sinch-slf4j", ".log").also {
            System.setProperty("org.slf4j.simpleLogger.logFile", it.toString())
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug")
            System.setProperty("org.slf4j.simpleLogger.showLogName", "true")
        }
    }
}
