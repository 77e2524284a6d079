package io.github.sinchcore.tests

import io.github.sinchcore.KakaoTalkSenderDetails
import io.github.sinchcore.KakaoTalkSubmitMode
import io.github.sinchcore.KakaoTalkTemplateButton
import io.github.sinchcore.KakaoTalkTemplateCreate
import io.github.sinchcore.KakaoTalkTemplateDetails
import io.github.sinchcore.KakaoTalkTemplateFilter
import io.github.sinchcore.KakaoTalkTemplateUpdate
import io.github.sinchcore.SinchException
import io.github.sinchcore.all
import io.github.sinchcore.pageSequence
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.test.assertTrue

class ProvisioningKakaoTalkTest : EmulatorTestBase() {
    private val senders by lazy { closeLater(client().kakaotalkSenders()) }

    private fun details(name: String? = "Shop") = KakaoTalkSenderDetails(
        adminPhoneNo = "01012345678", name = name,
        topLevelCategoryCode = "001", midLevelCategoryCode = "0001", subLevelCategoryCode = "0001",
    )

    private val noDetails = KakaoTalkSenderDetails()

    @Test
    fun createGetUpdateRegisterVerifyListDelete() {
        val created = senders.create("@myshop", details())
        assertEquals("@myshop", created.plusFriendId)
        assertEquals("INACTIVE", created.state)
        assertEquals(details(), created.details)
        assertEquals(created, senders.get("@myshop"))

        // An update is pending changes (a draft); the live profile stays until Sinch's review.
        val updated = senders.update("@myshop", noDetails.copy(name = "Shop Korea"))
        assertEquals(details(), updated.details)
        assertEquals("DRAFT", updated.changes!!.status)
        assertEquals("Shop Korea", updated.changes!!.details!!.name)
        assertEquals("01012345678", updated.changes!!.details!!.adminPhoneNo, "untouched")
        val submitted = senders.update("@myshop", noDetails.copy(logoImage = "https://shop.example/logo.png"),
            status = KakaoTalkSubmitMode.SUBMIT).changes!!
        assertEquals("IN_PROGRESS", submitted.status)
        assertEquals("Shop Korea" to "https://shop.example/logo.png", submitted.details!!.name to submitted.details!!.logoImage)
        expectApi(409, "sender_changes_not_updatable") { senders.update("@myshop", noDetails.copy(name = "Again")) }

        val registered = senders.register("@myshop")
        assertEquals("VERIFYING", registered.state)
        assertEquals(registered, senders.get("@myshop"))
        val verified = senders.verify("@myshop", "123456") // the answer is the sender, now active
        assertEquals("ACTIVE", verified.state)
        assertEquals(verified, senders.get("@myshop"))
        expectApi(409, "not_allowed_register") { senders.register("@myshop") }

        val page = senders.list()
        assertEquals(1L, page.totalSize)
        assertEquals("@myshop", page.senders.single().plusFriendId)
        // Delete only marks for removal: the sender is still there.
        senders.delete("@myshop")
        assertEquals("@myshop", senders.get("@myshop").plusFriendId)
    }

    @Test
    fun aDraftSenderIsPendingChangesOnly() {
        val draft = senders.create("@draft", details(), status = KakaoTalkSubmitMode.DRAFT)
        assertNull(draft.details)
        assertEquals("DRAFT" to details(), draft.changes!!.status to draft.changes!!.details)
    }

    @Test
    fun pagesLazilyOverSeveralPages() {
        (0 until 5).forEach { senders.create("@s$it", details()) }
        val all = emulator.assertLazyPaging(pages = 3) { senders.all(pageSize = 2) }
        assertEquals((0 until 5).map { "@s$it" }, all.map { it.plusFriendId })
        assertEquals(3, senders.pageSequence(2).count())
    }

    @Test
    fun unknownStateFromTheServerIsKept() {
        senders.create("@future", details())
        emulator.setField(PROJECT, "kakaotalk_senders", "@future", "state", "\"DORMANT\"")
        assertEquals("DORMANT", senders.get("@future").state)
        assertEquals("DORMANT", senders.all().single().state)
    }

