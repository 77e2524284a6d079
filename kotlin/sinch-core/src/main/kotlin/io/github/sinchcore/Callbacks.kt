// Webhook callbacks from Java and Kotlin: header shapes and the refused-callback reason.
package io.github.sinchcore

import io.github.sinchcore.client.signCallback

/**
 * Headers in the shape [io.github.sinchcore.client.CallbackVerifier.verify] takes (every value
 * of each name), from the shapes frameworks give.
 *
 * The JDK's `com.sun.net.httpserver.Headers` and Spring's `HttpHeaders` already are a
 * `Map<String, List<String>>`: pass them as they are. A servlet's or a framework's single-valued
 * `Map<String, String>` goes through [of]. Names are matched case-insensitively in Rust.
 */
object CallbackHeaders {
    /** One value per name (e.g. Spring's `@RequestHeader Map<String, String>`). */
    @JvmStatic
    fun of(headers: Map<String, String>): Map<String, List<String>> =
        headers.mapValues { (_, value) -> listOf(value) }

    /**
     * The four signature headers Sinch would send with [body] signed with [secret]: for
     * testing a receiver without the emulator.
     */
    @JvmStatic
    fun sign(secret: String, body: ByteArray, nonce: String, timestamp: Long): Map<String, String> =
        signCallback(secret, body, nonce, timestamp)
}

/**
 * The plain sentence of any [CallbackException] (rendered in Rust; it never holds the secret),
 * also its `toString()`. The generated `message` lists the fields instead.
 */
val CallbackException.reason: String
    get() = when (this) {
        is CallbackException.MissingHeader -> reason
        is CallbackException.InvalidHeader -> reason
        is CallbackException.UnsupportedAlgorithm -> reason
        is CallbackException.BadSignature -> reason
        is CallbackException.StaleTimestamp -> reason
        is CallbackException.ReplayedNonce -> reason
        is CallbackException.MalformedBody -> reason
        is CallbackException.ReplayCacheUnavailable -> reason
        is CallbackException.InvalidVerifierConfig -> reason
    }

