package io.github.sinchcore.tests

import io.github.sinchcore.UnsupportedPlatformException
import io.github.sinchcore.client.sinchCoreVersion
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import org.junit.jupiter.api.io.TempDir
import java.io.File
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/**
 * What a user on a platform the jar has no native library for sees: a child JVM that reports
 * another architecture (`-Dos.arch=riscv64`: JNA and this library then look for `linux-riscv64/`
 * in the jar) and uses the library.
 *
 * JNA itself supports riscv64 (its jar has a dispatch library for it), but here that one cannot
 * load on x86-64, so `jna.boot.library.path` gives JNA the host's: JNA works, as it would on a
 * real riscv64 machine, and only sinch-core's library is missing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PlatformTest {
    @Test
    fun unsupportedPlatformIsATypedErrorNamingPlatformAndSupportedOnes(@TempDir dir: Path) {
        val out = probe("-Dos.arch=riscv64", "-Djna.boot.library.path=${jnaDispatch(dir)}")
        val first = out.line("first")
        assertContains(first, "caught UnsupportedPlatformException")
        assertContains(first, "sinch-core has no native library for linux-riscv64")
        assertContains(first, "os.arch=riscv64")
        assertContains(first, "this jar supports: linux-x86-64")
        assertContains(first, "platform=linux-riscv64 supported=[linux-x86-64]")
        // The class that failed to initialize stays failed; the JVM says why in the cause.
        val second = out.line("second")
        assertContains(second, "NoClassDefFoundError")
        assertContains(second, "sinch-core has no native library for linux-riscv64")
    }

    /**
     * The escape hatches on such a platform: a library built for it, named by
     * `jna.library.path` or by UniFFI's per-namespace override. (The host's library stands in
     * for it, and `jna.boot.library.path` gives JNA its own host dispatch library, which the
     * jna jar has only under the real platform's name.)
     */
    @Test
    fun libraryPathAndOverrideStillWorkOnAnUnsupportedPlatform(@TempDir dir: Path) {
        val libDir = Files.createDirectories(dir.resolve("lib"))
        val lib = extract("/linux-x86-64/libsinch_core_ffi.so", libDir)
        val fakeArch = arrayOf("-Dos.arch=riscv64", "-Djna.boot.library.path=${jnaDispatch(dir)}")

        val viaPath = probe(*fakeArch, "-Djna.library.path=$libDir")
        assertEquals("first: version ${sinchCoreVersion()}", viaPath.line("first"))

        val viaOverride = probe(
            *fakeArch,
            "-Duniffi.component.sinch_core.libraryOverride=$lib",
            "-Duniffi.component.sinch_core_ffi.libraryOverride=$lib",
        )
        assertEquals("first: version ${sinchCoreVersion()}", viaOverride.line("first"))
    }

    /** A directory with JNA's dispatch library for the real platform. */
    private fun jnaDispatch(dir: Path): Path {
        val jnaDir = Files.createDirectories(dir.resolve("jna"))
        extract("/com/sun/jna/linux-x86-64/libjnidispatch.so", jnaDir)
        return jnaDir
    }

    private fun extract(resource: String, dir: Path): Path {
        val target = dir.resolve(resource.substringAfterLast('/'))
        val input = javaClass.getResourceAsStream(resource) ?: error("$resource is not on the test classpath")
        input.use { Files.copy(it, target) }
        return target
    }

    private class Output(val text: String) {
        fun line(prefix: String): String =
            text.lineSequence().firstOrNull { it.startsWith("$prefix: ") } ?: error("no '$prefix:' line in:\n$text")
    }

    /** Runs [PlatformProbe] in a child JVM with [jvmArgs] and this test's classpath. */
    private fun probe(vararg jvmArgs: String): Output {
        val classpath = System.getProperty("surefire.test.class.path") ?: System.getProperty("java.class.path")
        val java = File(System.getProperty("java.home"), "bin/java").path
        val process = ProcessBuilder(listOf(java, "-cp", classpath) + jvmArgs + PlatformProbe::class.java.name)
            .redirectErrorStream(true)
            .start()
        val text = process.inputStream.bufferedReader().readText()
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end:\n$text")
        assertEquals(0, process.exitValue(), text)
        return Output(text)
    }
}

/** The child JVM's program: the first use of the library twice, each outcome on one line. */
object PlatformProbe {
    @JvmStatic
    fun main(args: Array<String>) {
        for (attempt in listOf("first", "second")) {
            try {
                println("$attempt: version ${sinchCoreVersion()}")
            } catch (e: UnsupportedPlatformException) {
                println("$attempt: caught UnsupportedPlatformException: ${e.message} platform=${e.platform} supported=${e.supportedPlatforms}")
            } catch (e: Throwable) {
                val chain = generateSequence(e) { it.cause }.joinToString(" <- ") { "${it.javaClass.simpleName}: ${it.message}" }
                println("$attempt: $chain")
            }
        }
    }
}
