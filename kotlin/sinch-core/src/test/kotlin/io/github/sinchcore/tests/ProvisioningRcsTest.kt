package io.github.sinchcore.tests

import io.github.sinchcore.RcsBrand
import io.github.sinchcore.RcsDetailsList
import io.github.sinchcore.RcsEmail
import io.github.sinchcore.RcsPhone
import io.github.sinchcore.RcsQuestionnaireQuery
import io.github.sinchcore.RcsSenderFilter
import io.github.sinchcore.RcsSenderUpdate
import io.github.sinchcore.SinchException
import io.github.sinchcore.all
import io.github.sinchcore.pageSequence
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

class ProvisioningRcsTest : EmulatorTestBase() {
    private val rcs by lazy { closeLater(client().rcsSenders()) }

    private fun create(name: String?, useCase: String = "TRANSACTIONAL", questionnaireJson: String? = null) =
        rcs.create("EU", "CONVERSATIONAL", useCase, RcsBrand(name = name), questionnaireJson = questionnaireJson)

    private fun readyForLaunch() = RcsSenderUpdate(
        brand = RcsBrand(
            phones = listOf(RcsPhone("Support", "+46701234567")),
            bannerUrl = "https://acme.example/banner.png",
            logoUrl = "https://acme.example/logo.png",
            privacyPolicyUrl = "https://acme.example/privacy",
            termsOfServiceUrl = "https://acme.example/terms",
        ),
        countries = listOf("SE", "GB"),
        questionnaireJson = """{"general": {"answers": {"videoUris": ["https://acme.example/demo.mp4"]}},
            "verification": {"answers": {"name": "Ann", "email": "ann@acme.example"}}}""",
    )

    private fun filter(
        conversationApiAppId: String? = null, senderIds: List<String> = emptyList(), senderName: String? = null,
        states: List<String> = emptyList(), sortColumn: String? = null, sortDirection: String? = null,
        search: String? = null,
    ) = RcsSenderFilter(conversationApiAppId, senderIds, senderName, search, states, sortColumn, sortDirection)

    @Test
    fun createGetListWithTheWholeBrand() {
        val brand = RcsBrand(name = "Acme", color = "#112233", emails = listOf(RcsEmail("Support", "a@b.example")))
        val created = rcs.create("EU", "CONVERSATIONAL", "TRANSACTIONAL", brand,
            testNumbers = listOf("+46701234567"), countries = listOf("SE"))
        assertEquals("IN_PROGRESS", created.state)
        assertEquals("EU", created.region)
        assertEquals("EUROPE", created.hostingRegion)
        assertEquals(brand, created.details!!.brand)
        assertEquals(listOf("SE"), created.details!!.countries)
        assertEquals(listOf("+46701234567" to "UNVERIFIED"), created.testNumberStates.map { it.number to it.state })
        assertEquals(created, rcs.get(created.id))
        val page = rcs.list()
        assertEquals(1L, page.totalSize)
        assertEquals(created.id, page.senders.single().id)
    }

    @Test
    fun updateThenLaunch() {
        val s = create("Acme")
        emulator.setField(PROJECT, "rcs_senders", s.id, "state", "\"IN_TEST\"")
        val notReady = expectApi(412, "launch_precondition_failed") { rcs.launch(s.id) }
        assertTrue(notReady.additionalInformation.toString().contains("logoUrl"), notReady.toString())
        val updated = rcs.update(s.id, readyForLaunch(), usQuestionnaireVersion = "v2")
        assertEquals("Acme", updated.details!!.brand!!.name)
        assertEquals("+46701234567", updated.details!!.brand!!.phones.single().number)
        assertTrue(updated.details!!.questionnaireJson!!.contains("Ann"))
        assertEquals("EDITED", rcs.activities(s.id).notifications.first().kind)
        val launched = rcs.launch(s.id)
        assertEquals("LAUNCHING", launched.state)
        assertEquals(listOf("SE" to "PENDING", "GB" to "PENDING"), launched.countryStatus.map { it.country to it.status })
        expectApi(409, "sender_not_updatable") { rcs.update(s.id, readyForLaunch()) }
    }

    @Test
    fun updateRemovesListsAndRefusesBadInput() {
        val s = create("Acme")
        rcs.update(s.id, readyForLaunch())
        val removed = rcs.update(s.id, RcsSenderUpdate(remove = listOf(RcsDetailsList.BRAND_PHONES, RcsDetailsList.COUNTRIES)))
        assertEquals(emptyList(), removed.details!!.countries)
        assertEquals(emptyList(), removed.details!!.brand!!.phones)
        assertEquals("https://acme.example/logo.png", removed.details!!.brand!!.logoUrl)
        expectApi(400, "invalid_input") { rcs.update(s.id, readyForLaunch(), usQuestionnaireVersion = "v9") }
        expectApi(409, "launch_invalid_agent_state") { rcs.launch(s.id) }
        assertFailsWith<SinchException.InvalidConfig> { rcs.update(s.id, RcsSenderUpdate()) }
    }

    @Test
    fun testNumbers() {
        val s = create("Acme")
        val states = rcs.addTestNumbers(s.id, listOf("+46701234567", "+447700900123"))
        assertEquals(listOf("UNVERIFIED", "UNVERIFIED"), states.map { it.state })
        emulator.setField(PROJECT, "rcs_senders", s.id, "testNumberStates",
            """[{"number": "+46701234567", "state": "VERIFIED", "submitted": "2026-01-01T00:00:00Z"},
                {"number": "+447700900123", "state": "ON_HOLD", "submitted": "2026-01-01T00:00:00Z"}]""")
        assertEquals("ON_HOLD", rcs.testNumber(s.id, "+447700900123").state)
        assertTrue("ACTION_DIAL" in rcs.testNumberCapabilities(s.id, "+46701234567"))
        expectApi(404, "user_has_not_accepted_invite") { rcs.testNumberCapabilities(s.id, "+447700900123") }
        assertEquals("UNVERIFIED", rcs.retryTestNumber(s.id, "+46701234567").state)
        rcs.deleteTestNumber(s.id, "+447700900123")
        assertEquals(listOf("+46701234567"), rcs.get(s.id).details!!.testNumbers)
        expectApi(404, "user_is_not_tester_for_agent") { rcs.testNumber(s.id, "+447700900123") }
        expectApi(400, "invalid_input") { rcs.addTestNumbers(s.id, listOf("12345")) }
        assertFailsWith<SinchException.InvalidConfig> { rcs.addTestNumbers(s.id, emptyList()) }
    }

    @Test
    fun authTokenNeverShown() {
        val s = create("Acme")
        emulator.setField(PROJECT, "rcs_senders", s.id, "authToken", "\"rbm-token-secret-1\"")
        val got = rcs.get(s.id)
        assertEquals("rbm-token-secret-1", got.authToken)
        assertTrue(!got.toString().contains("rbm-token-secret-1"), got.toString())
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
        assertEquals(listOf("Gamma Bank", "Epsilon Bank", "Alpha Bank"),
            by(filter(search = "BANK", sortColumn = "NAME", sortDirection = "DESC")))
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
        assertFailsWith<SinchException.InvalidConfig> { create("x", questionnaireJson = "[]") }
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