    @Test
    fun documentedErrors() {
        val bad = details("Bad").copy(topLevelCategoryCode = "01", midLevelCategoryCode = "00001", subLevelCategoryCode = "abcd")
        val e = expectApi(400, "invalid_input") { senders.create("@bad", bad) }
        val errors = e.additionalInformation["validationErrors"].orEmpty()
        assertEquals(3, errors.size, errors.toString())
        assertTrue(errors.any { "topLevelCategoryCode" in it })

        senders.create("@ok", details())
        expectApi(409, "sender_exists") { senders.create("@ok", details()) }
        expectApi(400, "no_fields_to_update") { senders.update("@ok", noDetails) }
        expectApi(409, "not_allowed_verify") { senders.verify("@ok", "123456") } // not VERIFYING
        val before = emulator.counters().apiRequests
        val refused = assertFailsWith<SinchException.InvalidConfig> { senders.verify("@ok", "12-34") }
        assertTrue("digits" in refused.reason, refused.reason)
        assertEquals(before, emulator.counters().apiRequests, "refused before any request")
        expectApi(404, "sender_not_found") { senders.verify("@missing", "123456") }
        expectApi(404, "sender_not_found") { senders.discardChanges("@missing") }
        expectApi(404, "sender_not_found") { senders.activities("@missing") }
        expectApi(404, "sender_not_found") { senders.comment("@missing", "hello") }
        expectApi(404, "sender_not_found") { senders.get("@missing") }
        expectApi(404, "sender_not_found") { senders.delete("@missing") }
        expectApi(404, "sender_not_found") { senders.register("@missing") }
        expectApi(404, "sender_not_found") { senders.update("@missing", details("x")) }
        assertFailsWith<SinchException.InvalidConfig> { senders.all(pageSize = 0).count() }
    }

    @Test
    fun activityLogPagesOverCommentsMostRecentFirst() {
        senders.create("@myshop", details())
        repeat(3) {
            val made = senders.comment("@myshop", "please review $it")
            assertEquals("CREATED" to "please review $it", made.kind to made.comment)
        }
        val first = senders.activities("@myshop", pageSize = 2) // created + three comments
        assertEquals(4L, first.totalSize)
        assertEquals("COMMENT_ADDED" to "please review 2", first.notifications[0].kind to first.notifications[0].comment)
        val second = senders.activities("@myshop", pageSize = 2, pageToken = first.nextPageToken)
        assertEquals(listOf("COMMENT_ADDED", "CREATED"), second.notifications.map { it.kind })
        assertNull(second.nextPageToken)
        expectApi(400, "invalid_input") { senders.comment("@myshop", "") }
        assertFailsWith<SinchException.InvalidConfig> { senders.activities("@myshop", pageSize = 101) }
    }

    @Test
    fun verifyingAddsAnActiveEntryKeptAsSent() {
        senders.create("@myshop", details())
        senders.register("@myshop")
        senders.verify("@myshop", "654321")
        assertEquals("ACTIVE", senders.activities("@myshop").notifications.first().kind)
    }

    @Test
    fun pendingChangesAreDiscardedUnlessInReview() {
        senders.create("@myshop", details())
        expectApi(404, "sender_changes_not_found") { senders.discardChanges("@myshop") }
        // Sinch's review puts an edit in `changes`; the emulator is told so.
        emulator.setField(PROJECT, "kakaotalk_senders", "@myshop", "changes", """{"status":"IN_PROGRESS","details":{"name":"Shop Korea"}}""")
        val pending = senders.get("@myshop").changes!!
        assertEquals("IN_PROGRESS" to "Shop Korea", pending.status to pending.details?.name)
        expectApi(409, "sender_changes_not_deletable") { senders.discardChanges("@myshop") }
        emulator.setField(PROJECT, "kakaotalk_senders", "@myshop", "changes.status", "\"NEEDS_DOCUMENTS\"")
        assertEquals("NEEDS_DOCUMENTS", senders.get("@myshop").changes?.status, "unknown: kept")
        senders.discardChanges("@myshop")
        val after = senders.get("@myshop")
        assertNull(after.changes)
        assertEquals(details(), after.details, "the live profile stays")
    }

    // --- Templates (of one sender) ---------------------------------------------------------

    private fun template(name: String, status: KakaoTalkSubmitMode? = null) = KakaoTalkTemplateCreate(
        details = KakaoTalkTemplateDetails(name = name, language = "EN", content = "Your order #{order} has shipped."),
        status = status,
    )

    private fun templatesOf(plusFriendId: String) = closeLater(client().kakaotalkTemplates(plusFriendId))

