package io.github.sinchcore.tests

import io.github.sinchcore.SinchException
import io.github.sinchcore.client.TokenStore
import io.github.sinchcore.testing.SinchEmulator
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import org.junit.jupiter.api.io.TempDir
import java.io.File
import java.net.ServerSocket
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import kotlin.test.fail

/**
 * Fleets of real OS processes, Python and JVM mixed, sharing tokens through one redis-server
 * (started here on a free loopback port) or through per-host files. Needs `redis-server` and
 * the repository's `.venv` with sinch_core installed (scripts/test.sh has both, and sets
 * SINCH_REQUIRE_FLEET=1 so that a missing one fails instead of skipping these tests).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisFleetTest : EmulatorTestBase() {
    private lateinit var redis: Redis

    @BeforeEach
    fun startRedis() {
        requireTools()
        redis = Redis()
    }

    @AfterEach
    fun stopRedis() {
        if (::redis.isInitialized) redis.close()
    }

    @Test
    fun mixedFleetOnOneRedisMakesOneTokenRequestAndOnePasswordGrant(@TempDir dir: Path) {
        val fleet = startFleet(dir, hosts = 3) { redis.url }
        val out = fleet.go()
        assertEquals(24, out.size)
        assertEquals(1, out.map { it.getValue("oauth") }.toSet().size, "every process got the same OAuth token")
        assertEquals(1, out.map { it.getValue("india") }.toSet().size, "and the same India token")
        val counters = emulator.counters()
        assertEquals(1, counters.tokenRequests, "3 hosts x (4 Python + 4 JVM) processes, one Redis")
        assertEquals(1, counters.keycloakPasswordGrants)

        // Redis access alone grants nothing: sealed entries, no token, secret or password.
        val dump = redis.dump()
        assertTrue(dump.contains("sealed.v1."), dump)
        for (s in listOf(out[0].getValue("oauth"), out[0].getValue("india"), SinchEmulator.DEMO_KEY_SECRET, SinchEmulator.DEMO_PASSWORD)) {
            assertFalse(dump.contains(s), "$s is readable in Redis")
        }
    }

    @Test
    fun theSameFleetWithAFileStorePerHostMakesOneRequestPerHost(@TempDir dir: Path) {
        val fleet = startFleet(dir, hosts = 3) { host -> "file:" + dir.resolve("host$host.json") }
        val out = fleet.go()
        assertEquals(3, out.map { it.getValue("oauth") }.toSet().size, "one token per host: Python and JVM share the file")
        val counters = emulator.counters()
        assertEquals(3, counters.tokenRequests)
        assertEquals(3, counters.keycloakPasswordGrants)
    }

    @Test
    fun indiaFleetRefreshingUnderTheLeaseNeverReusesARotatedRefreshToken(@TempDir dir: Path) {
        // Access tokens of 2 s: 8 Python + 8 JVM processes reading for 7 s refresh them again and
        // again, each refresh rotating the refresh token. Keycloak refuses a reused one
        // (invalid_grant), which would cost that process a password grant.
        emulator.setKeycloakLifetimes(accessSeconds = 2, refreshSeconds = 60)
        val go = dir.resolve("go")
        val a = args(redis.url, go) + "7"
        val workers = List(8) { Worker.python(a) } + List(8) { Worker.jvm(a) }
        val out = Fleet(workers, go).go()
        val counters = emulator.counters()
        assertEquals(1, counters.keycloakPasswordGrants, "$counters")
        assertTrue(counters.keycloakRefreshGrants in 2..12, "about one refresh per token lifetime for the fleet, not one per process: $counters")
        val reads = out.sumOf { it.getValue("reads").toInt() }
        assertTrue(reads > 1000, "$reads reads")
        println("India fleet, 16 processes x 7 s: $reads reads, $counters")
    }

    @Test
    fun killDashNineOfTheLeaseHolderLetsAnotherProcessFetchOnceItsLeaseExpires(@TempDir dir: Path) {
        // The holder's token request hangs (its answer is delayed past its request timeout); the
        // holder is killed with SIGKILL while it holds the fleet lease, which then only expires.
        emulator.faultDelay("token", millis = 10_000)
        val holder = Worker.python(args(redis.url, dir.resolve("go-holder"), keycloak = false))
        holder.awaitReady()
        File(dir.resolve("go-holder").toString()).createNewFile()
        val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20)
        while (redis.keys("sinch-core:lock:*").isEmpty() || emulator.counters().tokenRequests < 1) {
            if (System.nanoTime() > deadline) fail("the holder never took the lease: ${holder.stderr()}")
            Thread.sleep(10)
        }
        holder.kill9()
        assertEquals(1, redis.keys("sinch-core:lock:*").size, "the dead holder's lease is still there")

        val go = dir.resolve("go")
        val waiters = listOf(Worker.jvm(args(redis.url, go, keycloak = false)), Worker.python(args(redis.url, go, keycloak = false)))
        waiters.forEach { it.awaitReady() }
        val started = System.nanoTime()
        File(go.toString()).createNewFile()
        val tokens = waiters.map { it.result().getValue("oauth") }
        val waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)
        assertEquals(1, tokens.toSet().size, "both waiters got the token one of them fetched")
        assertEquals(2, emulator.counters().tokenRequests, "the dead holder's request + one after its lease expired")
        // The lease's TTL is one fetch (2 x the request timeout + the retry budget = 6.5 s here);
        // the waiters' own bound is that plus 5 s.
        assertTrue(waitedMs < 11_500, "the waiters fetched after the lease expired, not after their own bound: $waitedMs ms")
        println("kill -9 of the lease holder: waiters got a token after $waitedMs ms")
    }

    @Test
    fun aBadRedisUrlIsInvalidConfigWithoutItsPassword() {
        val e = assertFailsWith<SinchException.InvalidConfig> { TokenStore.redis("http://user:hunter2@127.0.0.1:6379") }
        assertTrue(e.message.orEmpty().contains("redis://"), "says which schemes work: ${e.message}")
        assertFalse(e.toString().contains("hunter2"), e.toString())
        assertFailsWith<SinchException.InvalidConfig> { TokenStore.redis(redis.url, database = -1) }
    }

    // -- fleet plumbing -------------------------------------------------------------------------

    private fun args(store: String, go: Path, keycloak: Boolean = true) = listOf(
        store, emulator.tokenUrl, SinchEmulator.DEMO_KEY_ID, SinchEmulator.DEMO_KEY_SECRET,
        if (keycloak) emulator.keycloakTokenUrl else "-", SinchEmulator.DEMO_USER, SinchEmulator.DEMO_PASSWORD,
        go.toString(), "3000",
    )

    private inner class Fleet(val workers: List<Worker>, val go: Path) {
        /** Lets every process go at once and returns what each printed. */
        fun go(): List<Map<String, String>> {
            workers.forEach { it.awaitReady() }
            File(go.toString()).createNewFile()
            return workers.map { it.result() }
        }
    }

    /** [hosts] x (4 Python + 4 JVM processes), each host's processes given `store(host)`. */
    private fun startFleet(dir: Path, hosts: Int, store: (Int) -> String): Fleet {
        val go = dir.resolve("go")
        val workers = (0 until hosts).flatMap { host ->
            val a = args(store(host), go)
            List(4) { Worker.python(a) } + List(4) { Worker.jvm(a) }
        }
        return Fleet(workers, go)
    }

    private class Worker(command: List<String>) {
        private val err = File.createTempFile("fleet-worker", ".err").also { it.deleteOnExit() }
        private val process: Process = ProcessBuilder(command).redirectError(err).start()
        private val out = process.inputStream.bufferedReader()

        fun stderr(): String = err.readText()

        fun awaitReady() {
            val line = out.readLine()
            assertEquals("ready", line, "worker did not start: ${stderr()}")
        }

        fun result(): Map<String, String> {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly()
                fail("worker still running after 60 s: ${stderr()}")
            }
            assertEquals(0, process.exitValue(), stderr())
            return out.readLines().associate { it.substringBefore('=') to it.substringAfter('=') }
        }

        /** SIGKILL: no shutdown hook, no finally block, the lease is never released. */
        fun kill9() {
            process.destroyForcibly()
            assertTrue(process.waitFor(10, TimeUnit.SECONDS))
        }

        companion object {
            fun python(args: List<String>) = Worker(listOf(python.toString(), worker.toString()) + args)

            fun jvm(args: List<String>) = Worker(
                listOf(
                    File(System.getProperty("java.home"), "bin/java").path,
                    // Short-lived processes: no JIT tiers or GC threads worth paying for at start.
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                    "-cp", System.getProperty("java.class.path"),
                    "io.github.sinchcore.tests.FleetWorkerKt",
                ) + args,
            )
        }
    }

    private class Redis : AutoCloseable {
        val port = ServerSocket(0).use { it.localPort }
        val url = "redis://127.0.0.1:$port"
        private val process = ProcessBuilder(
            "redis-server", "--port", "$port", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
        ).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()

        init {
            val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10)
            while (cli("PING") != "PONG") {
                if (System.nanoTime() > deadline) fail("redis-server did not answer on $port")
                Thread.sleep(20)
            }
        }

        fun cli(vararg args: String): String {
            val p = ProcessBuilder(listOf("redis-cli", "-p", "$port") + args).redirectErrorStream(true).start()
            val text = p.inputStream.bufferedReader().readText().trim()
            p.waitFor(5, TimeUnit.SECONDS)
            return text
        }

        fun keys(pattern: String): List<String> = cli("--scan", "--pattern", pattern).lines().filter { it.isNotBlank() }

        fun dump(): String = keys("*").joinToString("\n") { "$it ${cli("GET", it)}" }

        override fun close() {
            process.destroyForcibly()
            process.waitFor(10, TimeUnit.SECONDS)
        }
    }

    companion object {
        private val repo: File = generateSequence(File("").absoluteFile) { it.parentFile }
            .first { File(it, "tests/fleet/worker.py").exists() }
        private val worker = File(repo, "tests/fleet/worker.py")
        private val python = System.getenv("SINCH_PYTHON")?.let(::File) ?: File(repo, ".venv/bin/python")

        private fun onPath(tool: String) = System.getenv("PATH").orEmpty().split(File.pathSeparator)
            .any { File(it, tool).canExecute() }

        /** Skipped where the tools are missing (a plain `mvn install`), required by scripts/test.sh. */
        private fun requireTools() {
            val missing = buildList {
                if (!onPath("redis-server") || !onPath("redis-cli")) add("redis-server (scripts/ensure-redis.sh)")
                if (!python.canExecute()) add("$python with sinch_core (scripts/python.sh install)")
            }
            if (missing.isEmpty()) return
            val message = "mixed-fleet tests need ${missing.joinToString(" and ")}"
            if (System.getenv("SINCH_REQUIRE_FLEET") == "1") fail(message)
            assumeTrue(false, message)
        }
    }
}
