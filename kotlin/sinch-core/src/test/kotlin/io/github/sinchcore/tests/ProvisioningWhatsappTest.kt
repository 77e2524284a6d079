package io.github.sinchcore.tests

import io.github.sinchcore.SinchException
import io.github.sinchcore.WhatsappSenderCreate
import io.github.sinchcore.WhatsappSenderDetailField
import io.github.sinchcore.WhatsappSenderDetails
import io.github.sinchcore.WhatsappSenderFilter
import io.github.sinchcore.WhatsappSenderUpdate
import io.github.sinchcore.WhatsappSubmitMode
import io.github.sinchcore.WhatsappTemplateButton
import io.github.sinchcore.WhatsappTemplateComponent
import io.github.sinchcore.WhatsappTemplateCreate
import io.github.sinchcore.WhatsappTemplateFilter
import io.github.sinchcore.WhatsappTemplateUpdate
import io.github.sinchcore.WhatsappTemplateView
import io.github.sinchcore.all
import io.github.sinchcore.pageSequence
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** WhatsApp Provisioning: account, senders, templates, flows and solutions. */
class ProvisioningWhatsappTest : EmulatorTestBase() {
    private val client by lazy { client() }

    private fun details(displayName: String? = null, email: String? = null, about: String? = null) =
        WhatsappSenderDetails(
            displayName = displayName, description = null, vertical = null, email = email, address = null,
            about = about, websiteOne = null, websiteTwo = null, photoUrl = null,
        )

    private val embeddedSignup = WhatsappSenderCreate.EmbeddedSignup(
        region = "EU", metaLocalStorage = "DE", wabaId = "1234567890", phoneNumberId = "998877",
    )

    @Test
    fun whatsappAccountRules() {
        val account = closeLater(client.whatsappAccount())
        expectApi(400, "project_not_initialized") { account.get() }
        val a = account.create("""{"businessName":"Acme"}""")
        assertEquals("IN_PROGRESS", a.state)
        assertTrue(a.rawJson.contains("Acme"))
        expectApi(409, "account_already_exists") { account.create("{}") }
        expectApi(400, "account_not_rejected") { account.update("""{"businessName":"B"}""") }
        emulator.setWhatsappState(PROJECT, "account", "REJECTED")
        assertEquals("IN_PROGRESS", account.update("""{"businessName":"B"}""").state)
        assertTrue(account.activities().notifications.isNotEmpty())
        account.enableTemplateAnalytics()
        emulator.setWhatsappState(PROJECT, "account", "UNDER_NEW_REVIEW")
        assertEquals("UNDER_NEW_REVIEW", account.get().state, "an unknown state is kept as a string")

        val senders = closeLater(client.whatsappSenders())
        val s = senders.create(embeddedSignup)
        expectApi(400, "account_has_senders") { account.delete() }
        senders.delete(s.id)
        account.delete()
        expectApi(400, "project_not_initialized") { account.get() }
    }

    @Test
    fun whatsappSenderLifecycle() {
        val senders = closeLater(client.whatsappSenders())
        val s = senders.create(embeddedSignup)
        assertEquals("SINCH_UK", s.businessManager)
        val bearer = assertNotNull(s.bearerToken)
        assertFalse(s.toString().contains(bearer), "toString() of a sender hides its bearer token")
        val raw = senders.create(WhatsappSenderCreate.PartnerInitiated("""{"region":"US","partner":"x"}"""))
        assertEquals("US", raw.region)

        // Verify before register: a bad length is refused by core, the order by the server.
        assertFailsWith<SinchException.InvalidConfig> { senders.verify(s.id, "12") }
        expectApi(409, "not_allowed_verify") { senders.verify(s.id, "123456") }
        assertTrue(senders.register(s.id, "SMS").verificationCodeSent)
        expectApi(409, "wrong_otp") { senders.verify(s.id, "654321") }
        senders.verify(s.id, "123456")
        assertEquals("ACTIVE", senders.get(s.id).state)

        // Submit sets a detail; a later submit with `clear` deletes it (explicit null).
        val set = senders.update(s.id, WhatsappSenderUpdate(WhatsappSubmitMode.SUBMIT, details(email = "a@acme.test", about = "hi")))
        assertEquals("a@acme.test", set.details?.email)
        val cleared = senders.update(s.id, WhatsappSenderUpdate(WhatsappSubmitMode.SUBMIT, clear = listOf(WhatsappSenderDetailField.EMAIL)))
        assertEquals(null to "hi", cleared.details?.email to cleared.details?.about)

        // A draft lands in `changes`; discarding removes it.
        val draft = senders.update(s.id, WhatsappSenderUpdate(details = details(displayName = "Acme")))
        assertEquals("DRAFT", draft.changes?.status)
        assertEquals(1, senders.all(filter = WhatsappSenderFilter(statuses = listOf("DRAFT"))).count())
        senders.discardChanges(s.id)
        assertNull(senders.get(s.id).changes)
        senders.comment(s.id, "please review")

        assertEquals(listOf(s.id), senders.all(filter = WhatsappSenderFilter(states = listOf("ACTIVE"))).map { it.id }.toList())
        val all = emulator.assertLazyPaging(pages = 2) { senders.all(pageSize = 1) }
        assertEquals(listOf(s.id, raw.id), all.map { it.id })
        assertFailsWith<SinchException.InvalidConfig> { senders.list(pageSize = 101) }

        emulator.setWhatsappState(PROJECT, "sender", "SUSPENDED_BY_META", id = raw.id)
        assertEquals("SUSPENDED_BY_META", senders.get(raw.id).state, "an unknown state is kept as a string")
        senders.delete(raw.id)
        expectApi(404, "sender_not_found") { senders.get(raw.id) }
    }