    @Test
    fun templatesCreateGetUpdateListDelete() {
        senders.create("@myshop", details())
        val templates = templatesOf("@myshop")
        val created = templates.create(template("Shipping", KakaoTalkSubmitMode.DRAFT))
        assertEquals(20, created.code.length)
        assertNull(created.state, "not reviewed yet")
        assertEquals("DRAFT", created.changes!!.status)
        assertEquals("BASIC", created.changes.details!!.messageType, "the documented default")
        assertEquals(created, templates.get(created.code))

        val button = KakaoTalkTemplateButton(ordering = 1, kind = "WEB_LINK", name = "Track", linkMo = "https://example.com/track")
        val updated = templates.update(
            created.code,
            KakaoTalkTemplateUpdate(KakaoTalkTemplateDetails(title = "Shipped", buttons = listOf(button)), KakaoTalkSubmitMode.SUBMIT),
        ).changes!!
        assertEquals("IN_PROGRESS", updated.status)
        assertEquals(listOf(button), updated.details!!.buttons)
        assertEquals("Shipping", updated.details.name, "untouched")

        assertEquals(listOf(created.code), templates.all().map { it.code }.toList())
        templates.delete(created.code)
        expectApi(404, "template_not_found") { templates.get(created.code) }
    }

    @Test
    fun templatesPageAlphabeticallyWithFilters() {
        senders.create("@myshop", details())
        val templates = templatesOf("@myshop")
        listOf("t4", "t3", "t2", "t1", "t0").forEach {
            templates.create(template(it, if (it == "t3") KakaoTalkSubmitMode.DRAFT else null))
        }
        val all = emulator.assertLazyPaging(pages = 3) { templates.all(pageSize = 2) }
        assertEquals((0 until 5).map { "t$it" }, all.map { it.changes!!.details!!.name })
        assertEquals(3, templates.pageSequence(2).count())
        val drafts = KakaoTalkTemplateFilter(statuses = listOf("DRAFT"))
        assertEquals(listOf("t3"), templates.all(filter = drafts).map { it.changes!!.details!!.name }.toList())
        val prefix = KakaoTalkTemplateFilter(namePrefix = "t1")
        assertEquals(listOf("t1"), templates.list(filter = prefix).templates.map { it.changes!!.details!!.name })
    }

    @Test
    fun templatesDocumentedErrors() {
        expectApi(404, "sender_not_found") { templatesOf("@missing").list() }
        senders.create("@ok", details())
        val templates = templatesOf("@ok")
        val submitted = templates.create(template("Taken"))
        expectApi(409, "template_exists") { templates.create(template("Taken")) }
        expectApi(409, "template_changes_not_updatable") { templates.update(submitted.code, KakaoTalkTemplateUpdate()) }
        val badLanguage = template("Other").let { it.copy(details = it.details.copy(language = "XX")) }
        expectApi(400, "template_invalid_language_code") { templates.create(badLanguage) }
        expectApi(404, "template_not_found") { templates.get("NOPE") }
        expectApi(404, "template_not_found") { templates.delete("NOPE") }
        val noContent = template("Other").let { it.copy(details = it.details.copy(content = null)) }
        assertFailsWith<SinchException.InvalidConfig> { templates.create(noContent) }
        assertFailsWith<SinchException.InvalidConfig> { templates.all(pageSize = 1001).count() }
    }

    @Test
    fun categoriesSenderTreeAndTemplatePages() {
        val categories = closeLater(client().kakaotalkCategories())
        val health = categories.senderCategories().first()
        assertEquals("001", health.code)
        assertEquals(1, health.depth)
        assertEquals(3, health.subcategories.first().subcategories.first().depth)
        expectApi(404, "sender_not_found") { categories.templateCategories("@nobody") }
        senders.create("@shop", details())
        val first = categories.templateCategories("@shop", pageSize = 2)
        assertEquals(3L, first.totalSize)
        assertEquals("Membership", first.categories.first().nameEnglish)
        assertEquals("001001", first.categories.first().subcategories.first().code)
        val second = categories.templateCategories("@shop", pageSize = 2, pageToken = first.nextPageToken)
        assertEquals(1, second.categories.size)
        assertEquals(null, second.nextPageToken)
    }

    @Test
    fun templatesActivitiesCommentsAndDraftDelete() {
        senders.create("@myshop", details())
        val templates = templatesOf("@myshop")
        val draft = templates.create(template("Draft", KakaoTalkSubmitMode.DRAFT))
        val live = templates.create(template("Live"))
        repeat(2) { assertEquals("note $it", templates.comment(live.code, "note $it").comment) }
        val first = templates.activities(live.code, pageSize = 2)
        assertEquals(3L, first.totalSize)
        assertEquals("note 1", first.notifications.first().comment)
        val second = templates.activities(live.code, pageSize = 2, pageToken = first.nextPageToken)
        assertEquals(listOf("CREATED"), second.notifications.map { it.kind })
        expectApi(409, "template_not_deletable") { templates.deleteDraft(live.code) }
        templates.deleteDraft(draft.code)
        expectApi(404, "template_not_found") { templates.get(draft.code) }
    }
}
