package io.github.sinchcore.testing

import java.io.BufferedReader
import java.io.File
import java.io.IOException
import java.io.InputStreamReader
import java.io.RandomAccessFile
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.StandardCopyOption
import java.time.Duration
import java.util.concurrent.CompletableFuture
import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException

/**
 * A running `sinch-emulator` process (a local Sinch: OAuth2, Keycloak, Provisioning, India
 * send) and its control API (`/_emulator/...`).
 *
 * In JUnit 5, let [SinchEmulatorExtension] start one per test class (`@WithSinchEmulator`) and
 * take it as a parameter. Elsewhere, [start] one and [close] it:
 * ```kotlin
 * SinchEmulator.start().use { emulator ->
 *     SinchAuth.oauth(emulator.keyId, emulator.keySecret, emulator.tokenUrl).use { ... }
 * }
 * ```
 * The binary is the one in this jar (`linux-x86-64/sinch-emulator`), extracted once per JVM to
 * a temporary file; `-Dsinch.emulator.binary=PATH` or the environment variable
 * `SINCH_EMULATOR=PATH` run another one (e.g. on a platform the jar has none for).
 *
 * The emulator accepts the demo credentials ([keyId]/[keySecret], [username]/[password]) and
 * listens on 127.0.0.1 only. Every control call waits at most 10 s; an answer that is not 2xx
 * throws [SinchEmulatorException].
 */
