// A provisioning task end to end against sinch-emulator (or any server with the same routes):
//   scripts/kotlin.sh demo [http://127.0.0.1:PORT [project-id]]   (kotlin/demo: not in the library jar)
// Secrets and tokens are never printed: tokens are shown as `sha256:` + 8 hex digits.
package io.github.sinchcore.examples

import io.github.sinchcore.SinchException
import io.github.sinchcore.TextMessage
import io.github.sinchcore.WebhookTriggers
import io.github.sinchcore.WhatsappSenderCreate
import io.github.sinchcore.WhatsappTemplateComponent
import io.github.sinchcore.WhatsappTemplateCreate
import io.github.sinchcore.WhatsappTemplateUpdate
import io.github.sinchcore.WhatsappSubmitMode
import io.github.sinchcore.client.IndiaWhatsappClient
import io.github.sinchcore.client.ProvisioningClient
import io.github.sinchcore.client.SinchAuth
import io.github.sinchcore.client.sinchCoreVersion
import io.github.sinchcore.pageSequence
import io.github.sinchcore.reason
import java.security.MessageDigest
import kotlin.system.exitProcess

/** `sha256:` and the first 8 hex digits of the SHA-256 of [secret] (the format Rust logs use). */
fun fingerprint(secret: String): String =
    "sha256:" + MessageDigest.getInstance("SHA-256").digest(secret.toByteArray())
        .take(4).joinToString("") { "%02x".format(it) }

private var stepNumber = 0
private fun step(title: String) = println("\n[${++stepNumber}] $title")
private fun info(text: String) = println("    $text")

fun main(args: Array<String>) {
    if (args.isEmpty() || args[0].startsWith("-")) {
        System.err.println("usage: Demo <emulator-base-url> [project-id]   (e.g. http://127.0.0.1:8080)")
        exitProcess(2)
    }
    val base = args[0].trimEnd('/')
    val projectId = args.getOrElse(1) { "demo-project" }
    // The emulator's demo credentials; a real app reads its own from its secret store.
    val keyId = System.getenv("SINCH_KEY_ID") ?: "demo-key-id"
    val keySecret = System.getenv("SINCH_KEY_SECRET") ?: "demo-key-secret"
    val run = System.currentTimeMillis().toString(36) // names unique per run: the demo can run twice
    println("sinch-core ${sinchCoreVersion()} demo against $base, project $projectId")

    try {
        SinchAuth.oauth(keyId, keySecret, tokenUrl = "$base/oauth2/token").use { auth ->
            step("OAuth token (client_credentials, cached and refreshed in Rust)")
            info("${auth.describe()}")
            info("token ${fingerprint(auth.accessToken())}; asked again: ${fingerprint(auth.accessToken())} (same, from the cache)")

            ProvisioningClient(projectId, auth, baseUrl = base).use { client ->
                provision(client, run)
            }
        }
        indiaSend(base)
    } catch (e: SinchException) {
        // Every failure is one sealed type; toString() is the plain sentence, never a secret.
        System.err.println("\nfailed: ${e::class.simpleName}: $e")
        exitProcess(1)
    }
    println("\ndone.")
}

private fun provision(client: ProvisioningClient, run: String) {
    step("Create an SMS app")
    val app = client.smsApps().use { it.create("Demo alerts $run", region = "EU") }
    info("SMS app ${app.id}: '${app.name}', status ${app.status}, regions ${app.regions}")

    val hookTarget = "https://example.com/sinch/provisioning/$run"
    client.webhooks().use { webhooks ->
        step("Register a webhook")
        val hook = webhooks.create(
            hookTarget,
            secret = "whsec-$run-demo", // signs the callbacks; never printed, never returned
            triggers = listOf(WebhookTriggers.WHATSAPP_TEMPLATE_STATUS_UPDATED, WebhookTriggers.WHATSAPP_SENDER_ACTIVE),
        )
        info("webhook ${hook.id} -> ${hook.target} on ${hook.triggers}")
    }

    client.whatsappTemplates().use { templates ->
        step("Create a WhatsApp template, then submit it for review")
        val name = "order_update_$run"
        val draft = templates.create(
            WhatsappTemplateCreate(
                name = name, language = "EN_US", category = "UTILITY",
                components = listOf(
                    WhatsappTemplateComponent.Body(text = "Hi {{1}}, your order shipped.", examples = listOf("Ann"), addSecurityRecommendation = null),
                ),
            )
        )
        info("created '${draft.name}' (${draft.language}): change status ${draft.changes?.status}")
        val submitted = templates.update(name, "EN_US", WhatsappTemplateUpdate(status = WhatsappSubmitMode.SUBMIT))
        info("submitted: state ${submitted.state}")
    }

    client.whatsappSenders().use { senders ->
        step("Create WhatsApp senders, then page through them with a lazy Sequence")
        repeat(3) { i ->
            val s = senders.create(
                WhatsappSenderCreate.EmbeddedSignup(region = "EU", metaLocalStorage = null, wabaId = "10$run$i", phoneNumberId = "20$run$i")
            )
            info("created sender ${s.id}: state ${s.state}, region ${s.region}")
        }
        // One request per page, made only when the loop reaches it.
        for ((n, page) in senders.pageSequence(pageSize = 2).withIndex()) {
            info("page ${n + 1}: ${page.senders.map { it.id }} (${page.totalSize} in all)")
        }
    }

    client.webhooks().use { webhooks ->
        step("A typed error: register the same webhook target again")
        try {
            webhooks.create(hookTarget, "another-secret", listOf(WebhookTriggers.ALL))
            info("unexpected: accepted")
        } catch (e: SinchException.ApiException) {
            info("SinchException.ApiException: status ${e.status}, errorCode ${e.errorCode}")
            info("reason: ${e.reason}")
            if (e.resolution.isNotBlank()) info("resolution: ${e.resolution}")
        }
    }
}

private fun indiaSend(base: String) {
    step("Sinch India: send a WhatsApp text (Keycloak password grant, then refresh grants)")
    SinchAuth.india(
        "demo-user", System.getenv("SINCH_INDIA_PASSWORD") ?: "demo-password",
        tokenUrl = "$base/realms/ipmessaging/protocol/openid-connect/token",
    ).use { india ->
        info("${india.describe()}; token ${fingerprint(india.accessToken())}")
        IndiaWhatsappClient(india, sendUrl = "$base/pull-platform-receiver/v2/wa/messages").use { wa ->
            val sent = wa.sendText(TextMessage(to = "919876543210", body = "Hello from Kotlin", messageId = "demo-1"))
            info("sent: responseId ${sent.responseId}")
        }
    }
}