    @Test
    fun suggestedUsernamesFollowTheDisplayName() {
        val senders = closeLater(client.whatsappSenders())
        val s = senders.create(embeddedSignup)
        senders.update(s.id, WhatsappSenderUpdate(status = WhatsappSubmitMode.SUBMIT, details = details(displayName = "Acme Shop")))
        val tail = s.phoneNumber!!.takeLast(4)
        assertEquals(listOf("acmeshop", "acmeshop_official", "acmeshop$tail"), senders.suggestedUsernames(s.id))
        expectApi(404, "sender_not_found") { senders.suggestedUsernames("no-such-sender") }
    }

    @Test
    fun whatsappTemplatesCrudAndPaging() {
        val templates = closeLater(client.whatsappTemplates())
        val components = listOf(
            WhatsappTemplateComponent.Body(text = "Hi {{1}}", examples = listOf("Ann"), addSecurityRecommendation = null),
            WhatsappTemplateComponent.Buttons(listOf(WhatsappTemplateButton.QuickReply(text = "OK"))),
            WhatsappTemplateComponent.Other("""{"type":"LIMITED_TIME_OFFER","hasExpiration":true}"""),
        )
        val t = templates.create(WhatsappTemplateCreate("order_update", "EN_US", "UTILITY", components))
        assertEquals("DRAFT", t.changes?.status)
        val got = templates.get("order_update", "EN_US").details!!.components
        assertEquals(components.take(2), got.take(2))
        val other = got[2] as WhatsappTemplateComponent.Other // raw components stay raw JSON
        assertTrue(other.json.contains("LIMITED_TIME_OFFER") && other.json.contains("hasExpiration"), other.json)
        assertEquals(1, templates.getByName("order_update").size)

        val submitted = templates.update("order_update", "EN_US", WhatsappTemplateUpdate(status = WhatsappSubmitMode.SUBMIT))
        assertEquals("PENDING", submitted.state)
        emulator.setWhatsappState(PROJECT, "template", "IN_APPEAL_NEW", id = "order_update", language = "EN_US")
        assertEquals("IN_APPEAL_NEW", templates.get("order_update", "EN_US").state, "an unknown state is kept")
        expectApi(400, "template_submitted") { templates.deleteLanguage("order_update", "EN_US") }
        templates.deleteLanguage("order_update", "EN_US", deleteSubmitted = true)
        expectApi(404, "template_not_found") { templates.delete("order_update") }
        templates.sync()

        emulator.seedWhatsappTemplates(PROJECT, 1500)
        val pages = templates.pageSequence(pageSize = 1000).toList()
        assertEquals(listOf(1000, 500), pages.map { it.templates.size })
        assertTrue(pages.all { it.totalSize == 1500L })
        val names = emulator.assertLazyPaging(pages = 2) { templates.all(pageSize = 1000) }.map { it.name }
        assertEquals(names.sorted(), names, "alphabetical")
        val masked = templates.list(filter = WhatsappTemplateFilter(fieldMask = listOf("state"), states = listOf("APPROVED"), namePrefix = "bench_0001"))
        assertEquals(10L, masked.totalSize)
        assertNull(masked.templates[0].details)
    }

