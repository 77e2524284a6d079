package io.github.sinchcore.tests

import io.github.sinchcore.SinchException
import io.github.sinchcore.client.ProvisioningClient
import io.github.sinchcore.client.SinchAuth
import io.github.sinchcore.testing.SinchEmulator
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Timeout
import java.util.concurrent.TimeUnit
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

/** A fresh emulator process per test, plus clients on it (everything closed after the test). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class EmulatorTestBase {
    protected lateinit var emulator: SinchEmulator
    private val opened = ArrayDeque<AutoCloseable>()

    @BeforeEach
    fun startEmulator() {
        emulator = SinchEmulator.start()
    }

    @AfterEach
    fun stopEmulator() {
        while (opened.isNotEmpty()) opened.removeLast().close()
        emulator.close()
    }

    /** Closed after the test, in reverse order. */
    protected fun <T : AutoCloseable> closeLater(t: T): T = t.also { opened.addLast(it) }

    protected fun oauth(keyId: String = SinchEmulator.DEMO_KEY_ID, secret: String = SinchEmulator.DEMO_KEY_SECRET) =
        closeLater(SinchAuth.oauth(keyId, secret, emulator.tokenUrl))

    protected fun client(auth: SinchAuth = oauth(), projectId: String = PROJECT) =
        closeLater(ProvisioningClient(projectId, auth, emulator.baseUrl))

    companion object {
        const val PROJECT = "5f1a2b3c-0000-4000-8000-000000000001"
    }
}

/** Runs [block] (inline: it may suspend), expects a typed API error and checks its status and error code. */
inline fun expectApi(status: Int, errorCode: String, block: () -> Unit): SinchException.ApiException {
    val e = assertFailsWith<SinchException.ApiException>(block = block)
    assertEquals(status to errorCode, e.status to e.errorCode, e.toString())
    return e
}

/**
 * Checks that [items] is lazy (no request until iterated, one per page reached) and returns
 * everything it yields, which took [pages] requests.
 */
fun <T> SinchEmulator.assertLazyPaging(pages: Int, items: () -> Sequence<T>): List<T> {
    val before = counters().apiRequests
    val sequence = items()
    assertEquals(before, counters().apiRequests, "building the sequence sends nothing")
    sequence.first()
    assertEquals(before + 1, counters().apiRequests, "the first item costs one page")
    val all = sequence.toList()
    assertEquals(before + 1 + pages, counters().apiRequests, "a full pass is one request per page")
    return all
}
