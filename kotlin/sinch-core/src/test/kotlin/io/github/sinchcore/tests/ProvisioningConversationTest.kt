package io.github.sinchcore.tests

import io.github.sinchcore.SinchException
import io.github.sinchcore.client.AsyncProvisioningClient
import io.github.sinchcore.client.SinchAuth
import io.github.sinchcore.client.ProvisioningClient
import io.github.sinchcore.testing.SinchEmulatorException
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull

/** The channels of Conversation API apps: each channel's info as linked, an unknown status kept, the documented errors. */
class ProvisioningConversationTest : EmulatorTestBase() {
    private val channels by lazy { closeLater(client().conversationChannels()) }

    @Test
    fun eachChannelAnswersTheInfoLinkedToTheApp() {
        emulator.linkConversationChannel(PROJECT, APP, "instagram", """{"username":"acme.shop","followersCount":1200,"mediaCount":48}""")
        emulator.linkConversationChannel(PROJECT, APP, "messenger", """{"id":"1122334455","globalBrandPageName":"Acme Global"}""")
        emulator.linkConversationChannel(
            PROJECT, APP, "telegram",
            """{"status":"FAILING","statusDescription":"Bot token revoked","username":"acme_bot","canJoinGroups":true}""",
        )
        emulator.linkConversationChannel(
            PROJECT, APP, "viber", """{"status":"PENDING","location":{"lon":18.06,"lat":59.33},"subscribersCount":42}""",
        )

        val insta = channels.instagram(APP)
        assertEquals(Triple("ACTIVE", "acme.shop", 1200L), Triple(insta.status, insta.username, insta.followersCount))
        val page = channels.messenger(APP)
        assertEquals("ACTIVE" to "Acme Global", page.status to page.globalBrandPageName)
        val bot = channels.telegram(APP)
        assertEquals("FAILING" to "Bot token revoked", bot.status to bot.statusDescription)
        assertEquals(true, bot.canJoinGroups)
        assertNull(bot.supportsInlineQueries)
        val viber = channels.viber(APP)
        assertEquals("PENDING" to 42L, viber.status to viber.subscribersCount)
        assertEquals(59.33, viber.location!!.lat)
    }

    @Test
    fun unknownStatusFromTheServerIsKept() {
        emulator.linkConversationChannel(PROJECT, APP, "viber", """{"status":"SUSPENDED"}""")
        assertEquals("SUSPENDED", channels.viber(APP).status)
    }

    @Test
    fun documentedErrors() {
        emulator.linkConversationChannel(PROJECT, APP, "telegram")
        expectApi(400, "conversation_app_id_invalid") { channels.instagram("not-an-app-id") }
        // The app has Telegram only.
        expectApi(404, "channel_not_found") { channels.instagram(APP) }
        expectApi(404, "channel_not_found") { channels.messenger(APP) }
        expectApi(404, "channel_not_found") { channels.viber(APP) }
        val stranger = closeLater(SinchAuth.basic("demo-key-id", "not-the-secret"))
        val other = closeLater(ProvisioningClient(PROJECT, stranger, emulator.baseUrl))
        assertFailsWith<SinchException.InvalidCredentials> { other.conversationChannels().telegram(APP) } // the API's 401
        assertFailsWith<SinchEmulatorException> { emulator.linkConversationChannel(PROJECT, APP, "whatsapp") }
    }

    @Test
    fun theAsyncTwinAnswersTheSame() = runBlocking {
        emulator.linkConversationChannel(PROJECT, APP, "messenger", """{"name":"Acme"}""")
        AsyncProvisioningClient(PROJECT, oauth(), emulator.baseUrl).use { client ->
            assertEquals("Acme", client.conversationChannels().messenger(APP).name)
        }
    }

    companion object {
        /** A Conversation API app id as Sinch makes them (a ULID). */
        const val APP = "01HZY8Q5V9K3M2N4P6R7S8T0AB"
    }
}
