// Plugging sinch-core's log records into an app's logger. No logic: adapters over `setLogSink`.
package com.sinch.core

import com.sinch.core.client.LogLevel
import com.sinch.core.client.LogSink
import com.sinch.core.client.setLogSink
import java.util.logging.Level
import java.util.logging.Logger

/**
 * Where sinch-core's log records go. They come from Rust (token fetches and refreshes, retries,
 * store problems) and never contain a secret, password or token: tokens appear only as
 * `sha256:` fingerprints. Nothing is forwarded until one of the `install` functions is called.
 *
 * ```kotlin
 * SinchLogging.install(LogLevel.DEBUG) { level, target, text -> println("$level $target $text") }
 * SinchLogging.installJavaUtilLogging(LogLevel.INFO)          // loggers named sinch_core.token...
 * val log = org.slf4j.LoggerFactory.getLogger("sinch")        // or any logger, in one line:
 * SinchLogging.install(LogLevel.INFO) { l, t, m -> if (l <= LogLevel.WARN) log.warn("{} {}", t, m) else log.info("{} {}", t, m) }
 * ```
 *
 * Process-wide: the last `install` wins. [level] is applied in Rust, so records below it cost
 * nothing (they are never formatted nor sent over the FFI). The handler is called on whatever
 * thread logs, possibly several at once, so it must be thread-safe; an exception it throws is
 * dropped (a logger must never fail a request).
 */
object SinchLogging {
    /**
     * Sends every record at [level] and above (ERROR < WARN < INFO < DEBUG < TRACE) to [handler]
     * as `(level, target, text)`; `target` is the Rust module path, e.g. `sinch_core::token::cache`.
     */
    fun install(level: LogLevel = LogLevel.INFO, handler: (level: LogLevel, target: String, text: String) -> Unit) {
        setLogSink(LambdaSink(handler), level)
    }

    /**
     * Sends records to `java.util.logging`, one [Logger] per Rust module (`sinch_core::token::cache`
     * becomes `sinch_core.token.cache`; configure `sinch_core` to reach them all). Levels map
     * ERROR→SEVERE, WARN→WARNING, INFO→INFO, DEBUG→FINE, TRACE→FINEST. A JUL logger level finer
     * than INFO still needs a handler at that level to be printed (JUL's default prints INFO+).
     */
    fun installJavaUtilLogging(level: LogLevel = LogLevel.INFO) {
        install(level) { l, target, text ->
            val logger = Logger.getLogger(target.replace("::", "."))
            val julLevel = toJul(l)
            if (logger.isLoggable(julLevel)) logger.logp(julLevel, target, null, text)
        }
    }

    /** Stops forwarding (records are then dropped in Rust, at no cost). */
    fun uninstall() {
        setLogSink(null, LogLevel.ERROR)
    }

    /** The `java.util.logging` level used for a sinch-core level. */
    fun toJul(level: LogLevel): Level = when (level) {
        LogLevel.ERROR -> Level.SEVERE
        LogLevel.WARN -> Level.WARNING
        LogLevel.INFO -> Level.INFO
        LogLevel.DEBUG -> Level.FINE
        LogLevel.TRACE -> Level.FINEST
    }

    private class LambdaSink(private val handler: (LogLevel, String, String) -> Unit) : LogSink {
        override fun log(level: LogLevel, target: String, text: String) {
            try {
                handler(level, target, text)
            } catch (_: Exception) {
                // Dropped on purpose: an exception crossing back into Rust would fail the call
                // that happened to log.
            }
        }
    }
}