    @Test
    fun whatsappActivityLogsAndComments() {
        val account = closeLater(client.whatsappAccount())
        expectApi(400, "project_not_initialized") { account.comment("hello") }
        account.create("""{"businessName":"Acme"}""")
        val made = account.comment("Please review our display name")
        assertEquals("CREATED", made.kind)
        assertEquals("Please review our display name", made.comment)
        expectApi(400, "invalid_input") { account.comment("") }
        val log = account.activities()
        assertEquals(2L, log.totalSize)
        assertEquals("COMMENT_ADDED", log.notifications.first().kind) // most recent first

        val senders = closeLater(client.whatsappSenders())
        val s = senders.create(embeddedSignup)
        repeat(3) { senders.comment(s.id, "urgent $it") }
        val first = senders.activities(s.id, pageSize = 2)
        assertEquals(4L, first.totalSize)
        assertEquals("urgent 2", first.notifications.first().comment)
        val second = senders.activities(s.id, pageSize = 2, pageToken = first.nextPageToken)
        assertNull(second.nextPageToken)
        assertEquals("SENDER_CREATED", second.notifications.last().kind) // unknown to the client: kept
        expectApi(404, "sender_not_found") { senders.activities("no-such-sender") }

        val templates = closeLater(client.whatsappTemplates())
        templates.create(WhatsappTemplateCreate("welcome", "EN_US", "MARKETING",
            listOf(WhatsappTemplateComponent.Body(text = "Welcome", examples = emptyList(), addSecurityRecommendation = null))))
        assertTrue(templates.activities("welcome", "EN_US").notifications.isNotEmpty())
        expectApi(404, "template_not_found") { templates.activities("welcome", "PT_BR") }
    }

    @Test
    fun templateViewsCommentsAndComparison() {
        val templates = closeLater(client.whatsappTemplates())
        val body = listOf(WhatsappTemplateComponent.Body(text = "Hi {{1}}", examples = listOf("Ann"), addSecurityRecommendation = null))
        for ((name, language) in listOf("order_update" to "EN_US", "order_update" to "SV", "order_shipped" to "EN_US")) {
            templates.create(WhatsappTemplateCreate(name, language, "UTILITY", body, status = WhatsappSubmitMode.SUBMIT))
        }
        val view = WhatsappTemplateView(fieldMask = listOf("language", "analytics"), analyticsDateRange = "MONTH")
        val langs = templates.getByName("order_update", view)
        assertEquals(listOf("EN_US", "SV"), langs.map { it.language })
        assertTrue(langs.all { it.details == null && it.analytics.single().start == "MONTH" })
        assertNotNull(templates.get("order_update", "SV").details)

        val made = templates.comment("order_update", "EN_US", "Why was this paused?")
        assertEquals("Why was this paused?", made.comment)
        assertEquals("COMMENT_ADDED", templates.activities("order_update", "EN_US").notifications.first().kind)

        expectApi(409, "templates_not_eligible_for_comparison") {
            templates.compare("order_update", "EN_US", "order_shipped", "EN_US")
        }
        for (name in listOf("order_update", "order_shipped")) {
            emulator.setWhatsappState(PROJECT, "template", "APPROVED", id = name, language = "EN_US")
        }
        val ranked = templates.compare("order_update", "EN_US", "order_shipped", "EN_US", timeframe = "7")
        assertEquals(listOf("order_shipped" to 1L, "order_update" to 2L), ranked.map { it.name to it.blockOrder })
        assertEquals(listOf(7000L, 7000L), ranked.map { it.messageSends })
        expectApi(409, "templates_compare_not_unique") { templates.compare("order_update", "EN_US", "order_update", "EN_US") }
        expectApi(404, "templates_compare_not_found") { templates.compare("order_update", "EN_US", "order_gone", "EN_US") }
    }

    @Test
    fun whatsappFlowsAndSolutions() {
        val flows = closeLater(client.whatsappFlows())
        val id = emulator.addWhatsappFlow(PROJECT, "signup", screensJson = """[{"id":"WELCOME","title":"Hi"}]""")
        emulator.addWhatsappFlow(PROJECT, "survey", status = "FLOW_STATUS_DRAFT")
        emulator.addWhatsappFlow(PROJECT, "future", status = "FLOW_STATUS_ARCHIVED_LATER")
        val all = emulator.assertLazyPaging(pages = 2) { flows.all(pageSize = 2) }
        assertEquals(listOf("FLOW_STATUS_PUBLISHED", "FLOW_STATUS_DRAFT", "FLOW_STATUS_ARCHIVED_LATER"), all.map { it.status })
        assertEquals("WELCOME", flows.screens(id).single().id)
        expectApi(404, "flow_not_found") { flows.screens("no-such-flow") }

        val solutions = closeLater(client.whatsappSolutions())
        val metaToken = "meta-token-secret"
        val made = solutions.create("mps", metaToken, "SINCH_UK")
        assertFalse(made.toString().contains(metaToken))
        assertTrue(made.failedSolutions.isEmpty())
        val s = made.solutions.single()
        solutions.assign(s.id)
        assertEquals(true, solutions.get(s.id).assigned)
        assertEquals(listOf(s.id), solutions.list().map { it.id })
        expectApi(404, "solution_not_found") { solutions.get("nope") }
        val failed = solutions.create("mps2", "fail-activation", "SINCH_UK")
        assertTrue(failed.solutions.isEmpty())
        assertEquals("ACTIVATION_FAILED", failed.failedSolutions.single().errorCode)
    }
}
