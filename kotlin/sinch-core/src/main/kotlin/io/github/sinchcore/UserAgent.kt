package io.github.sinchcore

/**
 * The calling platform in sinch-core's user agent (`sinch-core/<v> kotlin/<v> jvm/17.0.15`),
 * set once by `SinchAuth`'s companion (jvm-interop.awk). On Android, whose runtime reports
 * `java.vm.name` = `Dalvik` and `java.version` = `0`, it names the API level instead.
 */
internal fun userAgentPlatform(): String = userAgentPlatform(
    KotlinVersion.CURRENT.toString(),
    System.getProperty("java.vm.name"),
    System.getProperty("java.version"),
) { Class.forName("android.os.Build\$VERSION").getField("SDK_INT").getInt(null) }

internal fun userAgentPlatform(kotlin: String, vmName: String?, javaVersion: String?, androidSdk: () -> Int): String =
    if (vmName == "Dalvik") {
        "kotlin/$kotlin android/${runCatching(androidSdk).getOrNull() ?: "unknown"}"
    } else {
        "kotlin/$kotlin jvm/${javaVersion ?: "unknown"}"
    }
