// The same as KotlinMain.kt, from Java 11 (javac --release 11):
//   java -cp target/classes:<dependencies> example.JavaMain BASE_URL [PROJECT_ID]
package example;

import io.github.sinchcore.Paging;
import io.github.sinchcore.SinchException;
import io.github.sinchcore.Webhook;
import io.github.sinchcore.WebhookTriggers;
import io.github.sinchcore.client.ProvisioningClient;
import io.github.sinchcore.client.SinchAuth;
import io.github.sinchcore.client.Webhooks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

public final class JavaMain {
    private JavaMain() {}

    public static void main(String[] args) throws NoSuchAlgorithmException {
        String baseUrl = args.length > 0 ? args[0] : System.getenv("SINCH_BASE_URL");
        if (baseUrl == null) {
            System.err.println("usage: example.JavaMain BASE_URL [PROJECT_ID]   (or SINCH_BASE_URL)");
            System.exit(2);
        }
        baseUrl = baseUrl.replaceAll("/+$", "");
        String projectId = args.length > 1 ? args[1] : "java-consumer";
        // The emulator's demo key; a real application reads its own from its secret store.
        String keyId = System.getenv().getOrDefault("SINCH_KEY_ID", "demo-key-id");
        String keySecret = System.getenv().getOrDefault("SINCH_KEY_SECRET", "demo-key-secret");
        System.out.println("java: Java " + System.getProperty("java.version"));
        try (SinchAuth auth = SinchAuth.oauth(keyId, keySecret, baseUrl + "/oauth2/token");
                ProvisioningClient client = new ProvisioningClient(projectId, auth, baseUrl);
                Webhooks webhooks = client.webhooks()) {
            System.out.println("java: token " + fingerprint(auth.accessToken()) + " for key " + keyId);
            webhooks.create("https://example.com/hooks/java", "java-hook-secret", List.of(WebhookTriggers.ALL));
            List<String> targets = new ArrayList<>();
            for (Webhook w : Paging.items(webhooks, 10)) {
                targets.add(w.getTarget());
            }
            System.out.println("java: project " + projectId + " has " + targets.size() + " webhook(s): " + targets);
        } catch (SinchException.ApiException e) {
            System.err.println("java: HTTP " + e.getStatus() + " " + e.getErrorCode() + ": " + e.getResolution());
            System.exit(1);
        } catch (SinchException e) {
            // toString() is the plain sentence (the variants also have getReason()); never a secret.
            System.err.println("java: " + e);
            System.exit(1);
        }
    }

    private static String fingerprint(String secret) throws NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder("sha256:");
        for (int i = 0; i < 4; i++) {
            hex.append(String.format("%02x", digest[i]));
        }
        return hex.toString();
    }
}