class SinchEmulator private constructor(
    private val process: Process,
    /** Where it serves, e.g. `http://127.0.0.1:41234` (no trailing slash). */
    val baseUrl: String,
    private val log: Log,
) : AutoCloseable {
    private val shutdownHook = Thread { process.destroyForcibly() }

    init {
        // A JVM that exits without closing it (a JUnit older than 5.13 does not close store
        // values; a killed build) must not leave the process behind.
        Runtime.getRuntime().addShutdownHook(shutdownHook)
    }

    /** The Sinch OAuth2 token endpoint: `SinchAuth.oauth(keyId, keySecret, tokenUrl)`. */
    val tokenUrl: String get() = "$baseUrl/oauth2/token"

    /** The Sinch India Keycloak token endpoint: `SinchAuth.india(username, password, tokenUrl = ...)`. */
    val keycloakTokenUrl: String get() = "$baseUrl/realms/ipmessaging/protocol/openid-connect/token"

    /** The Sinch India WhatsApp send endpoint (`IndiaWhatsappClient(auth, sendUrl = ...)`). */
    val indiaSendUrl: String get() = "$baseUrl/pull-platform-receiver/v2/wa/messages"

    /** The key id the emulator accepts (with [keySecret]). */
    val keyId: String get() = DEMO_KEY_ID
    val keySecret: String get() = DEMO_KEY_SECRET

    /** The Sinch India user the emulator accepts (with [password]). */
    val username: String get() = DEMO_USER
    val password: String get() = DEMO_PASSWORD

    /** Requests seen since the start or the last [reset]. */
    fun counters(): Counters = Counters.parse(get("/_emulator/counters"))

    /**
     * Back to the start: counters, faults and resources cleared (seeded resources restored),
     * keys and users added at run time dropped. Tokens already issued stay valid, so a client
     * that cached one before keeps working; [revokeTokens] refuses them too (a client then
     * gets `InvalidCredentials` until it fetches a new token).
     */
    @JvmOverloads
    fun reset(revokeTokens: Boolean = false) {
        post("/_emulator/reset", """{"revoke_tokens":$revokeTokens}""")
    }

    /** Every access token issued so far expires now (refresh tokens stay valid). */
    fun expireTokens() {
        post("/_emulator/expire-tokens", "{}")
    }

    /** Lifetime in seconds of the Sinch OAuth2 tokens issued from now on. */
    fun setTokenLifetime(seconds: Int) {
        post("/_emulator/config", """{"token_lifetime_secs":$seconds}""")
    }

    /** Lifetimes in seconds of the Keycloak tokens issued from now on (access, refresh idle). */
    fun setKeycloakLifetimes(accessSeconds: Int, refreshSeconds: Int) {
        post(
            "/_emulator/config",
            """{"keycloak_access_lifetime_secs":$accessSeconds,"keycloak_refresh_lifetime_secs":$refreshSeconds}""",
        )
    }

    /** Accepts one more key (until the next [reset]). */
    fun addKey(keyId: String, keySecret: String) {
        post("/_emulator/keys", """{"key_id":${json(keyId)},"key_secret":${json(keySecret)}}""")
    }

    /** Accepts one more Sinch India user (until the next [reset]). */
    fun addUser(username: String, password: String) {
        post("/_emulator/users", """{"username":${json(username)},"password":${json(password)}}""")
    }

    /**
     * The next [count] requests to [target] (`token`, `keycloak`, `api`, `india` or `any`) get
     * the fault [kindJson], e.g. `{"kind":"status","status":503}`, `{"kind":"delay","ms":2000}`,
     * `{"kind":"reset"}`, `{"kind":"malformed_json"}` (all kinds: the emulator's README).
     */
    fun fault(target: String, count: Int, kindJson: String) {
        post("/_emulator/faults", """{"target":${json(target)},"count":$count,"kind":$kindJson}""")
    }

    /** A fault as the control API takes it: `{"target":"api","count":1,"kind":{"kind":"reset"}}`. */
    fun fault(faultJson: String) {
        post("/_emulator/faults", faultJson)
    }

    /** The next [count] requests to [target] get HTTP [status] (with `Retry-After` if given). */
    @JvmOverloads
    fun faultStatus(target: String, status: Int, retryAfter: String? = null, count: Int = 1) {
        val retry = retryAfter?.let { ""","retry_after":${json(it)}""" } ?: ""
        fault(target, count, """{"kind":"status","status":$status$retry}""")
    }

    /** The next [count] requests to [target] wait [millis] before being served. */
    @JvmOverloads
    fun faultDelay(target: String, millis: Long, count: Int = 1) {
        fault(target, count, """{"kind":"delay","ms":$millis}""")
    }

    /**
     * Sets [field] (or a dotted path such as `details.name`) of a stored resource to the JSON
     * [valueJson]: a state change Sinch makes on its own, e.g. an SMS app becoming `ACTIVE`.
     * [resource]: `sms_apps`, `bundles`, `kakaotalk_senders`, `kakaotalk_templates`, `rcs_senders`.
     */
    fun setField(projectId: String, resource: String, id: String, field: String, valueJson: String) {
        post(
            "/_emulator/provisioning/set-field",
            """{"project_id":${json(projectId)},"resource":${json(resource)},"id":${json(id)},""" +
                """"field":${json(field)},"value":$valueJson}""",
        )
    }

    /**
     * Links [channel] (`instagram`, `messenger`, `telegram`, `viber`) to the Conversation API app
     * [appId] (26 upper-case Crockford base32 characters, as Sinch makes them), with [infoJson] as
     * `GET .../conversation/apps/{appId}/{channel}` answers it (`status` defaults to `ACTIVE`).
     * Linking again replaces the info.
     */
    @JvmOverloads
    fun linkConversationChannel(projectId: String, appId: String, channel: String, infoJson: String = "{}") {
        post(
            "/_emulator/conversation/channels",
            """{"project_id":${json(projectId)},"app_id":${json(appId)},"channel":${json(channel)},"info":$infoJson}""",
        )
    }

    /** Sets the state of the WhatsApp `account`, a `sender` ([id]) or a `template` ([id] = name, [language]). */
    @JvmOverloads
    fun setWhatsappState(projectId: String, target: String, state: String, id: String? = null, language: String? = null) {
        val body = StringBuilder("""{"project_id":${json(projectId)},"target":${json(target)},"state":${json(state)}""")
        if (id != null) body.append(""","id":${json(id)}""")
        if (language != null) body.append(""","language":${json(language)}""")
        post("/_emulator/whatsapp/state", body.append('}').toString())
    }

    /** Creates [count] approved WhatsApp templates named [prefix]0, [prefix]1, ... */
    @JvmOverloads
    fun seedWhatsappTemplates(projectId: String, count: Int, prefix: String = "bench_") {
        post("/_emulator/whatsapp/templates", """{"project_id":${json(projectId)},"count":$count,"prefix":${json(prefix)}}""")
    }

    /** Adds a WhatsApp flow ([status] as on the wire, e.g. `FLOW_STATUS_PUBLISHED`); returns its id. */
    @JvmOverloads
    fun addWhatsappFlow(projectId: String, name: String, status: String? = null, screensJson: String = "[]"): String {
        val flow = """{"name":${json(name)}""" + (status?.let { ""","status":${json(it)}""" } ?: "") + "}"
        val answer = post("/_emulator/whatsapp/flows", """{"project_id":${json(projectId)},"flow":$flow,"screens":$screensJson}""")
        return Regex("\"id\"\\s*:\\s*\"([^\"]+)\"").find(answer)?.groupValues?.get(1)
            ?: throw SinchEmulatorException("no id in $answer")
    }

    /**
     * Every signed webhook callback sent so far (oldest first), with its attempts; only
     * [projectId]'s when given. The raw JSON is [deliveriesJson].
     */
    @JvmOverloads
    fun deliveries(projectId: String? = null): List<Delivery> = Delivery.parseList(deliveriesJson(projectId))

    /** `GET /_emulator/callbacks/deliveries` as the emulator answers it: `{"deliveries":[...]}`. */
    @JvmOverloads
    fun deliveriesJson(projectId: String? = null): String =
        get("/_emulator/callbacks/deliveries" + (projectId?.let { "?project_id=" + java.net.URLEncoder.encode(it, "UTF-8") } ?: ""))

    /**
     * The deliveries once at least [count] exist and none is pending any more (polled; throws
     * [SinchEmulatorException] after [timeout]).
     */
    @JvmOverloads
    fun settledDeliveries(count: Int = 1, timeout: Duration = Duration.ofSeconds(15)): List<Delivery> {
        val deadline = System.nanoTime() + timeout.toNanos()
        while (true) {
            val found = deliveries()
            if (found.size >= count && found.none { it.status == "pending" }) return found
            if (System.nanoTime() > deadline) throw SinchEmulatorException("deliveries not settled after $timeout: $found")
            Thread.sleep(20)
        }
    }

    /**
     * Calls back the webhooks of [projectId] subscribed to [trigger] (any name, an unknown one
     * too) with [payloadJson] (and [comment]); returns how many deliveries were queued.
     */
    @JvmOverloads
    fun emitCallback(projectId: String, trigger: String, payloadJson: String = "{}", comment: String? = null): Int {
        val c = comment?.let { ""","comment":${json(it)}""" } ?: ""
        val answer = post(
            "/_emulator/callbacks/emit",
            """{"project_id":${json(projectId)},"trigger":${json(trigger)},"payload":$payloadJson$c}""",
        )
        return (MiniJson.parse(answer) as Map<*, *>)["deliveries"].let { (it as Number).toInt() }
    }

    /**
     * Resends the last attempt of delivery [deliveryId] byte for byte (same nonce, timestamp and
     * signature), as an attacker who captured it would; returns the target's status.
     */
    fun replayDelivery(deliveryId: String): Int? {
        val answer = post("/_emulator/callbacks/deliveries/${java.net.URLEncoder.encode(deliveryId, "UTF-8")}/replay", "")
        return ((MiniJson.parse(answer) as Map<*, *>)["status"] as Number?)?.toInt()
    }

    /**
     * How deliveries are retried and signed from now on (the values given): [maxAttempts]
     * (1 to 10), [backoffMs] (the first pause, doubled each time), [clockSkewSecs] (`-600` signs
     * deliveries ten minutes in the past).
     */
    @JvmOverloads
    fun callbackConfig(maxAttempts: Int? = null, backoffMs: Long? = null, clockSkewSecs: Long? = null) {
        val fields = listOfNotNull(
            maxAttempts?.let { """"max_attempts":$it""" },
            backoffMs?.let { """"backoff_ms":$it""" },
            clockSkewSecs?.let { """"clock_skew_secs":$it""" },
        )
        post("/_emulator/callbacks/config", fields.joinToString(",", "{", "}"))
    }

    /** `GET` on the emulator ([path] starts with `/`); the body of a 2xx answer. */
    fun get(path: String): String = send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET())

    /** `POST` of [json] to the emulator ([path] starts with `/`); the body of a 2xx answer. */
    fun post(path: String, json: String): String = send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)),
    )

    private fun send(builder: HttpRequest.Builder): String {
        val request = builder.timeout(CALL_TIMEOUT).build()
        val response = try {
            http.send(request, HttpResponse.BodyHandlers.ofString())
        } catch (e: IOException) {
            throw SinchEmulatorException("${request.method()} ${request.uri()}: $e${log.tail()}", e)
        }
        if (response.statusCode() !in 200..299) {
            throw SinchEmulatorException("${request.method()} ${request.uri()} -> ${response.statusCode()}: ${response.body()}")
        }
        return response.body()
    }

    /** The last lines the emulator logged (one per request: method, path, status). */
    fun recentLog(): List<String> = log.lines(50)

    /** Stops the process (waits at most 10 s). Calling it again does nothing. */
    override fun close() {
        process.destroy()
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS)
        log.file.delete()
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook)
        } catch (_: IllegalStateException) {
            // The JVM is already shutting down: the hook runs or has run.
        } catch (_: IllegalArgumentException) {
            // Removed by an earlier close().
        }
    }

    override fun toString(): String = "SinchEmulator($baseUrl)"

    /**
     * The emulator's stderr (one line per request, or why it could not start), in a file: a
     * pipe read by a thread can lose its last lines when the process exits.
     */
    internal class Log(val file: File) {
        fun lines(max: Int): List<String> = try {
            RandomAccessFile(file, "r").use { f ->
                val from = maxOf(0L, f.length() - 16 * 1024)
                f.seek(from)
                val bytes = ByteArray((f.length() - from).toInt())
                f.readFully(bytes)
                String(bytes, Charsets.UTF_8).lines().filter(String::isNotBlank).let { if (from > 0) it.drop(1) else it }.takeLast(max)
            }
        } catch (_: IOException) {
            emptyList()
        }

        fun tail(): String = quote(lines(10))

        /** At start, the first lines: the emulator says what was wrong, then prints its usage. */
        fun head(): String = quote(
            try {
                file.bufferedReader().useLines { it.filter(String::isNotBlank).take(3).toList() }
            } catch (_: IOException) {
                emptyList()
            },
        )

        private fun quote(lines: List<String>) = if (lines.isEmpty()) "" else lines.joinToString("\n  ", ":\n  ")
    }

    companion object {
        const val DEMO_KEY_ID = "demo-key-id"
        const val DEMO_KEY_SECRET = "demo-key-secret"
        const val DEMO_USER = "demo-user"
        const val DEMO_PASSWORD = "demo-password"

        private const val BANNER = "sinch-emulator listening on "
        private val START_TIMEOUT: Duration = Duration.ofSeconds(30)
        private val CALL_TIMEOUT: Duration = Duration.ofSeconds(10)
        private val http: HttpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()

        /**
         * Starts the emulator with its command-line [args] (e.g. `"--seed", "seed.json"`,
         * `"--token-lifetime", "5"`, `"--tls"`) on a free port of 127.0.0.1 unless [args]
         * give `--port`, and returns once it serves (at most 30 s).
         */
        @JvmStatic
        fun start(vararg args: String): SinchEmulator {
            val exe = binary()
            val argv = mutableListOf(exe.path)
            argv += args
            if (args.none { it == "--port" || it.startsWith("--port=") }) argv += listOf("--port", "0")
            val logFile = File.createTempFile("sinch-emulator-", ".log").apply { deleteOnExit() }
            val log = Log(logFile)
            val process = try {
                ProcessBuilder(argv).redirectError(logFile).start()
            } catch (e: IOException) {
                logFile.delete()
                throw SinchEmulatorException("cannot run $exe: $e", e)
            }
            val stdout = BufferedReader(InputStreamReader(process.inputStream, Charsets.UTF_8))
            val first = CompletableFuture.supplyAsync { stdout.readLine() }
            val line = try {
                first.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) ?: "" // "": it exited
            } catch (e: TimeoutException) {
                null
            } catch (e: ExecutionException) {
                ""
            }
            if (line == null || !line.startsWith(BANNER)) {
                val why = when {
                    line == null -> "printed no address within ${START_TIMEOUT.seconds} s"
                    line.isEmpty() -> "exited before printing its address"
                    else -> "printed \"$line\" instead of its address"
                }
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS)
                val message = "$exe ${args.joinToString(" ")} $why${log.head()}"
                logFile.delete()
                throw SinchEmulatorException(message)
            }
            // Nothing else comes on stdout; keep the pipe drained all the same. The JDK closes
            // it under the reader when the process exits, which just ends the thread.
            Thread({ runCatching { stdout.use { it.readLines() } } }, "sinch-emulator-stdout")
                .apply { isDaemon = true }.start()
            return SinchEmulator(process, line.removePrefix(BANNER).trim().trimEnd('/'), log)
        }

        /**
         * The binary [start] runs: `-Dsinch.emulator.binary`, else `$SINCH_EMULATOR`, else the
         * one in this jar for this platform (extracted once per JVM, deleted at exit).
         */
        @JvmStatic
        fun binary(): File {
            val explicit = listOf(System.getProperty("sinch.emulator.binary"), System.getenv("SINCH_EMULATOR"))
                .firstOrNull { !it.isNullOrBlank() }
            if (explicit != null) {
                val file = File(explicit).absoluteFile
                if (!file.canExecute()) throw SinchEmulatorException("sinch-emulator binary $file does not exist or is not executable")
                return file
            }
            return bundled
        }

        private val bundled: File by lazy { extract() }

        private fun extract(): File {
            val platform = platform()
            val resource = "/$platform/sinch-emulator"
            val input = SinchEmulator::class.java.getResourceAsStream(resource)
                ?: throw SinchEmulatorException(
                    "sinch-core-testing has no sinch-emulator for $platform (os.name=${System.getProperty("os.name")}, " +
                        "os.arch=${System.getProperty("os.arch")}); it has: ${bundledPlatforms()}. Build one " +
                        "(cargo build --release -p sinch-emulator) and pass -Dsinch.emulator.binary=PATH or SINCH_EMULATOR=PATH",
                )
            val dir = Files.createTempDirectory("sinch-emulator-")
            val file = dir.resolve("sinch-emulator").toFile()
            input.use { Files.copy(it, file.toPath(), StandardCopyOption.REPLACE_EXISTING) }
            check(file.setExecutable(true, true)) { "cannot make $file executable" }
            file.deleteOnExit()
            dir.toFile().deleteOnExit()
            return file
        }

        private fun bundledPlatforms(): String =
            SinchEmulator::class.java.getResourceAsStream("emulator-platforms.txt")
                ?.use { it.bufferedReader().readLines().filter(String::isNotBlank).joinToString() }
                ?: "none"

        /** JNA's name for this platform (`com.sun.jna.Platform.RESOURCE_PREFIX`), e.g. `linux-x86-64`. */
        internal fun platform(): String {
            val os = System.getProperty("os.name").lowercase()
            val osName = when {
                os.startsWith("linux") -> "linux"
                os.startsWith("mac") || os.startsWith("darwin") -> "darwin"
                os.startsWith("windows") -> "win32"
                else -> os.replace(" ", "")
            }
            val arch = when (val a = System.getProperty("os.arch").lowercase()) {
                "x86_64", "amd64" -> "x86-64"
                "i386", "i686", "x86" -> "x86"
                "arm64" -> "aarch64"
                else -> a
            }
            return "$osName-$arch"
        }

        private fun json(s: String): String = buildString {
            append('"')
            for (c in s) when {
                c == '"' -> append("\\\"")
                c == '\\' -> append("\\\\")
                c < ' ' -> append(String.format("\\u%04x", c.code))
                else -> append(c)
            }
            append('"')
        }
    }
}

