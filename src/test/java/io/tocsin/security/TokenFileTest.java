package io.tocsin.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The token file format: name:roles:sha256 per line, comments, and errors with file and line. */
class TokenFileTest {

    private static final String HASH = ApiToken.sha256Hex("tocsin_example");

    @Test
    void readsTokensAndSkipsCommentsAndBlankLines() {
        List<ApiToken> tokens = TokenFile.parse(List.of("# header", "", "  prometheus:ingest:" + HASH + "  ",
                "alice:read,operator:" + HASH.toUpperCase()), "tokens");
        assertEquals(List.of("prometheus", "alice"), tokens.stream().map(ApiToken::name).toList());
        assertEquals(Set.of("read", "operator"), tokens.get(1).roles());
        assertArrayEquals(ApiToken.sha256("tocsin_example"), tokens.get(0).sha256());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "alice:read                 | tokens:2: expected name:roles:sha256, found 2 field(s)",
        "alice:reader:HASH          | tokens:2: unknown role 'reader' (roles are ingest, read, operator, admin)",
        "alice::HASH                | tokens:2: unknown role '' (roles are ingest, read, operator, admin)",
        "al ice:read:HASH           | tokens:2: token name 'al ice': use 1 to 64 letters, digits and . _ @ -",
        "alice:read:tocsin_abcdef   | tokens:2: the third field must be the SHA-256 of the token (64 hex digits),"
                + " never the token itself; ./tocsin token prints the line to add",
    })
    void refusesBadLinesNamingTheLine(String line, String message) {
        TokenFile.InvalidTokenFile e = assertThrows(TokenFile.InvalidTokenFile.class,
                () -> TokenFile.parse(List.of("# ok", line.replace("HASH", HASH)), "tokens"));
        assertEquals(message, e.getMessage());
    }

    @Test
    void theLineOfANewTokenReadsBack() {
        String token = ApiToken.generate();
        ApiToken read = TokenFile.parse(List.of(TokenFile.line("ci", "ingest,read", token)), "t").get(0);
        assertEquals("ci", read.name());
        assertEquals(Set.of("ingest", "read"), read.roles());
        assertArrayEquals(ApiToken.sha256(token), read.sha256());
    }

    @Test
    void generatedTokensAreLongRandomAndPrefixed() {
        String a = ApiToken.generate();
        String b = ApiToken.generate();
        assertEquals(ApiToken.PREFIX.length() + 43, a.length()); // 32 bytes in unpadded base64url
        assertEquals(true, a.startsWith("tocsin_") && a.substring(7).matches("[A-Za-z0-9_-]{43}"), a);
        assertEquals(false, a.equals(b));
    }
}
