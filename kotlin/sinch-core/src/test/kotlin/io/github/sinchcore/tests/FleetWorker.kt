package io.github.sinchcore.tests

import io.github.sinchcore.HttpOptions
import io.github.sinchcore.client.SinchAuth
import io.github.sinchcore.client.TokenStore
import java.io.File
import java.time.Duration
import kotlin.system.exitProcess

/**
 * One JVM process of a simulated fleet ([RedisFleetTest]); `tests/fleet/worker.py` is its Python
 * twin, with the same arguments and output:
 * `STORE TOKEN_URL KEY_ID KEY_SECRET KEYCLOAK_URL USER PASSWORD GO TIMEOUT_MS [LOOP_S]`.
 */
fun main(args: Array<String>) {
    val (storeArg, tokenUrl, keyId, keySecret, keycloakUrl) = args
    val (user, password, go, timeoutMs) = args.drop(5)
    val loopSeconds = args.getOrNull(9)?.toDouble() ?: 0.0
    val store = if (storeArg.startsWith("file:")) TokenStore.file(storeArg.removePrefix("file:")) else TokenStore.redis(storeArg)
    val http = HttpOptions(requestTimeout = Duration.ofMillis(timeoutMs.toLong()), retryBudget = Duration.ofMillis(500))
    val oauth = SinchAuth.oauth(keyId, keySecret, tokenUrl, store, http)
    val india = if (keycloakUrl == "-") null else SinchAuth.india(user, password, tokenUrl = keycloakUrl, store = store, http = http)
    println("ready")
    val deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos()
    while (!File(go).exists()) {
        if (System.nanoTime() > deadline) {
            System.err.println("no go file after 60 s")
            exitProcess(1)
        }
        Thread.sleep(5)
    }
    println("oauth=${oauth.accessToken()}")
    if (india != null) {
        var token = india.accessToken()
        val stop = System.nanoTime() + (loopSeconds * 1e9).toLong()
        var reads = 0
        while (System.nanoTime() < stop) {
            token = india.accessToken()
            reads++
            Thread.sleep(25)
        }
        if (loopSeconds > 0) println("reads=$reads")
        println("india=$token")
    }
    System.out.flush()
}
