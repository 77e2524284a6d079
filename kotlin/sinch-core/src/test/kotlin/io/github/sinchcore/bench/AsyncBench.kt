// Benchmark, not a test (run by scripts/bench-kotlin.sh; prints numbers, asserts nothing):
// 100 concurrent webhooks().list() calls through the suspend API, from ONE dispatcher thread,
// vs the blocking API on Dispatchers.IO (`async(Dispatchers.IO) { webhooks.list() }`), the
// usual way to call blocking code from coroutines. Rounds alternate the two contenders.
//
// Threads: the blocking core runs somewhere in both cases. The suspend API runs it on the
// Rust pool (threads named sinch-core-io, up to 64); the IO contender runs it on Dispatchers.IO
// threads (up to 64). "workers" counts those threads; "process peak" is every OS thread of
// the JVM (/proc/self/task, sampled) and includes idle threads kept alive by both pools
// between rounds, JIT and GC threads; "JVM peak" is ThreadMXBean's peak live count.
package io.github.sinchcore.bench

import io.github.sinchcore.client.AsyncProvisioningClient
import io.github.sinchcore.client.AsyncWebhooks
import io.github.sinchcore.client.ProvisioningClient
import io.github.sinchcore.client.SinchAuth
import io.github.sinchcore.client.Webhooks
import io.github.sinchcore.testing.SinchEmulator
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import java.io.File
import java.lang.management.ManagementFactory
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.Executors
import kotlin.system.exitProcess

private const val PROJECT = "bench-project"

private fun osThreads(): Int = File("/proc/self/task").list()?.size ?: -1

private fun rustPoolThreads(): Int = File("/proc/self/task").listFiles().orEmpty().count { task ->
    runCatching { File(task, "comm").readText().trim() }.getOrDefault("").startsWith("sinch-core-io")
}

/** Samples the process's OS thread count every few ms while open. */
private class ThreadSampler : AutoCloseable {
    @Volatile private var running = true
    @Volatile var peak = osThreads()
        private set
    private val thread = Thread {
        while (running) {
            peak = maxOf(peak, osThreads())
            Thread.sleep(5)
        }
    }.apply { isDaemon = true; name = "bench-sampler"; start() }

    override fun close() {
        running = false
        thread.join(1_000)
    }
}

private data class Round(val wallMs: Double, val workers: Int, val processPeak: Int, val jvmPeak: Int)

private val threadBean = ManagementFactory.getThreadMXBean()

/** Runs one round; [block] returns how many worker threads ran the calls. */
private suspend fun measure(block: suspend () -> Int): Round {
    threadBean.resetPeakThreadCount()
    ThreadSampler().use { sampler ->
        val started = System.nanoTime()
        val workers = block()
        val wallMs = (System.nanoTime() - started) / 1e6
        return Round(wallMs, workers, sampler.peak, threadBean.peakThreadCount)
    }
}

private suspend fun suspendRound(webhooks: AsyncWebhooks, oneThread: CoroutineDispatcher, calls: Int) =
    measure {
        withContext(oneThread) {
            val pages = (1..calls).map { async { webhooks.list() } }.awaitAll()
            check(pages.size == calls)
        }
        rustPoolThreads()
    }

private suspend fun blockingOnIoRound(webhooks: Webhooks, calls: Int) = measure {
    val used = ConcurrentHashMap.newKeySet<Thread>()
    coroutineScope {
        val pages = (1..calls).map {
            async(Dispatchers.IO) {
                used += Thread.currentThread()
                webhooks.list()
            }
        }.awaitAll()
        check(pages.size == calls)
    }
    used.size
}

private fun stats(label: String, rounds: List<Round>) {
    fun <T : Comparable<T>> spread(values: List<T>): String {
        val s = values.sorted()
        return if (s.first() == s.last()) "${s.first()}" else "${s.first()}-${s.last()}"
    }
    val ms = rounds.map { it.wallMs }.sorted()
    println(
        "  %-34s wall ms min %7.1f  median %7.1f  max %7.1f | workers %-7s process peak %-7s JVM peak %s".format(
            label, ms.first(), ms[ms.size / 2], ms.last(),
            spread(rounds.map { it.workers }), spread(rounds.map { it.processPeak }), spread(rounds.map { it.jvmPeak }),
        )
    )
}

fun main(args: Array<String>) {
    var rounds = 10
    var calls = 100
    var latencies = listOf(0L, 50L)
    var i = 0
    while (i < args.size) {
        when (args[i]) {
            "--rounds" -> rounds = args[++i].toInt()
            "--calls" -> calls = args[++i].toInt()
            "--latency-ms" -> latencies = args[++i].split(',').map { it.trim().toLong() }
            else -> { System.err.println("usage: AsyncBench [--rounds N] [--calls N] [--latency-ms 0,50]"); exitProcess(2) }
        }
        i++
    }
    val warmup = 2
    println("sinch-core Kotlin: $calls concurrent webhooks().list(), $rounds rounds per contender after $warmup warm-up, alternating")
    println("  emulator ${SinchEmulator.binary()}; ${Runtime.getRuntime().availableProcessors()} CPUs; JVM ${System.getProperty("java.version")}")

    SinchEmulator.start().use { emulator ->
        SinchAuth.oauth(SinchEmulator.DEMO_KEY_ID, SinchEmulator.DEMO_KEY_SECRET, emulator.tokenUrl).use { auth ->
            ProvisioningClient(PROJECT, auth, emulator.baseUrl).use { client ->
                AsyncProvisioningClient(PROJECT, auth, emulator.baseUrl).use { asyncClient ->
                    val webhooks = client.webhooks()
                    val asyncWebhooks = asyncClient.webhooks()
                    repeat(5) { webhooks.create("https://example.com/bench/$it", "bench-secret", listOf("ALL")) }
                    auth.accessToken()
                    Executors.newSingleThreadExecutor().asCoroutineDispatcher().use { oneThread ->
                        runBlocking {
                            for (latency in latencies) {
                                val suspended = mutableListOf<Round>()
                                val blocking = mutableListOf<Round>()
                                repeat(warmup + rounds) { round ->
                                    // Each round's calls all wait `latency` at the server (a stand-in for the network).
                                    if (latency > 0) emulator.faultDelay("api", latency, count = calls)
                                    val s = suspendRound(asyncWebhooks, oneThread, calls)
                                    if (latency > 0) emulator.faultDelay("api", latency, count = calls)
                                    val b = blockingOnIoRound(webhooks, calls)
                                    if (round >= warmup) { suspended += s; blocking += b }
                                }
                                println("server latency $latency ms per call:")
                                stats("suspend, 1 dispatcher thread", suspended)
                                stats("blocking on Dispatchers.IO", blocking)
                            }
                        }
                    }
                    asyncWebhooks.close()
                    webhooks.close()
                }
            }
        }
    }
}
