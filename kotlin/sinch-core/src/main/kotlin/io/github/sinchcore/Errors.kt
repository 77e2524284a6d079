package io.github.sinchcore

/**
 * The plain, human-readable sentence of any [SinchException] (rendered in Rust; it never holds a
 * secret). Every variant has it; this extension reaches it through the sealed base type.
 *
 * `toString()` is the same sentence (Rust's `Display`, exported), so string templates and
 * loggers show it as is. Prefer either over `message`: the generated `message` of each variant
 * lists its fields (`reason=...`, or `status=..., errorCode=..., ..., reason=...` for
 * [SinchException.ApiException]), and cannot be changed from outside the generated code.
 */
val SinchException.reason: String
    get() = when (this) {
        is SinchException.InvalidConfig -> reason
        is SinchException.InvalidCredentials -> reason
        is SinchException.RefreshExpired -> reason
        is SinchException.RateLimited -> reason
        is SinchException.ApiException -> reason
        is SinchException.ServiceUnavailable -> reason
        is SinchException.NetworkException -> reason
        is SinchException.Timeout -> reason
        is SinchException.ProtocolException -> reason
        is SinchException.StoreException -> reason
        is SinchException.InternalException -> reason
    }
