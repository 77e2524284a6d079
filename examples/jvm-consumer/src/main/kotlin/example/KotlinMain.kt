// An application that only names the coordinate io.github.sinchcore:sinch-core: it gets a
// token and lists webhooks. Against the emulator (scripts/dist-kotlin.sh starts one):
//   java -cp target/classes:<dependencies> example.KotlinMainKt BASE_URL [PROJECT_ID]
// The token itself is never printed: only a fingerprint.
package example

import io.github.sinchcore.SinchException
import io.github.sinchcore.WebhookTriggers
import io.github.sinchcore.all
import io.github.sinchcore.client.ProvisioningClient
import io.github.sinchcore.client.SinchAuth
import io.github.sinchcore.reason
import java.security.MessageDigest
import kotlin.system.exitProcess

fun main(args: Array<String>) {
    val baseUrl = (args.getOrNull(0) ?: System.getenv("SINCH_BASE_URL"))?.trimEnd('/') ?: run {
        System.err.println("usage: example.KotlinMainKt BASE_URL [PROJECT_ID]   (or SINCH_BASE_URL)")
        exitProcess(2)
    }
    val projectId = args.getOrElse(1) { "kotlin-consumer" }
    // The emulator's demo key; a real application reads its own from its secret store.
    val keyId = System.getenv("SINCH_KEY_ID") ?: "demo-key-id"
    val keySecret = System.getenv("SINCH_KEY_SECRET") ?: "demo-key-secret"
    println("kotlin: Kotlin ${KotlinVersion.CURRENT} on Java ${System.getProperty("java.version")}")
    try {
        SinchAuth.oauth(keyId, keySecret, "$baseUrl/oauth2/token").use { auth ->
            println("kotlin: token ${fingerprint(auth.accessToken())} for key $keyId")
            ProvisioningClient(projectId, auth, baseUrl).use { client ->
                client.webhooks().use { webhooks ->
                    webhooks.create("https://example.com/hooks/kotlin", "kotlin-hook-secret", listOf(WebhookTriggers.ALL))
                    val targets = webhooks.all(pageSize = 10).map { it.target }.toList()
                    println("kotlin: project $projectId has ${targets.size} webhook(s): $targets")
                }
            }
        }
    } catch (e: SinchException) {
        System.err.println("kotlin: ${e.reason}")
        exitProcess(1)
    }
}

private fun fingerprint(secret: String): String =
    "sha256:" + MessageDigest.getInstance("SHA-256").digest(secret.toByteArray())
        .take(4).joinToString("") { "%02x".format(it) }
