package io.github.sinchcore

import com.sun.jna.Native
import com.sun.jna.Platform
import java.io.File

/**
 * sinch-core's native library could not be found for this platform: the jar carries it only
 * for [supportedPlatforms], and neither `-Djna.library.path` nor
 * `-Duniffi.component.<namespace>.libraryOverride` names one. Thrown by the first use of the
 * library (any class that calls into Rust); later uses throw `NoClassDefFoundError` whose cause
 * is this.
 *
 * It is an [UnsatisfiedLinkError] because it is thrown while a class is being initialized: the
 * JVM passes an `Error` through as it is, but would wrap an ordinary exception in
 * `ExceptionInInitializerError`, and code that already catches JNA's `UnsatisfiedLinkError`
 * keeps working.
 */
class UnsupportedPlatformException internal constructor(
    /** JNA's resource prefix for this JVM (`<os>-<arch>` from `os.name`/`os.arch`), e.g. `linux-riscv64`. */
    val platform: String,
    /** The platforms this jar has a native library for, e.g. `[linux-x86-64]`. */
    val supportedPlatforms: List<String>,
    cause: Throwable,
) : UnsatisfiedLinkError(
    "sinch-core has no native library for $platform (os.name=${System.getProperty("os.name")}, " +
        "os.arch=${System.getProperty("os.arch")}); this jar supports: " +
        (supportedPlatforms.joinToString().ifEmpty { "none" }) + ". On another platform, build " +
        "${System.mapLibraryName(NativeLibrary.NAME)} (cargo build --release -p sinch-core-ffi) and pass " +
        "-Djna.library.path=<its directory>.",
) {
    init {
        initCause(cause)
    }
}

/**
 * Where the generated bindings load the native library (jvm-interop.awk routes their
 * `Native.register` calls here), to turn "not found on this platform" into
 * [UnsupportedPlatformException]. Any other load failure (a library that is there but does not
 * load, or one the user pointed at) keeps JNA's own error, which says why.
 */
internal object NativeLibrary {
    const val NAME = "sinch_core_ffi"

    fun register(cls: Class<*>, libraryName: String, componentName: String) {
        try {
            Native.register(cls, libraryName)
        } catch (e: LinkageError) {
            // UnsatisfiedLinkError, or NoClassDefFoundError once JNA's own native part failed.
            throw explain(e, componentName)
        }
    }

    private fun explain(e: LinkageError, componentName: String): LinkageError {
        if (System.getProperty("uniffi.component.$componentName.libraryOverride") != null) return e
        val fileName = System.mapLibraryName(NAME)
        val onLibraryPath = (System.getProperty("jna.library.path") ?: "")
            .split(File.pathSeparator).any { it.isNotEmpty() && File(it, fileName).exists() }
        if (onLibraryPath) return e
        val platform = try {
            Platform.RESOURCE_PREFIX
        } catch (_: Throwable) {
            "${System.getProperty("os.name")}-${System.getProperty("os.arch")}"
        }
        if (NativeLibrary::class.java.getResource("/$platform/$fileName") != null) return e
        return UnsupportedPlatformException(platform, supportedPlatforms(), e)
    }

    /** Written at build time by build-native.sh: one line per platform directory in the jar. */
    private fun supportedPlatforms(): List<String> =
        NativeLibrary::class.java.getResourceAsStream("native-platforms.txt")
            ?.use { stream -> stream.bufferedReader().readLines().map(String::trim).filter(String::isNotEmpty) }
            ?: emptyList()
}
