// Cold Flows over the async Rust pagers: the coroutine counterparts of Paging.kt. As there,
// no logic lives here (page sizes, page tokens and retries are Rust's); each flow is one loop on
// an async pager's suspending `nextPage()`.
@file:JvmName("AsyncPaging")

package io.github.sinchcore

import io.github.sinchcore.client.AsyncBundles
import io.github.sinchcore.client.AsyncKakaoTalkSenders
import io.github.sinchcore.client.AsyncKakaoTalkTemplates
import io.github.sinchcore.client.AsyncRcsSenders
import io.github.sinchcore.client.AsyncSmsApps
import io.github.sinchcore.client.AsyncWebhooks
import io.github.sinchcore.client.AsyncWhatsappFlows
import io.github.sinchcore.client.AsyncWhatsappSenders
import io.github.sinchcore.client.AsyncWhatsappTemplates
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.transform

/**
 * The one helper behind every `pageFlow()`: opens an async Rust pager with [open] when
 * collection starts, emits [next] until it returns `null`, and closes the pager when collection
 * ends, also early (`take(n)`, `first()`, an exception, cancellation of the collector).
 *
 * Cold: nothing happens until the flow is collected (so a page size Rust refuses surfaces as
 * [SinchException.InvalidConfig] from `collect`, not at the call), each page is one request made
 * only when the collector asks for it, and every collection starts over from the first page with
 * a fresh pager. Closing the pager while a page is in flight is safe: the request holds its own
 * reference and finishes on the Rust pool.
 */
private fun <P : AutoCloseable, Page : Any> pageFlowOf(open: () -> P, next: suspend (P) -> Page?): Flow<Page> =
    flow {
        open().use { pager ->
            while (true) emit(next(pager) ?: break)
        }
    }

/** The items of each page, in order. */
private fun <Page, Item> Flow<Page>.itemsOf(items: (Page) -> List<Item>): Flow<Item> =
    transform { page -> for (item in items(page)) emit(item) }

// --- Webhooks -------------------------------------------------------------------------------

/** Every page of webhooks (sorted by target), fetched as the collector reaches it. */
fun AsyncWebhooks.pageFlow(pageSize: Int? = null): Flow<WebhookPage> =
    pageFlowOf({ pages(pageSize) }, { it.nextPage() })

/** Every webhook of the project, page after page (see [pageFlow]). */
fun AsyncWebhooks.itemFlow(pageSize: Int? = null): Flow<Webhook> =
    pageFlow(pageSize).itemsOf { it.webhooks }

// --- SMS apps -------------------------------------------------------------------------------

/** Every page of SMS apps (creation order; page size 1 to 100), fetched as collected. */
fun AsyncSmsApps.pageFlow(pageSize: Int? = null): Flow<SmsAppPage> =
    pageFlowOf({ pages(pageSize) }, { it.nextPage() })

/** Every SMS app of the project, page after page. */
fun AsyncSmsApps.itemFlow(pageSize: Int? = null): Flow<SmsApp> =
    pageFlow(pageSize).itemsOf { it.smsApps }

// --- Bundles --------------------------------------------------------------------------------

/** Every page of bundles matching [filter] (page size 1 to 25), fetched as collected. */
fun AsyncBundles.pageFlow(pageSize: Int? = null, filter: BundleFilter? = null): Flow<BundlePage> =
    pageFlowOf({ pages(pageSize, filter) }, { it.nextPage() })

/** Every bundle matching [filter], page after page. */
fun AsyncBundles.itemFlow(pageSize: Int? = null, filter: BundleFilter? = null): Flow<Bundle> =
    pageFlow(pageSize, filter).itemsOf { it.bundles }

// --- KakaoTalk ------------------------------------------------------------------------------

/** Every page of KakaoTalk senders (page size 1 to 100), fetched as collected. */
fun AsyncKakaoTalkSenders.pageFlow(pageSize: Int? = null): Flow<KakaoTalkSenderPage> =
    pageFlowOf({ pages(pageSize) }, { it.nextPage() })

/** Every KakaoTalk sender, page after page. */
fun AsyncKakaoTalkSenders.itemFlow(pageSize: Int? = null): Flow<KakaoTalkSender> =
    pageFlow(pageSize).itemsOf { it.senders }

/** Every page of one sender's KakaoTalk templates matching [filter] (page size 1 to 1000), as collected. */
fun AsyncKakaoTalkTemplates.pageFlow(
    pageSize: Int? = null,
    filter: KakaoTalkTemplateFilter? = null,
): Flow<KakaoTalkTemplatePage> = pageFlowOf({ pages(pageSize, filter) }, { it.nextPage() })

/** Every KakaoTalk template of the sender matching [filter], page after page. */
fun AsyncKakaoTalkTemplates.itemFlow(pageSize: Int? = null, filter: KakaoTalkTemplateFilter? = null): Flow<KakaoTalkTemplate> =
    pageFlow(pageSize, filter).itemsOf { it.templates }

// --- RCS senders ----------------------------------------------------------------------------

/** Every page of RCS senders matching [filter] (page size 1 to 100), fetched as collected. */
fun AsyncRcsSenders.pageFlow(pageSize: Int? = null, filter: RcsSenderFilter? = null): Flow<RcsSenderPage> =
    pageFlowOf({ pages(pageSize, filter) }, { it.nextPage() })

/** Every RCS sender matching [filter], page after page. */
fun AsyncRcsSenders.itemFlow(pageSize: Int? = null, filter: RcsSenderFilter? = null): Flow<RcsSender> =
    pageFlow(pageSize, filter).itemsOf { it.senders }

// --- WhatsApp -------------------------------------------------------------------------------

/** Every page of WhatsApp senders matching [filter] (page size 1 to 100), fetched as collected. */
fun AsyncWhatsappSenders.pageFlow(pageSize: Int? = null, filter: WhatsappSenderFilter? = null): Flow<WhatsappSenderPage> =
    pageFlowOf({ pages(pageSize, filter) }, { it.nextPage() })

/** Every WhatsApp sender matching [filter], page after page. */
fun AsyncWhatsappSenders.itemFlow(pageSize: Int? = null, filter: WhatsappSenderFilter? = null): Flow<WhatsappSender> =
    pageFlow(pageSize, filter).itemsOf { it.senders }

/** Every page of WhatsApp templates matching [filter] (alphabetical; page size 1 to 1000), as collected. */
fun AsyncWhatsappTemplates.pageFlow(
    pageSize: Int? = null,
    filter: WhatsappTemplateFilter? = null,
): Flow<WhatsappTemplatePage> = pageFlowOf({ pages(pageSize, filter) }, { it.nextPage() })

/** Every WhatsApp template matching [filter], page after page. */
fun AsyncWhatsappTemplates.itemFlow(pageSize: Int? = null, filter: WhatsappTemplateFilter? = null): Flow<WhatsappTemplate> =
    pageFlow(pageSize, filter).itemsOf { it.templates }

/** Every page of WhatsApp flows, fetched as collected. */
fun AsyncWhatsappFlows.pageFlow(pageSize: Int? = null): Flow<WhatsappFlowPage> =
    pageFlowOf({ pages(pageSize) }, { it.nextPage() })

/** Every WhatsApp flow, page after page. */
fun AsyncWhatsappFlows.itemFlow(pageSize: Int? = null): Flow<WhatsappFlow> =
    pageFlow(pageSize).itemsOf { it.flows }
