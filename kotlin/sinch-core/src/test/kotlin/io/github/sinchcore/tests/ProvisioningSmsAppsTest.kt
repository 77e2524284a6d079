package io.github.sinchcore.tests

import io.github.sinchcore.SinchException
import io.github.sinchcore.all
import io.github.sinchcore.pageSequence
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.test.assertTrue

class ProvisioningSmsAppsTest : EmulatorTestBase() {
    private val apps by lazy { closeLater(client().smsApps()) }

    @Test
    fun createGetRenameListDelete() {
        val created = apps.create("Alerts", "EU", convApiApp = true)
        assertEquals("Alerts", created.name)
        assertEquals(32, created.id.length)
        assertEquals("PENDING_ADD", created.status)
        assertEquals(listOf("EU"), created.regions)
        assertEquals("PENDING", created.conversationApiAppDetails?.channelStatus)
        assertEquals(created, apps.get(created.id))

        assertEquals("Alerts v2", apps.rename(created.id, "Alerts v2").name)
        assertEquals("Alerts v3", apps.update(created.id, name = "Alerts v3").name)
        val page = apps.list()
        assertEquals(1L, page.totalSize)
        assertEquals("Alerts v3", page.smsApps.single().name)
        assertNull(page.nextPageToken)

        apps.delete(created.id)
        expectApi(404, "sms_app_not_found") { apps.get(created.id) }
        assertEquals(0L, apps.list().totalSize)
    }

    @Test
    fun pagesLazilyOverSeveralPages() {
        val names = (0 until 7).map { "app-$it" }
        names.forEach { apps.create(it, "EU") }
        val all = emulator.assertLazyPaging(pages = 3) { apps.all(pageSize = 3) }
        assertEquals(names, all.map { it.name })
        assertEquals(listOf(3, 3, 1), apps.pageSequence(3).map { it.smsApps.size }.toList())
        assertEquals(7L, apps.pageSequence(3).first().totalSize)
    }

    @Test
    fun unknownStatusFromTheServerIsKept() {
        val app = apps.create("Future", "EU")
        emulator.setField(PROJECT, "sms_apps", app.id, "status", "\"QUANTUM_PENDING\"")
        emulator.setField(PROJECT, "sms_apps", app.id, "regions", """["EU","MARS"]""")
        val got = apps.get(app.id)
        assertEquals("QUANTUM_PENDING", got.status)
        assertEquals(listOf("EU", "MARS"), got.regions)
        assertEquals("QUANTUM_PENDING", apps.all().single().status)
    }

    @Test
    fun documentedErrors() {
        val both = expectApi(400, "invalid_input") {
            apps.create("Both", "EU", convApiApp = true, convApiAppId = "01KXD2MJSAN61CNE0CJ6VT6PXP")
        }
        assertTrue(both.additionalInformation["validationErrors"].orEmpty().any { "mutually exclusive" in it },
            both.additionalInformation.toString())
        expectApi(400, "invalid_input") { apps.create("x".repeat(256), "EU") }
        expectApi(400, "invalid_input") { apps.create("Where", "APAC") } // unknown region: sent as is
        val app = apps.create("Ok", "EU")
        expectApi(400, "no_fields_to_update") { apps.update(app.id) }
        val missing = "0123456789abcdef0123456789abcdef"
        expectApi(404, "sms_app_not_found") { apps.get(missing) }
        expectApi(404, "sms_app_not_found") { apps.rename(missing, "n") }
        expectApi(404, "sms_app_not_found") { apps.delete(missing) }
        expectApi(400, "invalid_page_token") { apps.list(pageToken = "not-a-token!") }
        val sent = emulator.counters().apiRequests
        for (bad in listOf(0, -1, 101)) {
            assertFailsWith<SinchException.InvalidConfig> { apps.all(pageSize = bad).firstOrNull() }
        }
        assertEquals(sent, emulator.counters().apiRequests, "bad page sizes never leave the client")
    }
}
