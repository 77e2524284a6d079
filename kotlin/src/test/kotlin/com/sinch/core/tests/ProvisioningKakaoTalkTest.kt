package com.sinch.core.tests

import com.sinch.core.KakaoTalkSenderDetails
import com.sinch.core.SinchException
import com.sinch.core.all
import com.sinch.core.pageSequence
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

class ProvisioningKakaoTalkTest : EmulatorTestBase() {
    private val senders by lazy { closeLater(client().kakaotalkSenders()) }

    private fun details(name: String? = "Shop") = KakaoTalkSenderDetails(
        adminPhoneNo = "01012345678", name = name,
        topLevelCategoryCode = "001", midLevelCategoryCode = "0001", subLevelCategoryCode = "0001",
    )

    private val noDetails = KakaoTalkSenderDetails(null, null, null, null, null)

    @Test
    fun createGetUpdateRegisterVerifyListDelete() {
        val created = senders.create("@myshop", details())
        assertEquals("@myshop", created.plusFriendId)
        assertEquals("INACTIVE", created.state)
        assertEquals(details(), created.details)
        assertEquals(created, senders.get("@myshop"))

        val updated = senders.update("@myshop", noDetails.copy(name = "Shop Korea")).details!!
        assertEquals("Shop Korea", updated.name)
        assertEquals("01012345678", updated.adminPhoneNo, "untouched")

        senders.register("@myshop")
        assertEquals("VERIFYING", senders.get("@myshop").state)
        senders.verify("@myshop", "123456")
        assertEquals("ACTIVE", senders.get("@myshop").state)

        val page = senders.list()
        assertEquals(1L, page.totalSize)
        assertEquals("@myshop", page.senders.single().plusFriendId)
        // Delete only marks for removal: the sender is still there.
        senders.delete("@myshop")
        assertEquals("@myshop", senders.get("@myshop").plusFriendId)
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
        expectApi(400, "invalid_input") { senders.verify("@ok", "123") }
        expectApi(404, "sender_not_found") { senders.get("@missing") }
        expectApi(404, "sender_not_found") { senders.delete("@missing") }
        expectApi(404, "sender_not_found") { senders.register("@missing") }
        expectApi(404, "sender_not_found") { senders.update("@missing", details("x")) }
        assertFailsWith<SinchException.InvalidConfig> { senders.all(pageSize = 0).count() }
    }
}
