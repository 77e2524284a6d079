# Makes the generated Kotlin callable from Java as Java developers expect, after uniffi-bindgen
# and before compiling: UniFFI 0.32 has no option for either annotation.
#
# * Named constructors live in a `companion object`: Java would call
#   `SinchAuth.Companion.oauth(...)`. `@JvmStatic` makes them `SinchAuth.oauth(...)`.
# * Optional parameters have Kotlin defaults, which Java cannot omit. `@JvmOverloads` gives
#   Java one overload per trailing optional parameter, on those factories and on constructors
#   (`new ProvisioningClient(projectId, auth)`).
#
# * Records with optional fields get `@JvmOverloads` on their constructor too
#   (`new HttpOptions(null, Duration.ofSeconds(1))`).
#
# * The user agent names the calling language, as the Python package's does: `SinchAuth`'s
#   companion (every request needs a SinchAuth, made through it) sets
#   `sinch-core/<version> kotlin/<version> jvm/<version>` (`android/<API level>` on Android) once,
#   when first used (UserAgent.kt).
#
# * The `Async…` twins go through the same rules (their constructors get `@JvmOverloads`) and
#   nothing more: their methods are `suspend fun`s, which Java cannot usefully call, so Java keeps
#   the blocking objects.
#
# * Loading the native library goes through NativeLibrary.register (src/main/kotlin), which
#   names the platform and the supported ones when the jar has no library for it.
#
# Otherwise it only adds annotations; a Java test suite (kotlin/sinch-core/src/test/java) compiles against the result.
# The companion's extent is found by counting braces outside comments and string literals.
function code(line) {
    if (line ~ /^ *\*\/ /) sub(/^ *\*\/ /, "", line)    # code after a doc comment's end
    else if (line ~ /^ *(\/\*|\*|\/\/)/) return ""
    gsub(/"([^"\\]|\\.)*"/, "", line)
    return line
}
/^(open )?class / { in_auth = ($0 ~ /^open class SinchAuth[ :(]/) }
/^    companion object \{$/ {
    in_companion = 1; depth = 1; print
    if (in_auth)
        print "        init { setUserAgentPlatform(io.github.sinchcore.userAgentPlatform()) }"
    next
}
in_companion {
    if (depth == 1 && $0 ~ /^ *(\*\/ )?(@Throws\(SinchException::class\) )?fun /) {
        # @JvmOverloads only where a parameter has a default (before the line's last `)`):
        # elsewhere Kotlin warns that it has no effect.
        params = $0
        sub(/\)[^)]*$/, "", params)
        sub(/fun /, params ~ / = / ? "@JvmStatic @JvmOverloads fun " : "@JvmStatic fun ")
    }
    c = code($0)
    depth += gsub(/\{/, "{", c) - gsub(/\}/, "}", c)
    if (depth <= 0) in_companion = 0
}
/^    constructor\(.*= null/ { sub(/constructor\(/, "@JvmOverloads constructor(") }

# Loading goes through NativeLibrary (hand-written), which turns "no library for this platform"
# into UnsupportedPlatformException instead of JNA's bare UnsatisfiedLinkError.
/Native\.register\([A-Za-z]+::class\.java, findLibraryName\(componentName = "[a-z_]+"\)\)/ {
    match($0, /componentName = "[a-z_]+"/)
    component = substr($0, RSTART + 17, RLENGTH - 18)
    sub(/Native\.register\(/, "io.github.sinchcore.NativeLibrary.register(")
    sub(/\)\)/, "), \"" component "\")")
}

# A record is held until its parameter list closes, to annotate only those with defaults.
/^data class [A-Za-z_]+ \($/ { held = $0; n = 0; defaults = 0; next }
held != "" {
    lines[++n] = $0
    if ($0 ~ /= [^=]/) defaults = 1
    if ($0 ~ /^\)/) {
        if (defaults) sub(/ \($/, " @JvmOverloads constructor (", held)
        print held
        for (i = 1; i <= n; i++) print lines[i]
        held = ""
    }
    next
}
{ print }
