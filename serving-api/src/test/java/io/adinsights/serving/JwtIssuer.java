package io.adinsights.serving;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** A local token issuer: an RSA key, its JWK set served over HTTP on 127.0.0.1, and real signed JWTs. */
final class JwtIssuer implements AutoCloseable {

    static final String ISSUER = "https://issuer.test.adinsights.io";

    private final RSAKey key;
    private final RSAKey otherKey;
    private final HttpServer server;

    JwtIssuer() {
        try {
            this.key = new RSAKeyGenerator(2048).keyID("test-key").generate();
            this.otherKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(jwks);
                }
            });
            server.start();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String jwkSetUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    /** A valid token with the scope and advertiser ids. */
    String token(String scope, List<String> advertisers) {
        return sign(key, ISSUER, scope, advertisers, Instant.now().plus(Duration.ofMinutes(10)));
    }

    String expiredToken(String scope, List<String> advertisers) {
        return sign(key, ISSUER, scope, advertisers, Instant.now().minus(Duration.ofMinutes(10)));
    }

    String tokenSignedByAnotherKey(String scope, List<String> advertisers) {
        return sign(otherKey, ISSUER, scope, advertisers, Instant.now().plus(Duration.ofMinutes(10)));
    }

    String tokenFromAnotherIssuer(String scope, List<String> advertisers) {
        return sign(key, "https://elsewhere.example", scope, advertisers, Instant.now().plus(Duration.ofMinutes(10)));
    }

    private static String sign(RSAKey signingKey, String issuer, String scope, List<String> advertisers,
            Instant expiry) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(issuer)
                    .subject("test-client")
                    .claim("scope", scope)
                    .claim("advertiser_ids", advertisers)
                    .issueTime(Date.from(expiry.minus(Duration.ofMinutes(20))))
                    .expirationTime(Date.from(expiry))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                    .build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
