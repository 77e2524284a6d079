package io.github.sinchcore.tests

import io.github.sinchcore.RcsQuestionnaireQuery
import io.github.sinchcore.RcsSenderFilter
import io.github.sinchcore.SinchException
import io.github.sinchcore.all
import io.github.sinchcore.pageSequence
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

class ProvisioningRcsTest : EmulatorTestBase() {
    private val rcs by lazy { closeLater(client().rcsSenders()) }

    private fun create(name: String?, useCase: String = "TRANSACTIONAL", brandExtraJson: String? = null) =
        rcs.create("EU", "CONVERSATIONAL", useCase, brandName = name, brandExtraJson = brandExtraJson)

    private fun filter(
        conversationApiAppId: String? = null, senderIds: List<String> = emptyList(), senderName: String? = null,
        states: List<String> = emptyList(), sortColumn: String? = null, sortDirection: String? = null,
    ) = RcsSenderFilter(conversationApiAppId, senderIds, senderName, states, sortColumn, sortDirection)

    @Test
    fun createGetListWithBrandExtras() {
        val created = create("Acme", brandExtraJson = """{"color": "#112233", "emails": [{"address": "a@b.c"}]}""")
        assertEquals("IN_PROGRESS", created.state)
        assertEquals("EU", created.region)
        val brand = created.details!!.brand!!
        assertEquals("Acme", brand.name)
        assertTrue(brand.rawJson.contains("#112233") && brand.rawJson.contains("a@b.c"), brand.rawJson)
        assertEquals(created, rcs.get(created.id))
        val page = rcs.list()
        assertEquals(1L, page.totalSize)
        assertEquals(created.id, page.senders.single().id)
    }

    @Test
    fun filtersSortingAndLazyPages() {
        val names = listOf("Alpha Bank", "Beta Shop", "Gamma Bank", "Delta", "Epsilon Bank")
        val ids = names.map { create(it).id }
        emulator.setField(PROJECT, "rcs_senders", ids[2], "state", "\"ACTIVE\"")
        emulator.setField(PROJECT, "rcs_senders", ids[4], "conversationApiAppId", "\"01CONV\"")
        fun by(f: RcsSenderFilter) = rcs.all(pageSize = 2, filter = f).map { it.details!!.brand!!.name }.toList()
        assertEquals(listOf("Epsilon Bank", "Gamma Bank", "Alpha Bank"),
            by(filter(senderName = "bank", sortColumn = "CREATED", sortDirection = "DESC")))
        assertEquals(listOf("Gamma Bank"), by(filter(states = listOf("ACTIVE"))))
        assertEquals(listOf("Alpha Bank", "Delta"), by(filter(senderIds = listOf(ids[0], ids[3]))))
        assertEquals(listOf("Epsilon Bank"), by(filter(conversationApiAppId = "01CONV")))
        val all = emulator.assertLazyPaging(pages = 3) { rcs.all(pageSize = 2) }
        assertEquals(names, all.map { it.details!!.brand!!.name })
        assertEquals(3, rcs.pageSequence(2).count())
    }

    @Test
    fun unknownValuesAreKept() {
        val s = create("X", useCase = "AGENT_TO_AGENT")
        assertEquals("AGENT_TO_AGENT", s.useCase)
        emulator.setField(PROJECT, "rcs_senders", s.id, "state", "\"LAUNCH_PENDING\"")
        assertEquals("LAUNCH_PENDING", rcs.get(s.id).state)
    }

    @Test
    fun documentedErrors() {
        expectApi(400, "invalid_input") { create(null) }
        expectApi(404, "sender_not_found") { rcs.get("01NOPE") }
        expectApi(400, "invalid_page_token") { rcs.list(pageToken = "bad token") }
        expectApi(400, "invalid_input") { rcs.list(filter = filter(sortDirection = "SIDEWAYS")) }
        assertFailsWith<SinchException.InvalidConfig> { rcs.pageSequence(pageSize = 101).first() }
        assertFailsWith<SinchException.InvalidConfig> { create("x", brandExtraJson = "[]") }
    }

    @Test
    fun accountActivitiesAndComments() {
        val account = closeLater(client().rcsAccount())
        expectApi(404, "account_not_found") { account.activities() }
        create("Acme")
        val made = account.comment("Please launch soon")
        assertEquals("CREATED", made.kind)
        assertEquals("Please launch soon", made.comment)
        expectApi(400, "invalid_input") { account.comment("") }
        repeat(2) { account.comment("note $it") }
        val first = account.activities(pageSize = 3)
        assertEquals(4L, first.totalSize)
        assertEquals("COMMENT_ADDED", first.notifications.first().kind)
        assertEquals("note 1", first.notifications.first().comment)
        val second = account.activities(pageSize = 3, pageToken = first.nextPageToken)
        assertEquals(listOf("CREATED"), second.notifications.map { it.kind })
        assertEquals(null, second.nextPageToken)
    }

    @Test
    fun senderActivitiesAndComments() {
        val s = create("Acme")
        repeat(3) { assertEquals("note $it", rcs.comment(s.id, "note $it").comment) }
        val first = rcs.activities(s.id, pageSize = 2)
        assertEquals(4L, first.totalSize)
        assertEquals("note 2", first.notifications.first().comment)
        val second = rcs.activities(s.id, pageSize = 2, pageToken = first.nextPageToken)
        assertEquals("CREATED", second.notifications.last().kind)
        expectApi(404, "sender_not_found") { rcs.comment("01NOPE", "hi") }
    }

    @Test
    fun launchQuestionnaireByUseCaseAndCountry() {
        val q = rcs.questionnaire("OTP", RcsQuestionnaireQuery(countries = listOf("US")))
        val sections = q.sections.associateBy { it.name }
        assertEquals(setOf("general", "verification", "us"), sections.keys)
        assertEquals(listOf("PRIVATE", "PUBLIC"), sections.getValue("us").questions.first().suggestedAnswers)
        assertEquals(listOf("name", "partner.companyName"), sections.getValue("verification").questions.map { it.key })
        expectApi(400, "invalid_input") { rcs.questionnaire("NOT_A_USE_CASE") }
    }
}
