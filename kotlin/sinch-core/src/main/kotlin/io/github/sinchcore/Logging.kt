// Plugging sinch-core's log records into an app's logger. No logic: adapters over `setLogSink`.
package io.github.sinchcore

import io.github.sinchcore.client.LogLevel
import io.github.sinchcore.client.LogSink
import io.github.sinchcore.client.setLogSink
import java.util.logging.Level
import java.util.logging.Logger

/**
 * Where sinch-core's log records go. They come from Rust (token fetches and refreshes, retries,
 * store problems) and never contain a secret, password or token: tokens appear only as
 * `sha256:` fingerprints. Nothing is forwarded until one of the `install` functions is called.
 *
 * ```kotlin
 * SinchLogging.installDefault(LogLevel.INFO)    // SLF4J if the app has it, java.util.logging otherwise
 * SinchLogging.install(LogLevel.DEBUG) { level, target, text -> println("$level $target $text") }
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

    /**
     * Sends records to SLF4J, one logger per Rust module (`sinch_core.token.cache`...), levels one
     * to one. SLF4J is an optional dependency of this library: the app must have `slf4j-api` (and
     * a binding) on its classpath.
     */
    fun installSlf4j(level: LogLevel = LogLevel.INFO) {
        install(level, Slf4jBridge::log)
    }

    /** SLF4J when it is on the classpath, `java.util.logging` otherwise: the one call an app makes. */
    fun installDefault(level: LogLevel = LogLevel.INFO) {
        if (slf4jPresent) installSlf4j(level) else installJavaUtilLogging(level)
    }

    private val slf4jPresent: Boolean by lazy {
        runCatching { Class.forName("org.slf4j.LoggerFactory") }.isSuccess
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

/** Kept apart so that SLF4J's classes are loaded only when SLF4J is used. */
private object Slf4jBridge {
    fun log(level: LogLevel, target: String, text: String) {
        val logger = org.slf4j.LoggerFactory.getLogger(target.replace("::", "."))
        // The one-argument methods: `text` is never read as a format string.
        when (level) {
            LogLevel.ERROR -> logger.error(text)
            LogLevel.WARN -> logger.warn(text)
            LogLevel.INFO -> logger.info(text)
            LogLevel.DEBUG -> logger.debug(text)
            LogLevel.TRACE -> logger.trace(text)
        }
    }
}