/** The emulator's request counters (`GET /_emulator/counters`), since the start or the last reset. */
data class Counters(
    /** Every `POST /oauth2/token`, whatever the outcome. */
    val tokenRequests: Long,
    /** [tokenRequests] by the key id of the request's Basic header. */
    val tokenRequestsByKey: Map<String, Long>,
    /** Every Provisioning request (`/v1/...`), whatever the outcome. */
    val apiRequests: Long,
    /** 401s sent by API endpoints (not by token endpoints). */
    val unauthorizedSent: Long,
    /** The 401s among [unauthorizedSent] that said the token expired. */
    val expired401Sent: Long,
    val keycloakPasswordGrants: Long,
    val keycloakRefreshGrants: Long,
    val indiaSendRequests: Long,
) {
    companion object {
        private fun number(json: String, name: String): Long =
            Regex("\"$name\"\\s*:\\s*(\\d+)").find(json)?.groupValues?.get(1)?.toLong()
                ?: throw SinchEmulatorException("no $name in $json")

        /** Numbers plus one flat object of numbers: a regex read is enough, no JSON library needed. */
        internal fun parse(json: String): Counters {
            val byKey = Regex("\"token_requests_by_key\"\\s*:\\s*\\{([^}]*)}").find(json)?.groupValues?.get(1).orEmpty()
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

/** One signed webhook callback the emulator sent (`GET /_emulator/callbacks/deliveries`). */
data class Delivery(
    val id: String,
    val projectId: String,
    val webhookId: String,
    val target: String,
    val trigger: String,
    /** The exact body sent. */
    val body: String,
    /** `pending`, `delivered` or `failed`. */
    val status: String,
    val attempts: List<DeliveryAttempt>,
) {
    companion object {
        internal fun parseList(json: String): List<Delivery> =
            ((MiniJson.parse(json) as Map<*, *>)["deliveries"] as List<*>).map { d ->
                val m = d as Map<*, *>
                Delivery(
                    id = m["id"] as String,
                    projectId = m["project_id"] as String,
                    webhookId = m["webhook_id"] as String,
                    target = m["target"] as String,
                    trigger = m["trigger"] as String,
                    body = m["body"] as String,
                    status = m["status"] as String,
                    attempts = (m["attempts"] as List<*>).map { a ->
                        val t = a as Map<*, *>
                        DeliveryAttempt(
                            number = (t["number"] as Number).toInt(),
                            nonce = t["nonce"] as String,
                            timestamp = (t["timestamp"] as Number).toLong(),
                            signature = t["signature"] as String,
                            status = (t["status"] as Number?)?.toInt(),
                            error = t["error"] as String?,
                            replay = t["replay"] as Boolean,
                        )
                    },
                )
            }
    }
}

/** One try at sending a [Delivery]: the target's HTTP [status], or the [error] without one. */
data class DeliveryAttempt(
    val number: Int,
    val nonce: String,
    val timestamp: Long,
    /** The signature header sent (a MAC, not the secret). */
    val signature: String,
    val status: Int?,
    val error: String?,
    /** Sent by [SinchEmulator.replayDelivery]. */
    val replay: Boolean,
)

/**
 * Reads the control API's JSON into maps, lists, strings, numbers (Long or Double), booleans
 * and null: enough for these answers, so the testing artifact needs no JSON library.
 */
internal object MiniJson {
    fun parse(text: String): Any? = Reader(text).run { value().also { space(); require(i == s.length) { "trailing data" } } }

    private class Reader(val s: String) {
        var i = 0

        fun space() {
            while (i < s.length && s[i].isWhitespace()) i++
        }

        fun value(): Any? {
            space()
            require(i < s.length) { "unexpected end" }
            return when (s[i]) {
                '{' -> obj()
                '[' -> arr()
                '"' -> str()
                't' -> word("true", true)
                'f' -> word("false", false)
                'n' -> word("null", null)
                else -> num()
            }
        }

        fun word(w: String, v: Any?): Any? {
            require(s.startsWith(w, i)) { "bad literal at $i" }
            i += w.length
            return v
        }

        fun obj(): Map<String, Any?> {
            val out = LinkedHashMap<String, Any?>()
            i++
            space()
            if (s[i] == '}') return out.also { i++ }
            while (true) {
                space()
                val k = str()
                space()
                require(s[i] == ':') { "':' expected at $i" }
                i++
                out[k] = value()
                space()
                when (s[i++]) {
                    ',' -> continue
                    '}' -> return out
                    else -> throw IllegalArgumentException("',' or '}' expected at ${i - 1}")
                }
            }
        }

        fun arr(): List<Any?> {
            val out = ArrayList<Any?>()
            i++
            space()
            if (s[i] == ']') return out.also { i++ }
            while (true) {
                out.add(value())
                space()
                when (s[i++]) {
                    ',' -> continue
                    ']' -> return out
                    else -> throw IllegalArgumentException("',' or ']' expected at ${i - 1}")
                }
            }
        }

        fun str(): String {
            require(s[i] == '"') { "string expected at $i" }
            i++
            val b = StringBuilder()
            while (true) {
                val c = s[i++]
                when (c) {
                    '"' -> return b.toString()
                    '\\' -> when (val e = s[i++]) {
                        'n' -> b.append('\n')
                        't' -> b.append('\t')
                        'r' -> b.append('\r')
                        'b' -> b.append('\b')
                        'f' -> b.append('\u000c')
                        'u' -> b.append(s.substring(i, i + 4).toInt(16).toChar()).also { i += 4 }
                        else -> b.append(e)
                    }
                    else -> b.append(c)
                }
            }
        }

        fun num(): Number {
            val start = i
            while (i < s.length && (s[i].isDigit() || s[i] in "+-.eE")) i++
            val t = s.substring(start, i)
            return t.toLongOrNull() ?: t.toDouble()
        }
    }
}

/** The emulator could not be found or started, or refused a control call. */
class SinchEmulatorException @JvmOverloads constructor(message: String, cause: Throwable? = null) :
    RuntimeException(message, cause)
