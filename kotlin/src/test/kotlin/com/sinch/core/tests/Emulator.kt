package com.sinch.core.tests

import java.io.BufferedReader
import java.io.File
import java.io.InputStreamReader
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit

/** The emulator's `/_emulator/counters`, the fields the tests read. */
data class Counters(
    val tokenRequests: Long,
    val tokenRequestsByKey: Map<String, Long>,
    val apiRequests: Long,
    val unauthorizedSent: Long,
    val expired401Sent: Long,
    val keycloakPasswordGrants: Long,
    val keycloakRefreshGrants: Long,
    val indiaSendRequests: Long,
) {
    companion object {
        private fun number(json: String, name: String): Long =
            Regex("\"$name\"\\s*:\\s*(\\d+)").find(json)?.groupValues?.get(1)?.toLong()
                ?: error("no $name in $json")

        /** Flat JSON of numbers plus one flat object of numbers: a regex read is enough. */
        fun parse(json: String): Counters {
            val byKey = Regex("\"token_requests_by_key\"\\s*:\\s*\\{([^}]*)}").find(json)
                ?.groupValues?.get(1).orEmpty()
            return Counters(
                tokenRequests = number(json, "token_requests"),
                tokenRequestsByKey = Regex("\"((?:[^\"\\\\]|\\\\.)*)\"\\s*:\\s*(\\d+)").findAll(byKey)
                    .associate { it.groupValues[1] to it.groupValues[2].toLong() },
                apiRequests = number(json, "api_requests"),
                unauthorizedSent = number(json, "unauthorized_sent"),
                expired401Sent = number(json, "expired_401_sent"),
                keycloakPasswordGrants = number(json, "keycloak_password_grants"),
                keycloakRefreshGrants = number(json, "keycloak_refresh_grants"),
                indiaSendRequests = number(json, "india_send_requests"),
            )
        }
    }
}

/**
 * A fresh `sinch-emulator` process on a free port of 127.0.0.1 (one per test, so the process-wide
 * token cache, keyed by token URL, never carries a token from one test to the next).
 *
 * The binary: system property (`mvn test -DSINCH_EMULATOR=...`: surefire forwards it) or env `SINCH_EMULATOR`, else `$CARGO_TARGET_DIR/debug/sinch-emulator`,
 * else `../target/debug/sinch-emulator` (relative to `kotlin/`).
 */
class Emulator(vararg args: String) : AutoCloseable {
    private val process: Process
    val baseUrl: String

    init {
        val binary = binary()
        process = ProcessBuilder(listOf(binary.path, "--port", "0") + args)
            .redirectError(ProcessBuilder.Redirect.DISCARD) // one log line per request; unread
            .start()
        val stdout = BufferedReader(InputStreamReader(process.inputStream, Charsets.UTF_8))
        val firstLine = CompletableFuture.supplyAsync { stdout.readLine() }
            .get(20, TimeUnit.SECONDS)
            ?: run {
                process.destroyForcibly()
                error("$binary exited before printing its address (exit ${process.waitFor()})")
            }
        baseUrl = Regex("listening on (https?://\\S+)").find(firstLine)?.groupValues?.get(1)
            ?: run { process.destroyForcibly(); error("unexpected first line from $binary: $firstLine") }
        // Nothing else is printed to stdout; keep the pipe drained anyway. The JDK may close the
        // pipe under this reader when the process exits ("Stream closed"): that is the end too.
        Thread { runCatching { stdout.use { it.readLines() } } }.apply { isDaemon = true }.start()
    }

    val tokenUrl: String get() = "$baseUrl/oauth2/token"
    val keycloakTokenUrl: String get() = "$baseUrl/realms/ipmessaging/protocol/openid-connect/token"
    val indiaSendUrl: String get() = "$baseUrl/pull-platform-receiver/v2/wa/messages"

