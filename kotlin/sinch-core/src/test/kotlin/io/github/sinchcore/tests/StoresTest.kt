package io.github.sinchcore.tests

import io.github.sinchcore.SinchException
import io.github.sinchcore.StoredToken
import io.github.sinchcore.TokenStoreBackend
import io.github.sinchcore.client.SinchAuth
import io.github.sinchcore.client.TokenStore
import io.github.sinchcore.testing.SinchEmulator
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** An app's own token store: a map. This is all a Kotlin store has to implement. */
class MapTokenStore : TokenStoreBackend {
    val map = ConcurrentHashMap<String, StoredToken>()
    val loads = AtomicInteger()
    val saves = AtomicInteger()

    override fun load(key: String): StoredToken? = map[key].also { loads.incrementAndGet() }

    override fun save(key: String, token: StoredToken) {
        saves.incrementAndGet()
        map[key] = token
    }

    override fun remove(key: String) {
        map.remove(key)
    }
}

/** A store whose backend is down: every call throws. */
class BrokenTokenStore : TokenStoreBackend {
    val calls = AtomicInteger()
    override fun load(key: String): StoredToken? {
        calls.incrementAndGet()
        throw SinchException.StoreException("redis is down")
    }
    override fun save(key: String, token: StoredToken) {
        calls.incrementAndGet()
        throw IllegalStateException("not a SinchException: becomes Store too")
    }
    override fun remove(key: String) {
        calls.incrementAndGet()
    }
}

/** Token stores given to `SinchAuth.india(store = ...)` and `SinchAuth.oauth(store = ...)`. */
class StoresTest : EmulatorTestBase() {
    private fun india(store: TokenStore) = closeLater(
        SinchAuth.india(SinchEmulator.DEMO_USER, SinchEmulator.DEMO_PASSWORD, tokenUrl = emulator.keycloakTokenUrl, store = store)
    )

    @Test
    fun foreignStoreSeesTheTokenSavedAndReused() {
        val backend = MapTokenStore()
        val auth = india(closeLater(TokenStore.foreign(backend)))
        val token = auth.accessToken()
        assertEquals(1, backend.map.size, "the token was saved to the Kotlin map")
        val stored = backend.map.values.single()
        assertEquals(token, stored.accessToken)
        assertNotNull(stored.refreshToken, "the Keycloak refresh token is stored too")
        assertTrue(stored.expiresAtUnixMs > System.currentTimeMillis())
        assertFalse(stored.toString().contains(token), "StoredToken.toString() is redacted: $stored")
        assertFalse(backend.map.keys.single().contains(SinchEmulator.DEMO_PASSWORD), "the key names no password")

        auth.clearCachedToken()
        val loadsBefore = backend.loads.get()
        assertEquals(token, auth.accessToken(), "the same token, read back from the Kotlin store")
        assertTrue(backend.loads.get() > loadsBefore)
        assertEquals(1, emulator.counters().keycloakPasswordGrants, "no new token request")
        assertEquals(0, emulator.counters().keycloakRefreshGrants)
    }

    @Test
    fun foreignStoreWithOauth() {
        // Was dropped by core's Auth::oauth on the shared-cache path until main 5a69b38.
        val backend = MapTokenStore()
        val auth = closeLater(SinchAuth.oauth(SinchEmulator.DEMO_KEY_ID, SinchEmulator.DEMO_KEY_SECRET, emulator.tokenUrl,
            closeLater(TokenStore.foreign(backend))))
        val token = auth.accessToken()
        assertEquals(token, backend.map.values.single().accessToken)
        assertNull(backend.map.values.single().refreshToken)
        assertFalse(backend.map.keys.single().contains(SinchEmulator.DEMO_KEY_SECRET), "the key names no secret")
        auth.clearCachedToken()
        assertEquals(token, auth.accessToken(), "read back from the Kotlin store")
        assertEquals(1, emulator.counters().tokenRequests, "no new token request")
    }

    @Test
    fun fileStoreHoldsNoKeySecret(@TempDir dir: Path) {
        val path = dir.resolve("tokens.json")
        val store = closeLater(TokenStore.file(path.toString()))
        val token = closeLater(SinchAuth.oauth(SinchEmulator.DEMO_KEY_ID, SinchEmulator.DEMO_KEY_SECRET, emulator.tokenUrl, store))
            .accessToken()
        val text = Files.readString(path)
        assertTrue(text.contains("sealed.v1."), text)
        assertFalse(text.contains(token), "the token is sealed with the key secret")
        assertFalse(text.contains(SinchEmulator.DEMO_KEY_SECRET))
    }

    @Test
    fun failingForeignStoreIsIgnoredNotFatal() {
        val backend = BrokenTokenStore()
        val auth = india(closeLater(TokenStore.foreign(backend)))
        val token = auth.accessToken()
        assertTrue(token.isNotEmpty())
        assertTrue(backend.calls.get() >= 1)
        assertEquals(token, auth.accessToken())
        assertEquals(1, emulator.counters().keycloakPasswordGrants)
    }

    @Test
    fun memoryStoreIsConsultedAfterTheCacheIsCleared() {
        val store = closeLater(TokenStore.memory())
        val auth = india(store)
        val a = auth.accessToken()
        auth.clearCachedToken()
        assertEquals(a, india(store).accessToken())
        assertEquals(1, emulator.counters().keycloakPasswordGrants)
    }

    @Test
    fun fileStoreIsPrivateAndHoldsNoSecretOrPassword(@TempDir dir: Path) {
        val path = dir.resolve("tokens.json")
        val auth = india(closeLater(TokenStore.file(path.toString())))
        val token = auth.accessToken()
        val text = Files.readString(path)
        // Kept for other processes, sealed with the credential: nothing in the file is usable.
        assertTrue(text.contains("sealed.v1."), text)
        assertFalse(text.contains(token), "the token is inside the seal")
        assertFalse(text.contains("refresh_token"), "so is the refresh token")
        assertFalse(text.contains(SinchEmulator.DEMO_PASSWORD))
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))

        // Another store object on the same file (as another process would build) finds it there.
        auth.clearCachedToken()
        assertEquals(token, india(closeLater(TokenStore.file(path.toString()))).accessToken())
        assertEquals(1, emulator.counters().keycloakPasswordGrants)
    }

    @Test
    fun corruptStoreFileIsIgnoredAndReplaced(@TempDir dir: Path) {
        val path = dir.resolve("tokens.json")
        Files.writeString(path, "{ this is not json")
        assertTrue(india(closeLater(TokenStore.file(path.toString()))).accessToken().isNotEmpty())
        assertTrue(Files.readString(path).contains("sinch-core/token-store"))
    }
}
