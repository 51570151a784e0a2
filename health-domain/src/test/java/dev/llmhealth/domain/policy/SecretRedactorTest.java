package dev.llmhealth.domain.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretRedactorTest {

    private final SecretRedactor redactor = new SecretRedactor(List.of("hunter2-db-password", "my-master-key-42"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Incorrect API key provided: sk-proj-abc123XYZ                  | Incorrect API key provided: ***",
            "header was Authorization: Bearer abc.def-ghi                   | header was Authorization: Bearer ***",
            "https://x.example/v1?api-key=zzz123&x=1                        | https://x.example/v1?api-key=***&x=1",
            "postgresql://admin:s3cret@db:5432/litellm                      | postgresql://***@db:5432/litellm",
            "login failed for hunter2-db-password                           | login failed for ***",
            "{\"password\": \"abc\"}                                         | {\"password\": \"***\"}",
            "key my-master-key-42 rejected                                  | key *** rejected",
            "plain upstream exploded                                        | plain upstream exploded"})
    void masksSecretsAndKeepsTheRest(String text, String expected) {
        assertEquals(expected, redactor.redact(text));
    }

    @ParameterizedTest
    @CsvSource({"x-api-key: sk-ant-api03-secret", "api_key=sk-canary-123456 and Bearer sk-canary-123456"})
    void noKeyShapeSurvives(String text) {
        String redacted = redactor.redact(text);
        assertFalse(redacted.contains("secret"), redacted);
        assertFalse(redacted.contains("canary"), redacted);
    }
}
