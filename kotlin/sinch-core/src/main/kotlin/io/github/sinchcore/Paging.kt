// Lazy Kotlin Sequences over the Rust pagers (and, for Java's for-each, the same as Iterables:
// `for (Webhook w : Paging.items(webhooks))`). No logic lives here: page sizes, page tokens and
// retries are Rust's; each sequence below is one loop on a pager's `nextPage()`.
@file:JvmName("Paging")

package io.github.sinchcore

import io.github.sinchcore.client.Bundles
import io.github.sinchcore.client.KakaoTalkSenders
import io.github.sinchcore.client.KakaoTalkTemplates
import io.github.sinchcore.client.RcsSenders
import io.github.sinchcore.client.SmsApps
import io.github.sinchcore.client.Webhooks
import io.github.sinchcore.client.WhatsappFlows
import io.github.sinchcore.client.WhatsappSenders
import io.github.sinchcore.client.WhatsappTemplates

/**
 * The one helper behind every `pageSequence()`: opens a Rust pager with [open] when iteration
 * starts, yields [next] until it returns `null`, and closes the pager (also when the consumer
 * stops early, e.g. `take(n)`, since `sequence {}` runs the `use` block's `finally` then).
 *
 * Lazy twice over: nothing happens until the sequence is iterated (so a page size Rust refuses
 * surfaces as [SinchException.InvalidConfig] on the first `next()`, not at the call), and each
 * page is one HTTP request made only when iteration reaches it. Iterating again starts over from
 * the first page with a fresh pager.
 */
private fun <P : AutoCloseable, Page : Any> pagesOf(open: () -> P, next: (P) -> Page?): Sequence<Page> =
    sequence {
        open().use { pager ->
            while (true) yield(next(pager) ?: break)
        }
    }

// --- Webhooks -------------------------------------------------------------------------------

/** Every page of webhooks (sorted by target), fetched lazily: one request per page reached. */
@JvmOverloads
fun Webhooks.pageSequence(pageSize: Int? = null): Sequence<WebhookPage> =
    pagesOf({ pages(pageSize) }, { it.nextPage() })

/** Every webhook of the project, page after page (see [pageSequence]). */
@JvmOverloads
fun Webhooks.all(pageSize: Int? = null): Sequence<Webhook> =
    pageSequence(pageSize).flatMap { it.webhooks }

// --- SMS apps -------------------------------------------------------------------------------

/** Every page of SMS apps (creation order; page size 1 to 100), fetched lazily. */
@JvmOverloads
fun SmsApps.pageSequence(pageSize: Int? = null): Sequence<SmsAppPage> =
    pagesOf({ pages(pageSize) }, { it.nextPage() })

/** Every SMS app of the project, page after page. */
@JvmOverloads
fun SmsApps.all(pageSize: Int? = null): Sequence<SmsApp> =
    pageSequence(pageSize).flatMap { it.smsApps }

// --- Bundles --------------------------------------------------------------------------------

/** Every page of bundles matching [filter] (page size 1 to 25), fetched lazily. */
@JvmOverloads
fun Bundles.pageSequence(pageSize: Int? = null, filter: BundleFilter? = null): Sequence<BundlePage> =
    pagesOf({ pages(pageSize, filter) }, { it.nextPage() })

/** Every bundle matching [filter], page after page. */
@JvmOverloads
fun Bundles.all(pageSize: Int? = null, filter: BundleFilter? = null): Sequence<Bundle> =
    pageSequence(pageSize, filter).flatMap { it.bundles }

// --- KakaoTalk senders ----------------------------------------------------------------------

/** Every page of KakaoTalk senders (page size 1 to 100), fetched lazily. */
@JvmOverloads
fun KakaoTalkSenders.pageSequence(pageSize: Int? = null): Sequence<KakaoTalkSenderPage> =
    pagesOf({ pages(pageSize) }, { it.nextPage() })

/** Every KakaoTalk sender, page after page. */
@JvmOverloads
fun KakaoTalkSenders.all(pageSize: Int? = null): Sequence<KakaoTalkSender> =
    pageSequence(pageSize).flatMap { it.senders }

// --- KakaoTalk templates --------------------------------------------------------------------

/** Every page of one sender's KakaoTalk templates matching [filter] (alphabetical; page size 1 to 1000), lazily. */
@JvmOverloads
fun KakaoTalkTemplates.pageSequence(
    pageSize: Int? = null,
    filter: KakaoTalkTemplateFilter? = null,
): Sequence<KakaoTalkTemplatePage> = pagesOf({ pages(pageSize, filter) }, { it.nextPage() })

/** Every KakaoTalk template of the sender matching [filter], page after page. */
@JvmOverloads
fun KakaoTalkTemplates.all(pageSize: Int? = null, filter: KakaoTalkTemplateFilter? = null): Sequence<KakaoTalkTemplate> =
    pageSequence(pageSize, filter).flatMap { it.templates }