    fun counters(): Counters = Counters.parse(get("/_emulator/counters"))
    fun reset() = post("/_emulator/reset", "{}")
    fun expireTokens() = post("/_emulator/expire-tokens", "{}")
    fun setTokenLifetime(secs: Int) = post("/_emulator/config", """{"token_lifetime_secs":$secs}""")
    fun addKey(id: String, secret: String) =
        post("/_emulator/keys", """{"key_id":"$id","key_secret":"$secret"}""")
    fun fault(json: String) = post("/_emulator/faults", json)

    /** A status fault: `target` is token, keycloak, api, india or any. */
    fun faultStatus(target: String, status: Int, retryAfter: String? = null, count: Int = 1) = fault(
        """{"target":"$target","count":$count,"kind":{"kind":"status","status":$status""" +
            (retryAfter?.let { ""","retry_after":"$it"""" } ?: "") + "}}"
    )

    /** The next [count] requests to `target` (token, keycloak, api, india or any) wait [ms] first. */
    fun faultDelay(target: String, ms: Long, count: Int = 1) =
        fault("""{"target":"$target","count":$count,"kind":{"kind":"delay","ms":$ms}}""")

    /** `POST /_emulator/provisioning/set-field`; [valueJson] is any JSON value. */
    fun setField(projectId: String, resource: String, id: String, field: String, valueJson: String) =
        post("/_emulator/provisioning/set-field",
            """{"project_id":"$projectId","resource":"$resource","id":"$id","field":"$field","value":$valueJson}""")

    /** `POST /_emulator/whatsapp/state`: target account, sender (id) or template (id = name, language). */
    fun setWhatsappState(projectId: String, target: String, state: String, id: String? = null, language: String? = null) =
        post("/_emulator/whatsapp/state", buildString {
            append("""{"project_id":"$projectId","target":"$target","state":"$state"""")
            if (id != null) append(""","id":"$id"""")
            if (language != null) append(""","language":"$language"""")
            append("}")
        })

    fun seedWhatsappTemplates(projectId: String, count: Int, prefix: String = "bench_") =
        post("/_emulator/whatsapp/templates", """{"project_id":"$projectId","count":$count,"prefix":"$prefix"}""")

    /** Adds a flow (status on the wire, e.g. FLOW_STATUS_PUBLISHED); returns its id. */
    fun addWhatsappFlow(projectId: String, name: String, status: String? = null, screensJson: String = "[]"): String {
        val flow = """{"name":"$name"""" + (status?.let { ""","status":"$it"""" } ?: "") + "}"
        val body = post("/_emulator/whatsapp/flows", """{"project_id":"$projectId","flow":$flow,"screens":$screensJson}""")
        return Regex("\"id\"\\s*:\\s*\"([^\"]+)\"").find(body)?.groupValues?.get(1) ?: error("no id in $body")
    }

    fun get(path: String): String = send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET())

    fun post(path: String, json: String): String = send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
    )

    private fun send(builder: HttpRequest.Builder): String {
        val response = http.send(builder.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString())
        check(response.statusCode() in 200..299) {
            "${response.request().method()} ${response.uri()} -> ${response.statusCode()}: ${response.body()}"
        }
        return response.body()
    }

    override fun close() {
        process.destroy()
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor()
    }

    companion object {
        const val DEMO_KEY_ID = "demo-key-id"
        const val DEMO_KEY_SECRET = "demo-key-secret"
        const val DEMO_USER = "demo-user"
        const val DEMO_PASSWORD = "demo-password"

        private val http: HttpClient = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .build()

        fun binary(): File {
            val explicit = listOf(System.getProperty("SINCH_EMULATOR"),
                System.getenv("SINCH_EMULATOR")).firstOrNull { !it.isNullOrBlank() }
            val candidates = if (explicit != null) listOf(File(explicit)) else listOfNotNull(
                System.getenv("CARGO_TARGET_DIR")?.takeIf { it.isNotBlank() }?.let { File(it, "debug/sinch-emulator") },
                File("../target/debug/sinch-emulator"),
            )
            return candidates.firstOrNull { it.canExecute() }?.absoluteFile
                ?: error("sinch-emulator not found (tried ${candidates.joinToString()}); build it with " +
                    "`cargo build -p sinch-emulator` or set SINCH_EMULATOR")
        }
    }
}
