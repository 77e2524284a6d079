package io.github.sinchcore.testing

import org.junit.jupiter.api.extension.BeforeAllCallback
import org.junit.jupiter.api.extension.BeforeEachCallback
import org.junit.jupiter.api.extension.ExtendWith
import org.junit.jupiter.api.extension.ExtensionContext
import org.junit.jupiter.api.extension.ParameterContext
import org.junit.jupiter.api.extension.ParameterResolver
import java.io.File
import java.lang.annotation.Inherited
import java.nio.file.Files
import java.nio.file.StandardCopyOption

/**
 * One `sinch-emulator` per test class, reset before each test, injected as a [SinchEmulator]
 * parameter (test methods, constructors, `@BeforeEach`/`@BeforeAll` methods).
 *
 * ```kotlin
 * @WithSinchEmulator
 * class WebhookTest {
 *     @Test fun lists(emulator: SinchEmulator) { ... emulator.tokenUrl ... emulator.counters() ... }
 * }
 * ```
 * ```java
 * @WithSinchEmulator(seed = "seed.json")
 * class WebhookTest {
 *     @Test void lists(SinchEmulator emulator) { ... emulator.getTokenUrl() ... }
 * }
 * ```
 * The reset before each test clears counters, faults and resources (seeded ones come back) but
 * keeps issued tokens valid, so clients and the library's process-wide token cache can live
 * across tests; `revokeTokensOnReset = true` refuses them at every reset instead. `@Nested`
 * classes share their outer class's emulator. The process stops when the class's tests are done.
 *
 * `@ExtendWith(SinchEmulatorExtension::class)` alone works too, with the defaults.
 */
@Target(AnnotationTarget.CLASS)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
@Inherited
@ExtendWith(SinchEmulatorExtension::class)
annotation class WithSinchEmulator(
    /**
     * Resources to create at start and restore at every reset (the emulator's `--seed`): a
     * classpath resource (e.g. `seed.json` in `src/test/resources`) or else a file path.
     */
    val seed: String = "",
    /** More command-line options, e.g. `["--token-lifetime", "5"]` (see the emulator's README). */
    val args: Array<String> = [],
    /** Also refuse the tokens issued before each reset (default: they stay valid). */
    val revokeTokensOnReset: Boolean = false,
)

/** The JUnit 5 extension behind [WithSinchEmulator]. */
class SinchEmulatorExtension : BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    override fun beforeAll(context: ExtensionContext) {
        emulator(context)
    }

    override fun beforeEach(context: ExtensionContext) {
        emulator(context).reset(revokeTokens = settings(context)?.revokeTokensOnReset ?: false)
    }

    override fun supportsParameter(parameterContext: ParameterContext, extensionContext: ExtensionContext): Boolean =
        parameterContext.parameter.type == SinchEmulator::class.java

    override fun resolveParameter(parameterContext: ParameterContext, extensionContext: ExtensionContext): Any =
        emulator(extensionContext)

    /**
     * The class's emulator, started on first need (with a per-class test instance, constructor
     * parameters are resolved before `beforeAll`). A nested class finds its outer class's one:
     * store lookups go up to the parent contexts. The store closes it (AutoCloseable) when the
     * class context ends.
     */
    private fun emulator(context: ExtensionContext): SinchEmulator {
        val classContext = classContext(context)
        return classContext.getStore(NAMESPACE)
            .getOrComputeIfAbsent(KEY, { start(classContext) }, SinchEmulator::class.java)
    }

    private fun classContext(context: ExtensionContext): ExtensionContext {
        var c = context
        while (c.testMethod.isPresent) c = c.parent.orElseThrow()
        return c
    }

    private fun settings(context: ExtensionContext): WithSinchEmulator? {
        var c: ExtensionContext? = context
        while (c != null) {
            c.testClass.orElse(null)?.let { cls ->
                var k: Class<*>? = cls
                while (k != null) {
                    k.getAnnotation(WithSinchEmulator::class.java)?.let { return it }
                    k = k.enclosingClass
                }
            }
            c = c.parent.orElse(null)
        }
        return null
    }

    private fun start(context: ExtensionContext): SinchEmulator {
        val settings = settings(context)
        val args = mutableListOf<String>()
        if (settings != null) {
            if (settings.seed.isNotEmpty()) args += listOf("--seed", seedFile(settings.seed, context))
            args += settings.args
        }
        return SinchEmulator.start(*args.toTypedArray())
    }

    private fun seedFile(seed: String, context: ExtensionContext): String {
        val loader = context.testClass.map { it.classLoader }.orElse(null) ?: javaClass.classLoader
        val resource = loader.getResource(seed.removePrefix("/"))
            ?: return File(seed).takeIf { it.isFile }?.absolutePath
                ?: throw SinchEmulatorException("seed $seed: neither a classpath resource nor a file")
        if (resource.protocol == "file") return File(resource.toURI()).absolutePath
        // Inside a jar: the emulator needs a file.
        val file = Files.createTempFile("sinch-emulator-seed-", ".json")
        resource.openStream().use { Files.copy(it, file, StandardCopyOption.REPLACE_EXISTING) }
        file.toFile().deleteOnExit()
        return file.toString()
    }

    private companion object {
        val NAMESPACE: ExtensionContext.Namespace = ExtensionContext.Namespace.create(SinchEmulatorExtension::class.java)
        const val KEY = "emulator"
    }
}