// --- RCS senders ----------------------------------------------------------------------------

/** Every page of RCS senders matching [filter] (filters and sorting; page size 1 to 100), lazily. */
@JvmOverloads
fun RcsSenders.pageSequence(pageSize: Int? = null, filter: RcsSenderFilter? = null): Sequence<RcsSenderPage> =
    pagesOf({ pages(pageSize, filter) }, { it.nextPage() })

/** Every RCS sender matching [filter], page after page. */
@JvmOverloads
fun RcsSenders.all(pageSize: Int? = null, filter: RcsSenderFilter? = null): Sequence<RcsSender> =
    pageSequence(pageSize, filter).flatMap { it.senders }

// --- WhatsApp -------------------------------------------------------------------------------

/** Every page of WhatsApp senders matching [filter] (page size 1 to 100), fetched lazily. */
@JvmOverloads
fun WhatsappSenders.pageSequence(
    pageSize: Int? = null,
    filter: WhatsappSenderFilter? = null,
): Sequence<WhatsappSenderPage> = pagesOf({ pages(pageSize, filter) }, { it.nextPage() })

/** Every WhatsApp sender matching [filter], page after page. */
@JvmOverloads
fun WhatsappSenders.all(pageSize: Int? = null, filter: WhatsappSenderFilter? = null): Sequence<WhatsappSender> =
    pageSequence(pageSize, filter).flatMap { it.senders }

/** Every page of WhatsApp templates matching [filter] (alphabetical; page size 1 to 1000), lazily. */
@JvmOverloads
fun WhatsappTemplates.pageSequence(
    pageSize: Int? = null,
    filter: WhatsappTemplateFilter? = null,
): Sequence<WhatsappTemplatePage> = pagesOf({ pages(pageSize, filter) }, { it.nextPage() })

/** Every WhatsApp template matching [filter], page after page. */
@JvmOverloads
fun WhatsappTemplates.all(pageSize: Int? = null, filter: WhatsappTemplateFilter? = null): Sequence<WhatsappTemplate> =
    pageSequence(pageSize, filter).flatMap { it.templates }

/** Every page of WhatsApp flows, fetched lazily. */
@JvmOverloads
fun WhatsappFlows.pageSequence(pageSize: Int? = null): Sequence<WhatsappFlowPage> =
    pagesOf({ pages(pageSize) }, { it.nextPage() })

/** Every WhatsApp flow, page after page. */
@JvmOverloads
fun WhatsappFlows.all(pageSize: Int? = null): Sequence<WhatsappFlow> =
    pageSequence(pageSize).flatMap { it.flows }

// --- For Java: the same walks as Iterables ------------------------------------------------

/** [all] as an `Iterable`, for Java's for-each. */
@JvmOverloads
fun Webhooks.items(pageSize: Int? = null): Iterable<Webhook> = all(pageSize).asIterable()

/** [all] as an `Iterable`, for Java's for-each. */
@JvmOverloads
fun SmsApps.items(pageSize: Int? = null): Iterable<SmsApp> = all(pageSize).asIterable()

/** [all] as an `Iterable`, for Java's for-each. */
@JvmOverloads
fun Bundles.items(pageSize: Int? = null, filter: BundleFilter? = null): Iterable<Bundle> = all(pageSize, filter).asIterable()

/** [all] as an `Iterable`, for Java's for-each. */
@JvmOverloads
fun KakaoTalkSenders.items(pageSize: Int? = null): Iterable<KakaoTalkSender> = all(pageSize).asIterable()

/** [all] as an `Iterable`, for Java's for-each. */
@JvmOverloads
fun KakaoTalkTemplates.items(pageSize: Int? = null, filter: KakaoTalkTemplateFilter? = null): Iterable<KakaoTalkTemplate> =
    all(pageSize, filter).asIterable()

/** [all] as an `Iterable`, for Java's for-each. */
@JvmOverloads
fun RcsSenders.items(pageSize: Int? = null, filter: RcsSenderFilter? = null): Iterable<RcsSender> = all(pageSize, filter).asIterable()

/** [all] as an `Iterable`, for Java's for-each. */
@JvmOverloads
fun WhatsappSenders.items(pageSize: Int? = null, filter: WhatsappSenderFilter? = null): Iterable<WhatsappSender> = all(pageSize, filter).asIterable()

/** [all] as an `Iterable`, for Java's for-each. */
@JvmOverloads
fun WhatsappTemplates.items(pageSize: Int? = null, filter: WhatsappTemplateFilter? = null): Iterable<WhatsappTemplate> = all(pageSize, filter).asIterable()

/** [all] as an `Iterable`, for Java's for-each. */
@JvmOverloads
fun WhatsappFlows.items(pageSize: Int? = null): Iterable<WhatsappFlow> = all(pageSize).asIterable()
