package io.github.sinchcore.tests

import io.github.sinchcore.BundleFilter
import io.github.sinchcore.SinchException
import io.github.sinchcore.WebhookTriggers
import io.github.sinchcore.all
import io.github.sinchcore.pageSequence
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNotNull

class ProvisioningBundlesTest : EmulatorTestBase() {
    private val client by lazy { client() }
    private val bundles by lazy { closeLater(client.bundles()) }

    private fun filter(states: List<String> = emptyList(), smsAppIds: List<String> = emptyList()) =
        BundleFilter(smsAppIds = smsAppIds, convAppIds = emptyList(), states = states)

    @Test
    fun createGetListAndFinish() {
        val created = bundles.create(
            "Full", "US",
            subprojectName = "Sub", smsAppName = "SMS one", convApp = true, testNumber = true,
            webhookTarget = "https://example.com/bundle-done", webhookSecret = "whsec-bundle",
            webhookTriggers = listOf(WebhookTriggers.BUNDLE_DONE),
            extraJson = """{"convApp": {"name": "Conv", "processingMode": "DISPATCH"}}""",
        )
        assertEquals("IN_PROGRESS", created.state)
        assertEquals(PROJECT, created.projectId)
        assertEquals("Sub", created.subproject?.name)
        val sms = assertNotNull(created.smsApp)
        assertEquals("SMS one" to "PENDING_ADD", sms.name to sms.status)
        assertEquals("Conv" to "DISPATCH", created.convApp?.name to created.convApp?.processingMode)
        assertEquals(listOf(WebhookTriggers.BUNDLE_DONE), created.webhooks.single().triggers)
        assertEquals(created, bundles.get(created.id))
        // What the bundle ordered exists on its own too.
        client.smsApps().use { assertEquals("SMS one", it.get(sms.id).name) }
        client.webhooks().use {
            assertEquals("https://example.com/bundle-done", it.get(created.webhooks.single().id).target)
        }
        emulator.setField(PROJECT, "bundles", created.id, "state", "\"DONE\"")
        assertEquals("DONE", bundles.get(created.id).state)
        assertEquals(1L, bundles.list().totalSize)
    }

    @Test
    fun filtersAndLazyPages() {
        val made = (0 until 12).map { bundles.create("b$it", "US", smsApp = true) }
        val first = bundles.list()
        assertEquals(10 to 12L, first.bundles.size to first.totalSize)
        emulator.setField(PROJECT, "bundles", made[3].id, "state", "\"FAILED\"")
        emulator.setField(PROJECT, "bundles", made[7].id, "state", "\"FAILED\"")
        assertEquals(listOf("b3", "b7"), bundles.all(pageSize = 1, filter = filter(states = listOf("FAILED"))).map { it.name }.toList())
        val byApp = bundles.all(filter = filter(smsAppIds = listOf(made[5].smsApp!!.id))).toList()
        assertEquals("b5", byApp.single().name)
        val all = emulator.assertLazyPaging(pages = 3) { bundles.all(pageSize = 5) }
        assertEquals(made.map { it.id }.toSet(), all.map { it.id }.toSet())
        assertEquals(3, bundles.pageSequence(5).count())
    }

    @Test
    fun unknownStateFromTheServerIsKept() {
        val b = bundles.create("x", "US", smsApp = true)
        emulator.setField(PROJECT, "bundles", b.id, "state", "\"PARTIALLY_DONE\"")
        assertEquals("PARTIALLY_DONE", bundles.get(b.id).state)
        // Filtering by a state the client does not know works too.
        assertEquals(b.id, bundles.all(filter = filter(states = listOf("PARTIALLY_DONE"))).single().id)
    }

    @Test
    fun documentedErrors() {
        expectApi(400, "missing_name") { bundles.create("", "US", smsApp = true) }
        expectApi(400, "no_services_to_create") { bundles.create("nothing", "US") }
        expectApi(400, "invalid_input") { bundles.create("bad part", "US", smsApp = true, extraJson = """{"subproject": 5}""") }
        expectApi(404, "bundle_not_found") { bundles.get("62a02dd40000000000000000") }
        expectApi(400, "invalid_page_token") { bundles.list(pageToken = "nope") }
        val sent = emulator.counters().apiRequests
        assertFailsWith<SinchException.InvalidConfig> { bundles.pageSequence(pageSize = 26).first() }
        assertFailsWith<SinchException.InvalidConfig> { bundles.create("x", "US", smsApp = true, extraJson = "not json") }
        assertEquals(sent, emulator.counters().apiRequests)
    }
}
